"""Tools whose answer depends only on their arguments: each answer is worked out once, in a
worker thread, then served from memory on the event loop.

Travellers ask for the same places and dates all day. For an answer already known, FastMCP's
default for a sync tool (a hop to a worker thread and back on every call) costs more than the
answer itself, and under load those hops queue behind each other. A new question can take
milliseconds (the solar equations for a month, a prefix scan of every city name), so it still
runs off the loop and never stalls the other calls. Errors are not remembered.

What is kept is the MCP result FastMCP builds from the body's answer (structured content and
its JSON text), so a repeated call skips serialising it too."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Hashable
from datetime import date
from typing import Any, Generic, TypeVar

import anyio.to_thread
from fastmcp import FastMCP
from fastmcp.tools import FunctionTool, ToolResult

R = TypeVar("R")

# Answers kept per tool; the least recently used one goes first. A month of per-day results
# is a few kilobytes, so a full memory stays in the tens of megabytes.
ANSWERS_PER_TOOL = 2048


class RememberedAnswers(Generic[R]):
    """`compute(*key)` run in a worker thread the first time, answered from memory after."""

    def __init__(self, compute: Callable[..., R], maxsize: int = ANSWERS_PER_TOOL) -> None:
        self._compute = compute
        self._maxsize = maxsize
        # Touched only on the event loop thread, so it needs no lock; insertion order is
        # recency order (a hit is moved to the end).
        self._answers: dict[tuple[Hashable, ...], R] = {}

    async def __call__(self, *key: Hashable) -> R:
        try:
            answer = self._answers.pop(key)
        except KeyError:
            answer = await anyio.to_thread.run_sync(self._compute, *key)
            if len(self._answers) >= self._maxsize:
                del self._answers[next(iter(self._answers))]
        self._answers[key] = answer
        return answer


def remembered_tool(
    mcp: FastMCP,
    name: str,
    *,
    live: Callable[..., Awaitable[Any | None]] | None = None,
    day: Callable[[], date] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Awaitable[ToolResult]]]:
    """Register a sync tool body as the async tool `name` whose answers are remembered.

    The body keeps its typed, described parameters, return type and docstring: FastMCP
    publishes them as they are (it reads them through `functools.wraps`), and a ToolResult
    returned at run time passes through unchanged.

    `live`, when given, is asked first on every call with the same arguments: what it answers
    (a live source's data) is never remembered; None means the bundled data answers, through
    the body. `day`: the body's answer names the current day, so it is remembered per day."""

    def register(body: Callable[..., Any]) -> Callable[..., Awaitable[ToolResult]]:
        signature = inspect.signature(body)

        def answer(_day: date | None, *arguments: Any) -> ToolResult:
            return registered.convert_result(body(*arguments))

        answers = RememberedAnswers(answer)

        @functools.wraps(body)
        async def tool(*args: Any, **kwargs: Any) -> ToolResult:
            call = signature.bind(*args, **kwargs)
            call.apply_defaults()
            if live is not None and (fresh := await live(*call.args)) is not None:
                return registered.convert_result(fresh)
            return await answers(day() if day else None, *call.args)

        registered = mcp.add_tool(FunctionTool.from_function(tool, name=name))
        return tool

    return register
