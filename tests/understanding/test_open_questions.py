"""The model is asked only what the request's own words left open: a shorter prompt and a
shorter answer, and the fields code read are never offered to a model to overwrite."""

from __future__ import annotations

import pytest

from tests.understanding.conftest import HOME, TODAY, ScriptedModel, answering
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import Clarification, Trip
from travel_planner.understanding import understand

pytestmark = pytest.mark.integration

DATES = {"start_date", "end_date", "month", "duration_days"}
PLACE = {"destination_as_written", "country"}


async def asked(tools: TravelTools, request: str, model: ScriptedModel) -> Trip | Clarification:
    return await understand(request, today=TODAY, places=tools, model=model, home_currency=HOME)


def fields(model: ScriptedModel) -> set[str]:
    assert model.calls == 1
    schema = model.schemas[0]
    assert set(schema["required"]) == set(schema["properties"])
    return set(schema["properties"])


async def test_a_known_place_season_and_couple_leave_only_wishes_and_length(
    tools: TravelTools,
) -> None:
    model = answering(interests=["quiet places"], duration_days=4)
    request = "a few days in Barcelona sometime next spring for our honeymoon, nothing too touristy"
    trip = await asked(tools, request, model)
    # Place, season and "honeymoon" are read; "a few days" and the wishes are not.
    assert fields(model) == {"interests", *DATES}
    prompt = model.prompts[0]
    assert "destination_as_written" not in prompt and "budget" not in prompt
    assert "duration_days" in prompt and request in prompt
    assert isinstance(trip, Trip)
    assert (trip.destination, trip.travellers, trip.length_days) == ("Barcelona", 2, 4)
    assert trip.readings["end_date"] == "model" and trip.readings["destination"] == "text"


async def test_a_request_without_a_place_asks_for_the_place_and_the_climate(
    tools: TravelTools,
) -> None:
    model = answering()
    await asked(tools, "somewhere by the sea for a while, nothing too touristy", model)
    got = fields(model)
    assert got >= {"destination_as_written", "country", "climate_wish", "is_trip_request"}
    # No digit in the request: a model's amount could not be checked against it.
    assert "budget_amount" not in got


async def test_a_capitalised_unread_word_keeps_the_place_open(tools: TravelTools) -> None:
    model = answering()
    trip = await asked(tools, "4 days in Lisbon from 2027-05-10 with Grandma Rosa, food", model)
    got = fields(model)
    assert got >= PLACE
    assert not got & DATES  # start and length are written
    assert isinstance(trip, Trip) and trip.destination == "Lisbon" and trip.length_days == 4


async def test_a_written_budget_and_party_are_not_asked_again(tools: TravelTools) -> None:
    model = answering()
    await asked(tools, "Lisboa 4 días en mayo para 3 personas, 900 EUR, algo auténtico", model)
    got = fields(model)
    assert not got & {"budget_amount", "budget_currency", "travellers"}
    assert not got & DATES and not got & PLACE
