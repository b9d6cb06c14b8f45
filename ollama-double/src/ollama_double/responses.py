"""Ollama's wire format: JSON errors, request bodies, NDJSON streams, generation frames."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

NDJSON = "application/x-ndjson"

# A generation is produced as events: {"kind": "piece", "text"}, {"kind": "tools",
# "tool_calls"}, {"kind": "error", "error"} and last {"kind": "done", <final fields>}.
Events = AsyncIterator[dict[str, Any]]


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def ns(seconds: float) -> int:
    return max(1, int(seconds * 1e9))


def error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def read_json_value(request: Request) -> Any:
    """The request's JSON body (ValueError when missing or not JSON)."""
    raw = await request.body()
    if not raw.strip():
        raise ValueError("missing request body")
    return json.loads(raw)


async def read_json(request: Request) -> dict[str, Any]:
    """The request's JSON object (ValueError otherwise)."""
    data = await read_json_value(request)
    if not isinstance(data, dict):
        raise ValueError("invalid request body")
    return data


def line(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj) + "\n").encode()


def ndjson(items: AsyncIterator[dict[str, Any]]) -> StreamingResponse:
    async def body() -> AsyncIterator[bytes]:
        async for item in items:
            yield line(item)

    return StreamingResponse(body(), media_type=NDJSON)


def frame(
    model: str, kind: str, content: str = "", tool_calls: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """One chunk of a ``chat`` (``message``) or ``generate`` (``response``) answer."""
    base: dict[str, Any] = {"model": model, "created_at": now_iso()}
    if kind == "chat":
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if tool_calls:
            message["tool_calls"] = tool_calls
        base["message"] = message
    else:
        base["response"] = content
    return base


def _final(model: str, kind: str, event: dict[str, Any]) -> dict[str, Any]:
    out = frame(model, kind)
    out["done"] = True
    out.update({k: v for k, v in event.items() if k != "kind"})
    if kind == "generate":
        out["context"] = []
    return out


def _stream_line(model: str, kind: str, event: dict[str, Any]) -> dict[str, Any]:
    if event["kind"] == "piece":
        return {**frame(model, kind, event["text"]), "done": False}
    if event["kind"] == "tools":
        return {**frame(model, kind, "", event["tool_calls"]), "done": False}
    if event["kind"] == "error":
        return {"error": event["error"]}
    return _final(model, kind, event)


async def respond(model: str, kind: str, events: Events, stream: bool) -> Response:
    """The generation as Ollama sends it: NDJSON chunks, or one JSON object at the end."""
    if stream:

        async def lines() -> AsyncIterator[dict[str, Any]]:
            async for event in events:
                yield _stream_line(model, kind, event)

        return ndjson(lines())

    text: list[str] = []
    calls: list[dict[str, Any]] = []
    async for event in events:
        if event["kind"] == "piece":
            text.append(event["text"])
        elif event["kind"] == "tools":
            calls.extend(event["tool_calls"])
        elif event["kind"] == "error":
            return error(event["error"], 500)
        else:
            return JSONResponse(
                {**_final(model, kind, event), **frame(model, kind, "".join(text), calls)}
            )
    return error("generation ended without a result", 500)
