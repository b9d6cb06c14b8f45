"""Fixtures for reading requests against the real travel-tools MCP server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

from travel_planner.mcp_client import TravelTools
from travel_planner.understanding import StructuredModel

# The corpus's "today": a Wednesday.
TODAY = date(2027, 3, 10)
HOME = "EUR"


@pytest.fixture
async def tools(mcp_server_url: str) -> AsyncIterator[TravelTools]:
    async with TravelTools(mcp_server_url, 20.0) as travel_tools:
        yield travel_tools


class ScriptedModel:
    """A structured-output model that gives one fixed answer and counts its calls."""

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.calls = 0
        self.schemas: list[dict[str, Any]] = []
        self.prompts: list[str] = []

    async def __call__(self, prompt: str, schema: dict[str, Any]) -> str | None:
        self.calls += 1
        self.schemas.append(schema)
        self.prompts.append(prompt)
        return self.answer


def answering(**fields: Any) -> ScriptedModel:
    """A model whose JSON answer holds `fields` (everything else null)."""
    answer: dict[str, Any] = {"is_trip_request": True, "language": "en", "interests": []}
    answer.update(fields)
    return ScriptedModel(json.dumps(answer))


def prose() -> ScriptedModel:
    return ScriptedModel("Sure! Rome is lovely in spring, you should definitely go.")


def as_model(model: ScriptedModel) -> StructuredModel:
    return model
