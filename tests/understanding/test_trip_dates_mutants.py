"""When a season, a month or a weekend starts: the first one still ahead, tomorrow while it is
under way, the southern hemisphere's seasons six months apart."""

from datetime import date

import pytest

from travel_planner.understanding.dates import Weekend
from travel_planner.understanding.trip_dates import month_start, season_start, weekend_start

pytestmark = pytest.mark.unit

TODAY = date(2027, 3, 10)  # a Wednesday


@pytest.mark.parametrize(
    ("season", "today", "southern", "force_next", "year", "start"),
    [
        ("summer", TODAY, False, False, None, date(2027, 6, 1)),
        ("spring", date(2027, 2, 28), False, False, None, date(2027, 3, 1)),
        # Under way: tomorrow, unless "next summer" is said during summer.
        ("summer", date(2027, 7, 15), False, False, None, date(2027, 7, 16)),
        ("summer", date(2027, 8, 31), False, False, None, date(2027, 9, 1)),
        ("summer", date(2027, 7, 15), False, True, None, date(2028, 6, 1)),
        ("summer", date(2027, 9, 1), False, False, None, date(2028, 6, 1)),
        ("winter", date(2027, 1, 20), False, False, None, date(2027, 1, 21)),
        ("winter", date(2027, 3, 1), False, False, None, date(2027, 12, 1)),
        ("autumn", date(2027, 11, 30), False, False, None, date(2027, 12, 1)),
        ("autumn", TODAY, False, False, None, date(2027, 9, 1)),
        # Southern hemisphere: summer starts in December, winter in June, spring in September.
        ("summer", TODAY, True, False, None, date(2027, 12, 1)),
        ("winter", TODAY, True, False, None, date(2027, 6, 1)),
        ("spring", TODAY, True, False, None, date(2027, 9, 1)),
        ("autumn", TODAY, True, False, None, date(2027, 3, 11)),
        # A year given: that year's season, never before tomorrow.
        ("summer", TODAY, False, False, 2028, date(2028, 6, 1)),
        ("spring", TODAY, False, False, 2027, date(2027, 3, 11)),
        ("winter", TODAY, True, False, 2027, date(2027, 6, 1)),
    ],
)
def test_season_start(
    season: str, today: date, southern: bool, force_next: bool, year: int | None, start: date
) -> None:
    got = season_start(season, today, southern=southern, force_next=force_next, year=year)
    assert got == start


@pytest.mark.parametrize(
    ("month", "year", "force_next", "start"),
    [
        (5, None, False, date(2027, 5, 1)),
        (2, None, False, date(2028, 2, 1)),
        (3, None, False, date(2027, 3, 11)),  # under way: tomorrow
        (3, None, True, date(2028, 3, 1)),  # "next March" in March
        (4, None, True, date(2027, 4, 1)),
        (3, 2027, False, date(2027, 3, 11)),
        (1, 2029, False, date(2029, 1, 1)),
    ],
)
def test_month_start(month: int, year: int | None, force_next: bool, start: date) -> None:
    assert month_start(month, year, TODAY, force_next) == start


@pytest.mark.parametrize(
    ("kind", "after", "month", "start"),
    [
        ("weekend", TODAY, None, date(2027, 3, 13)),  # Saturday
        ("long", TODAY, None, date(2027, 3, 12)),  # Friday
        ("weekend", date(2027, 3, 12), None, date(2027, 3, 13)),
        ("weekend", date(2027, 3, 13), None, date(2027, 3, 20)),  # the next one, not today
        ("long", date(2027, 3, 12), None, date(2027, 3, 19)),
        ("weekend", TODAY, (5, 2027), date(2027, 5, 1)),  # 1 May 2027 is a Saturday
        ("long", TODAY, (5, 2027), date(2027, 5, 7)),
        ("weekend", TODAY, (3, 2027), date(2027, 3, 13)),
        ("weekend", TODAY, (6, 2028), date(2028, 6, 3)),
    ],
)
def test_weekend_start(
    kind: Weekend, after: date, month: tuple[int, int] | None, start: date
) -> None:
    assert weekend_start(kind, after, month) == start
