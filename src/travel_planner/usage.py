"""Counting model calls, tokens and tool calls for one plan (reported by `--json`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from agent_framework import ChatContext, ChatMiddleware, ChatResponse


@dataclass
class Usage:
    llm_calls: int = 0
    llm_failures: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    tool_calls: int = 0

    def add_response(self, response: ChatResponse[Any]) -> None:
        details = response.usage_details or {}
        self.prompt_tokens += int(details.get("input_token_count") or 0)
        self.completion_tokens += int(details.get("output_token_count") or 0)

    def as_dict(self) -> dict[str, int]:
        data = asdict(self)
        data.pop("llm_failures")
        return data


class UsageMiddleware(ChatMiddleware):
    """Chat middleware: runs once per model call, including calls inside a tool loop."""

    def __init__(self, usage: Usage) -> None:
        self.usage = usage

    async def process(self, context: ChatContext, call_next: Callable[[], Awaitable[None]]) -> None:
        self.usage.llm_calls += 1
        try:
            await call_next()
        except Exception:
            self.usage.llm_failures += 1
            raise
        if context.stream:

            def record(response: ChatResponse[Any]) -> None:
                self.usage.add_response(response)

            context.stream_result_hooks.append(record)
        elif isinstance(context.result, ChatResponse):
            self.usage.add_response(context.result)
