"""``ollama``-compatible command line for the double (what the container image runs).

    python -m ollama_double serve            # or: ollama-double/bin/ollama serve
    python -m ollama_double list
    python -m ollama_double show MODEL
    python -m ollama_double pull MODEL
    python -m ollama_double run MODEL ""     # empty prompt: load the model, exit 0
    python -m ollama_double ps | rm MODEL | --version

Client commands are in ``client_commands.py``. ``serve`` binds per ``OLLAMA_HOST``
(``0.0.0.0:11434``, ``http://host:port``, default ``127.0.0.1:11434``) unless
``--host``/``--port`` are given, keeps models in ``OLLAMA_MODELS`` (or ``--store``),
and reads every double option from a flag or its ``OLLAMA_DOUBLE_*`` environment
variable (``serve --help`` lists them).

Only httpx, starlette and uvicorn are needed; xllamacpp is imported only when
the ``tiny-model`` behaviour answers a request.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ollama_double.answer_tables import AnswerTable, parse_rules, read_json_file
from ollama_double.behaviours import BEHAVIOURS
from ollama_double.client_commands import (
    cmd_list,
    cmd_ps,
    cmd_pull,
    cmd_rm,
    cmd_run,
    cmd_show,
    cmd_version,
    fail,
    parse_host,
)
from ollama_double.config import DoubleConfig
from ollama_double.costmodel import PRESETS, CostModel
from ollama_double.store import ModelStore, normalize

# (flag, env var, type, default, help)
SERVE_OPTIONS: list[tuple[str, str, Any, Any, str]] = [
    (
        "--behaviour",
        "OLLAMA_DOUBLE_BEHAVIOUR",
        str,
        "tools",
        "|".join(BEHAVIOURS),
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
        "--prefix-cache",
        "OLLAMA_DOUBLE_PREFIX_CACHE",
        str,
        "on",
        "on|off: a slot reuses the longest common prompt prefix (pays only the rest)",
    ),
    ("--answers", "OLLAMA_DOUBLE_ANSWERS", str, "", 'oracle: JSON file {"request": answer}'),
    ("--replay", "OLLAMA_DOUBLE_REPLAY", str, "", "replay: JSON file [{match, content}]"),
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


class UsageError(Exception):
    """A bad ``serve`` option: printed as ``Error: ...``, exit status 1."""


def _cost_model(args: argparse.Namespace) -> CostModel:
    if args.cost_model not in PRESETS:
        raise UsageError(
            f"unknown cost model {args.cost_model!r}; choose one of {', '.join(PRESETS)}"
        )
    cost = CostModel.preset(args.cost_model)
    if args.prompt_token_ms is not None:
        cost.prompt_token_ms = args.prompt_token_ms
    if args.gen_token_ms is not None:
        cost.gen_token_ms = args.gen_token_ms
    if args.load_ms is not None:
        cost.load_ms = args.load_ms
    return cost


def _model_behaviours(args: argparse.Namespace) -> dict[str, str]:
    model_behaviours: dict[str, str] = {}
    pairs = list(args.model_behaviour)
    env_pairs = os.environ.get("OLLAMA_DOUBLE_MODEL_BEHAVIOURS", "")
    pairs.extend(p for p in env_pairs.split(",") if p.strip())
    for pair in pairs:
        name, _, behaviour = pair.partition("=")
        if behaviour not in BEHAVIOURS:
            raise UsageError(f"bad --model-behaviour {pair!r}; use NAME=BEHAVIOUR")
        model_behaviours[normalize(name)] = behaviour
    return model_behaviours


def _tables(args: argparse.Namespace) -> tuple[dict[str, Any], list[Any]]:
    """The oracle's answers and the replay rules from their files, checked."""
    try:
        answers = read_json_file(args.answers) if args.answers else {}
        AnswerTable(answers)
        replay = read_json_file(args.replay) if args.replay else []
        parse_rules(replay)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    return answers, replay


# Options whose value goes unchanged to the DoubleConfig field of the same name.
_PASSED_AS_IS = (
    "behaviour",
    "slow_first_ms",
    "slow_chunk_ms",
    "error_count",
    "error_status",
    "error_message",
    "error_mode",
    "pull_seconds",
    "offline",
    "registry_host",
    "num_parallel",
    "max_tool_rounds",
    "parallel_tool_calls",
    "tiny_max_tokens",
    "tiny_threads",
    "tiny_tools",
)


def _config(args: argparse.Namespace, store: ModelStore) -> DoubleConfig:
    if args.behaviour not in BEHAVIOURS:
        raise UsageError(
            f"unknown behaviour {args.behaviour!r}; choose one of {', '.join(BEHAVIOURS)}"
        )
    if args.prefix_cache not in ("on", "off"):
        raise UsageError(f"bad --prefix-cache {args.prefix_cache!r}; use on or off")
    answers, replay = _tables(args)
    return DoubleConfig(
        store_dir=str(store.root),
        model_behaviours=_model_behaviours(args),
        cost=_cost_model(args),
        registry_models=tuple(m.strip() for m in args.registry_models.split(",") if m.strip()),
        answers=answers,
        replay=replay,
        default_keep_alive=args.keep_alive,
        prefix_cache=args.prefix_cache == "on",
        tiny_n_ctx=args.tiny_ctx,
        **{name: getattr(args, name) for name in _PASSED_AS_IS},
    )


def run_serve(args: argparse.Namespace) -> int:
    from ollama_double.app import serve

    _scheme, host, port = parse_host(os.environ.get("OLLAMA_HOST"))
    host = args.host or host
    port = args.port if args.port is not None else port
    store = ModelStore(args.store or os.environ.get("OLLAMA_MODELS") or None)
    try:
        config = _config(args, store)
    except UsageError as exc:
        return fail(str(exc))
    for model in filter(None, (m.strip() for m in args.preload.split(","))):
        if store.get(model) is None:
            store.install(model)
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
