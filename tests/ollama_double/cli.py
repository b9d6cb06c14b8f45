"""``ollama``-compatible command line for the double (what the container image runs).

    python -m tests.ollama_double.cli serve            # or: tests/ollama_double/bin/ollama serve
    python -m tests.ollama_double.cli list
    python -m tests.ollama_double.cli show MODEL
    python -m tests.ollama_double.cli pull MODEL
    python -m tests.ollama_double.cli run MODEL ""     # empty prompt: load the model, exit 0
    python -m tests.ollama_double.cli ps | rm MODEL | --version

Client commands talk HTTP to ``OLLAMA_HOST`` (default ``http://127.0.0.1:11434``)
and fail like Ollama's CLI: ``Error: ...`` on stderr, exit status 1.

``serve`` binds per ``OLLAMA_HOST`` (``0.0.0.0:11434``, ``http://host:port``,
default ``127.0.0.1:11434``) unless ``--host``/``--port`` are given, keeps models
in ``OLLAMA_MODELS`` (or ``--store``), and reads every double option from a flag
or its ``OLLAMA_DOUBLE_*`` environment variable (``serve --help`` lists them).

Only httpx, starlette and uvicorn are needed; xllamacpp is imported only when
the ``tiny-model`` behaviour answers a request.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

DEFAULT_PORT = 11434
CLIENT_VERSION = "0.13.0"


def parse_host(value: str | None, *, default_host: str = "127.0.0.1") -> tuple[str, str, int]:
    """``OLLAMA_HOST`` -> (scheme, host, port), read the way Ollama reads it.

    ``0.0.0.0:11434`` -> http, 0.0.0.0, 11434; ``http://ollama:11434`` -> http, ollama, 11434;
    no port: 11434, or 80/443 when a scheme was written; empty -> 127.0.0.1:11434.
    """
    raw = (value or "").strip()
    scheme, default_port = "http", DEFAULT_PORT
    if "://" in raw:
        scheme, raw = raw.split("://", 1)
        default_port = 443 if scheme == "https" else 80
    raw = raw.split("/", 1)[0]
    if not raw:
        return scheme, default_host, default_port
    parts = urlsplit(f"//{raw}")
    try:
        port = parts.port or default_port
    except ValueError:
        port = default_port
    return scheme, parts.hostname or default_host, port


def base_url() -> str:
    scheme, host, port = parse_host(os.environ.get("OLLAMA_HOST"))
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def fail(message: str) -> int:
    print(f"Error: {message}", file=sys.stderr)
    return 1


def human_size(size: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def human_since(iso: str) -> str:
    try:
        then = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    seconds = max(0.0, (datetime.now(UTC) - then).total_seconds())
    for unit, scale in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= scale:
            n = int(seconds // scale)
            if n == 1:
                return f"About a{'n' if unit == 'hour' else ''} {unit} ago"
            return f"{n} {unit}s ago"
    if seconds < 1:
        return "Less than a second ago"
    return "1 second ago" if int(seconds) == 1 else f"{int(seconds)} seconds ago"


# -- client commands -----------------------------------------------------------------------


def _client() -> Any:
    import httpx

    return httpx.Client(base_url=base_url(), timeout=httpx.Timeout(600.0, connect=5.0))


def _connect_error() -> int:
    return fail("could not connect to ollama server, run 'ollama serve' to start it")


def _call(method: str, path: str, **kwargs: Any) -> Any:
    """One non-streamed request to the server; None when it cannot be reached."""
    import httpx

    try:
        with _client() as client:
            return client.request(method, path, **kwargs)
    except httpx.TransportError:
        return None


def _error_text(response: Any) -> str:
    try:
        return str(response.json().get("error") or response.text)
    except ValueError:
        return response.text.strip() or f"HTTP {response.status_code}"


def cmd_list(args: argparse.Namespace) -> int:
    response = _call("GET", "/api/tags")
    if response is None:
        return _connect_error()
    if response.status_code != 200:
        return fail(_error_text(response))
    rows = [("NAME", "ID", "SIZE", "MODIFIED")]
    for model in response.json().get("models", []):
        rows.append(
            (
                model["name"],
                str(model.get("digest", ""))[:12],
                human_size(int(model.get("size", 0))),
                human_since(model.get("modified_at", "")),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        print(
            f"{row[0]:<{widths[0]}}    {row[1]:<{widths[1]}}    {row[2]:<{widths[2]}}    {row[3]}"
        )
    return 0


def cmd_ps(args: argparse.Namespace) -> int:
    response = _call("GET", "/api/ps")
    if response is None:
        return _connect_error()
    print("NAME\tID\tSIZE\tPROCESSOR\tCONTEXT\tUNTIL")
    for model in response.json().get("models", []):
        print(
            f"{model['name']}\t{model['digest'][:12]}\t{human_size(model['size'])}\t100% CPU\t"
            f"{model.get('context_length', '')}\t{model.get('expires_at', '')}"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    response = _call("POST", "/api/show", json={"model": args.model})
    if response is None:
        return _connect_error()
    if response.status_code != 200:
        return fail(_error_text(response))
    data = response.json()
    details = data.get("details", {})
    info = data.get("model_info", {})
    context = next((v for k, v in info.items() if k.endswith(".context_length")), "")
    print("  Model")
    for label, value in (
        ("architecture", details.get("family", "")),
        ("parameters", details.get("parameter_size", "")),
        ("context length", context),
        ("quantization", details.get("quantization_level", "")),
    ):
        print(f"    {label:<20}{value}")
    print()
    print("  Capabilities")
    for capability in data.get("capabilities", []):
        print(f"    {capability}")
    print()
    return 0


def _pull(model: str) -> int:
    import httpx

    seen: set[str] = set()
    try:
        with (
            _client() as client,
            client.stream("POST", "/api/pull", json={"model": model}) as response,
        ):
            if response.status_code != 200:
                response.read()
                return fail(_error_text(response))
            for raw in response.iter_lines():
                if not raw.strip():
                    continue
                item = json.loads(raw)
                if "error" in item:
                    return fail(item["error"])
                status = item.get("status", "")
                if "digest" in item and item.get("total"):
                    total = int(item["total"])
                    completed = int(item.get("completed") or 0)
                    key = f"{status}:{completed == total}"
                    if key not in seen:
                        seen.add(key)
                        pct = 100 * completed // max(1, total)
                        print(f"{status}: {pct:3d}% {human_size(total)}", file=sys.stderr)
                elif status not in seen:
                    seen.add(status)
                    print(status, file=sys.stderr)
    except httpx.TransportError:
        return _connect_error()
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    return _pull(args.model)


def cmd_rm(args: argparse.Namespace) -> int:
    response = _call("DELETE", "/api/delete", json={"model": args.model})
    if response is None:
        return _connect_error()
    if response.status_code != 200:
        return fail(_error_text(response))
    print(f"deleted '{args.model}'")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    import httpx

    prompt = " ".join(args.prompt) if args.prompt else ""
    if not args.prompt and not sys.stdin.isatty():
        prompt = sys.stdin.read()
    try:
        with _client() as client:
            shown = client.post("/api/show", json={"model": args.model})
            if shown.status_code == 404:
                code = _pull(args.model)
                if code:
                    return code
            elif shown.status_code != 200:
                return fail(_error_text(shown))
            body: dict[str, Any] = {"model": args.model}
            if args.keepalive:
                body["keep_alive"] = args.keepalive
            if not prompt.strip():
                response = client.post("/api/generate", json={**body, "stream": False})
                if response.status_code != 200:
                    return fail(_error_text(response))
                return 0
            body["messages"] = [{"role": "user", "content": prompt}]
            with client.stream("POST", "/api/chat", json=body) as response:
                if response.status_code != 200:
                    response.read()
                    return fail(_error_text(response))
                for raw in response.iter_lines():
                    if not raw.strip():
                        continue
                    item = json.loads(raw)
                    if "error" in item:
                        print()
                        return fail(item["error"])
                    message = item.get("message") or {}
                    sys.stdout.write(message.get("content") or "")
                    for call in message.get("tool_calls") or []:
                        sys.stdout.write(json.dumps(call.get("function")))
                    sys.stdout.flush()
            print()
    except httpx.TransportError:
        return _connect_error()
    return 0


def cmd_version() -> int:
    import httpx

    try:
        with _client() as client:
            version = client.get("/api/version").json().get("version")
        print(f"ollama version is {version}")
    except (httpx.TransportError, ValueError):
        print("Warning: could not connect to a running Ollama instance", file=sys.stderr)
        print(f"Warning: client version is {CLIENT_VERSION}", file=sys.stderr)
    return 0


# -- serve ---------------------------------------------------------------------------------

# (flag, env var, type, default, help)
SERVE_OPTIONS: list[tuple[str, str, Any, Any, str]] = [
    (
        "--behaviour",
        "OLLAMA_DOUBLE_BEHAVIOUR",
        str,
        "tools",
        "tools|no-tools|json-text-tools|slow|errors|tiny-model",
    ),
    (
        "--cost-model",
        "OLLAMA_DOUBLE_COST_MODEL",
        str,
        "none",
        "preset: none|cpu|gpu (figures below override it)",
    ),
    ("--prompt-token-ms", "OLLAMA_DOUBLE_PROMPT_TOKEN_MS", float, None, "sleep per prompt token"),
    ("--gen-token-ms", "OLLAMA_DOUBLE_GEN_TOKEN_MS", float, None, "sleep per generated token"),
    ("--load-ms", "OLLAMA_DOUBLE_LOAD_MS", float, None, "sleep per model load"),
    (
        "--slow-first-ms",
        "OLLAMA_DOUBLE_SLOW_FIRST_MS",
        float,
        3000.0,
        "slow: pause before the first chunk",
    ),
    ("--slow-chunk-ms", "OLLAMA_DOUBLE_SLOW_CHUNK_MS", float, 250.0, "slow: pause between chunks"),
    (
        "--error-count",
        "OLLAMA_DOUBLE_ERROR_COUNT",
        int,
        0,
        "errors: fail the first N chat calls (0 = all)",
    ),
    ("--error-status", "OLLAMA_DOUBLE_ERROR_STATUS", int, 500, "errors: HTTP status"),
    (
        "--error-message",
        "OLLAMA_DOUBLE_ERROR_MESSAGE",
        str,
        "llama runner process has terminated: exit status 2",
        "errors: message",
    ),
    (
        "--error-mode",
        "OLLAMA_DOUBLE_ERROR_MODE",
        str,
        "http",
        "errors: http (status + body) | midstream (error line in the stream)",
    ),
    ("--pull-seconds", "OLLAMA_DOUBLE_PULL_SECONDS", float, 0.0, "how long a pull takes"),
    (
        "--registry-host",
        "OLLAMA_DOUBLE_REGISTRY_HOST",
        str,
        "registry.ollama.ai",
        "registry named in offline errors",
    ),
    (
        "--registry-models",
        "OLLAMA_DOUBLE_REGISTRY_MODELS",
        str,
        "",
        "comma list of pullable models (empty = any)",
    ),
    (
        "--preload",
        "OLLAMA_DOUBLE_PRELOAD",
        str,
        "",
        "comma list of models put in the store at startup",
    ),
    ("--keep-alive", "OLLAMA_KEEP_ALIVE", str, "5m", "default keep_alive"),
    ("--num-parallel", "OLLAMA_NUM_PARALLEL", int, 1, "requests generated at the same time"),
    (
        "--parallel-tool-calls",
        "OLLAMA_DOUBLE_PARALLEL_TOOL_CALLS",
        int,
        1,
        "tools: up to N relevant tools called in one turn",
    ),
    (
        "--max-tool-rounds",
        "OLLAMA_DOUBLE_MAX_TOOL_ROUNDS",
        int,
        1,
        "tool-call rounds before answering",
    ),
    (
        "--tiny-max-tokens",
        "OLLAMA_DOUBLE_TINY_MAX_TOKENS",
        int,
        256,
        "tiny-model: cap on generated tokens",
    ),
    ("--tiny-ctx", "OLLAMA_DOUBLE_TINY_CTX", int, 4096, "tiny-model: n_ctx"),
    ("--tiny-threads", "OLLAMA_DOUBLE_TINY_THREADS", int, 2, "tiny-model: CPU threads"),
    (
        "--tiny-tools",
        "OLLAMA_DOUBLE_TINY_TOOLS",
        str,
        "prompt",
        "tiny-model: prompt (the model may call a tool) | constrained (it must)",
    ),
    ("--log-level", "OLLAMA_DOUBLE_LOG_LEVEL", str, "warning", "uvicorn log level"),
]


def _env_default(env: str, kind: Any, default: Any) -> Any:
    raw = os.environ.get(env)
    if raw is None or raw == "":
        return default
    return kind(raw)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=None, help="bind address (default from OLLAMA_HOST)")
    parser.add_argument("--port", type=int, default=None, help="port (default from OLLAMA_HOST)")
    parser.add_argument("--store", default=None, help="model store (default OLLAMA_MODELS)")
    parser.add_argument(
        "--model-behaviour",
        action="append",
        default=[],
        metavar="NAME=BEHAVIOUR",
        help="per-model behaviour (env OLLAMA_DOUBLE_MODEL_BEHAVIOURS=a=b,c=d)",
    )
    truthy = ("1", "true", "yes", "on")
    parser.add_argument(
        "--offline",
        action="store_true",
        default=os.environ.get("OLLAMA_DOUBLE_OFFLINE", "").lower() in truthy,
        help="registry unreachable: pulls fail (env OLLAMA_DOUBLE_OFFLINE=1)",
    )
    for flag, env, kind, default, text in SERVE_OPTIONS:
        parser.add_argument(
            flag, type=kind, default=_env_default(env, kind, default), help=f"{text} (env {env})"
        )


def run_serve(args: argparse.Namespace) -> int:
    from tests.ollama_double.behaviours import BEHAVIOURS
    from tests.ollama_double.costmodel import PRESETS, CostModel
    from tests.ollama_double.server import DoubleConfig, serve
    from tests.ollama_double.store import ModelStore, normalize

    if args.behaviour not in BEHAVIOURS:
        return fail(f"unknown behaviour {args.behaviour!r}; choose one of {', '.join(BEHAVIOURS)}")
    if args.cost_model not in PRESETS:
        return fail(f"unknown cost model {args.cost_model!r}; choose one of {', '.join(PRESETS)}")
    cost = CostModel.preset(args.cost_model)
    if args.prompt_token_ms is not None:
        cost.prompt_token_ms = args.prompt_token_ms
    if args.gen_token_ms is not None:
        cost.gen_token_ms = args.gen_token_ms
    if args.load_ms is not None:
        cost.load_ms = args.load_ms
    model_behaviours: dict[str, str] = {}
    pairs = list(args.model_behaviour)
    env_pairs = os.environ.get("OLLAMA_DOUBLE_MODEL_BEHAVIOURS", "")
    pairs.extend(p for p in env_pairs.split(",") if p.strip())
    for pair in pairs:
        name, _, behaviour = pair.partition("=")
        if behaviour not in BEHAVIOURS:
            return fail(f"bad --model-behaviour {pair!r}; use NAME=BEHAVIOUR")
        model_behaviours[normalize(name)] = behaviour
    _scheme, host, port = parse_host(os.environ.get("OLLAMA_HOST"))
    host = args.host or host
    port = args.port if args.port is not None else port
    store_dir = args.store or os.environ.get("OLLAMA_MODELS") or None
    store = ModelStore(store_dir)
    for model in filter(None, (m.strip() for m in args.preload.split(","))):
        if store.get(model) is None:
            store.install(model)
    config = DoubleConfig(
        store_dir=str(store.root),
        behaviour=args.behaviour,
        model_behaviours=model_behaviours,
        cost=cost,
        slow_first_ms=args.slow_first_ms,
        slow_chunk_ms=args.slow_chunk_ms,
        error_count=args.error_count,
        error_status=args.error_status,
        error_message=args.error_message,
        error_mode=args.error_mode,
        pull_seconds=args.pull_seconds,
        offline=args.offline,
        registry_host=args.registry_host,
        registry_models=tuple(m.strip() for m in args.registry_models.split(",") if m.strip()),
        default_keep_alive=args.keep_alive,
        num_parallel=args.num_parallel,
        max_tool_rounds=args.max_tool_rounds,
        parallel_tool_calls=args.parallel_tool_calls,
        tiny_max_tokens=args.tiny_max_tokens,
        tiny_n_ctx=args.tiny_ctx,
        tiny_threads=args.tiny_threads,
        tiny_tools=args.tiny_tools,
    )
    print(
        f"ollama double listening on {host}:{port} "
        f"(behaviour={args.behaviour}, store={store.root})",
        file=sys.stderr,
        flush=True,
    )
    serve(config, host, port, log_level=args.log_level)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ollama", description="Ollama API test double")
    parser.add_argument("-v", "--version", action="store_true", help="show version")
    sub = parser.add_subparsers(dest="command")
    serve_p = sub.add_parser("serve", help="start the server")
    add_serve_arguments(serve_p)
    sub.add_parser("list", aliases=["ls"], help="list models")
    sub.add_parser("ps", help="list loaded models")
    show_p = sub.add_parser("show", help="show a model")
    show_p.add_argument("model")
    pull_p = sub.add_parser("pull", help="pull a model")
    pull_p.add_argument("model")
    rm_p = sub.add_parser("rm", help="remove a model")
    rm_p.add_argument("model")
    run_p = sub.add_parser("run", help="run a model (empty prompt: load it)")
    run_p.add_argument("model")
    run_p.add_argument("prompt", nargs="*")
    run_p.add_argument("--keepalive", default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version and not args.command:
        return cmd_version()
    commands = {
        "serve": run_serve,
        "list": cmd_list,
        "ls": cmd_list,
        "ps": cmd_ps,
        "show": cmd_show,
        "pull": cmd_pull,
        "rm": cmd_rm,
        "run": cmd_run,
    }
    if args.command not in commands:
        parser.print_help()
        return 0
    try:
        return int(commands[args.command](args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
