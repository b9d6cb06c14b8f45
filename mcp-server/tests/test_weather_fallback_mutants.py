"""When the live forecast fails, the weather answer says so and keeps what the climate normals
say about their station, in one note."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
import respx
from tool_cases import FORECAST_URL, TODAY

from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.config import DataMode
from travel_mcp_server.live import LiveClient
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.weather import weather

pytestmark = pytest.mark.unit


@respx.mock
async def test_the_fallback_note_keeps_the_station_s_note(
    places: PlaceLookup, normals: ClimateNormals
) -> None:
    respx.get(FORECAST_URL).mock(side_effect=httpx.ReadTimeout("slow"))
    live = LiveClient(DataMode.AUTO, 0.2)
    try:
        answer = await weather(
            normals, live, FORECAST_URL, places.resolve("Paris", "FR"),
            date(2026, 12, 1), date(2026, 12, 3), TODAY,
        )  # fmt: skip
    finally:
        await live.aclose()
    assert answer["note"] == (
        "Live source (Open-Meteo forecast) unavailable (timed out); answered from bundled "
        "offline data. Station Paris is the dataset's station for Paris, France. Daily values "
        "repeat the month's mean daily max/min; precipitation is a monthly total."
    )
