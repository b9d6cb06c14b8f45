"""Shared fixtures: one double per behaviour per module, counters reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.ollama_double.launcher import running_ollama_double

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "weather",
        "description": "Weather forecast or climate normals for a place and date range",
        "parameters": {
            "type": "object",
            "properties": {
                "place": {"type": "string", "description": "City name"},
                "start_date": {"type": "string", "description": "YYYY-MM-DD"},
                "end_date": {"type": "string", "description": "YYYY-MM-DD"},
                "country": {"type": "string"},
            },
            "required": ["place", "start_date", "end_date"],
        },
    },
}


@pytest.fixture(scope="module")
def tools_double() -> Iterator[str]:
    with running_ollama_double(behaviour="tools", models=("phi4-mini", "qwen3:8b")) as url:
        yield url


@pytest.fixture
def double(tools_double: str) -> str:
    httpx.post(f"{tools_double}/_double/reset").raise_for_status()
    return tools_double


def stats(url: str) -> dict:
    response = httpx.get(f"{url}/_double/stats")
    response.raise_for_status()
    return response.json()
