"""suggest_destinations rows in full: every figure of the month's normals and the sentence that
explains the choice, also for a station whose record lacks some figures (WWIS has gaps)."""

from __future__ import annotations

from typing import Any

import pytest

from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.places import PlaceIndex
from travel_mcp_server.suggestions import DestinationFinder

pytestmark = pytest.mark.unit


def row(finder: DestinationFinder, month: int, **criteria: Any) -> dict[str, Any]:
    result = finder.suggest(month=month, limit=1, **criteria)
    assert len(result.suggestions) == 1
    found: dict[str, Any] = result.suggestions[0].model_dump()
    found["place"] = found["place"]["name"]
    return found


def test_a_row_has_every_figure_of_the_month(destinations: DestinationFinder) -> None:
    assert row(destinations, 3, min_temp_c=22) == {
        "place": "Sharm el-Sheikh",
        "temp_min_c": 16.6,
        "temp_max_c": 25.8,
        "rain_days": 0.4,
        "precipitation_mm": 0.8,
        "station": "Sharm El-Sheikh",
        "why": "In March: average highs 26 °C, lows 17 °C, 0 rain days.",
    }


def lisbon(july: dict[str, Any]) -> ClimateNormals:
    """A dataset of one station, in Lisbon, whose July record is `july`."""
    months: list[dict[str, Any]] = [{"month": m} for m in range(1, 13)]
    months[6] = {"month": 7, **july}
    station = {
        "name": "Lisboa",
        "country_code": "PT",
        "latitude": 38.72,
        "longitude": -9.15,
        "months": months,
    }
    source = {"name": "Test normals"}
    return ClimateNormals({"as_of": "2026-01-01", "source": source, "stations": [station]})


@pytest.mark.parametrize(
    ("july", "figures", "why"),
    [
        (
            {"temp_max_c": 27.4, "temp_min_c": 17.4, "precipitation_mm": 4.8, "rain_days": 2},
            (17.4, 27.4, 2.0, 4.8),
            "In July: average highs 27 °C, lows 17 °C, 2 rain days.",
        ),
        (
            {"temp_max_c": 27.4},
            (None, 27.4, None, None),
            "In July: average highs 27 °C, rain days not recorded.",
        ),
        (
            {"temp_max_c": 27.4, "temp_min_c": "n/a", "rain_days": 3.0},
            (None, 27.4, 3.0, None),
            "In July: average highs 27 °C, 3 rain days.",
        ),
    ],
)
def test_a_station_with_gaps_says_what_is_not_recorded(
    place_index: PlaceIndex,
    places: PlaceLookup,
    july: dict[str, Any],
    figures: tuple[float | None, ...],
    why: str,
) -> None:
    finder = DestinationFinder(lisbon(july), place_index, places)
    got = row(finder, 7)
    assert (got["place"], got["station"]) == ("Lisbon", "Lisboa")
    assert (got["temp_min_c"], got["temp_max_c"], got["rain_days"], got["precipitation_mm"]) == (
        figures
    )
    assert got["why"] == why
