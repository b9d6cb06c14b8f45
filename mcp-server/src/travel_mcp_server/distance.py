"""Great-circle distance between two places and clearly labelled rough travel estimates."""

from __future__ import annotations

import math
from typing import Any

from travel_mcp_server.places import Place

EARTH_MEAN_RADIUS_KM = 6371.0088
CRUISE_SPEED_KMH = 800.0
FLIGHT_OVERHEAD_HOURS = 0.5


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def travel_distance(origin: Place, destination: Place) -> dict[str, Any]:
    """Tool logic: distance and a flight-time estimate with its formula."""
    km = haversine_km(
        origin.latitude, origin.longitude, destination.latitude, destination.longitude
    )
    flight_hours = km / CRUISE_SPEED_KMH + FLIGHT_OVERHEAD_HOURS
    return {
        "from": origin.model_dump(),
        "to": destination.model_dump(),
        "distance_km": round(km, 1),
        "distance_miles": round(km / 1.609344, 1),
        "estimates": {
            "flight_hours": round(flight_hours, 1) if km >= 100 else None,
            "flight_formula": (
                f"distance_km / {CRUISE_SPEED_KMH:.0f} km/h cruise + {FLIGHT_OVERHEAD_HOURS} h "
                "for take-off, climb, descent and landing"
            ),
            "label": "rough estimate for planning, not a schedule; real routes are longer",
        },
        "source": (
            f"Great-circle (haversine) distance on a sphere of radius {EARTH_MEAN_RADIUS_KM} km "
            "between GeoNames city coordinates"
        ),
    }
