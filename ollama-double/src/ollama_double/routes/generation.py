"""``POST /api/chat`` and ``POST /api/generate``: read the request as Ollama does, record
it, then answer per the model's behaviour (an empty request loads or unloads the model)."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ollama_double.config import parse_keep_alive
from ollama_double.produce import Generation, scripted_events, tiny_events
from ollama_double.responses import NDJSON, error, frame, line, read_json, respond
from ollama_double.scripted.tools import tool_name
from ollama_double.state import DoubleState, double_state
from ollama_double.store import InvalidModelName, ModelName


class ModelNotFound(Exception):
    """The request names a model the store does not hold (HTTP 404)."""


def num_ctx_of(options: dict[str, Any]) -> int:
    try:
        return int(options.get("num_ctx") or int(os.environ.get("OLLAMA_CONTEXT_LENGTH", "4096")))
    except (TypeError, ValueError):
        return 4096


def _messages(body: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    if kind == "generate":
        messages: list[dict[str, Any]] = []
        if body.get("system"):
            messages.append({"role": "system", "content": body["system"]})
        messages.append({"role": "user", "content": body.get("prompt") or ""})
        return messages
    messages = body.get("messages") or []
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        raise ValueError("messages must be a list of objects")
    return messages


def read_generation(state: DoubleState, body: dict[str, Any], kind: str) -> Generation:
    """The request, checked; ValueError (400) and ModelNotFound (404) say what is wrong."""
    raw = body.get("model") or ""
    if not raw:
        raise ValueError("model is required")
    name = ModelName.parse(raw)
    if state.store.get(raw) is None:
        raise ModelNotFound(f'model "{raw}" not found, try pulling it first')
    keep_alive = parse_keep_alive(body.get("keep_alive"), state.config.default_keep_alive)
    options = body.get("options") or {}
    if not isinstance(options, dict):
        raise ValueError("options must be an object")
    empty = not body.get("prompt") if kind == "generate" else not body.get("messages")
    fmt = body.get("format")
    return Generation(
        model=raw,
        name=name.display,
        kind=kind,
        behaviour=state.behaviour_for(name.display),
        messages=[] if empty else _messages(body, kind),
        tools=(body.get("tools") or None) if kind == "chat" else None,
        fmt=None if fmt == "" else fmt,
        options=options,
        keep_alive=keep_alive,
        stream=body.get("stream", True) is not False,
        num_ctx=num_ctx_of(options),
        record={},
    )


async def load_or_unload(state: DoubleState, gen: Generation) -> Response:
    """An empty request: load the model (or unload it with keep_alive 0), as Ollama does."""
    request = {"received_at": time.time(), "model": gen.name, "num_ctx": gen.num_ctx}
    state.load_requests.append(request)
    if gen.keep_alive == 0:
        state.loaded.pop(gen.name, None)
        reason = "unload"
    else:
        seconds, loaded_now = await state.ensure_loaded(
            gen.name, gen.num_ctx, gen.keep_alive, gen.behaviour
        )
        request.update(load_seconds=round(seconds, 4), loaded_now=loaded_now)
        reason = "load"
    request["reason"] = reason
    payload = {**frame(gen.model, gen.kind), "done": True, "done_reason": reason}
    if gen.stream:
        return StreamingResponse(iter([line(payload)]), media_type=NDJSON)
    return JSONResponse(payload)


def start_record(state: DoubleState, gen: Generation, body: dict[str, Any]) -> None:
    state.calls += 1
    if gen.kind == "chat":
        state.chat_calls += 1
    gen.record.update(
        call=state.calls,
        # Wall-clock arrival time, comparable with a client process's own clock.
        received_at=time.time(),
        endpoint=gen.kind,
        model=gen.name,
        behaviour=gen.behaviour,
        stream=gen.stream,
        tools=bool(gen.tools),
        tool_names=[tool_name(t) if isinstance(t, dict) else "" for t in gen.tools or []],
        format="schema" if isinstance(gen.fmt, dict) else gen.fmt,
        message_count=len(gen.messages),
        roles=[m.get("role") for m in gen.messages],
        options=gen.options,
        keep_alive=body.get("keep_alive"),
        status=200,
    )
    state.records.append(gen.record)


async def midstream_error(gen: Generation, message: str) -> AsyncIterator[bytes]:
    for piece in ("Let ", "me ", "think"):
        yield line({**frame(gen.model, gen.kind, piece), "done": False})
        await asyncio.sleep(0.01)
    yield line({"error": message})


def failing(state: DoubleState, gen: Generation) -> Response | None:
    """The ``errors`` behaviour's answer while it is still failing, else None."""
    config = state.config
    if gen.behaviour != "errors":
        return None
    if config.error_count > 0 and gen.record["call"] > config.error_count:
        return None
    gen.record["error"] = config.error_message
    if config.error_mode == "midstream" and gen.stream:
        return StreamingResponse(midstream_error(gen, config.error_message), media_type=NDJSON)
    gen.record["status"] = config.error_status
    return error(config.error_message, config.error_status)


async def generation(request: Request, kind: str) -> Response:
    state = double_state(request)
    try:
        body = await read_json(request)
        gen = read_generation(state, body, kind)
    except (ValueError, InvalidModelName) as exc:
        return error(str(exc), 400)
    except ModelNotFound as exc:
        return error(str(exc), 404)
    if not gen.messages:
        return await load_or_unload(state, gen)
    start_record(state, gen, body)
    if refusal := failing(state, gen):
        return refusal
    produce = tiny_events if gen.behaviour == "tiny-model" else scripted_events
    return await respond(gen.model, kind, produce(state, gen), gen.stream)


async def chat(request: Request) -> Response:
    return await generation(request, "chat")


async def generate(request: Request) -> Response:
    return await generation(request, "generate")
