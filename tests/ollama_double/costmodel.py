"""Timing and token accounting for the scripted behaviours.

Token counting is a deterministic approximation: one token per started block of
four characters of text (``ceil(len(text) / 4)``), at least one token for any
non-empty generated piece, plus four tokens of framing per chat message. Tool
schemas and a ``format`` schema count as their compact JSON text. The counts
are reported as ``prompt_eval_count`` / ``eval_count`` exactly as Ollama does.

Costs are honoured with real sleeps, so a benchmark sees the same shape as a
real server:

* ``load_ms``: once when a model is first used, after its ``keep_alive``
  expired, or when ``num_ctx`` changes (Ollama reloads the model then);
* ``prompt_token_ms`` per prompt token before the first chunk (time to first
  token grows with the prompt);
* ``gen_token_ms`` per generated token, paid chunk by chunk while streaming.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

CHARS_PER_TOKEN = 4
MESSAGE_OVERHEAD_TOKENS = 4

# (prompt_token_ms, gen_token_ms, load_ms), roughly a 4B model at Q4.
PRESETS: dict[str, tuple[float, float, float]] = {
    "none": (0.0, 0.0, 0.0),
    "cpu": (20.0, 110.0, 4000.0),
    "gpu": (0.5, 12.0, 1500.0),
}


def count_tokens(text: str) -> int:
    """Approximate token count of ``text`` (``ceil(len / 4)``, 0 for empty)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


def piece_tokens(piece: str) -> int:
    """Tokens for one generated piece: at least one for anything non-empty."""
    return max(1, count_tokens(piece.strip())) if piece else 0


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def prompt_tokens(
    messages: list[dict[str, Any]],
    tools: list[Any] | None = None,
    fmt: Any = None,
) -> int:
    total = 0
    for message in messages:
        total += MESSAGE_OVERHEAD_TOKENS
        total += count_tokens(_as_text(message.get("content")))
        if message.get("tool_calls"):
            total += count_tokens(_as_text(message["tool_calls"]))
    if tools:
        total += count_tokens(_as_text(tools))
    if isinstance(fmt, dict):
        total += count_tokens(_as_text(fmt))
    return total


@dataclass
class CostModel:
    prompt_token_ms: float = 0.0
    gen_token_ms: float = 0.0
    load_ms: float = 0.0

    @classmethod
    def preset(cls, name: str) -> CostModel:
        p, g, load = PRESETS[name]
        return cls(prompt_token_ms=p, gen_token_ms=g, load_ms=load)

    def prompt_seconds(self, tokens: int) -> float:
        return tokens * self.prompt_token_ms / 1000.0

    def gen_seconds(self, tokens: int) -> float:
        return tokens * self.gen_token_ms / 1000.0

    def load_seconds(self) -> float:
        return self.load_ms / 1000.0

    def as_dict(self) -> dict[str, float]:
        return {
            "prompt_token_ms": self.prompt_token_ms,
            "gen_token_ms": self.gen_token_ms,
            "load_ms": self.load_ms,
        }
