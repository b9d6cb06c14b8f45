"""The HTTP server: Ollama's API on starlette.

Routes (as Ollama): ``GET|HEAD /``, ``GET /api/version``, ``GET /api/tags``,
``POST /api/show``, ``GET /api/ps``, ``POST /api/pull``, ``DELETE|POST /api/delete``,
``POST /api/generate``, ``POST /api/chat``.

Test-only routes: ``GET /_double/stats`` (counters and one record per call),
``POST /_double/reset`` (clears them), ``POST /_double/behaviour``
(``{"behaviour": ..., "model": optional}`` switches behaviour at runtime).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.ollama_double import behaviours as bh
from tests.ollama_double.costmodel import CostModel, piece_tokens, prompt_tokens
from tests.ollama_double.store import (
    MEDIA_LICENSE,
    MEDIA_PARAMS,
    MEDIA_TEMPLATE,
    InvalidModelName,
    ModelName,
    ModelStore,
    build_layers,
)

log = logging.getLogger("ollama_double")

OLLAMA_VERSION = "0.13.0"
NDJSON = "application/x-ndjson"


@dataclass
class DoubleConfig:
    store_dir: str | None = None
    behaviour: str = "tools"
    model_behaviours: dict[str, str] = field(default_factory=dict)
    cost: CostModel = field(default_factory=CostModel)
    # slow
    slow_first_ms: float = 3000.0
    slow_chunk_ms: float = 250.0
    # errors
    error_count: int = 0  # 0 = every call fails
    error_status: int = 500
    error_message: str = "llama runner process has terminated: exit status 2"
    error_mode: str = "http"  # http | midstream
    # pull
    pull_seconds: float = 0.0
    offline: bool = False
    registry_host: str = "registry.ollama.ai"
    registry_models: tuple[str, ...] = ()  # empty = every name can be pulled
    # misc
    default_keep_alive: str = "5m"
    num_parallel: int = 1
    max_tool_rounds: int = 1
    parallel_tool_calls: int = 1
    tiny_max_tokens: int = 256
    tiny_n_ctx: int = 4096
    tiny_threads: int = 2
    tiny_tools: str = "prompt"  # prompt | constrained
    version: str = OLLAMA_VERSION


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def parse_keep_alive(value: Any, default: str) -> float | None:
    """Seconds to keep a model loaded; None = forever; 0 = unload at once."""
    if value is None or value == "":
        value = default
    if isinstance(value, bool):
        raise ValueError("invalid keep_alive")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = str(value).strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            seconds = float(text)
        else:
            matches = re.findall(r"(-?\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)", text)
            if not matches or "".join(n + u for n, u in matches) != text:
                raise ValueError(f"time: invalid duration {text!r}")
            scale = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
            seconds = sum(float(n) * scale[u] for n, u in matches)
    return None if seconds < 0 else seconds


@dataclass
class Loaded:
    name: str
    num_ctx: int
    expires_at: float | None  # monotonic deadline, None = forever
    expires_wall: datetime | None


def error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class DoubleState:
    def __init__(self, config: DoubleConfig) -> None:
        self.config = config
        self.store = ModelStore(config.store_dir)
        self.loaded: dict[str, Loaded] = {}
        self.lock = asyncio.Lock()
        self.slots = asyncio.Semaphore(max(1, config.num_parallel))
        self.reset()
        self._tiny: Any = None

    def reset(self) -> None:
        self.calls = 0
        self.chat_calls = 0
        self.prompt_tokens = 0
        self.generated_tokens = 0
        self.loads = 0
        self.pulls = 0
        self.records: list[dict[str, Any]] = []

    def behaviour_for(self, model: str) -> str:
        overrides = self.config.model_behaviours
        for key in (model, model.split(":")[0]):
            if key in overrides:
                return overrides[key]
        return self.config.behaviour

    def tiny(self) -> Any:
        if self._tiny is None:
            from tests.ollama_double.tiny import TinyModel

            self._tiny = TinyModel(
                n_ctx=self.config.tiny_n_ctx,
                threads=self.config.tiny_threads,
                max_tokens=self.config.tiny_max_tokens,
                tool_mode=self.config.tiny_tools,
            )
        return self._tiny

    def expire(self) -> None:
        now = time.monotonic()
        for key in [
            k for k, v in self.loaded.items() if v.expires_at is not None and v.expires_at <= now
        ]:
            del self.loaded[key]

    async def ensure_loaded(
        self, name: str, num_ctx: int, keep_alive: float | None, behaviour: str
    ) -> float:
        """Load the model if needed; return the load time in seconds (0 when warm)."""
        async with self.lock:
            self.expire()
            current = self.loaded.get(name)
            load_seconds = 0.0
            if current is None or current.num_ctx != num_ctx:
                start = time.perf_counter()
                if behaviour == "tiny-model":
                    await asyncio.to_thread(self.tiny().load)
                else:
                    await asyncio.sleep(self.config.cost.load_seconds())
                load_seconds = time.perf_counter() - start
                self.loads += 1
            self.touch(name, num_ctx, keep_alive)
            return load_seconds

    def touch(self, name: str, num_ctx: int, keep_alive: float | None) -> None:
        if keep_alive is None:
            self.loaded[name] = Loaded(name, num_ctx, None, None)
        else:
            self.loaded[name] = Loaded(
                name,
                num_ctx,
                time.monotonic() + keep_alive,
                datetime.now(UTC) + timedelta(seconds=keep_alive),
            )

    def unload_if_zero(self, name: str, keep_alive: float | None) -> None:
        if keep_alive == 0:
            self.loaded.pop(name, None)


# -- helpers -------------------------------------------------------------------------------


async def read_json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        raise ValueError("missing request body")
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("invalid request body")
    return data


def line(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj) + "\n").encode()


def ns(seconds: float) -> int:
    return max(1, int(seconds * 1e9))


def num_ctx_of(options: dict[str, Any]) -> int:
    try:
        return int(options.get("num_ctx") or int(os.environ.get("OLLAMA_CONTEXT_LENGTH", "4096")))
    except (TypeError, ValueError):
        return 4096


# -- routes: metadata ---------------------------------------------------------------------


def build_app(config: DoubleConfig) -> Starlette:
    state = DoubleState(config)

    async def root(request: Request) -> Response:
        return PlainTextResponse("Ollama is running")

    async def version(request: Request) -> Response:
        return JSONResponse({"version": config.version})

    async def tags(request: Request) -> Response:
        models = [m.tags_entry() for m in state.store.list_models()]
        models.sort(key=lambda m: m["modified_at"], reverse=True)
        return JSONResponse({"models": models})

    async def show(request: Request) -> Response:
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(str(exc), 400)
        raw = body.get("model") or body.get("name") or ""
        if not raw:
            return error("model is required", 400)
        model = state.store.get(raw)
        if model is None:
            return error(f"model '{raw}' not found", 404)
        details = model.details()
        family = details["family"]
        params_text = model.layer_text(MEDIA_PARAMS)
        try:
            params = json.loads(params_text) if params_text else {}
        except ValueError:
            params = {}
        parameters = "\n".join(
            f"{k:<30} {json.dumps(v)}"
            for k, vs in params.items()
            for v in (vs if isinstance(vs, list) else [vs])
        )
        template = model.layer_text(MEDIA_TEMPLATE)
        return JSONResponse(
            {
                "license": model.layer_text(MEDIA_LICENSE),
                "modelfile": (
                    f'# Modelfile generated by "ollama show"\nFROM {model.name.display}\n'
                    f'TEMPLATE """{template}"""\n'
                ),
                "parameters": parameters,
                "template": template,
                "details": details,
                "model_info": {
                    "general.architecture": family,
                    "general.basename": model.name.model,
                    "general.file_type": 15,
                    "general.parameter_count": _param_count(details["parameter_size"]),
                    f"{family}.context_length": model.context_length(),
                },
                "capabilities": ["completion", "tools"],
                "modified_at": model.modified_at.isoformat(),
            }
        )

    async def ps(request: Request) -> Response:
        state.expire()
        out = []
        for loaded in state.loaded.values():
            model = state.store.get(loaded.name)
            if model is None:
                continue
            expires = loaded.expires_wall or datetime(2318, 1, 1, tzinfo=UTC)
            out.append(
                {
                    "name": model.name.display,
                    "model": model.name.display,
                    "size": model.size,
                    "digest": model.manifest_digest,
                    "details": model.details(),
                    "expires_at": expires.isoformat(),
                    "size_vram": 0,
                    "context_length": loaded.num_ctx,
                }
            )
        return JSONResponse({"models": out})

    async def delete(request: Request) -> Response:
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(str(exc), 400)
        raw = body.get("model") or body.get("name") or ""
        try:
            ok = state.store.delete(raw)
        except InvalidModelName as exc:
            return error(str(exc), 400)
        if not ok:
            return error(f"model '{raw}' not found", 404)
        state.loaded.pop(ModelName.parse(raw).display, None)
        return Response(status_code=200)

    # -- pull ----------------------------------------------------------------------------

    async def pull(request: Request) -> Response:
        try:
            body = await read_json(request)
            raw = body.get("model") or body.get("name") or ""
            name = ModelName.parse(raw)
        except (ValueError, InvalidModelName) as exc:
            return error(str(exc), 400)
        stream = body.get("stream", True) is not False
        state.pulls += 1

        def failure() -> str | None:
            if config.offline:
                host = name.host if name.host != "registry.ollama.ai" else config.registry_host
                url = name.manifest_url().replace(f"https://{name.host}/", f"https://{host}/")
                return f'pull model manifest: Get "{url}": dial tcp: lookup {host}: no such host'
            allowed = {ModelName.parse(m).display for m in config.registry_models}
            if allowed and name.display not in allowed:
                return "pull model manifest: file does not exist"
            return None

        async def progress() -> AsyncIterator[dict[str, Any]]:
            yield {"status": "pulling manifest"}
            await asyncio.sleep(min(0.05, config.pull_seconds / 10))
            problem = failure()
            if problem:
                yield {"error": problem}
                return
            cfg, layers = build_layers(name)
            blobs = [*layers, cfg]
            steps = 4
            delay = config.pull_seconds / max(1, len(blobs) * steps)
            for blob in blobs:
                total = len(blob.data)
                status = f"pulling {blob.digest[7:19]}"
                for step in range(steps + 1):
                    completed = total * step // steps
                    yield {
                        "status": status,
                        "digest": blob.digest,
                        "total": total,
                        "completed": completed,
                    }
                    if step < steps:
                        await asyncio.sleep(delay)
                state.store.write_blob(blob.data)
            yield {"status": "verifying sha256 digest"}
            yield {"status": "writing manifest"}
            state.store.write_manifest(name, cfg, layers)
            yield {"status": "success"}

        if stream:

            async def body_iter() -> AsyncIterator[bytes]:
                async for item in progress():
                    yield line(item)

            return StreamingResponse(body_iter(), media_type=NDJSON)

        last: dict[str, Any] = {}
        async for item in progress():
            last = item
            if "error" in item:
                return error(item["error"], 500)
        return JSONResponse({"status": last.get("status", "success")})

    # -- generation --------------------------------------------------------------------------

    async def chat(request: Request) -> Response:
        return await generation(request, kind="chat")

    async def generate(request: Request) -> Response:
        return await generation(request, kind="generate")

    async def generation(request: Request, kind: str) -> Response:
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(str(exc), 400)
        raw = body.get("model") or ""
        if not raw:
            return error("model is required", 400)
        try:
            name = ModelName.parse(raw)
        except InvalidModelName as exc:
            return error(str(exc), 400)
        model = state.store.get(raw)
        if model is None:
            return error(f'model "{raw}" not found, try pulling it first', 404)
        try:
            keep_alive = parse_keep_alive(body.get("keep_alive"), config.default_keep_alive)
        except ValueError as exc:
            return error(str(exc), 400)
        options = body.get("options") or {}
        if not isinstance(options, dict):
            return error("options must be an object", 400)
        stream = body.get("stream", True) is not False
        fmt = body.get("format")
        if fmt == "":
            fmt = None
        tools = body.get("tools") or None
        behaviour = state.behaviour_for(name.display)

        empty = not body.get("prompt") if kind == "generate" else not body.get("messages")
        if empty:
            # Load (or unload with keep_alive 0) the model, as Ollama does.
            if keep_alive == 0:
                state.loaded.pop(name.display, None)
                reason = "unload"
            else:
                await state.ensure_loaded(name.display, num_ctx_of(options), keep_alive, behaviour)
                reason = "load"
            payload: dict[str, Any] = {"model": raw, "created_at": now_iso()}
            if kind == "generate":
                payload["response"] = ""
            else:
                payload["message"] = {"role": "assistant", "content": ""}
            payload.update(done=True, done_reason=reason)
            if stream:
                return StreamingResponse(iter([line(payload)]), media_type=NDJSON)
            return JSONResponse(payload)
        if kind == "generate":
            prompt = body.get("prompt") or ""
            messages: list[dict[str, Any]] = []
            if body.get("system"):
                messages.append({"role": "system", "content": body["system"]})
            messages.append({"role": "user", "content": prompt})
            tools = None
        else:
            messages = body.get("messages") or []
            if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
                return error("messages must be a list of objects", 400)

        state.calls += 1
        call_number = state.calls
        if kind == "chat":
            state.chat_calls += 1
        record: dict[str, Any] = {
            "call": call_number,
            "endpoint": kind,
            "model": name.display,
            "behaviour": behaviour,
            "stream": stream,
            "tools": bool(tools),
            "tool_names": [bh_tool_name(t) for t in tools or []],
            "format": "schema" if isinstance(fmt, dict) else fmt,
            "message_count": len(messages),
            "roles": [m.get("role") for m in messages],
            "options": options,
            "keep_alive": body.get("keep_alive"),
            "status": 200,
        }
        state.records.append(record)

        if behaviour == "errors" and (config.error_count <= 0 or call_number <= config.error_count):
            if config.error_mode != "midstream" or not stream:
                record["status"] = config.error_status
                record["error"] = config.error_message
                return error(config.error_message, config.error_status)
            record["error"] = config.error_message
            return StreamingResponse(midstream_error(raw, kind), media_type=NDJSON)

        if behaviour == "tiny-model":
            return await tiny_generation(
                raw, name.display, kind, messages, tools, fmt, options, keep_alive, stream, record
            )

        reply = bh.scripted_reply(
            behaviour,
            messages,
            tools,
            fmt,
            max_tool_rounds=config.max_tool_rounds,
            parallel_tool_calls=config.parallel_tool_calls,
        )
        p_tokens = prompt_tokens(messages, tools, fmt)
        pieces = bh.split_pieces(reply.content) if reply.content else []
        num_predict = options.get("num_predict")
        done_reason = "stop"
        if isinstance(num_predict, int) and num_predict > 0 and not reply.tool_calls:
            kept: list[str] = []
            used = 0
            for piece in pieces:
                if used + piece_tokens(piece) > num_predict:
                    done_reason = "length"
                    break
                kept.append(piece)
                used += piece_tokens(piece)
            pieces = kept
        first_delay = config.slow_first_ms / 1000 if behaviour == "slow" else 0.0
        chunk_delay = config.slow_chunk_ms / 1000 if behaviour == "slow" else 0.0
        record["tool_calls"] = [c["function"]["name"] for c in reply.tool_calls]

        async def produce() -> AsyncIterator[dict[str, Any]]:
            started = time.perf_counter()
            async with state.slots:
                load_s = await state.ensure_loaded(
                    name.display, num_ctx_of(options), keep_alive, behaviour
                )
                t0 = time.perf_counter()
                await asyncio.sleep(config.cost.prompt_seconds(p_tokens) + first_delay)
                prompt_s = time.perf_counter() - t0
                t1 = time.perf_counter()
                eval_count = 0
                for i, piece in enumerate(pieces):
                    tokens = piece_tokens(piece)
                    await asyncio.sleep(
                        config.cost.gen_seconds(tokens) + (chunk_delay if i else 0.0)
                    )
                    eval_count += tokens
                    yield {"kind": "piece", "text": piece}
                if reply.tool_calls:
                    tokens = piece_tokens(json.dumps(reply.tool_calls))
                    await asyncio.sleep(config.cost.gen_seconds(tokens))
                    eval_count += tokens
                    yield {"kind": "tools", "tool_calls": reply.tool_calls}
                eval_s = time.perf_counter() - t1
                state.touch(name.display, num_ctx_of(options), keep_alive)
                state.unload_if_zero(name.display, keep_alive)
            state.prompt_tokens += p_tokens
            state.generated_tokens += eval_count
            record.update(
                prompt_tokens=p_tokens,
                generated_tokens=eval_count,
                load_ms=round(load_s * 1000, 3),
                done_reason=done_reason,
            )
            yield {
                "kind": "done",
                "done_reason": done_reason,
                "total_duration": ns(time.perf_counter() - started),
                "load_duration": ns(load_s),
                "prompt_eval_count": p_tokens,
                "prompt_eval_duration": ns(prompt_s),
                "eval_count": eval_count,
                "eval_duration": ns(eval_s),
            }

        return await respond(raw, kind, produce(), stream)

    async def tiny_generation(
        raw: str,
        display: str,
        kind: str,
        messages: list[dict[str, Any]],
        tools: list[dict[str, Any]] | None,
        fmt: Any,
        options: dict[str, Any],
        keep_alive: float | None,
        stream: bool,
        record: dict[str, Any],
    ) -> Response:
        async def produce() -> AsyncIterator[dict[str, Any]]:
            started = time.perf_counter()
            async with state.slots:
                load_s = await state.ensure_loaded(
                    display, num_ctx_of(options), keep_alive, "tiny-model"
                )
                tiny = state.tiny()
                loop = asyncio.get_running_loop()
                queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

                def on_piece(text: str) -> None:
                    loop.call_soon_threadsafe(queue.put_nowait, ("piece", text))

                def work() -> None:
                    try:
                        result = tiny.chat(
                            messages, tools, fmt, options, on_piece if stream else None
                        )
                        loop.call_soon_threadsafe(queue.put_nowait, ("result", result))
                    except Exception as exc:  # reported to the client as Ollama would
                        loop.call_soon_threadsafe(queue.put_nowait, ("error", str(exc)))

                worker = asyncio.create_task(asyncio.to_thread(work))
                result: Any = None
                # With tools offered, the text might turn out to be a tool call: hold it back.
                hold = bool(tools)
                while True:
                    what, value = await queue.get()
                    if what == "piece":
                        if not hold:
                            yield {"kind": "piece", "text": value}
                        continue
                    if what == "error":
                        await worker
                        record["status"] = 500
                        record["error"] = value
                        yield {"kind": "error", "error": value}
                        return
                    result = value
                    break
                await worker
                if (hold or not stream) and result.content:
                    yield {"kind": "piece", "text": result.content}
                if result.tool_calls:
                    yield {"kind": "tools", "tool_calls": result.tool_calls}
                state.touch(display, num_ctx_of(options), keep_alive)
                state.unload_if_zero(display, keep_alive)
            state.prompt_tokens += result.prompt_tokens
            state.generated_tokens += result.eval_tokens
            record.update(
                prompt_tokens=result.prompt_tokens,
                generated_tokens=result.eval_tokens,
                load_ms=round(load_s * 1000, 3),
                done_reason=result.done_reason,
                tool_calls=[c["function"]["name"] for c in result.tool_calls],
            )
            yield {
                "kind": "done",
                "done_reason": result.done_reason,
                "total_duration": ns(time.perf_counter() - started),
                "load_duration": ns(load_s),
                "prompt_eval_count": result.prompt_tokens,
                "prompt_eval_duration": ns(result.prompt_seconds),
                "eval_count": result.eval_tokens,
                "eval_duration": ns(result.eval_seconds),
            }

        return await respond(raw, kind, produce(), stream)

    async def respond(
        raw: str, kind: str, events: AsyncIterator[dict[str, Any]], stream: bool
    ) -> Response:
        def frame(
            content: str = "", tool_calls: list[dict[str, Any]] | None = None
        ) -> dict[str, Any]:
            base: dict[str, Any] = {"model": raw, "created_at": now_iso()}
            if kind == "chat":
                message: dict[str, Any] = {"role": "assistant", "content": content}
                if tool_calls:
                    message["tool_calls"] = tool_calls
                base["message"] = message
            else:
                base["response"] = content
            return base

        def final(event: dict[str, Any]) -> dict[str, Any]:
            out = frame()
            out["done"] = True
            out.update({k: v for k, v in event.items() if k != "kind"})
            if kind == "generate":
                out["context"] = []
            return out

        if stream:

            async def body_iter() -> AsyncIterator[bytes]:
                async for event in events:
                    if event["kind"] == "piece":
                        yield line({**frame(event["text"]), "done": False})
                    elif event["kind"] == "tools":
                        yield line({**frame("", event["tool_calls"]), "done": False})
                    elif event["kind"] == "error":
                        yield line({"error": event["error"]})
                    else:
                        yield line(final(event))

            return StreamingResponse(body_iter(), media_type=NDJSON)

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
                out = final(event)
                if kind == "chat":
                    out["message"] = frame("".join(text), calls)["message"]
                else:
                    out["response"] = "".join(text)
                return JSONResponse(out)
        return error("generation ended without a result", 500)

    async def midstream_error(raw: str, kind: str) -> AsyncIterator[bytes]:
        for piece in ("Let ", "me ", "think"):
            key = "message" if kind == "chat" else "response"
            value: Any = {"role": "assistant", "content": piece} if kind == "chat" else piece
            yield line({"model": raw, "created_at": now_iso(), key: value, "done": False})
            await asyncio.sleep(0.01)
        yield line({"error": config.error_message})

    # -- test-only routes ------------------------------------------------------------------

    async def stats(request: Request) -> Response:
        return JSONResponse(
            {
                "calls": state.calls,
                "chat_calls": state.chat_calls,
                "prompt_tokens": state.prompt_tokens,
                "generated_tokens": state.generated_tokens,
                "loads": state.loads,
                "pulls": state.pulls,
                "behaviour": config.behaviour,
                "model_behaviours": config.model_behaviours,
                "cost_model": config.cost.as_dict(),
                "loaded": sorted(state.loaded),
                "records": state.records,
            }
        )

    async def reset(request: Request) -> Response:
        state.reset()
        return JSONResponse({"status": "ok"})

    async def set_behaviour(request: Request) -> Response:
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(str(exc), 400)
        behaviour = body.get("behaviour")
        if behaviour not in bh.BEHAVIOURS:
            return error(
                f"unknown behaviour {behaviour!r}; choose one of {', '.join(bh.BEHAVIOURS)}", 400
            )
        if body.get("model"):
            config.model_behaviours[ModelName.parse(body["model"]).display] = behaviour
        else:
            config.behaviour = behaviour
        return JSONResponse(
            {"behaviour": config.behaviour, "model_behaviours": config.model_behaviours}
        )

    routes = [
        Route("/", root, methods=["GET", "HEAD"]),
        Route("/api/version", version, methods=["GET", "HEAD"]),
        Route("/api/tags", tags, methods=["GET", "HEAD"]),
        Route("/api/show", show, methods=["POST"]),
        Route("/api/ps", ps, methods=["GET"]),
        Route("/api/pull", pull, methods=["POST"]),
        Route("/api/delete", delete, methods=["DELETE", "POST"]),
        Route("/api/generate", generate, methods=["POST"]),
        Route("/api/chat", chat, methods=["POST"]),
        Route("/_double/stats", stats, methods=["GET"]),
        Route("/_double/reset", reset, methods=["POST"]),
        Route("/_double/behaviour", set_behaviour, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.double = state
    return app


def bh_tool_name(tool: Any) -> str:
    if isinstance(tool, dict):
        return str((tool.get("function") or {}).get("name") or tool.get("name") or "")
    return ""


def _param_count(size: str) -> int:
    m = re.fullmatch(r"([\d.]+)([MB])", size)
    if not m:
        return 0
    return int(float(m.group(1)) * (1e6 if m.group(2) == "M" else 1e9))


def serve(config: DoubleConfig, host: str, port: int, log_level: str = "warning") -> None:
    import uvicorn

    app = build_app(config)
    # Open streams (a slow answer, a long pull) must not keep a stopped server alive.
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=2,
    )
