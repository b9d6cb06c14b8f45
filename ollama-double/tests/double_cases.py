"""Requests, tools and schemas shared by the double's tests."""

from __future__ import annotations

from typing import Any

from ollama_double.launcher import DoubleControl

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


# The trip-understanding schema as a pydantic model with Optional fields emits it.
TRIP_SCHEMA = {
    "type": "object",
    "title": "TripRequest",
    "properties": {
        "destination": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "country": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "start_date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
        "end_date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
        "month": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 12}, {"type": "null"}]},
        "duration_days": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        "travellers": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        "interests": {"type": "array", "items": {"type": "string"}},
        "budget_amount": {"anyOf": [{"type": "number"}, {"type": "null"}]},
        "budget_currency": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "home_currency": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "pace": {"type": "string", "enum": ["relaxed", "busy"]},
        "notes": {"type": ["string", "null"]},
    },
    "required": ["destination", "interests", "pace"],
}


def function_tool(
    name: str, description: str, arguments: dict[str, str], required: list[str] | None = None
) -> dict[str, Any]:
    """A tool as clients offer it; ``arguments`` maps each argument to its JSON type (all
    required unless ``required`` says otherwise)."""
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {
                "type": "object",
                "properties": {key: {"type": kind} for key, kind in arguments.items()},
                "required": list(arguments) if required is None else required,
            },
        },
    }


def stats(url: str) -> dict[str, Any]:
    return DoubleControl(url).stats()
