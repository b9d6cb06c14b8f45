"""Who read each field of a trip (the request's words, the model, the earlier request), which
budget and wishes win, when the model is asked at all and in which language the trip is
planned; and what a caller's Understanding records about the reading."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.understanding.conftest import HOME, TODAY, ScriptedModel, answering
from travel_planner.i18n import Language
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import Clarification, Trip
from travel_planner.understanding import understand, understand_follow_up
from travel_planner.understanding.decide import Understanding

pytestmark = pytest.mark.integration

DATED = "4 days in Lisbon from 2027-05-10"
READ_BY_TEXT = {
    "destination": "text",
    "start_date": "text",
    "end_date": "text",
    "travellers": "default",
    "language": "text",
}


async def trip_for(
    tools: TravelTools, request: str, model: ScriptedModel | None = None, **options: Any
) -> Trip:
    trip = await understand(
        request, today=TODAY, places=tools, model=model, home_currency=HOME, **options
    )
    assert isinstance(trip, Trip), trip
    return trip


@pytest.mark.parametrize(
    ("request_text", "model_budget", "budget", "source", "notices"),
    [
        (f"{DATED}, budget 900 EUR", None, (900.0, "EUR"), "text", []),
        # The request's own amount wins over the model's.
        (
            f"{DATED} with Grandma Rosa, budget 900 EUR, 1200 at most",
            (1200, "USD"),
            (900.0, "EUR"),
            "text",
            [],
        ),
        (f"{DATED}, we can spend 1200", (1200, "USD"), (1200.0, "USD"), "model", []),
        (
            f"{DATED} with budget 900",
            None,
            (900.0, "EUR"),
            "text",
            [
                (
                    "budget_currency",
                    "The budget has no currency: read as €900.00, your home currency.",
                )
            ],
        ),
    ],
)
async def test_which_budget_wins_and_who_read_it(
    tools: TravelTools,
    request_text: str,
    model_budget: tuple[int, str] | None,
    budget: tuple[float, str],
    source: str,
    notices: list[tuple[str, str]],
) -> None:
    model = None
    if model_budget is not None:
        model = answering(budget_amount=model_budget[0], budget_currency=model_budget[1])
    trip = await trip_for(tools, request_text, model)
    assert (trip.budget_amount, trip.budget_currency) == budget
    assert trip.readings == {**READ_BY_TEXT, "budget": source}
    assert [(n.code, n.text) for n in trip.assumptions] == notices


@pytest.mark.parametrize(
    ("request_text", "model_interests", "interests"),
    [
        # The destination as written is no wish, even when the model lists it.
        (
            "4 days in Ciudad de México from 2027-05-10 for Ciudad de México murals",
            ["Ciudad de México", "murals"],
            ["murals"],
        ),
        # Six wishes at most: the request's first, then the model's.
        (
            "4 days in Rome from 2027-05-10: museums, food, opera, wine, gardens, shopping, "
            "churches",
            ["opera", "churches", "museums", "food", "wine", "gardens"],
            ["museums", "food", "wine", "gardens", "shopping", "opera"],
        ),
    ],
)
async def test_the_wishes_kept(
    tools: TravelTools, request_text: str, model_interests: list[str], interests: list[str]
) -> None:
    trip = await trip_for(tools, request_text, answering(interests=model_interests))
    assert trip.interests == interests


@pytest.mark.parametrize(
    ("message", "model_calls", "interests"),
    [
        # Words left unread in the follow-up are a question for the model.
        ("Porto with Grandma Rosa", 1, ["wine", "museums"]),
        # Nothing left unread: the earlier request fills the rest, no model call.
        ("Porto", 0, ["museums"]),
    ],
)
async def test_a_follow_up_asks_the_model_only_what_it_left_unread(
    tools: TravelTools, message: str, model_calls: int, interests: list[str]
) -> None:
    current = await trip_for(tools, f"{DATED}, budget 900 EUR, museums")
    model = answering(interests=["wine"])
    changed = await understand_follow_up(
        message, current=current, today=TODAY, places=tools, model=model, home_currency=HOME
    )
    assert isinstance(changed, Trip)
    assert (changed.destination, changed.interests, model.calls) == (
        "Porto",
        interests,
        model_calls,
    )
    assert (changed.budget_amount, changed.readings["budget"]) == (900.0, "text")


@pytest.mark.parametrize(
    ("request_text", "model_language", "given", "language", "asked_language"),
    [
        # Too short to tell: the model's language is taken, unless the caller gave one.
        ("Lisboa ya", "pt", None, "pt", True),
        ("Lisboa ya", "pt", "es", "es", False),
        # A sentence the detector is sure of keeps its language.
        (
            "Quiero ir a Lisboa tres dias desde el 2027-05-10 con mi familia",
            "en",
            None,
            "es",
            False,
        ),
    ],
)
async def test_the_language_of_the_trip(
    tools: TravelTools,
    request_text: str,
    model_language: str,
    given: Language | None,
    language: str,
    asked_language: bool,
) -> None:
    model = answering(language=model_language, destination_as_written="Lisboa")
    trip = await trip_for(tools, request_text, model, language=given)
    assert trip.language == language
    assert ("language" in model.schemas[0]["properties"]) is asked_language


@pytest.mark.parametrize(
    ("request_text", "read_as"),
    [
        # Three words or fewer are looked up: a place alone, or with a month, is a trip there.
        ("Rio de Janeiro", ("Rio de Janeiro", "2027-03-24")),
        ("Lisbon in May", ("Lisbon", "2027-05-01")),
        # A season is the destination's: summer in Sydney starts in December.
        ("4 days in Sydney next summer", ("Sydney", "2027-12-01")),
        # A place among other words asks for nothing by itself.
        ("Lisbon or Porto?", ("not_a_trip", None)),
        # A place with its country, however many words, is still the place alone.
        ("Rio de Janeiro, Brasil", ("Rio de Janeiro", "2027-03-24")),
        # "island" is Iceland's name in German and Icelandic, an everyday word in English: no
        # Reykjavik, and "Greek island" is no name written where a destination goes.
        ("a week on a Greek island in June", ("no_destination", None)),
    ],
)
async def test_a_request_read_without_a_model(
    tools: TravelTools, request_text: str, read_as: tuple[str, str | None]
) -> None:
    outcome = await understand(
        request_text, today=TODAY, places=tools, model=None, home_currency=HOME
    )
    if isinstance(outcome, Trip):
        assert (outcome.destination, outcome.start_date.isoformat()) == read_as
    else:
        assert (outcome.reason, None) == read_as


async def test_the_understanding_records_the_reading(tools: TravelTools) -> None:
    info = Understanding(reading=None)  # type: ignore[arg-type]
    model = answering(language="pt", destination_as_written="Lisboa")
    started = time.perf_counter()
    outcome = await understand(
        "Lisboa ya", today=TODAY, places=tools, model=model, home_currency=HOME, info=info
    )
    took = time.perf_counter() - started
    assert not isinstance(outcome, Clarification)
    assert (info.reading.text, info.model_called, info.model_usable) == ("Lisboa ya", True, True)
    assert info.questions == ["interests", "trip", "language", "dates", "travellers"]
    assert 0 < info.seconds <= took
