"""The naive pipeline the product is measured against.

Three agents chained with SequentialBuilder (Researcher -> WeatherAnalyst -> Planner), the
MCP tools on the weather agent, and the whole conversation handed from agent to agent. This
is how the project this product replaces planned a trip; it lives here only as a yardstick.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from agent_framework import (
    Agent,
    AgentResponseUpdate,
    ChatContext,
    FunctionInvocationContext,
    MCPStreamableHTTPTool,
    Message,
    chat_middleware,
    function_middleware,
)
from agent_framework.orchestrations import SequentialBuilder
from agent_framework_ollama import OllamaChatClient

RESEARCHER = "Researcher"
WEATHER_ANALYST = "WeatherAnalyst"
PLANNER = "Planner"

RESEARCHER_INSTRUCTIONS = (
    "You are a travel researcher. Read the traveller's request and describe the "
    "destination: neighbourhoods, sights, food, local customs and getting around. "
    "Suggest what suits the traveller's interests and budget."
)
WEATHER_INSTRUCTIONS = (
    "You are a weather analyst. Use the travel tools to look up the destination, the "
    "weather for the travel dates, local time and any currency conversion the traveller "
    "needs. Report the figures the tools return."
)
PLANNER_INSTRUCTIONS = (
    "You are a trip planner. Using the research and the weather analysis above, write a "
    "day-by-day itinerary. Give each day a '### Day N' heading with '- Morning:', "
    "'- Afternoon:' and '- Evening:' lines, and mention the expected weather."
)


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any]
    result: Any
    seconds: float


@dataclass
class BaselineResult:
    plan: str
    total_s: float
    first_plan_token_s: float | None
    tool_calls: list[ToolCall] = field(default_factory=list)

    @property
    def tool_s(self) -> float:
        return sum(call.seconds for call in self.tool_calls)


def _tool_timer(calls: list[ToolCall]) -> Callable[..., Awaitable[None]]:
    @function_middleware
    async def time_tool_call(
        context: FunctionInvocationContext, call_next: Callable[[], Awaitable[None]]
    ) -> None:
        started = time.perf_counter()
        try:
            await call_next()
        finally:
            arguments = context.arguments
            calls.append(
                ToolCall(
                    name=context.function.name,
                    arguments=dict(arguments) if isinstance(arguments, dict) else {},
                    result=context.result,
                    seconds=time.perf_counter() - started,
                )
            )

    return time_tool_call


def _planner_task(task: str) -> Callable[..., Awaitable[None]]:
    @chat_middleware
    async def add_task(context: ChatContext, call_next: Callable[[], Awaitable[None]]) -> None:
        context.messages = [*context.messages, Message(role="user", contents=[task])]
        await call_next()

    return add_task


def day_list(days: Sequence[date]) -> str:
    """The trip's days as the planner task lists them: ``Day N (YYYY-MM-DD, Weekday):``."""
    lines = [f"Day {i} ({d.isoformat()}, {d.strftime('%A')}):" for i, d in enumerate(days, 1)]
    return "Plan these days:\n" + "\n".join(lines)


async def run_baseline(
    request: str,
    *,
    ollama_host: str,
    model: str,
    mcp_url: str,
    options: dict[str, Any] | None = None,
    planner_task: str | None = None,
) -> BaselineResult:
    """Plan one trip with the naive three-agent chain; time it as a user would see it.

    ``planner_task``, when given, is added as a last user turn to the Planner's call only
    (see ``day_list``), so the Planner is asked for the same days as the product's planner.
    """
    started = time.perf_counter()
    calls: list[ToolCall] = []
    client = OllamaChatClient(host=ollama_host, model=model)
    default_options: Any = dict(options or {})
    tools = MCPStreamableHTTPTool(
        name="travel-tools", url=mcp_url, load_prompts=False, request_timeout=60
    )
    async with tools:
        researcher = Agent(
            client,
            RESEARCHER_INSTRUCTIONS,
            name=RESEARCHER,
            default_options=default_options,
        )
        analyst = Agent(
            client,
            WEATHER_INSTRUCTIONS,
            name=WEATHER_ANALYST,
            tools=[tools],
            default_options=default_options,
            middleware=[_tool_timer(calls)],
        )
        planner = Agent(
            client,
            PLANNER_INSTRUCTIONS,
            name=PLANNER,
            default_options=default_options,
            middleware=[_planner_task(planner_task)] if planner_task else None,
        )
        workflow = SequentialBuilder(
            participants=[researcher, analyst, planner], ensure_trailing_user_turn=True
        ).build()
        first_token: float | None = None
        chunks: list[str] = []
        async for event in workflow.run(request, stream=True):
            if event.type != "output" or event.executor_id != PLANNER:
                continue
            if isinstance(event.data, AgentResponseUpdate) and event.data.text:
                if first_token is None:
                    first_token = time.perf_counter() - started
                chunks.append(event.data.text)
            elif not chunks and hasattr(event.data, "text"):
                chunks.append(str(event.data.text))
    return BaselineResult(
        plan="".join(chunks),
        total_s=time.perf_counter() - started,
        first_plan_token_s=first_token,
        tool_calls=calls,
    )
