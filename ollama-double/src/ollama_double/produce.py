"""Producing one generation as events: the scripted model under the cost model, or the
real tiny model. Both hold a slot while they generate and account for it the same way."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

from ollama_double.behaviours import Reply, scripted_reply, split_pieces
from ollama_double.costmodel import RenderedPrompt, piece_tokens
from ollama_double.responses import Events, ns
from ollama_double.slots import Lease
from ollama_double.state import DoubleState


@dataclass
class Generation:
    """One ``/api/chat`` or ``/api/generate`` request, read and checked."""

    model: str  # as the client wrote it (echoed back)
    name: str  # normalised (``phi4-mini:latest``)
    kind: str  # chat | generate
    behaviour: str
    messages: list[dict[str, Any]]
    tools: list[dict[str, Any]] | None
    fmt: Any
    options: dict[str, Any]
    keep_alive: float | None
    stream: bool
    num_ctx: int
    record: dict[str, Any]  # this call's entry in /_double/stats


@dataclass
class Usage:
    prompt_tokens: int
    cached_tokens: int
    generated_tokens: int
    load_s: float
    prompt_s: float
    eval_s: float
    done_reason: str
    lease: Lease


def finish(state: DoubleState, gen: Generation, usage: Usage, started: float) -> dict[str, Any]:
    """Count the call, complete its record, and give the final event."""
    evaluated = usage.prompt_tokens - usage.cached_tokens
    state.prompt_tokens += usage.prompt_tokens
    state.cached_tokens += usage.cached_tokens
    state.evaluated_tokens += evaluated
    state.generated_tokens += usage.generated_tokens
    gen.record.update(
        prompt_tokens=usage.prompt_tokens,
        cached_tokens=usage.cached_tokens,
        evaluated_tokens=evaluated,
        generated_tokens=usage.generated_tokens,
        load_ms=round(usage.load_s * 1000, 3),
        done_reason=usage.done_reason,
        slot=usage.lease.slot,
        queue_ms=round(usage.lease.queue_seconds * 1000, 3),
        # Wall-clock end of the call, like `received_at`: the busy intervals of the model.
        finished_at=time.time(),
    )
    return {
        "kind": "done",
        "done_reason": usage.done_reason,
        "total_duration": ns(time.perf_counter() - started),
        "load_duration": ns(usage.load_s),
        "prompt_eval_count": evaluated,
        "prompt_eval_duration": ns(usage.prompt_s),
        "eval_count": usage.generated_tokens,
        "eval_duration": ns(usage.eval_s),
    }


def _within_num_predict(pieces: list[str], options: dict[str, Any]) -> tuple[list[str], str]:
    """The pieces that fit ``num_predict`` and the done reason (``length`` when cut)."""
    limit = options.get("num_predict")
    if not isinstance(limit, int) or limit <= 0:
        return pieces, "stop"
    kept: list[str] = []
    used = 0
    for piece in pieces:
        if used + piece_tokens(piece) > limit:
            return kept, "length"
        kept.append(piece)
        used += piece_tokens(piece)
    return kept, "stop"


def scripted_events(state: DoubleState, gen: Generation) -> Events:
    """The scripted model's answer, paid for with the cost model's sleeps."""
    config = state.config
    reply = scripted_reply(
        gen.behaviour,
        gen.messages,
        gen.tools,
        gen.fmt,
        max_tool_rounds=config.max_tool_rounds,
        parallel_tool_calls=config.parallel_tool_calls,
        canned=state.canned,
    )
    pieces = split_pieces(reply.content) if reply.content else []
    done_reason = "stop"
    if not reply.tool_calls:
        pieces, done_reason = _within_num_predict(pieces, gen.options)
    gen.record["tool_calls"] = [c["function"]["name"] for c in reply.tool_calls]
    return _scripted_stream(state, gen, reply, pieces, done_reason)


async def _scripted_stream(
    state: DoubleState, gen: Generation, reply: Reply, pieces: list[str], done_reason: str
) -> Events:
    cost = state.config.cost
    slow = gen.behaviour == "slow"
    first_delay = state.config.slow_first_ms / 1000 if slow else 0.0
    chunk_delay = state.config.slow_chunk_ms / 1000 if slow else 0.0
    prompt = RenderedPrompt.of(gen.messages, gen.tools, gen.fmt)
    started = time.perf_counter()
    async with state.pool.lease(prompt) as lease:
        load_s, loaded = await state.ensure_loaded(
            gen.name, gen.num_ctx, gen.keep_alive, gen.behaviour
        )
        cached = 0 if loaded else lease.cached_tokens
        t0 = time.perf_counter()
        await asyncio.sleep(cost.prompt_seconds(prompt.total - cached) + first_delay)
        prompt_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        eval_count = 0
        for i, piece in enumerate(pieces):
            tokens = piece_tokens(piece)
            await asyncio.sleep(cost.gen_seconds(tokens) + (chunk_delay if i else 0.0))
            eval_count += tokens
            yield {"kind": "piece", "text": piece}
        if reply.tool_calls:
            tokens = piece_tokens(json.dumps(reply.tool_calls))
            await asyncio.sleep(cost.gen_seconds(tokens))
            eval_count += tokens
            yield {"kind": "tools", "tool_calls": reply.tool_calls}
        eval_s = time.perf_counter() - t1
        if not gen.tools and not reply.tool_calls:
            answer = {"role": "assistant", "content": "".join(pieces)}
            lease.holds = RenderedPrompt.of([*gen.messages, answer])
        state.release(gen.name, gen.num_ctx, gen.keep_alive)
    usage = Usage(prompt.total, cached, eval_count, load_s, prompt_s, eval_s, done_reason, lease)
    yield finish(state, gen, usage, started)


async def tiny_events(state: DoubleState, gen: Generation) -> Events:
    """The real tiny model's answer (llama.cpp's own token counts and timings)."""
    prompt = RenderedPrompt.of(gen.messages, gen.tools, gen.fmt)
    started = time.perf_counter()
    async with state.pool.lease(prompt) as lease:
        load_s, _ = await state.ensure_loaded(gen.name, gen.num_ctx, gen.keep_alive, gen.behaviour)
        tiny = state.tiny()
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

        def on_piece(text: str) -> None:
            loop.call_soon_threadsafe(queue.put_nowait, ("piece", text))

        def work() -> None:
            try:
                result = tiny.chat(
                    gen.messages, gen.tools, gen.fmt, gen.options, on_piece if gen.stream else None
                )
                loop.call_soon_threadsafe(queue.put_nowait, ("result", result))
            except Exception as exc:  # reported to the client as Ollama would
                loop.call_soon_threadsafe(queue.put_nowait, ("error", str(exc)))

        worker = asyncio.create_task(asyncio.to_thread(work))
        # With tools offered, the text might turn out to be a tool call: hold it back.
        hold = bool(gen.tools)
        while True:
            what, value = await queue.get()
            if what == "piece":
                if not hold:
                    yield {"kind": "piece", "text": value}
                continue
            if what == "error":
                await worker
                gen.record.update(status=500, error=value)
                yield {"kind": "error", "error": value}
                return
            result = value
            break
        await worker
        if (hold or not gen.stream) and result.content:
            yield {"kind": "piece", "text": result.content}
        if result.tool_calls:
            yield {"kind": "tools", "tool_calls": result.tool_calls}
        state.release(gen.name, gen.num_ctx, gen.keep_alive)
    gen.record["tool_calls"] = [c["function"]["name"] for c in result.tool_calls]
    usage = Usage(
        result.prompt_tokens,
        min(result.cached_tokens, result.prompt_tokens),
        result.eval_tokens,
        load_s,
        result.prompt_seconds,
        result.eval_seconds,
        result.done_reason,
        lease,
    )
    yield finish(state, gen, usage, started)
