"""Each field of the model's structured answer is kept only when it passes its own check:
the whole reading, field by field, for answers that pass, fail, and sit on the limits."""

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import pytest

from travel_planner.understanding.model import ModelReading, check_answer

pytestmark = pytest.mark.unit

TODAY = date(2027, 3, 10)
REQUEST = "4 days in Lisboa in May 2027 for 3 people, budget 2.000 EUR, museums and fado, warm"
GOOD: dict[str, Any] = {
    "is_trip_request": True,
    "language": "en",
    "destination_as_written": "Lisboa",
    "destination_english": "Lisbon",
    "country": "Portugal",
    "start_date": "2027-05-03",
    "end_date": "2027-05-06",
    "month": 5,
    "duration_days": 4,
    "travellers": 3,
    "interests": ["museums", "fado", "Fado"],
    "budget_amount": 2000,
    "budget_currency": "eur",
    "climate_wish": "warm",
}


def reading(request: str = REQUEST, **changes: Any) -> dict[str, Any]:
    return asdict(check_answer({**GOOD, **changes}, request, TODAY))


def test_a_good_answer_is_kept_whole() -> None:
    assert reading() == asdict(
        ModelReading(
            is_trip=True,
            language="en",
            written="Lisboa",
            country="Portugal",
            start=date(2027, 5, 3),
            end=date(2027, 5, 6),
            month=5,
            days=4,
            travellers=3,
            interests=["museums", "fado"],
            budget_amount=2000.0,
            budget_currency="EUR",
            climate="warm",
        )
    )


def test_a_destination_not_in_the_request_drops_its_names_too() -> None:
    got = reading(destination_as_written="Porto")
    assert (got["written"], got["country"]) == (None, None)


@pytest.mark.parametrize(
    ("changes", "field", "kept"),
    [
        ({"is_trip_request": "yes"}, "is_trip", None),
        ({"is_trip_request": False}, "is_trip", False),
        ({"language": "klingon"}, "language", None),
        ({"language": "es"}, "language", "es"),
        ({"duration_days": 0}, "days", None),
        ({"duration_days": 1}, "days", 1),
        ({"duration_days": 60}, "days", 60),
        ({"duration_days": 61}, "days", None),
        ({"duration_days": "5"}, "days", 5),
        ({"duration_days": 5.0}, "days", 5),
        ({"duration_days": True}, "days", None),
        ({"travellers": 0}, "travellers", None),
        ({"travellers": 1}, "travellers", 1),
        ({"month": 0}, "month", None),
        ({"month": 12, "start_date": None}, "month", 12),
        ({"month": 1, "start_date": None}, "month", 1),
        ({"month": 13, "start_date": None}, "month", None),
        ({"month": 6}, "month", None),  # contradicts its own start date
        ({"climate_wish": "cool"}, "climate", "cool"),
        ({"climate_wish": "hot"}, "climate", None),
        ({"budget_currency": None}, "budget_currency", None),
        ({"budget_currency": "XYZ"}, "budget_currency", None),
        ({"budget_amount": 0}, "budget_amount", None),
        ({"budget_amount": 2500}, "budget_amount", None),  # not written in the request
        ({"budget_amount": True}, "budget_amount", None),
    ],
)
def test_each_field_on_its_own(changes: dict[str, Any], field: str, kept: Any) -> None:
    assert reading(**changes)[field] == kept


def test_interests_are_at_most_six_and_made_of_the_requests_words() -> None:
    request = "Rome: museums, food, opera, wine, gardens, shopping, churches"
    interests = ["museums", "food", "opera", "wine", "gardens", "shopping", "churches"]
    got = reading(request, interests=interests, destination_as_written="Rome")
    assert len(got["interests"]) == 6 and "churches" not in got["interests"]
    assert reading(interests=["skydiving"])["interests"] == []


def test_a_one_euro_budget_is_still_a_budget() -> None:
    got = reading("Lisboa for 1 EUR", budget_amount=1, budget_currency="EUR")
    assert (got["budget_amount"], got["budget_currency"]) == (1.0, "EUR")


@pytest.mark.parametrize(
    ("start", "end", "kept", "bad"),
    [
        ("2027-05-03", "2027-05-06", (date(2027, 5, 3), date(2027, 5, 6)), []),
        (None, "2027-05-06", (None, date(2027, 5, 6)), []),
        ("2027-05-06", "2027-05-03", (date(2027, 5, 6), None), []),  # ends before it starts
        ("2027-05-03", "2027-05-03", (date(2027, 5, 3), date(2027, 5, 3)), []),
        ("2027-03-09", None, (None, None), ["2027-03-09"]),  # yesterday
        ("2027-02-30", None, (None, None), ["2027-02-30"]),  # no such day
        (str(TODAY + timedelta(days=730)), None, (TODAY + timedelta(days=730), None), []),
        (str(TODAY + timedelta(days=731)), None, (None, None), [str(TODAY + timedelta(days=731))]),
        # The prompt's "today" copied back, when the request does not say today.
        (str(TODAY), None, (None, None), []),
    ],
)
def test_dates_must_exist_and_lie_ahead(
    start: str | None, end: str | None, kept: tuple[date | None, date | None], bad: list[str]
) -> None:
    got = reading(start_date=start, end_date=end, month=None)
    assert (got["start"], got["end"]) == kept
    assert got["bad_dates"] == bad


def test_today_is_kept_when_the_request_says_today() -> None:
    got = reading("Lisboa from today, 4 days", start_date=str(TODAY), end_date=None, month=None)
    assert got["start"] == TODAY
    got = reading("Lisboa until today", start_date=None, end_date=str(TODAY), month=None)
    assert got["end"] == TODAY
