"""Currency and weather in offline, online (recorded responses) and auto (fallback) modes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import httpx
import pytest
import respx
from tool_cases import FORECAST_URL, RATES_URL, TODAY

from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.config import DataMode
from travel_mcp_server.currency import RatesSnapshot, convert_currency
from travel_mcp_server.inputs import DataUnavailableError, ToolInputError
from travel_mcp_server.live import LiveClient
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.places import Place
from travel_mcp_server.weather import NORMALS_LABEL, weather

pytestmark = pytest.mark.unit

AskWeather = Callable[[LiveClient, Place, date, date], Awaitable[dict[str, Any]]]


@pytest.fixture
def ask_weather(normals: ClimateNormals) -> AskWeather:
    """The weather tool's logic for a place and dates, asked on TODAY."""

    async def ask(live: LiveClient, where: Place, first: date, last: date) -> dict[str, Any]:
        answer: dict[str, Any] = await weather(
            normals, live, FORECAST_URL, where, first, last, TODAY
        )
        return answer

    return ask


# Recorded from the public APIs (values as returned; only the dates moved next to TODAY).
RATES_RESPONSE = {"amount": 1.0, "base": "USD", "date": "2026-11-27", "rates": {"EUR": 0.8634}}
FORECAST_RESPONSE = {
    "latitude": 38.72,
    "longitude": -9.14,
    "timezone": "Europe/Lisbon",
    "daily_units": {"temperature_2m_max": "°C", "precipitation_sum": "mm"},
    "daily": {
        "time": ["2026-12-01", "2026-12-02"],
        "temperature_2m_max": [16.1, 15.4],
        "temperature_2m_min": [10.2, 9.8],
        "precipitation_sum": [0.0, 3.4],
        "precipitation_probability_max": [5, 71],
    },
}


async def test_offline_currency_uses_bundled_snapshot(rates: RatesSnapshot) -> None:
    live = LiveClient(DataMode.OFFLINE, 1)
    result = await convert_currency(rates, live, RATES_URL, 250, "usd", "JPY")
    assert result["mode"] == "offline snapshot"
    assert result["rate_date"] == rates.snapshot_date.isoformat()
    assert result["converted"] == pytest.approx(250 * result["rate"], rel=1e-4)
    assert "European Central Bank" in result["source"]
    assert result["note"] is None


async def test_currency_errors(rates: RatesSnapshot) -> None:
    live = LiveClient(DataMode.OFFLINE, 1)
    with pytest.raises(ToolInputError, match=r"Unknown or unsupported currency 'XYZ'.*USD"):
        await convert_currency(rates, live, RATES_URL, 1, "XYZ", "EUR")
    with pytest.raises(ToolInputError, match="no longer quoted by the ECB"):
        await convert_currency(rates, live, RATES_URL, 1, "EEK", "EUR")
    with pytest.raises(ToolInputError, match="greater than 0"):
        await convert_currency(rates, live, RATES_URL, 0, "USD", "EUR")


@respx.mock
async def test_online_currency_uses_live_rate(rates: RatesSnapshot) -> None:
    route = respx.get(RATES_URL).mock(return_value=httpx.Response(200, json=RATES_RESPONSE))
    live = LiveClient(DataMode.ONLINE, 1)
    result = await convert_currency(rates, live, RATES_URL, 100, "USD", "EUR")
    await live.aclose()
    assert route.calls.last.request.url.params["base"] == "USD"
    assert route.calls.last.request.url.params["symbols"] == "EUR"
    assert (result["mode"], result["rate"], result["converted"]) == ("live", 0.8634, 86.34)
    assert result["rate_date"] == "2026-11-27"


@respx.mock
async def test_online_currency_reports_live_failure(rates: RatesSnapshot) -> None:
    respx.get(RATES_URL).mock(return_value=httpx.Response(503))
    live = LiveClient(DataMode.ONLINE, 1)
    with pytest.raises(DataUnavailableError, match=r"ECB rates\) is unavailable: HTTP 503"):
        await convert_currency(rates, live, RATES_URL, 100, "USD", "EUR")
    await live.aclose()


@respx.mock
async def test_auto_currency_falls_back_and_says_so(rates: RatesSnapshot) -> None:
    respx.get(RATES_URL).mock(side_effect=httpx.ConnectTimeout("timed out"))
    live = LiveClient(DataMode.AUTO, 0.2)
    result = await convert_currency(rates, live, RATES_URL, 100, "USD", "EUR")
    await live.aclose()
    assert result["mode"] == "offline snapshot"
    assert "unavailable (timed out)" in result["note"]
    assert "bundled offline data" in result["note"]


