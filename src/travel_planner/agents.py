"""The agents: one chat client, one factory, per-role call options.

Every agent of a plan shares the chat client and the same num_ctx (a different value would
make Ollama reload the model); roles differ only in their instructions and output budget.
"""

from __future__ import annotations

from typing import Any, Literal

from agent_framework import Agent
from agent_framework_ollama import OllamaChatClient

from travel_planner.config import Settings
from travel_planner.llm import call_options

Role = Literal["understanding", "researcher", "weather", "planner"]
AGENT_NAMES: dict[Role, str] = {
    "understanding": "TripUnderstanding",
    "researcher": "Researcher",
    "weather": "WeatherAnalyst",
    "planner": "Planner",
}


def options(settings: Settings, role: Role, *, days: int = 1, **extra: Any) -> dict[str, Any]:
    """Call options for a role: output budget and temperature."""
    if role == "understanding":
        return call_options(settings, max_tokens=300, temperature=0.0, **extra)
    if role == "researcher":
        return call_options(settings, max_tokens=300, **extra)
    if role == "weather":
        return call_options(settings, max_tokens=160, **extra)
    # About 90 tokens a day covers three one-sentence slots; the cap keeps CPU runs bounded.
    budget = min(120 + 110 * days, settings.ollama_num_ctx // 2)
    return call_options(settings, max_tokens=budget, **extra)


def build_agent(
    client: OllamaChatClient,
    settings: Settings,
    role: Role,
    instructions: str,
    **extra: Any,
) -> Agent[Any]:
    """An agent for one role. No tools: the workflow fetches every fact the plan needs, and a
    tool round would cost a whole model call."""
    return client.as_agent(
        name=AGENT_NAMES[role],
        instructions=instructions,
        default_options=options(settings, role, **extra),
    )
