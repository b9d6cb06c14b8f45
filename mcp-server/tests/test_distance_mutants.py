"""travel_distance's whole answer: the distance in km and miles to a tenth, the flight estimate
(from 100 km on) with its formula, label and source, for places a known distance apart."""

from __future__ import annotations

import math

import pytest

from travel_mcp_server.distance import EARTH_MEAN_RADIUS_KM, travel_distance
from travel_mcp_server.places import Place

pytestmark = pytest.mark.unit


def _at(latitude: float, name: str) -> Place:
    return Place(
        name=name,
        ascii_name=name,
        country_code="FR",
        country="France",
        admin1=None,
        latitude=latitude,
        longitude=0.0,
        timezone="Europe/Paris",
        population=1000,
        geonameid=len(name),
    )


def _apart(km: float) -> tuple[Place, Place]:
    """Two places on one meridian, `km` apart on the great circle."""
    return _at(0.0, "Here"), _at(math.degrees(km / EARTH_MEAN_RADIUS_KM), "There")


@pytest.mark.parametrize(
    ("km", "distance_km", "distance_miles", "flight_hours"),
    [
        (0.0, 0.0, 0.0, None),
        (99.95, 100.0, 62.1, None),
        (100.0, 100.0, 62.1, 0.6),
        (100.05, 100.0, 62.2, 0.6),
        (1234.5678, 1234.6, 767.1, 2.0),
    ],
)
def test_the_answer_for_places_a_known_distance_apart(
    km: float, distance_km: float, distance_miles: float, flight_hours: float | None
) -> None:
    origin, destination = _apart(km)
    assert travel_distance(origin, destination) == {
        "from": origin.model_dump(),
        "to": destination.model_dump(),
        "distance_km": distance_km,
        "distance_miles": distance_miles,
        "estimates": {
            "flight_hours": flight_hours,
            "flight_formula": (
                "distance_km / 800 km/h cruise + 0.5 h for take-off, climb, descent and landing"
            ),
            "label": "rough estimate for planning, not a schedule; real routes are longer",
        },
        "source": (
            "Great-circle (haversine) distance on a sphere of radius 6371.0088 km "
            "between GeoNames city coordinates"
        ),
    }
