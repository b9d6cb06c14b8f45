"""UTC offsets, abbreviations and daylight-saving changes from the IANA tz database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib.metadata import version
from typing import Any
from zoneinfo import ZoneInfo

from travel_mcp_server.inputs import each_day
from travel_mcp_server.places import Place

SOURCE = f"IANA time zone database (tzdata {version('tzdata')}) via zoneinfo"


def format_offset(delta: timedelta | None) -> str:
    """`+HH:MM`; an old offset with seconds (local mean time) is cut to the minute."""
    seconds = int((delta or timedelta()).total_seconds())
    sign = "+" if seconds >= 0 else "-"
    hours, mins = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _standard_offset(zone: ZoneInfo, year: int) -> timedelta:
    """The zone's winter time that year: the smaller of its offsets in January and July.
    Not `dst()`: the database records Irish winter time as a negative daylight saving."""
    return min(
        datetime(year, month, 1, 12, tzinfo=zone).utcoffset() or timedelta() for month in (1, 7)
    )


def _offset_at(zone: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(zone).utcoffset() or timedelta()


def dst_changes(zone: ZoneInfo, first: date, last: date) -> list[dict[str, Any]]:
    """Offset changes between the start of `first` and the end of `last` (local days)."""
    start = datetime.combine(first, time(0), zone).astimezone(UTC) - timedelta(hours=1)
    end = datetime.combine(last + timedelta(days=1), time(0), zone).astimezone(UTC)
    changes: list[dict[str, Any]] = []
    step = timedelta(hours=1)
    cursor = start
    before = _offset_at(zone, cursor)
    while cursor < end:
        nxt = cursor + step
        after = _offset_at(zone, nxt)
        if after != before:
            low, high = cursor, nxt  # offset(low) == before, offset(high) == after
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                if _offset_at(zone, mid) == before:
                    low = mid
                else:
                    high = mid
            at = high.replace(second=0, microsecond=0)
            wall_before = (at + before).replace(tzinfo=None)
            local_before = (at - timedelta(seconds=1)).astimezone(zone)
            local_after = at.astimezone(zone)
            changes.append(
                {
                    "date": local_after.date().isoformat(),
                    "at_utc": at.strftime("%Y-%m-%dT%H:%MZ"),
                    "local_time_before": wall_before.strftime("%H:%M"),
                    "local_time_after": local_after.strftime("%H:%M"),
                    "offset_before": format_offset(before),
                    "offset_after": format_offset(after),
                    "abbreviation_before": local_before.tzname(),
                    "abbreviation_after": local_after.tzname(),
                    "change": "clocks go forward" if after > before else "clocks go back",
                }
            )
            before = after
        cursor = nxt
    return [c for c in changes if first.isoformat() <= c["date"] <= last.isoformat()]


@lru_cache(maxsize=16384)
def _clock(
    timezone: str, first: date, last: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    # Scanning a month hour by hour for clock changes is the costly part; many places share a
    # time zone and trips share dates, so each (zone, range) is worked out once.
    zone = ZoneInfo(timezone)
    days = []
    for day in each_day(first, last):
        noon = datetime.combine(day, time(12), zone)
        days.append(
            {
                "date": day.isoformat(),
                "utc_offset": format_offset(noon.utcoffset()),
                "abbreviation": noon.tzname(),
                "is_dst": (noon.utcoffset() or timedelta()) > _standard_offset(zone, day.year),
            }
        )
    return days, dst_changes(zone, first, last)


def local_time(place: Place, first: date, last: date) -> dict[str, Any]:
    """Tool logic: per-day offset/abbreviation/DST flag (at local noon) and the changes in range."""
    days, changes = _clock(place.timezone, first, last)
    return {
        "place": place.model_dump(),
        "timezone": place.timezone,
        "days": days,
        "dst_changes": changes,
        "note": "Offsets are given at local noon of each day.",
        "source": SOURCE,
    }
