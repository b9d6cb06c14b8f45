"""Tool calls shared by the protocol tests: a good call per tool, bad input for every tool."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from travel_mcp_server.config import DataMode
from travel_mcp_server.live import LiveClient
from travel_mcp_server.server import ToolDependencies

TODAY = date(2026, 11, 29)
FORECAST_URL = "https://forecast.test/v1/forecast"
RATES_URL = "https://rates.test/v1/latest"

TOOL_NAMES = {
    "resolve_place",
    "country_facts",
    "public_holidays",
    "convert_currency",
    "local_time",
    "sun_times",
    "weather",
    "travel_distance",
    "suggest_destinations",
}


def deps_for(base: ToolDependencies, mode: DataMode, timeout: float = 0.5) -> ToolDependencies:
    """The shared datasets with another data mode (and a fresh live client)."""
    settings = base.settings.model_copy(update={"data_mode": mode, "live_timeout_seconds": timeout})
    return replace(base, settings=settings, live=LiveClient(mode, timeout))


def future(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def good_calls() -> list[tuple[str, dict[str, Any]]]:
    """One valid call per tool; weather uses dates beyond the forecast horizon (normals)."""
    return [
        ("resolve_place", {"name": "Santiago", "limit": 3}),
        ("country_facts", {"country": "Japan"}),
        (
            "public_holidays",
            {"country": "FR", "start_date": "2027-07-01", "end_date": "2027-08-31"},
        ),
        ("convert_currency", {"amount": 120.5, "from_currency": "EUR", "to_currency": "GBP"}),
        ("local_time", {"place": "Sydney", "start_date": "2027-04-01", "end_date": "2027-04-07"}),
        ("sun_times", {"place": "Reykjavik", "start_date": "2027-06-20", "end_date": "2027-06-22"}),
        ("weather", {"place": "Rome", "start_date": future(60), "end_date": future(62)}),
        ("travel_distance", {"from_place": "Lisbon", "to_place": "Madrid"}),
        ("suggest_destinations", {"month": 3, "min_temp_c": 22, "region": "Europe"}),
    ]


# (tool, arguments, fragment the error message must contain)
BAD_CALLS: list[tuple[str, dict[str, Any], str]] = [
    ("resolve_place", {"name": ""}, "'name' must not be empty"),
    ("resolve_place", {"name": "Qwxzzyplok"}, "No place named 'Qwxzzyplok' found"),
    ("resolve_place", {"name": "x" * 201}, "send at most 200"),
    ("resolve_place", {"name": "Paris", "limit": 99}, "'limit' must be between 1 and 20"),
    ("country_facts", {"country": "Atlantis"}, "Unknown country 'Atlantis'"),
    (
        "public_holidays",
        {"country": "FR", "start_date": "2027-13-01", "end_date": "2027-12-31"},
        "YYYY-MM-DD",
    ),
    (
        "public_holidays",
        {"country": "FR", "start_date": "2027-05-02", "end_date": "2027-05-01"},
        "before start_date",
    ),
    (
        "public_holidays",
        {
            "country": "US",
            "start_date": "2027-01-01",
            "end_date": "2027-01-31",
            "subdivision": "XX",
        },
        "Unknown subdivision 'XX'",
    ),
    (
        "convert_currency",
        {"amount": -10, "from_currency": "USD", "to_currency": "EUR"},
        "must be greater than 0",
    ),
    (
        "convert_currency",
        {"amount": 10, "from_currency": "ABC", "to_currency": "EUR"},
        "Unknown or unsupported currency 'ABC'",
    ),
    (
        "convert_currency",
        {"amount": "lots", "from_currency": "USD", "to_currency": "EUR"},
        "amount",
    ),
    (
        "local_time",
        {"place": "Paris", "start_date": "2027-01-01", "end_date": "2027-03-01"},
        "ask for at most 31 days",
    ),
    (
        "local_time",
        {"place": "Nowhereville Qq", "start_date": "2027-01-01", "end_date": "2027-01-02"},
        "No place named",
    ),
    (
        "sun_times",
        {"place": "Oslo", "start_date": "2027-01-10", "end_date": "2027-01-01"},
        "before start_date",
    ),
    (
        "sun_times",
        {"place": "Oslo", "start_date": "tomorrow", "end_date": "2027-01-01"},
        "YYYY-MM-DD",
    ),
    (
        "weather",
        {"place": "Paris", "start_date": "2020-01-01", "end_date": "2020-01-05"},
        "is in the past",
    ),
    (
        "weather",
        {"place": "Paris", "start_date": future(40), "end_date": future(90)},
        "at most 31 days",
    ),
    ("travel_distance", {"from_place": " ", "to_place": "Paris"}, "'from_place' must not be empty"),
    (
        "travel_distance",
        {"from_place": "Paris", "to_place": "Paris", "to_country": "Mordor"},
        "Unknown country 'Mordor'",
    ),
    ("suggest_destinations", {"month": 13}, "'month' must be 1-12"),
    ("suggest_destinations", {"month": 3, "region": "Atlantis"}, "Unknown region 'Atlantis'"),
    ("resolve_place", {"name": "Je"}, "too short to be a place name"),
    ("resolve_place", {"name": "Hola"}, "everyday word"),
    ("resolve_place", {"name": "Paris", "limit": "3"}, "'limit' must be a whole number"),
    ("resolve_place", {"name": "Paris", "bogus": 1}, "'bogus' is not a parameter"),
    (
        "convert_currency",
        {"amount": True, "from_currency": "USD", "to_currency": "EUR"},
        "'amount' must be a number",
    ),
    (
        "convert_currency",
        {"amount": "100", "from_currency": "USD", "to_currency": "EUR"},
        "'amount' must be a number",
    ),
    (
        "public_holidays",
        {"country": "FR", "start_date": "20270510", "end_date": "2027-05-12"},
        "YYYY-MM-DD",
    ),
    (
        "sun_times",
        {"place": "Oslo", "start_date": "2027-W19-1", "end_date": "2027-05-12"},
        "YYYY-MM-DD",
    ),
    (
        "local_time",
        {"place": "Paris", "start_date": "9999-12-31", "end_date": "9999-12-31"},
        "outside the supported dates",
    ),
    (
        "local_time",
        {"place": "Paris", "start_date": "0001-01-01", "end_date": "0001-01-01"},
        "outside the supported dates",
    ),
    (
        "sun_times",
        {"place": "Paris", "start_date": "9999-12-31", "end_date": "9999-12-31"},
        "outside the supported dates",
    ),
    (
        "weather",
        {"place": "Paris", "start_date": "9999-12-31", "end_date": "9999-12-31"},
        "outside the supported dates",
    ),
]
