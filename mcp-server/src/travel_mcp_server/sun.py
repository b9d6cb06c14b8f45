"""Sunrise, sunset and daylight length computed with astral, in the place's local time."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from importlib.metadata import version
from typing import Any
from zoneinfo import ZoneInfo

from astral import Observer
from astral.sun import elevation, noon, sunrise, sunset

from travel_mcp_server.inputs import each_day
from travel_mcp_server.places import Place

# Read once: looking up a package's version scans the installed distributions, about a third
# of a millisecond each time.
SOURCE = f"Computed with astral {version('astral')} (NOAA solar equations)"


def _event(fn: Any, observer: Observer, day: date, zone: ZoneInfo) -> datetime | None:
    try:
        result: datetime = fn(observer, date=day, tzinfo=zone)
        return result
    except ValueError:  # the sun does not cross the horizon that day
        return None


def sun_day(observer: Observer, day: date, zone: ZoneInfo) -> dict[str, Any]:
    rise = _event(sunrise, observer, day, zone)
    fall = _event(sunset, observer, day, zone)
    entry: dict[str, Any] = {
        "date": day.isoformat(),
        "sunrise": rise.strftime("%H:%M") if rise else None,
        "sunset": fall.strftime("%H:%M") if fall else None,
        "daylight_hours": None,
        "polar": None,
    }
    if rise and fall:
        span = (fall - rise).total_seconds() / 3600
        if span < 0:  # sunset after local midnight
            span += 24
        entry["daylight_hours"] = round(span, 2)
    elif rise is None and fall is None:
        solar_noon = noon(observer, date=day, tzinfo=zone)
        up = elevation(observer, solar_noon) > 0
        entry["polar"] = "polar_day" if up else "polar_night"
        entry["daylight_hours"] = 24.0 if up else 0.0
    else:
        entry["polar"] = "sun_crosses_horizon_once"
    return entry


@lru_cache(maxsize=65536)
def _sun_day_at(latitude: float, longitude: float, timezone: str, day: date) -> dict[str, Any]:
    # The solar equations cost about a millisecond per day: a busy server asks for the same
    # cities and dates again and again, so each answer is computed once.
    return sun_day(Observer(latitude=latitude, longitude=longitude), day, ZoneInfo(timezone))


def sun_times(place: Place, first: date, last: date) -> dict[str, Any]:
    """Tool logic: daily sunrise/sunset in local time, with polar day and night made explicit."""
    days = [
        _sun_day_at(place.latitude, place.longitude, place.timezone, day)
        for day in each_day(first, last)
    ]
    return {
        "place": place.model_dump(),
        "timezone": place.timezone,
        "days": days,
        "note": (
            "Times are local (HH:MM) for the city's coordinates at sea level; "
            "'polar' marks days when the sun never rises or never sets."
        ),
        "source": SOURCE,
    }
