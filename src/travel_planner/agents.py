"""The four agents, one small factory each. All share one chat client and the same num_ctx."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from agent_framework import Agent, FunctionTool, tool
from agent_framework_ollama import OllamaChatClient

from travel_planner.config import Settings
from travel_planner.llm import call_options
from travel_planner.mcp_client import ToolError
from travel_planner.prompts import (
    PLANNER_INSTRUCTIONS,
    RESEARCHER_INSTRUCTIONS,
    WEATHER_INSTRUCTIONS,
    understand_instructions,
)
from travel_planner.trip import understanding_schema

ToolCaller = Callable[..., Awaitable[dict[str, Any]]]


def understanding_agent(client: OllamaChatClient, settings: Settings, today: date) -> Agent[Any]:
    return client.as_agent(
        name="TripUnderstanding",
        instructions=understand_instructions(today),
        default_options=call_options(
            settings, max_tokens=300, temperature=0.0, response_format=understanding_schema()
        ),
    )


def researcher_tools(call_tool: ToolCaller) -> list[FunctionTool]:
    """Extra tools the Researcher may call when the model can; results are facts too."""

    async def travel_distance(from_place: str, to_place: str) -> str:
        """Distance and rough travel times between two places (e.g. a day trip from the city)."""
        try:
            result = await call_tool("travel_distance", from_place=from_place, to_place=to_place)
        except ToolError as exc:
            return f"No distance available: {exc}"
        return json.dumps(
            {k: result.get(k) for k in ("from", "to", "distance_km", "estimates")}, default=str
        )

    return [tool(travel_distance, max_invocations=2)]


def researcher_agent(
    client: OllamaChatClient, settings: Settings, tools: list[FunctionTool]
) -> Agent[Any]:
    return client.as_agent(
        name="Researcher",
        instructions=RESEARCHER_INSTRUCTIONS,
        tools=tools,
        default_options=call_options(settings, max_tokens=300),
    )


def weather_agent(client: OllamaChatClient, settings: Settings) -> Agent[Any]:
    return client.as_agent(
        name="WeatherAnalyst",
        instructions=WEATHER_INSTRUCTIONS,
        default_options=call_options(settings, max_tokens=160),
    )


def planner_agent(client: OllamaChatClient, settings: Settings, days: int) -> Agent[Any]:
    # About 90 tokens a day covers three one-sentence slots; the cap keeps CPU runs bounded.
    budget = min(120 + 110 * days, settings.ollama_num_ctx // 2)
    return client.as_agent(
        name="Planner",
        instructions=PLANNER_INSTRUCTIONS,
        default_options=call_options(settings, max_tokens=budget),
    )
