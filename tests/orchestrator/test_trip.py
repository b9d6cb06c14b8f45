"""Reading the request: code-parsed dates and numbers win over the model's guesses."""

from datetime import date

import pytest

from travel_planner.errors import InvalidRequestError
from travel_planner.trip import (
    MAX_TRIP_DAYS,
    TripUnderstanding,
    parse_request,
    place_candidates,
    resolve_dates,
    resolve_money,
    stated_travellers,
)

pytestmark = pytest.mark.unit

TODAY = date(2026, 11, 29)  # a Sunday


def dates_for(
    text: str, understood: TripUnderstanding | None = None
) -> tuple[date, date, list[str]]:
    resolved = resolve_dates(parse_request(text, TODAY), understood or TripUnderstanding(), TODAY)
    return resolved.start, resolved.end, resolved.assumptions


def test_iso_start_and_duration() -> None:
    start, end, assumptions = dates_for("4 days in Lisbon from 2027-05-10, food and museums")
    assert (start, end) == (date(2027, 5, 10), date(2027, 5, 13))
    assert assumptions == []


def test_two_iso_dates_give_start_and_end() -> None:
    start, end, _ = dates_for("Porto from 2027-05-10 to 2027-05-14")
    assert (start, end) == (date(2027, 5, 10), date(2027, 5, 14))


def test_text_wins_over_the_model() -> None:
    wrong = TripUnderstanding(start_date="2025-01-01", duration_days=9, month=2)
    start, end, _ = dates_for("4 days in Lisbon from 2027-05-10", wrong)
    assert (start, end) == (date(2027, 5, 10), date(2027, 5, 13))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("tomorrow, 2 days in Rome", date(2026, 11, 30), date(2026, 12, 1)),
        ("Rome in 3 weeks for 5 days", date(2026, 12, 20), date(2026, 12, 24)),
        ("Rome in 10 days, 3 days", date(2026, 12, 9), date(2026, 12, 11)),
        ("a week in Kyoto next May", date(2027, 5, 1), date(2027, 5, 7)),
        ("Oslo in March 2027, 4 days", date(2027, 3, 1), date(2027, 3, 4)),
        ("Paris on 14 July, 3 days", date(2027, 7, 14), date(2027, 7, 16)),
        ("Paris May 3rd 2027 for 2 nights", date(2027, 5, 3), date(2027, 5, 5)),
        ("weekend in Paris next weekend", date(2026, 12, 5), date(2026, 12, 6)),
    ],
)
def test_relative_dates_resolve_against_today(text: str, start: date, end: date) -> None:
    got_start, got_end, _ = dates_for(text)
    assert (got_start, got_end) == (start, end)


def test_month_only_starts_on_first_day_and_says_so() -> None:
    start, _, assumptions = dates_for("Kyoto in May, 3 days")
    assert start == date(2027, 5, 1)
    assert any("May 2027" in a for a in assumptions)


def test_no_dates_default_two_weeks_out_for_three_days() -> None:
    start, end, assumptions = dates_for("Lisbon, food")
    assert start == date(2026, 12, 13)
    assert end == date(2026, 12, 15)
    assert any("two weeks" in a for a in assumptions)
    assert any("3 days" in a for a in assumptions)


def test_model_date_used_only_when_the_text_has_none_and_it_is_plausible() -> None:
    start, _, _ = dates_for("Lisbon trip", TripUnderstanding(start_date="2027-02-01"))
    assert start == date(2027, 2, 1)
    start, _, _ = dates_for("Lisbon trip", TripUnderstanding(start_date="2020-02-01"))
    assert start == date(2026, 12, 13)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("3 days in Lisbon from 2025-05-10", "in the past"),
        ("Lisbon from 2027-05-10 to 2027-05-01", "before it starts"),
        ("30 days in Lisbon from 2027-05-10", f"at most {MAX_TRIP_DAYS} days"),
        ("Lisbon from 2027-02-30", "not a real date"),
    ],
)
def test_impossible_dates_are_rejected_with_what_to_fix(text: str, says: str) -> None:
    with pytest.raises(InvalidRequestError) as info:
        dates_for(text)
    assert says in str(info.value)
    assert info.value.exit_code == 2


def test_travellers_budget_and_interests() -> None:
    hints = parse_request("5 days in Rome for 2 people, budget €1,500, food and history", TODAY)
    assert hints.travellers == 2
    assert hints.budget_amount == 1500
    assert hints.budget_currency == "EUR"
    assert {"food", "history"} <= set(hints.interests)
    hints = parse_request("Tokyo with my wife, 300000 JPY", TODAY)
    assert hints.travellers == 2
    assert (hints.budget_amount, hints.budget_currency) == (300000, "JPY")


def test_money_prefers_text_and_defaults_home_currency() -> None:
    text = "Rome, budget $2k"
    amount, currency, home = resolve_money(
        parse_request(text, TODAY), TripUnderstanding(budget_amount=99), "EUR", text
    )
    assert (amount, currency, home) == (2000, "USD", "EUR")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("4 days in Lisbon from 2027-05-10", "Lisbon"),
        ("i want to visit new york in may", "new york"),
        ("Weekend trip to San Sebastián, pintxos", "San Sebastián"),
        ("Next May, 3 days around Kyoto", "Kyoto"),
    ],
)
def test_place_candidates_come_from_the_request(text: str, first: str) -> None:
    assert place_candidates(text)[0] == first


def test_no_place_in_request_gives_no_candidates() -> None:
    assert place_candidates("plan me 3 days of food and museums next week") == ()


def test_model_junk_becomes_null_not_an_error() -> None:
    understood = TripUnderstanding.lenient(
        {
            "destination": "null",
            "start_date": "next tuesday",
            "month": 13,
            "duration_days": "four",
            "travellers": -2,
            "interests": "food, art",
            "budget_amount": "lots",
        }
    )
    assert understood.destination is None
    assert understood.start_date is None
    assert understood.month is None
    assert understood.duration_days is None
    assert understood.travellers is None
    assert understood.interests == ["food", "art"]
    assert understood.budget_amount is None


def test_model_traveller_count_only_when_the_text_states_it() -> None:
    assert stated_travellers(3, "Rome with three friends") == 3
    assert stated_travellers(2, "a week in Rome") is None
    assert stated_travellers(None, "Rome for 2") is None
