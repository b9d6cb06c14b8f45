"""The live forecast as the weather tool reads it: what is asked of Open-Meteo, the answer in
full, series that are missing or the wrong length, and answers that cannot be used."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import respx
from tool_cases import FORECAST_URL

from travel_mcp_server.config import DataMode
from travel_mcp_server.live import LiveClient, LiveSourceError
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.weather import fetch_forecast

pytestmark = pytest.mark.unit

FIRST, LAST = date(2026, 12, 1), date(2026, 12, 2)
DAILY = {
    "time": ["2026-12-01", "2026-12-02"],
    "temperature_2m_max": [16.1, 15.4],
    "temperature_2m_min": [10.2, 9.8],
    "precipitation_sum": [0.0, 3.4],
    "precipitation_probability_max": [5, 71],
}


@pytest.fixture
def far_east_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The server's local time zone nine hours ahead of UTC."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def forecast(places: PlaceLookup, last: date = LAST) -> dict[str, Any]:
    live = LiveClient(DataMode.ONLINE, 1)
    try:
        answer: dict[str, Any] = await fetch_forecast(
            live, FORECAST_URL, places.resolve("Lisbon"), FIRST, last
        )
    finally:
        await live.aclose()
    return answer


@respx.mock
@pytest.mark.usefixtures("far_east_clock")
async def test_the_forecast_asked_and_read(places: PlaceLookup) -> None:
    route = respx.get(FORECAST_URL).mock(return_value=httpx.Response(200, json={"daily": DAILY}))
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    answer = await forecast(places)
    assert dict(route.calls.last.request.url.params) == {
        "latitude": "38.7251",
        "longitude": "-9.1498",
        "daily": "temperature_2m_max,temperature_2m_min,precipitation_sum,"
        "precipitation_probability_max",
        "timezone": "Europe/Lisbon",
        "start_date": "2026-12-01",
        "end_date": "2026-12-02",
    }
    assert answer["place"]["name"] == "Lisbon"
    assert (answer["kind"], answer["label"], answer["note"]) == (
        "forecast",
        "weather forecast",
        None,
    )
    assert answer["source"] == "Open-Meteo forecast API (open-meteo.com, CC BY 4.0)"
    assert answer["days"] == [
        {
            "date": "2026-12-01",
            "temp_max_c": 16.1,
            "temp_min_c": 10.2,
            "precipitation_mm": 0.0,
            "precipitation_probability_pct": 5,
        },
        {
            "date": "2026-12-02",
            "temp_max_c": 15.4,
            "temp_min_c": 9.8,
            "precipitation_mm": 3.4,
            "precipitation_probability_pct": 71,
        },
    ]
    # When it was read, in UTC whatever the server's own time zone.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", answer["as_of"])
    read_at = datetime.strptime(answer["as_of"], "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    assert 0 <= (read_at - before).total_seconds() <= 120


@respx.mock
@pytest.mark.parametrize(
    "broken",
    [
        {"temperature_2m_min": [10.2]},  # one value for two days
        {"temperature_2m_min": None},
        {"temperature_2m_min": "10.2,9.8"},
    ],
)
async def test_a_series_that_does_not_fit_is_read_as_unknown(
    places: PlaceLookup, broken: dict[str, Any]
) -> None:
    respx.get(FORECAST_URL).mock(
        return_value=httpx.Response(200, json={"daily": {**DAILY, **broken}})
    )
    answer = await forecast(places)
    assert [day["temp_min_c"] for day in answer["days"]] == [None, None]
    assert [day["temp_max_c"] for day in answer["days"]] == [16.1, 15.4]


@respx.mock
@pytest.mark.parametrize(
    ("payload", "last", "message"),
    [
        ([DAILY], LAST, "forecast response has no daily series"),
        ({"daily": {"time": "2026-12-01"}}, LAST, "forecast response has no daily series"),
        ({"daily": DAILY}, date(2026, 12, 3), "forecast does not cover the requested dates"),
    ],
)
async def test_an_answer_that_cannot_be_used(
    places: PlaceLookup, payload: Any, last: date, message: str
) -> None:
    respx.get(FORECAST_URL).mock(return_value=httpx.Response(200, json=payload))
    with pytest.raises(LiveSourceError) as raised:
        await forecast(places, last)
    assert str(raised.value) == message
