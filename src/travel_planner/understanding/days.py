"""Day arithmetic for dates written without all their parts: the next time a day and month
come, and where a range of two such days ends."""

from __future__ import annotations

from datetime import date

from travel_planner.trip import MAX_TRIP_DAYS


def real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def ahead(month: int, day: int, year: str | None, today: date) -> date | None:
    """A day and month without a year: the next time it comes (this year or the next)."""
    if year:
        return real_date(int(year), month, day)
    found = real_date(today.year, month, day)
    if found is not None and found < today:
        found = real_date(today.year + 1, month, day)
    if found is None:  # 29 February: the next leap year that has it
        found = real_date(today.year + 1, month, day)
    return found


def range_end(first: date, end: date) -> date:
    """The end of "from X to Y" when Y has no year: the next time it comes after X when that
    makes a trip of a plausible length ("28 December to 3 January"); otherwise the same year,
    so that "May 10 to May 2" is an end before the start, not a trip of a year."""
    same = real_date(first.year, end.month, end.day) or end
    if same >= first:
        return same
    after = real_date(first.year + 1, end.month, end.day)
    if after is not None and (after - first).days < 3 * MAX_TRIP_DAYS:
        return after
    return same
