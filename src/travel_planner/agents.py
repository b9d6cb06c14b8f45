"""The four agents, one small factory each. All share one chat client and the same num_ctx."""

from __future__ import annotations

from datetime import date
from typing import Any

from agent_framework import Agent
from agent_framework_ollama import OllamaChatClient

from travel_planner.config import Settings
from travel_planner.llm import call_options
from travel_planner.prompts import (
    PLANNER_INSTRUCTIONS,
    RESEARCHER_INSTRUCTIONS,
    WEATHER_INSTRUCTIONS,
    understand_instructions,
)
from travel_planner.trip import understanding_schema


def understanding_agent(client: OllamaChatClient, settings: Settings, today: date) -> Agent[Any]:
    return client.as_agent(
        name="TripUnderstanding",
        instructions=understand_instructions(today),
        default_options=call_options(
            settings, max_tokens=300, temperature=0.0, response_format=understanding_schema()
        ),
    )


def researcher_agent(client: OllamaChatClient, settings: Settings) -> Agent[Any]:
    """No tools: the facts are in the prompt (a tool round would cost a model call)."""
    return client.as_agent(
        name="Researcher",
        instructions=RESEARCHER_INSTRUCTIONS,
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
