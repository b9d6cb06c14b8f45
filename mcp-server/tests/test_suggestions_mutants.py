"""suggest_destinations' choice: the temperature it aims at (the middle of a band, or a
margin inside one bound), bounds and the rain-day limit that include their own value, a travel
region read as its country, and what it refuses word for word."""

from __future__ import annotations

from typing import Any

import pytest

from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.suggestions import DestinationFinder

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("criteria", "chosen"),
    [
        # At most 20 °C: aims at 16 °C.
        ({"region": "Europe", "max_temp_c": 20}, ["Redruth", "Reykjavík", "Dublin"]),
        # 20 to 30 °C: aims at 25 °C.
        (
            {"region": "Europe", "min_temp_c": 20, "max_temp_c": 30},
            ["Funchal", "Nice", "Jerez de la Frontera"],
        ),
        # At least 30 °C: aims at 34 °C.
        ({"region": "Europe", "min_temp_c": 30}, ["Murcia", "Catania", "Athens"]),
        # A band of one value keeps the station on it (Hurghada: highs of 25.4 °C in March).
        ({"region": "Egypt", "min_temp_c": 25.4, "max_temp_c": 25.4, "month": 3}, ["Hurghada"]),
        # At most as many rain days as Hurghada's 0.2.
        ({"region": "Egypt", "max_rain_days": 0.2, "month": 3}, ["Hurghada"]),
        # A travel region is its country's.
        ({"region": "Tuscany"}, ["Genoa"]),
    ],
)
def test_the_places_chosen(
    destinations: DestinationFinder, criteria: dict[str, Any], chosen: list[str]
) -> None:
    month = criteria.pop("month", 7)
    found = destinations.suggest(month=month, **criteria)
    assert [row.place.name for row in found.suggestions] == chosen


@pytest.mark.parametrize(
    ("region", "message"),
    [
        (
            "Narnia",
            "Unknown region 'Narnia': name a continent ('Europe', 'Asia'), a country "
            "('Portugal') or leave it out.",
        ),
        ("x" * 201, "'region' is 201 characters long; send at most 200."),
    ],
)
def test_a_region_it_cannot_read_is_refused(
    destinations: DestinationFinder, region: str, message: str
) -> None:
    with pytest.raises(ToolInputError) as refused:
        destinations.suggest(month=7, region=region)
    assert str(refused.value) == message
