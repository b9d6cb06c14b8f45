"""sun_times day by day: local HH:MM sunrise and sunset, daylight to the hundredth of an hour
(a sunset after local midnight included), polar day and night, and the days the sun crosses
the horizon only once; the answer's place, time zone, note and source."""

from __future__ import annotations

from datetime import date
from importlib.metadata import version

import pytest

from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.sun import sun_times

pytestmark = pytest.mark.unit

POLAR_DAY = (None, None, 24.0, "polar_day")
POLAR_NIGHT = (None, None, 0.0, "polar_night")


@pytest.mark.parametrize(
    ("place", "first", "days"),
    [
        ("Paris, FR", date(2026, 6, 21), [("05:47", "21:57", 16.17, None)]),
        # The sun sets a few minutes after local midnight.
        ("Reykjavik", date(2026, 6, 20), [("02:56", "00:01", 21.09, None)]),
        (
            "Tromsø",
            date(2026, 5, 16),
            [
                ("01:33", "23:59", 22.43, None),
                ("01:20", None, None, "sun_crosses_horizon_once"),
                POLAR_DAY,
            ],
        ),
        ("Tromsø", date(2026, 7, 26), [POLAR_DAY, ("01:31", "23:56", 22.41, None)]),
        ("Tromsø", date(2026, 11, 26), [("11:00", "12:01", 1.01, None), POLAR_NIGHT]),
        # Under an hour of daylight is still that day's daylight.
        ("Alta, NO", date(2026, 11, 25), [("10:59", "11:27", 0.47, None)]),
    ],
)
def test_each_day_of_the_answer(
    places: PlaceLookup,
    place: str,
    first: date,
    days: list[tuple[str | None, str | None, float | None, str | None]],
) -> None:
    name, _, country = place.partition(", ")
    resolved = places.resolve(name, country or None)
    last = date.fromordinal(first.toordinal() + len(days) - 1)
    answer = sun_times(resolved, first, last)
    assert answer == {
        "place": resolved.model_dump(),
        "timezone": resolved.timezone,
        "days": [
            {
                "date": date.fromordinal(first.toordinal() + offset).isoformat(),
                "sunrise": sunrise,
                "sunset": sunset,
                "daylight_hours": hours,
                "polar": polar,
            }
            for offset, (sunrise, sunset, hours, polar) in enumerate(days)
        ],
        "note": (
            "Times are local (HH:MM) for the city's coordinates at sea level; "
            "'polar' marks days when the sun never rises or never sets."
        ),
        "source": f"Computed with astral {version('astral')} (NOAA solar equations)",
    }
