"""The weather tool's answer from climate normals, in full where it names its station: the
distance to a tenth of a km, the station's period and page (or that the record has none), the
source, and the note (why normals stand in, which station, what daily values mean); dates
that end today are still answered."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from test_suggestion_rows_mutants import lisbon
from tool_cases import FORECAST_URL, TODAY

from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.config import DataMode
from travel_mcp_server.live import LiveClient
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.weather import weather

pytestmark = pytest.mark.unit

WWIS = "World Weather Information Service (WWIS), World Meteorological Organization"
DAILY = "Daily values repeat the month's mean daily max/min; precipitation is a monthly total."
LISBOA = ("Lisboa", "PT", 0.6, "1961-1990", "https://worldweather.wmo.int/en/city.html?cityId=2")
JULY = {"temp_max_c": 27.4, "temp_min_c": 17.4, "precipitation_mm": 4.8, "rain_days": 2}


@pytest.mark.parametrize(
    ("place", "mode", "days", "today", "station", "source", "note"),
    [
        (
            "Versailles",
            DataMode.OFFLINE,
            (date(2027, 7, 30), date(2027, 8, 1)),
            TODAY,
            (
                "Paris",
                "FR",
                15.0,
                "1971-2000",
                "https://worldweather.wmo.int/en/city.html?cityId=194",
            ),
            f"{WWIS}; station Paris (1971-2000)",
            f"Nearest station: Paris, 15 km from Versailles, France. {DAILY}",
        ),
        # Beyond the forecast horizon: why normals stand in comes first.
        (
            "Lisbon",
            DataMode.AUTO,
            (TODAY, TODAY),
            date(2026, 1, 1),
            LISBOA,
            f"{WWIS}; station Lisboa (1961-1990)",
            "Dates are outside the 16-day forecast horizon (2026-01-01 to 2026-01-16). Station "
            f"Lisboa is the dataset's station for Lisbon, Portugal. {DAILY}",
        ),
        # A range that ends today is not in the past.
        (
            "Lisbon",
            DataMode.OFFLINE,
            (TODAY, TODAY),
            TODAY,
            LISBOA,
            f"{WWIS}; station Lisboa (1961-1990)",
            f"Station Lisboa is the dataset's station for Lisbon, Portugal. {DAILY}",
        ),
        # A station record without its period, page or source.
        (
            "Lisbon",
            "one station",
            (date(2027, 7, 1), date(2027, 7, 1)),
            TODAY,
            ("Lisboa", "PT", 0.6, None, None),
            "Test normals; station Lisboa (period not stated)",
            f"Station Lisboa is the dataset's station for Lisbon, Portugal. {DAILY}",
        ),
    ],
)
async def test_the_station_source_and_note_of_a_normals_answer(
    normals: ClimateNormals,
    places: PlaceLookup,
    place: str,
    mode: DataMode | str,
    days: tuple[date, date],
    today: date,
    station: tuple[Any, ...],
    source: str,
    note: str,
) -> None:
    dataset = lisbon(JULY) if mode == "one station" else normals
    live = LiveClient(DataMode.OFFLINE if mode == "one station" else DataMode(mode), 0.2)
    answer = await weather(dataset, live, FORECAST_URL, places.resolve(place), *days, today)
    await live.aclose()
    keys = ("name", "country_code", "distance_km", "period", "source_url")
    assert answer["station"] == dict(zip(keys, station, strict=True))
    assert (answer["source"], answer["note"]) == (source, note)
