"""Follow-ups in detail: the days a message names, what an unfinished request already said
when its answer completes it, the language of the trip when a message changes it, and a day
trip to somewhere that is not a place."""

from __future__ import annotations

from datetime import date

import pytest

from tests.understanding.conftest import HOME
from tests.understanding.test_follow_up import first, then
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import Clarification, Refinement, Trip
from travel_planner.understanding.follow_up import days_named


async def completed(tools: TravelTools, request: str, answer: str) -> Trip:
    question = await first(tools, request)
    assert isinstance(question, Clarification)
    assert question.reason == "no_destination"
    trip = await then(tools, answer, question)
    assert isinstance(trip, Trip)
    return trip


@pytest.mark.unit
@pytest.mark.parametrize(
    ("message", "length", "days"),
    [
        ("change day 1", 3, [1]),
        ("day two and the first day", 3, [1, 2]),
        ("day 4 please", 3, []),  # not a day of this trip
        ("day 0", 3, []),
        ("the last day", 5, [5]),
    ],
)
def test_the_days_a_message_names(message: str, length: int, days: list[int]) -> None:
    assert days_named(message, length) == days


@pytest.mark.integration
async def test_an_answer_keeps_what_the_request_said(tools: TravelTools) -> None:
    trip = await completed(
        tools, "4 days from 2027-05-10, budget 900 EUR, food and museums", "Lisbon"
    )
    assert trip.request == "4 days from 2027-05-10, budget 900 EUR, food and museums / Lisbon"
    assert (trip.destination, trip.start_date, trip.end_date) == (
        "Lisbon",
        date(2027, 5, 10),
        date(2027, 5, 13),
    )
    assert (trip.budget_amount, trip.budget_currency) == (900.0, "EUR")
    assert trip.interests == ["food", "museums"]
    assert trip.readings["start_date"] == trip.readings["end_date"] == "text"
    assert trip.assumptions == []


@pytest.mark.integration
async def test_an_answer_to_a_request_without_dates_gets_the_default_dates(
    tools: TravelTools,
) -> None:
    trip = await completed(tools, "a food trip", "Lisbon")
    assert (trip.start_date, trip.length_days) == (date(2027, 3, 24), 3)
    assert (trip.readings["start_date"], trip.readings["end_date"]) == ("default", "default")
    assert [n.code for n in trip.assumptions] == ["default_dates", "default_length"]
    assert trip.budget_amount is None


@pytest.mark.integration
async def test_an_answer_keeps_a_budget_without_currency(tools: TravelTools) -> None:
    trip = await completed(tools, "4 days with budget 900", "Porto")
    assert (trip.budget_amount, trip.budget_currency) == (900.0, HOME)


@pytest.mark.integration
async def test_a_change_in_another_language_keeps_the_trip_s_language(
    tools: TravelTools,
) -> None:
    trip = await first(tools, "4 días en Lisboa desde 2027-05-10")
    assert isinstance(trip, Trip) and trip.language == "es"
    longer = await then(tools, "what about 5 days instead", trip)
    assert isinstance(longer, Trip)
    assert (longer.language, longer.length_days) == ("es", 5)


@pytest.mark.integration
async def test_a_day_trip_to_somewhere_that_is_not_a_place(tools: TravelTools) -> None:
    trip = await first(tools, "4 days in Lisbon from 2027-05-10")
    assert isinstance(trip, Trip)
    change = await then(tools, "add a day trip to the coast", trip)
    assert change == Refinement(instruction="add a day trip to the coast", day_trip=None)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("answer", "language"),
    [
        ("Lisbon please", "es"),
        ("Lisbon three people", "es"),  # up to three words keep the question's language
        ("Lisbon for three people", "en"),  # a longer answer is read on its own
        ("Lisbon with my wife", "en"),
    ],
)
async def test_a_short_answer_keeps_the_question_s_language(
    tools: TravelTools, answer: str, language: str
) -> None:
    question = await first(tools, "quiero viajar 4 días en mayo")
    assert isinstance(question, Clarification) and question.language == "es"
    trip = await then(tools, answer, question)
    assert isinstance(trip, Trip) and trip.language == language
