"""Remembered answers: worked out once per arguments, errors and live forecasts never kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import httpx
import pytest
import respx
from fastmcp import Client
from tool_cases import FORECAST_URL, TODAY, deps_for, future

from travel_mcp_server import server
from travel_mcp_server.config import DataMode
from travel_mcp_server.remembered import RememberedAnswers
from travel_mcp_server.server import ToolDependencies, build_server

pytestmark = pytest.mark.unit

REYKJAVIK_SUMMER = {"place": "Reykjavik", "start_date": "2027-06-20", "end_date": "2027-06-22"}


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    """Record every call of the server module's `name` (the real function still answers)."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., Any] = getattr(server, name)

    def counted(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(server, name, counted)
    return calls


async def test_an_answer_is_worked_out_once_per_arguments() -> None:
    asked: list[int] = []

    def square(n: int) -> int:
        asked.append(n)
        return n * n

    answers = RememberedAnswers(square)
    assert [await answers(3), await answers(3), await answers(4)] == [9, 9, 16]
    assert asked == [3, 4]


async def test_errors_are_not_remembered() -> None:
    attempts: list[str] = []

    def lookup(name: str) -> str:
        attempts.append(name)
        if len(attempts) == 1:
            raise ValueError("not yet")
        return name.upper()

    answers = RememberedAnswers(lookup)
    with pytest.raises(ValueError, match="not yet"):
        await answers("lisbon")
    assert await answers("lisbon") == "LISBON"
    assert attempts == ["lisbon", "lisbon"]


async def test_the_least_recently_used_answer_goes_first() -> None:
    asked: list[str] = []

    def same(key: str) -> str:
        asked.append(key)
        return key

    answers = RememberedAnswers(same, maxsize=2)
    for key in ("a", "b", "a", "c", "a", "b"):  # "b" is the oldest when "c" comes in
        await answers(key)
    assert asked == ["a", "b", "c", "b"]


async def test_a_repeated_tool_call_is_answered_from_memory(
    base_deps: ToolDependencies, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = counting(monkeypatch, "sun_times")
    async with Client(build_server(base_deps)) as client:
        first = await client.call_tool("sun_times", REYKJAVIK_SUMMER)
        again = await client.call_tool("sun_times", REYKJAVIK_SUMMER)
        later = await client.call_tool("sun_times", {**REYKJAVIK_SUMMER, "end_date": "2027-06-23"})
    assert again.structured_content == first.structured_content
    assert len(later.structured_content["days"]) == 4
    assert len(computed) == 2  # once per distinct range


async def test_climate_normals_are_remembered(
    base_deps: ToolDependencies, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = counting(monkeypatch, "normals_answer")
    where = {"place": "Rome", "start_date": future(60), "end_date": future(62)}
    async with Client(build_server(base_deps)) as client:
        results = [await client.call_tool("weather", where) for _ in range(3)]
    assert {r.structured_content["kind"] for r in results} == {"climate_normals"}
    assert results[0].structured_content == results[2].structured_content
    assert len(computed) == 1


async def test_normals_beyond_the_forecast_horizon_are_remembered_for_one_day(
    base_deps: ToolDependencies, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = counting(monkeypatch, "normals_answer")
    today = [TODAY]
    deps = replace(deps_for(base_deps, DataMode.AUTO), today=lambda: today[-1])
    where = {"place": "Rome", "start_date": "2027-03-01", "end_date": "2027-03-02"}
    async with Client(build_server(deps)) as client:
        notes = [(await client.call_tool("weather", where)).structured_content["note"]]
        notes.append((await client.call_tool("weather", where)).structured_content["note"])
        today.append(TODAY + timedelta(days=1))
        notes.append((await client.call_tool("weather", where)).structured_content["note"])
    assert len(computed) == 2  # once per day
    assert notes[0] == notes[1] and "(2026-11-29 to" in notes[0]
    assert "(2026-11-30 to" in notes[2]


@respx.mock
async def test_a_live_forecast_is_asked_every_time(base_deps: ToolDependencies) -> None:
    daily = {
        "time": [future(1)],
        "temperature_2m_max": [16.1],
        "temperature_2m_min": [10.2],
        "precipitation_sum": [0.0],
        "precipitation_probability_max": [5],
    }
    route = respx.get(FORECAST_URL).mock(return_value=httpx.Response(200, json={"daily": daily}))
    deps = deps_for(base_deps, DataMode.ONLINE)
    where = {"place": "Lisbon", "start_date": future(1), "end_date": future(1)}
    async with Client(build_server(deps)) as client:
        for _ in range(2):
            result = await client.call_tool("weather", where)
            assert result.structured_content["kind"] == "forecast"
    await deps.live.aclose()
    assert route.call_count == 2
