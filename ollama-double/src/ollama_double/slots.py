"""Parallel slots (``OLLAMA_NUM_PARALLEL``), each with its own prompt cache.

At most N generations run at once; the others wait in arrival order. A request
takes the idle slot whose cache shares the longest prefix with its prompt
(llama.cpp's choice), the least recently used one on a tie, and pays only for the
rest of its prompt (see ``costmodel.RenderedPrompt``). A slot's cache holds its last
prompt and the answer generated to it, so a conversation continued on it pays only for
the new turns.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from ollama_double.costmodel import RenderedPrompt


@dataclass
class Slot:
    index: int
    prompt: RenderedPrompt | None = None  # what its KV cache holds
    busy: bool = False
    last_used: int = 0


@dataclass
class Lease:
    """A slot held for one generation."""

    slot: int
    cached_tokens: int
    queue_seconds: float
    # What the slot's cache holds afterwards: the prompt and the answer generated to it
    # (Ollama evaluates each generated token into the cache); set by the generator.
    holds: RenderedPrompt | None = None


def choose_slot(
    slots: Sequence[Slot], prompt: RenderedPrompt, *, prefix_cache: bool = True
) -> tuple[Slot, int]:
    """The idle slot to use for ``prompt`` and how many of its tokens are cached there."""
    idle = [slot for slot in slots if not slot.busy]
    if not idle:
        raise RuntimeError("no idle slot")

    def reuse(slot: Slot) -> int:
        return prompt.cached_tokens(slot.prompt) if prefix_cache else 0

    best = max(idle, key=lambda slot: (reuse(slot), -slot.last_used, -slot.index))
    return best, reuse(best)


class SlotPool:
    def __init__(self, size: int, *, prefix_cache: bool = True) -> None:
        self.slots = [Slot(index) for index in range(max(1, size))]
        self.prefix_cache = prefix_cache
        self._free = asyncio.Semaphore(len(self.slots))
        self._clock = itertools.count(1)

    @asynccontextmanager
    async def lease(self, prompt: RenderedPrompt) -> AsyncIterator[Lease]:
        """Wait for a free slot, hold the best one while the caller generates."""
        queued = time.perf_counter()
        async with self._free:
            slot, cached = choose_slot(self.slots, prompt, prefix_cache=self.prefix_cache)
            slot.busy = True
            lease = Lease(slot.index, cached, time.perf_counter() - queued)
            try:
                yield lease
            finally:
                slot.busy = False
                slot.prompt = lease.holds or prompt
                slot.last_used = next(self._clock)

    def forget(self) -> None:
        """The model was (re)loaded: every slot's cache is empty."""
        for slot in self.slots:
            slot.prompt = None
