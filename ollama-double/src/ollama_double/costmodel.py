"""Timing and token accounting for the scripted behaviours.

Token counting is a deterministic approximation: one token per started block of
four characters of text (``ceil(len(text) / 4)``), at least one token for any
non-empty generated piece, plus four tokens of framing per chat message. Tool
schemas count as their compact JSON text. A ``format`` schema costs no prompt tokens:
Ollama turns it into a sampling grammar and does not put it in the prompt.

The prompt is rendered as Ollama's templates do, in order: each message (its role
framing, its content, its tool calls), then the offered tools. A server slot keeps the last
prompt it evaluated and the answer it generated (its KV cache); a new
prompt on that slot pays only for what follows the longest common prefix of the
rendered text, counted in whole blocks of four characters, and always for at least
one token (llama.cpp re-evaluates the last one). ``prompt_eval_count`` reports the
evaluated tokens, as Ollama does.

Costs are honoured with real sleeps, so a benchmark sees the same shape as a
real server:

* ``load_ms``: once when a model is first used, after its ``keep_alive``
  expired, or when ``num_ctx`` changes (Ollama reloads the model then, and the
  slots' caches are lost);
* ``prompt_token_ms`` per evaluated prompt token before the first chunk (time to
  first token grows with the uncached part of the prompt);
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


def _common_prefix_length(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


@dataclass(frozen=True)
class Segment:
    """One piece of the rendered prompt: a message's framing, its content, the tools..."""

    kind: str
    text: str
    tokens: int


@dataclass(frozen=True)
class RenderedPrompt:
    """A request's prompt as the model sees it, in order, with its token count per piece."""

    segments: tuple[Segment, ...]

    @classmethod
    def of(
        cls, messages: list[dict[str, Any]], tools: list[Any] | None = None, fmt: Any = None
    ) -> RenderedPrompt:
        segments: list[Segment] = []
        for message in messages:
            role = str(message.get("role") or "")
            segments.append(Segment("role", role, MESSAGE_OVERHEAD_TOKENS))
            content = _as_text(message.get("content"))
            segments.append(Segment("content", content, count_tokens(content)))
            if message.get("tool_calls"):
                calls = _as_text(message["tool_calls"])
                segments.append(Segment("tool_calls", calls, count_tokens(calls)))
        if tools:
            text = _as_text(tools)
            segments.append(Segment("tools", text, count_tokens(text)))
        # `fmt` constrains sampling (a grammar); it is not part of the prompt.
        return cls(tuple(segments))

    @property
    def total(self) -> int:
        return sum(segment.tokens for segment in self.segments)

    def common_prefix_tokens(self, other: RenderedPrompt | None) -> int:
        """Tokens at the start of this prompt that ``other`` starts with too."""
        if other is None:
            return 0
        shared = 0
        for mine, theirs in zip(self.segments, other.segments, strict=False):
            if mine == theirs:
                shared += mine.tokens
                continue
            if mine.kind == theirs.kind and mine.kind != "role":
                same_chars = _common_prefix_length(mine.text, theirs.text)
                shared += min(mine.tokens, same_chars // CHARS_PER_TOKEN)
            break
        return shared

    def cached_tokens(self, previous: RenderedPrompt | None) -> int:
        """Tokens a slot that last evaluated ``previous`` need not evaluate again."""
        if self.total == 0:
            return 0
        return min(self.common_prefix_tokens(previous), self.total - 1)


def prompt_tokens(
    messages: list[dict[str, Any]],
    tools: list[Any] | None = None,
    fmt: Any = None,
) -> int:
    """The whole prompt's token count (cached or not)."""
    return RenderedPrompt.of(messages, tools, fmt).total


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
