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
    got = (longer.destination, longer.start_date, longer.length_days)
    assert got == ("Lisbon", date(2027, 5, 10), 5)
    assert (longer.travellers, longer.budget_amount, longer.budget_currency) == (2, 1200, "EUR")


@pytest.mark.parametrize(
    ("message", "travellers"),
    [("we are 4 now", 4), ("somos cinco", 5), ("wir sind zu dritt", 3),
     ("nous sommes six", 6)],
)  # fmt: skip
async def test_another_number_of_travellers_keeps_the_rest(
    tools: TravelTools, lisbon: Trip, message: str, travellers: int
) -> None:
    more = await then(tools, message, lisbon)
    assert isinstance(more, Trip), more
    got = (more.destination, more.start_date, more.length_days, more.budget_amount)
    assert got == ("Lisbon", date(2027, 5, 10), 4, 1200)
    assert more.travellers == travellers


async def test_companions_count_the_traveller(tools: TravelTools, lisbon: Trip) -> None:
    solo = await first(tools, "4 days in Lisbon from 2027-05-10")
    assert isinstance(solo, Trip)
    family = await then(tools, "vamos con mis dos hijos", solo)
    assert isinstance(family, Trip) and family.travellers == 3
    # Two travel already: whether companions named now come on top of them is not said, so
    # the message goes to the plan as written.
    for message in ("somewhere romantic for my wife and me", "on vient avec nos deux enfants"):
        change = await then(tools, message, lisbon)
        assert isinstance(change, Refinement), change


async def test_another_place_keeps_the_dates(tools: TravelTools, lisbon: Trip) -> None:
    madrid = await then(tools, "Madrid instead", lisbon)
    assert isinstance(madrid, Trip)
    got = (madrid.destination, madrid.start_date, madrid.end_date)
    assert got == ("Madrid", lisbon.start_date, lisbon.end_date)


@pytest.mark.parametrize("message", ["what about porto", "let's do porto instead"])
async def test_a_place_in_lower_case_anywhere_in_a_reply(
    tools: TravelTools, lisbon: Trip, message: str
) -> None:
    porto = await then(tools, message, lisbon)
    assert isinstance(porto, Trip), porto
    assert (porto.destination, porto.start_date) == ("Porto", lisbon.start_date)


async def test_new_dates_keep_the_place(tools: TravelTools, lisbon: Trip) -> None:
    june = await then(tools, "in June", lisbon)
    assert isinstance(june, Trip)
    assert (june.destination, june.start_date, june.length_days) == ("Lisbon", date(2027, 6, 1), 4)


@pytest.mark.parametrize(
    ("request_text", "reason", "answer", "expected"),
    [
        ("Quiero viajar una semana en junio", "no_destination", "Roma",
         ("Rome", date(2027, 6, 1), 7, 1, "es")),
        ("4 days in Xyzzyqwert in May", "unknown_place", "Lisbon",
         ("Lisbon", date(2027, 5, 1), 4, 1, "en")),
        ("3 days in Lisbon from 9999-12-30", "impossible_dates", "from 2027-05-10",
         ("Lisbon", date(2027, 5, 10), 3, 1, "en")),
        ("Je veux partir une semaine en juin avec mon mari", "no_destination", "Lyon",
         ("Lyon", date(2027, 6, 1), 7, 2, "fr")),
    ],
)  # fmt: skip
async def test_an_answer_completes_the_request(
    tools: TravelTools, request_text: str, reason: str, answer: str, expected: tuple[object, ...]
) -> None:
    """The question, in the request's language, then the plan from both messages."""
    asked = await first(tools, request_text)
    assert isinstance(asked, Clarification)
    assert (asked.reason, asked.language) == (reason, expected[-1])
    answered = await then(tools, answer, asked)
    assert isinstance(answered, Trip)
    got = (answered.destination, answered.start_date, answered.length_days)
    assert (*got, answered.travellers, answered.language) == expected


async def test_a_day_trip_looks_near_the_base_first(tools: TravelTools) -> None:
    paris = await first(tools, "3 days in Paris in May")
    assert isinstance(paris, Trip)
    change = await then(tools, "une excursion à Versailles", paris)
    assert isinstance(change, Refinement) and change.day_trip == "Versailles"


async def test_a_day_trip_to_an_unknown_place_is_a_question(
    tools: TravelTools, lisbon: Trip
) -> None:
    asked = await then(tools, "add a day trip to Xyzzyqwert", lisbon)
    assert isinstance(asked, Clarification)
    assert asked.reason == "unknown_place" and "Xyzzyqwert" in asked.message


async def test_another_place_in_a_sentence(tools: TravelTools, lisbon: Trip) -> None:
    porto = await then(tools, "what about Porto instead", lisbon)
    assert isinstance(porto, Trip)
    got = (porto.destination, porto.start_date, porto.length_days)
    assert got == ("Porto", lisbon.start_date, 4)


@pytest.mark.parametrize(
    ("request_text", "destination", "written"),
    [
        ("Quiero pasar 4 días en Lisboa del 10 al 13 de mayo", "Lisbon", "Lisboa"),
        ("quiero pasar 4 días en lisboa en mayo", "Lisbon", "Lisboa"),
        ("4 days in lisbon in May", "Lisbon", None),
        ("Zwei Wochen Japan im Mai", "Tokyo", None),
        ("3 days in Paris, Texas in May", "Paris", None),
    ],
)
async def test_the_destination_keeps_the_name_the_traveller_wrote(
    tools: TravelTools, request_text: str, destination: str, written: str | None
) -> None:
    trip = await first(tools, request_text)
    assert isinstance(trip, Trip)
    assert (trip.destination, trip.destination_written) == (destination, written)
    assert trip.place_name == (written or destination)
    longer = await then(tools, "mejor 5 días", trip)
    assert isinstance(longer, Trip) and longer.length_days == 5
    assert (longer.destination, longer.destination_written) == (destination, written)


@pytest.mark.parametrize("language", ["en", "es", "fr", "de", "pt", "it"])
async def test_the_session_s_example_and_change_are_read_as_they_say(
    tools: TravelTools, language: str
) -> None:
    """The banner of the interactive session shows an example request, a change and the word
    that ends it, in the traveller's language: each must do what it shows."""
    from travel_planner.cli import EXAMPLE, EXIT_WORDS
    from travel_planner.i18n import translator

    _ = translator(language, "ui").gettext
    trip = await first(tools, _(EXAMPLE))
    assert isinstance(trip, Trip)
    assert (trip.destination, trip.start_date, trip.length_days) == ("Lisbon", date(2027, 5, 10), 4)
    assert set(trip.interests) == {"food", "museums"} and trip.language == language
    change = await then(tools, _("make day 2 more relaxed"), trip)
    assert isinstance(change, Refinement) and change.days == [2]
    assert _("exit") in EXIT_WORDS  # the word the banner offers ends the session
