"""The place of a trip: the notices for a country or region read as its base city and for a
name several places share (word for word, in the traveller's language), the model's country
choosing between namesakes; what a follow-up
keeps of who read the earlier trip; what the model is asked; the log of an answer without
JSON."""

from __future__ import annotations

import logging

import pytest

from tests.understanding.conftest import HOME, TODAY, answering, prose
from travel_planner.i18n import Language
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import Trip
from travel_planner.understanding import understand, understand_follow_up

pytestmark = pytest.mark.integration

DATED = "4 days in {} from 2027-05-10"


@pytest.mark.parametrize(
    ("place", "language", "notices"),
    [
        (
            "Japan",
            None,
            [
                (
                    "area",
                    "Japan is a country: the plan is based in Tokyo.",
                    "Japan is a country; planning around its capital, Tokyo. Name a city to "
                    "choose another base.",
                )
            ],
        ),
        (
            "Tuscany",
            None,
            [
                (
                    "area",
                    "Tuscany is a region: the plan is based in Florence.",
                    "Tuscany is a region of Italy; Florence is its main city and the usual "
                    "base. Name a city to choose another base.",
                ),
                (
                    "ambiguous_place",
                    "Several places are called Tuscany: planning for Florence, Tuscany, Italy. "
                    "Others: Tuscany, Canada.",
                    "",
                ),
            ],
        ),
        (
            "Rome",
            "es",
            [
                (
                    "ambiguous_place",
                    # Not Lomé, Togo: "Rome" is only another name of it.
                    "Varios lugares se llaman Rome: planificado para Rome, Italia. Otros: Rome, "
                    "Georgia, Estados Unidos; Rome, New York, Estados Unidos.",
                    "",
                )
            ],
        ),
    ],
)
async def test_the_notices_of_a_place(
    tools: TravelTools, place: str, language: Language | None, notices: list[tuple[str, ...]]
) -> None:
    trip = await understand(
        DATED.format(place),
        today=TODAY,
        places=tools,
        model=None,
        home_currency=HOME,
        language=language,
    )
    assert isinstance(trip, Trip)
    assert [(n.code, n.text, n.detail) for n in trip.assumptions] == notices


@pytest.mark.parametrize(
    ("country", "country_code"),
    [
        ("United States", "US"),
        ("US", "US"),
        ("France", "FR"),
        # A country with no place of that name: the name's most likely place.
        ("Japan", "FR"),
    ],
)
async def test_the_model_s_country_chooses_between_namesakes(
    tools: TravelTools, country: str, country_code: str
) -> None:
    model = answering(destination_as_written="Paris", country=country)
    trip = await understand(
        "Paris with Grandma Rosa, 4 days from 2027-05-10",
        today=TODAY,
        places=tools,
        model=model,
        home_currency=HOME,
    )
    assert isinstance(trip, Trip)
    assert (trip.destination, trip.country_code, trip.readings["destination"], trip.source) == (
        "Paris",
        country_code,
        "model",
        "model",
    )


async def test_a_follow_up_keeps_who_read_the_earlier_trip(tools: TravelTools) -> None:
    model = answering(
        language="pt", destination_as_written="Lisboa", travellers=2, interests=["ya"]
    )
    earlier = await understand(
        "Lisboa ya", today=TODAY, places=tools, model=model, home_currency=HOME
    )
    assert isinstance(earlier, Trip)
    changed = await understand_follow_up(
        "make it 5 days", current=earlier, today=TODAY, places=tools, model=None,
        home_currency=HOME,
    )  # fmt: skip
    assert isinstance(changed, Trip)
    assert (changed.request, changed.travellers, changed.interests, changed.length_days) == (
        "Lisboa ya / make it 5 days",
        2,
        ["ya"],
        5,
    )
    assert (changed.source, changed.place_source) == ("model", earlier.place_source)
    assert earlier.place_source and "GeoNames" in earlier.place_source
    assert changed.readings == {
        "destination": "model",
        "start_date": "default",
        "end_date": "text",
        "travellers": "model",
        "budget": "default",
        "language": "text",
    }


@pytest.mark.parametrize(
    ("request_text", "asked", "travellers"),
    [
        # A count added up from the words, not stated: the model may correct it.
        (
            "Lisbon from 2027-05-10 for 4 days with my wife and our kids",
            {"budget_amount", "budget_currency", "interests", "travellers"},
            "text",
        ),
        # Digits without a budget: the model may find one.
        (
            "Lisbon for 4 days with Grandma Rosa from 2027-05-10",
            {
                "budget_amount",
                "budget_currency",
                "country",
                "destination_as_written",
                "interests",
                "travellers",
            },
            "default",
        ),
    ],
)
async def test_what_the_model_is_asked(
    tools: TravelTools, request_text: str, asked: set[str], travellers: str
) -> None:
    model = answering()
    trip = await understand(
        request_text, today=TODAY, places=tools, model=model, home_currency=HOME
    )
    assert set(model.schemas[0]["properties"]) == asked
    assert isinstance(trip, Trip) and trip.readings["travellers"] == travellers


async def test_an_answer_without_json_is_logged(
    tools: TravelTools, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="travel_planner.understanding.decide")
    await understand("Lisboa ya", today=TODAY, places=tools, model=prose(), home_currency=HOME)
    assert [r.getMessage() for r in caplog.records if r.name.endswith("decide")] == [
        "the model's answer held no JSON: "
        "'Sure! Rome is lovely in spring, you should definitely go.'"
    ]
