"""Writing a plan in parts at the same time, when Ollama has parallel slots.

With `OLLAMA_NUM_PARALLEL` slots, the planner's days are split into that many runs of
consecutive days, each asked for in its own call at once. The first part streams to the
traveller as it is written; the others are written meanwhile and follow in order, so the
plan reads exactly as one answer would, and a long trip takes about as long as its longest
part. Every part's prompt starts with the same bytes, so each slot reuses the prompt cache.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from travel_planner.llm import ModelCallFailed

# A part shorter than this is not worth its own call (and a prompt of its own).
MIN_PART_DAYS = 2


def split_days(days: int, slots: int) -> list[tuple[int, ...]]:
    """Days 1..`days` as at most `slots` runs of consecutive days, as even as possible."""
    parts = max(1, min(slots, days // MIN_PART_DAYS))
    size, extra = divmod(days, parts)
    runs, first = [], 1
    for index in range(parts):
        length = size + (1 if index < extra else 0)
        runs.append(tuple(range(first, first + length)))
        first += length
    return runs


@dataclass(frozen=True)
class _Failed:
    error: ModelCallFailed


_END = object()


async def in_order(streams: Sequence[AsyncIterator[str]]) -> AsyncIterator[str]:
    """The pieces of every stream, stream after stream, while all of them run at once.

    A part whose call fails (ModelCallFailed) ends early and the next one follows; the first
    such failure is raised after the last piece. Any other error stops everything at once.
    """
    queues: list[asyncio.Queue[object]] = [asyncio.Queue() for _ in streams]

    async def pump(stream: AsyncIterator[str], queue: asyncio.Queue[object]) -> None:
        try:
            async for piece in stream:
                queue.put_nowait(piece)
        except ModelCallFailed as failed:
            queue.put_nowait(_Failed(failed))
        except Exception as error:
            queue.put_nowait(error)
        finally:
            queue.put_nowait(_END)

    tasks = [asyncio.create_task(pump(s, q)) for s, q in zip(streams, queues, strict=True)]
    failures: list[ModelCallFailed] = []
    try:
        for queue in queues:
            while (item := await queue.get()) is not _END:
                if isinstance(item, _Failed):
                    failures.append(item.error)
                elif isinstance(item, BaseException):
                    raise item
                else:
                    yield str(item)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if failures:
        raise failures[0]
