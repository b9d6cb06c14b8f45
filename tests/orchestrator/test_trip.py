"""Reading the request: code-parsed dates and numbers win over the model's guesses."""

from datetime import date

import pytest

from travel_planner.errors import InvalidRequestError
from travel_planner.trip import (
    MAX_TRIP_DAYS,
    TripUnderstanding,
    fully_read,
    parse_request,
    place_candidates,
    resolve_dates,
    resolve_money,
    stated_travellers,
    unread_words,
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


@pytest.mark.parametrize(
    ("text", "latitude", "start"),
    [
        ("a few days in Barcelona sometime next spring", 41.4, date(2027, 3, 1)),
        ("4 days in Sydney next spring", -33.9, date(2027, 9, 1)),
        ("4 days in Rome this summer", 41.9, date(2027, 6, 1)),
        ("4 days in Sydney this summer", -33.9, date(2026, 12, 1)),
        ("4 days in Kyoto in autumn", 35.0, date(2026, 11, 30)),  # autumn is under way
        ("4 days in Kyoto next autumn", 35.0, date(2027, 9, 1)),
        ("a week in Boston in the fall", 42.4, date(2026, 11, 30)),
        ("a weekend in Vienna in winter", 48.2, date(2026, 12, 1)),
        ("a weekend in Cape Town in winter", -33.9, date(2027, 6, 1)),
        ("5 days in Oslo in summer 2028", 59.9, date(2028, 6, 1)),
    ],
)
def test_seasons_start_on_the_first_day_of_the_season(
    text: str, latitude: float, start: date
) -> None:
    hints = parse_request(text, TODAY)
    assert hints.season is not None
    resolved = resolve_dates(hints, TripUnderstanding(), TODAY, latitude=latitude)
    assert resolved.start == start
    half = "southern" if latitude < 0 else "northern"
    assert any(f"{half}-hemisphere" in a for a in resolved.assumptions)


def test_season_assumption_names_the_months() -> None:
    hints = parse_request("3 days in Buenos Aires next spring", TODAY)
    resolved = resolve_dates(hints, TripUnderstanding(), TODAY, latitude=-34.6)
    assert "September to November" in resolved.assumptions[0]
    assert resolved.start == date(2027, 9, 1)
    north = resolve_dates(hints, TripUnderstanding(), TODAY)  # latitude unknown: northern
    assert "March to May" in north.assumptions[0] and north.start == date(2027, 3, 1)


def test_explicit_dates_win_over_a_season() -> None:
    hints = parse_request("3 days in Rome from 2027-07-10, summer food", TODAY)
    assert hints.season is None and hints.start == date(2027, 7, 10)


@pytest.mark.parametrize(
    "text",
    [
        "3 days in Lisbon from 2027-05-10, food",
        "3 days in Madrid from 2027-04-30, art and food, 2 people, budget 900 USD",
        "two weeks in Japan in October, temples and food, budget 3000 EUR",
        "a weekend in Vienna next spring, museums",
    ],
)
def test_requests_code_reads_completely(text: str) -> None:
    hints = parse_request(text, TODAY)
    assert fully_read(text, hints, hints.place_candidates), unread_words(
        text, hints, hints.place_candidates
    )


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("a relaxing few days in Barcelona sometime next spring", "few"),
        ("somewhere warm in March for a week", "somewhere"),
        ("4 days in Rome from 2027-05-10 with a focus on baroque fountains", "baroque"),
        ("Rome, 2027-05-10, something romantic for 4 days", "romantic"),
    ],
)
def test_requests_that_need_the_model(text: str, unread: str) -> None:
    hints = parse_request(text, TODAY)
    assert not fully_read(text, hints, hints.place_candidates)
    assert unread in unread_words(text, hints, hints.place_candidates)


def test_a_request_without_dates_or_length_needs_the_model() -> None:
    text = "Lisbon, food"
    assert not fully_read(text, parse_request(text, TODAY), ("Lisbon",))
