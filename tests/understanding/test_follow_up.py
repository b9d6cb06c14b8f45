"""Messages after a plan or after a question, read against the real travel-tools server."""

from __future__ import annotations

from datetime import date

import pytest

from tests.understanding.conftest import HOME, TODAY, prose
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import Clarification, Refinement, Trip
from travel_planner.understanding import understand, understand_follow_up

pytestmark = pytest.mark.integration


async def first(tools: TravelTools, request: str) -> Trip | Clarification:
    return await understand(request, today=TODAY, places=tools, model=prose(), home_currency=HOME)


async def then(
    tools: TravelTools, message: str, current: Trip | Clarification
) -> Trip | Clarification | Refinement:
    return await understand_follow_up(
        message, current=current, today=TODAY, places=tools, model=prose(), home_currency=HOME
    )


@pytest.fixture
async def lisbon(tools: TravelTools) -> Trip:
    trip = await first(tools, "4 days in Lisbon from 2027-05-10 with my wife, budget 1200 EUR")
    assert isinstance(trip, Trip)
    return trip


async def test_a_day_trip_keeps_the_trip(tools: TravelTools, lisbon: Trip) -> None:
    change = await then(tools, "add a day trip to Sintra", lisbon)
    assert change == Refinement(instruction="add a day trip to Sintra", day_trip="Sintra")


@pytest.mark.parametrize(
    ("message", "days"),
    [("make day 2 more relaxed", [2]), ("el segundo día más tranquilo", [2]),
     ("moins de musées le dernier jour", [4]), ("more food please", [])],
)  # fmt: skip
async def test_changes_to_days(
    tools: TravelTools, lisbon: Trip, message: str, days: list[int]
) -> None:
    change = await then(tools, message, lisbon)
    assert isinstance(change, Refinement)
    assert change.days == days


async def test_another_length_keeps_the_rest(tools: TravelTools, lisbon: Trip) -> None:
    longer = await then(tools, "what about 5 days instead", lisbon)
    assert isinstance(longer, Trip)
    assert (longer.destination, longer.start_date, longer.length_days) == (
        "Lisbon",
        date(2027, 5, 10),
        5,
    )
    assert (longer.travellers, longer.budget_amount, longer.budget_currency) == (2, 1200, "EUR")


async def test_another_place_keeps_the_dates(tools: TravelTools, lisbon: Trip) -> None:
    madrid = await then(tools, "Madrid instead", lisbon)
    assert isinstance(madrid, Trip)
    assert (madrid.destination, madrid.start_date, madrid.end_date) == (
        "Madrid",
        lisbon.start_date,
        lisbon.end_date,
    )


async def test_new_dates_keep_the_place(tools: TravelTools, lisbon: Trip) -> None:
    june = await then(tools, "in June", lisbon)
    assert isinstance(june, Trip)
    assert (june.destination, june.start_date, june.length_days) == ("Lisbon", date(2027, 6, 1), 4)


async def test_a_place_answers_where_to(tools: TravelTools) -> None:
    asked = await first(tools, "Quiero viajar una semana en junio")
    assert isinstance(asked, Clarification) and asked.reason == "no_destination"
    answered = await then(tools, "Roma", asked)
    assert isinstance(answered, Trip)
    assert (answered.destination, answered.start_date, answered.length_days) == (
        "Rome",
        date(2027, 6, 1),
        7,
    )
    assert answered.language == "es"


async def test_a_known_place_replaces_an_unknown_one(tools: TravelTools) -> None:
    asked = await first(tools, "4 days in Xyzzyqwert in May")
    assert isinstance(asked, Clarification) and asked.reason == "unknown_place"
    answered = await then(tools, "Lisbon", asked)
    assert isinstance(answered, Trip)
    assert (answered.destination, answered.start_date, answered.length_days) == (
        "Lisbon",
        date(2027, 5, 1),
        4,
    )


async def test_real_dates_replace_impossible_ones(tools: TravelTools) -> None:
    asked = await first(tools, "3 days in Lisbon from 9999-12-30")
    assert isinstance(asked, Clarification) and asked.reason == "impossible_dates"
    answered = await then(tools, "from 2027-05-10", asked)
    assert isinstance(answered, Trip)
    assert (answered.destination, answered.start_date, answered.length_days) == (
        "Lisbon",
        date(2027, 5, 10),
        3,
    )


async def test_an_answer_in_french_completes_the_request(tools: TravelTools) -> None:
    asked = await first(tools, "Je veux partir une semaine en juin avec mon mari")
    assert isinstance(asked, Clarification) and asked.reason == "no_destination"
    assert asked.language == "fr" and "Où" in asked.message
    answered = await then(tools, "Lyon", asked)
    assert isinstance(answered, Trip)
    assert (answered.destination, answered.start_date, answered.length_days) == (
        "Lyon",
        date(2027, 6, 1),
        7,
    )
    assert (answered.travellers, answered.language) == (2, "fr")