async def test_offline_weather_is_normals(
    places: PlaceLookup, normals: ClimateNormals, ask_weather: AskWeather
) -> None:
    live = LiveClient(DataMode.OFFLINE, 1)
    result = await ask_weather(
        live, places.resolve("Paris", "FR"), date(2027, 7, 30), date(2027, 8, 2)
    )
    assert result["kind"] == "climate_normals"
    assert result["label"] == NORMALS_LABEL
    assert [d["temp_max_c"] for d in result["days"]] == [24.4, 24.4, 24.6, 24.6]
    assert set(result["monthly_normals"]) == {"7", "8"}
    assert result["monthly_normals"]["7"]["precipitation_mm_month"] == 63.1
    assert result["station"]["name"] == "Paris" and result["station"]["period"] == "1971-2000"
    assert "World Weather Information Service" in result["source"]
    assert result["as_of"] == normals.as_of


async def test_nearest_station_is_named_with_distance(
    places: PlaceLookup, ask_weather: AskWeather
) -> None:
    live = LiveClient(DataMode.OFFLINE, 1)
    result = await ask_weather(
        live, places.resolve("Versailles", "FR"), date(2027, 1, 1), date(2027, 1, 1)
    )
    assert result["station"]["name"] == "Paris"
    assert 10 < result["station"]["distance_km"] < 30
    assert "Nearest station: Paris" in result["note"]


async def test_no_station_nearby_is_a_clear_message(
    places: PlaceLookup, ask_weather: AskWeather
) -> None:
    live = LiveClient(DataMode.OFFLINE, 1)
    with pytest.raises(
        DataUnavailableError, match=r"No climate normals for Ulan Bator, Mongolia: .* km away"
    ):
        await ask_weather(live, places.resolve("Ulaanbaatar"), date(2027, 1, 1), date(2027, 1, 2))


async def test_weather_in_the_past_is_rejected(
    places: PlaceLookup, ask_weather: AskWeather
) -> None:
    live = LiveClient(DataMode.OFFLINE, 1)
    with pytest.raises(ToolInputError, match="is in the past"):
        await ask_weather(live, places.resolve("Paris", "FR"), date(2026, 1, 1), date(2026, 1, 3))


@respx.mock
async def test_online_weather_uses_forecast_inside_horizon(
    places: PlaceLookup, ask_weather: AskWeather
) -> None:
    route = respx.get(FORECAST_URL).mock(return_value=httpx.Response(200, json=FORECAST_RESPONSE))
    live = LiveClient(DataMode.ONLINE, 1)
    result = await ask_weather(live, places.resolve("Lisbon"), date(2026, 12, 1), date(2026, 12, 2))
    await live.aclose()
    params = route.calls.last.request.url.params
    assert (params["start_date"], params["end_date"]) == ("2026-12-01", "2026-12-02")
    assert params["timezone"] == "Europe/Lisbon"
    assert result["kind"] == "forecast"
    assert result["days"][1] == {
        "date": "2026-12-02",
        "temp_max_c": 15.4,
        "temp_min_c": 9.8,
        "precipitation_mm": 3.4,
        "precipitation_probability_pct": 71,
    }
    assert "Open-Meteo" in result["source"]


@respx.mock
async def test_online_weather_beyond_horizon_is_normals(
    places: PlaceLookup, ask_weather: AskWeather
) -> None:
    route = respx.get(FORECAST_URL)
    live = LiveClient(DataMode.ONLINE, 1)
    result = await ask_weather(
        live, places.resolve("Paris", "FR"), date(2027, 3, 1), date(2027, 3, 2)
    )
    assert not route.called
    assert result["kind"] == "climate_normals"
    assert "outside the 16-day forecast horizon" in result["note"]


@respx.mock
async def test_auto_weather_falls_back_to_normals_on_timeout(
    places: PlaceLookup, ask_weather: AskWeather
) -> None:
    respx.get(FORECAST_URL).mock(side_effect=httpx.ReadTimeout("slow"))
    live = LiveClient(DataMode.AUTO, 0.2)
    result = await ask_weather(
        live, places.resolve("Paris", "FR"), date(2026, 12, 1), date(2026, 12, 3)
    )
    await live.aclose()
    assert result["kind"] == "climate_normals"
    assert result["label"] == NORMALS_LABEL
    # Why the forecast is missing, then what the normals say about their station.
    assert result["note"] == (
        "Live source (Open-Meteo forecast) unavailable (timed out); answered from bundled "
        "offline data. Station Paris is the dataset's station for Paris, France. Daily values "
        "repeat the month's mean daily max/min; precipitation is a monthly total."
    )


@respx.mock
async def test_online_weather_with_broken_payload_is_an_error(
    places: PlaceLookup, ask_weather: AskWeather
) -> None:
    respx.get(FORECAST_URL).mock(return_value=httpx.Response(200, json={"error": True}))
    live = LiveClient(DataMode.ONLINE, 1)
    with pytest.raises(DataUnavailableError, match="no daily series"):
        await ask_weather(live, places.resolve("Paris", "FR"), date(2026, 12, 1), date(2026, 12, 1))
    await live.aclose()


def test_offline_live_client_refuses_network() -> None:
    with pytest.raises(RuntimeError, match="offline mode must not use the network"):
        LiveClient(DataMode.OFFLINE, 1).client()
