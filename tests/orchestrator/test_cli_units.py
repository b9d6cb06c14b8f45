"""Follow-ups in a session: a change to the current plan, or a different trip."""

from datetime import date

import pytest

from travel_planner.cli import is_new_trip
from travel_planner.trip import TripUnderstanding, merge_follow_up, parse_request, resolve_dates

pytestmark = pytest.mark.unit

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    "message", ["make day 2 more relaxed", "add a museum", "less walking please", "more food"]
)
def test_changes_refine_the_current_plan(message: str) -> None:
    assert not is_new_trip(message, TODAY)


@pytest.mark.parametrize(
    "message",
    ["make it 5 days", "move it to 2027-06-01", "what about in March", "new trip: Rome"],
)
def test_new_dates_or_a_new_trip_replan(message: str) -> None:
    assert is_new_trip(message, TODAY)


@pytest.mark.parametrize(
    ("message", "start", "end"),
    [
        ("make it 5 days", date(2027, 4, 30), date(2027, 5, 4)),
        ("what about in March", date(2027, 3, 1), date(2027, 3, 3)),
        ("move it to 2027-06-01", date(2027, 6, 1), date(2027, 6, 3)),
    ],
)
def test_follow_up_changes_replace_the_old_dates(message: str, start: date, end: date) -> None:
    merged = merge_follow_up("3 days in Madrid from 2027-04-30, art", message, TODAY)
    resolved = resolve_dates(parse_request(merged, TODAY), TripUnderstanding(), TODAY)
    assert (resolved.start, resolved.end) == (start, end)
    assert "Madrid" in parse_request(merged, TODAY).place_candidates
