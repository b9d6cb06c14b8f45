"""What one running double holds: its store, loaded models, slots, tables and counters."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from starlette.requests import Request

from ollama_double.answer_tables import AnswerTable, ReplayRules, parse_rules
from ollama_double.behaviours import Canned
from ollama_double.config import DoubleConfig
from ollama_double.slots import SlotPool
from ollama_double.store import ModelStore

if TYPE_CHECKING:
    from ollama_double.tiny import TinyModel


@dataclass
class Loaded:
    name: str
    num_ctx: int
    expires_at: float | None  # monotonic deadline, None = forever
    expires_wall: datetime | None


class DoubleState:
    def __init__(self, config: DoubleConfig) -> None:
        self.config = config
        self.store = ModelStore(config.store_dir)
        self.loaded: dict[str, Loaded] = {}
        self.lock = asyncio.Lock()
        self.pool = SlotPool(config.num_parallel, prefix_cache=config.prefix_cache)
        self.canned = Canned(AnswerTable(config.answers), ReplayRules(parse_rules(config.replay)))
        self._tiny: TinyModel | None = None
        self.reset()

    def reset(self) -> None:
        self.calls = 0
        self.chat_calls = 0
        self.prompt_tokens = 0
        self.cached_tokens = 0
        self.evaluated_tokens = 0
        self.generated_tokens = 0
        self.loads = 0
        self.pulls = 0
        self.records: list[dict[str, Any]] = []
        # Empty generation requests (load or unload the model), as they arrived.
        self.load_requests: list[dict[str, Any]] = []

    def behaviour_for(self, model: str) -> str:
        overrides = self.config.model_behaviours
        for key in (model, model.split(":")[0]):
            if key in overrides:
                return overrides[key]
        return self.config.behaviour

    def tiny(self) -> TinyModel:
        if self._tiny is None:
            from ollama_double.tiny import TinyModel

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
    ) -> tuple[float, bool]:
        """Load the model if needed: (load time in seconds, whether it was loaded now)."""
        async with self.lock:
            self.expire()
            current = self.loaded.get(name)
            load_seconds = 0.0
            loading = current is None or current.num_ctx != num_ctx
            if loading:
                start = time.perf_counter()
                if behaviour == "tiny-model":
                    await asyncio.to_thread(self.tiny().load)
                else:
                    await asyncio.sleep(self.config.cost.load_seconds())
                load_seconds = time.perf_counter() - start
                self.loads += 1
                self.pool.forget()
            self.touch(name, num_ctx, keep_alive)
            return load_seconds, loading

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

    def release(self, name: str, num_ctx: int, keep_alive: float | None) -> None:
        """A generation ended: keep the model for ``keep_alive`` (0: unload it now)."""
        self.touch(name, num_ctx, keep_alive)
        if keep_alive == 0:
            self.loaded.pop(name, None)


def double_state(request: Request) -> DoubleState:
    """The state of the double serving ``request``."""
    return cast(DoubleState, request.app.state.double)
