"""UTC offsets as local_time writes them, and which dates the live forecast covers (today and
the 15 days after it)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from travel_mcp_server.local_time import format_offset
from travel_mcp_server.weather import within_horizon

pytestmark = pytest.mark.unit

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("delta", "written"),
    [
        (timedelta(0), "+00:00"),
        (None, "+00:00"),
        (timedelta(hours=5, minutes=45), "+05:45"),
        (timedelta(hours=-3, minutes=-30), "-03:30"),
        (timedelta(hours=-10), "-10:00"),
    ],
)
def test_an_offset_is_signed_hours_and_minutes(delta: timedelta | None, written: str) -> None:
    assert format_offset(delta) == written


@pytest.mark.parametrize(
    ("first", "last", "covered"),
    [
        (TODAY, TODAY, True),
        (TODAY, TODAY + timedelta(days=15), True),
        (TODAY, TODAY + timedelta(days=16), False),
        (TODAY - timedelta(days=1), TODAY, False),
    ],
)
def test_the_forecast_covers_today_and_fifteen_days_more(
    first: date, last: date, covered: bool
) -> None:
    assert within_horizon(first, last, TODAY) is covered
