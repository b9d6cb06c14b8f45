"""The ``ollama`` client commands (list, ps, show, pull, rm, run, --version) over HTTP.

They talk to ``OLLAMA_HOST`` (default ``http://127.0.0.1:11434``) and fail like
Ollama's CLI: ``Error: ...`` on stderr, exit status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
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


def _failed(response: Any) -> int | None:
    """The exit status of a request that did not go through (no server, an error answer)."""
    if response is None:
        return _connect_error()
    if response.status_code != 200:
        return fail(_error_text(response))
    return None


def cmd_list(args: argparse.Namespace) -> int:
    response = _call("GET", "/api/tags")
    if (failed := _failed(response)) is not None:
        return failed
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
    if (failed := _failed(response)) is not None:
        return failed
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


class ServerError(Exception):
    """The server answered a streamed call with an error status or an error line."""


def _stream_items(client: Any, path: str, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The NDJSON items of a streamed call (raises ServerError)."""
    with client.stream("POST", path, json=body) as response:
        if response.status_code != 200:
            response.read()
            raise ServerError(_error_text(response))
        for raw in response.iter_lines():
            if not raw.strip():
                continue
            item = json.loads(raw)
            if "error" in item:
                raise ServerError(item["error"])
            yield item


def _pull(model: str) -> int:
    import httpx

    seen: set[str] = set()
    try:
        with _client() as client:
            for item in _stream_items(client, "/api/pull", {"model": model}):
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
    except ServerError as exc:
        return fail(str(exc))
    except httpx.TransportError:
        return _connect_error()
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    return _pull(args.model)


def cmd_rm(args: argparse.Namespace) -> int:
    response = _call("DELETE", "/api/delete", json={"model": args.model})
    if (failed := _failed(response)) is not None:
        return failed
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
            answered = False
            try:
                for item in _stream_items(client, "/api/chat", body):
                    answered = True
                    message = item.get("message") or {}
                    sys.stdout.write(message.get("content") or "")
                    for call in message.get("tool_calls") or []:
                        sys.stdout.write(json.dumps(call.get("function")))
                    sys.stdout.flush()
            except ServerError as exc:
                if answered:
                    print()
                return fail(str(exc))
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
