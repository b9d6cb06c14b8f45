"""Counting model calls, tokens and tool calls for one plan (reported by `--json`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Usage:
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    tool_calls: int = 0

    def add_tokens(self, prompt: int, completion: int) -> None:
        self.prompt_tokens += prompt
        self.completion_tokens += completion

    def as_dict(self) -> dict[str, int]:
        return asdict(self)
