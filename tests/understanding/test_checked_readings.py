"""What code reads with certainty is not overridden by a model, and what a model adds is
checked against the text: "not a trip" for a request with a length and dates, date ranges
whose end comes before their start, counts and interests a small model made up."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.understanding.conftest import HOME, TODAY, ScriptedModel, answering, prose
from travel_planner.i18n import format_date
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import DEFAULT_TRIP_DAYS, Clarification, Trip
from travel_planner.understanding import understand

pytestmark = pytest.mark.integration

# What SmolLM2-135M-Instruct (the tiny real model, ollama_double behaviour `tiny-model`)
# answered for "3 días en Sevilla con mi pareja, presupuesto 900 EUR": a count and a start
# copied from the length and from the prompt's "today", interests made of place names.
TINY_SEVILLA = {
    "is_trip_request": True, "language": "en", "destination_as_written": "El Salvador",
    "destination_english": "El Salvador", "country": "Sevilla", "start_date": "2027-03-10",
    "end_date": "2027-03-10", "month": 1, "duration_days": 1, "travellers": 3,
    "interests": ["El Salvador", "Sevilla", "El Salvador", "El Salvador", "El Salvador"],
    "budget_amount": 900, "budget_currency": "EUR", "climate_wish": "warm",
}  # fmt: skip


async def read(tools: TravelTools, request: str, model: ScriptedModel) -> Trip | Clarification:
    return await understand(request, today=TODAY, places=tools, model=model, home_currency=HOME)


@pytest.mark.parametrize(
    "request_text",
    ["plan me 3 days of food and museums next week", "4 días de playa y museos en junio"],
)
async def test_a_model_saying_not_a_trip_does_not_override_a_length_and_dates(
    tools: TravelTools, request_text: str
) -> None:
    """Without a destination this is "where to?", whatever the model thinks of the request."""
    for model in (prose(), answering(is_trip_request=False)):
        asked = await read(tools, request_text, model)
        assert isinstance(asked, Clarification)
        assert asked.reason == "no_destination", model.answer


async def test_a_model_saying_not_a_trip_still_counts_without_trip_words(
    tools: TravelTools,
) -> None:
    asked = await read(tools, "What's the best museum in Paris?", answering(is_trip_request=False))
    assert isinstance(asked, Clarification) and asked.reason == "not_a_trip"


@pytest.mark.parametrize(
    ("request_text", "start", "end"),
    [
        ("Madrid from 2027-05-10 to 2027-05-13", date(2027, 5, 10), date(2027, 5, 13)),
        ("Madrid del 10 de mayo al 14 de mayo", date(2027, 5, 10), date(2027, 5, 14)),
        ("Lyon du 28 décembre au 3 janvier", date(2027, 12, 28), date(2028, 1, 3)),
        ("Wien vom 30. April bis 3. Mai", date(2027, 4, 30), date(2027, 5, 3)),
        ("Lisboa de 10 de maio a 12 de maio", date(2027, 5, 10), date(2027, 5, 12)),
        # Numeric dates: day first in every supported language but English (CLDR's short
        # dates), unless a date that can only be read one way sets the order of the others.
        ("Lisboa del 10/06 al 13/06", date(2027, 6, 10), date(2027, 6, 13)),
        ("Paris 06/10 to 06/13", date(2027, 6, 10), date(2027, 6, 13)),
        ("Paris 10/06 to 13/06", date(2027, 6, 10), date(2027, 6, 13)),
        # Dotted dates without a year, as written in German.
        ("Berlin vom 10.06. bis 13.06.", date(2027, 6, 10), date(2027, 6, 13)),
    ],
)
async def test_a_range_sets_the_last_day(
    tools: TravelTools, request_text: str, start: date, end: date
) -> None:
    read_trip = await read(tools, request_text, prose())
    assert isinstance(read_trip, Trip), read_trip
    assert (read_trip.start_date, read_trip.end_date) == (start, end)
    assert read_trip.readings["end_date"] == "text"


@pytest.mark.parametrize(
    ("request_text", "start", "end"),
    [
        ("Madrid from 2027-05-10 to 2027-05-02", date(2027, 5, 10), date(2027, 5, 2)),
        ("Madrid del 10 de mayo al 2 de mayo", date(2027, 5, 10), date(2027, 5, 2)),
        ("Lyon du 10 mai au 2 mai", date(2027, 5, 10), date(2027, 5, 2)),
        ("Berlin vom 10. Mai bis 2. Mai", date(2027, 5, 10), date(2027, 5, 2)),
        ("Rome from May 10 to May 2", date(2027, 5, 10), date(2027, 5, 2)),
        ("Napoli dal 2027-05-20 al 2027-05-13", date(2027, 5, 20), date(2027, 5, 13)),
        ("Madrid del 9 al 3 de octubre", date(2027, 10, 9), date(2027, 10, 3)),
        ("Porto de 12 de março a 2 de março", date(2027, 3, 12), date(2027, 3, 2)),
    ],
)
async def test_a_range_that_ends_before_it_starts_asks_with_both_days(
    tools: TravelTools, request_text: str, start: date, end: date
) -> None:
    asked = await read(tools, request_text, prose())
    assert isinstance(asked, Clarification), asked
    assert asked.reason == "impossible_dates"
    shown = [format_date(day, asked.language, "full") for day in (start, end)]
    assert all(day in asked.message for day in shown), asked.message


async def test_a_model_count_that_is_the_budget_or_the_length_is_not_taken(
    tools: TravelTools,
) -> None:
    """The tiny model read 9 travellers from "900 EUR" and 3 from "3 días" (in "algo tranquilo",
    a wish code now reads itself; "algo especial" still needs the model)."""
    request = "3 días en Sevilla, algo especial, presupuesto 900 EUR"
    for travellers in (9, 3):
        model = answering(language="es", destination_as_written="Sevilla",
                          destination_english="Seville", country="Spain", travellers=travellers,
                          interests=["art", "hotel en la ciudz"])  # fmt: skip
        read_trip = await read(tools, request, model)
        assert isinstance(read_trip, Trip)
        assert model.calls == 1
        assert (read_trip.travellers, read_trip.readings["travellers"]) == (1, "default")
        assert read_trip.interests == ["art"]


async def test_a_model_count_code_cannot_read_is_taken(tools: TravelTools) -> None:
    """No number of the text belongs to the count: the model read it from the words."""
    model = answering(language="es", destination_as_written="Sevilla",
                      destination_english="Seville", country="Spain", travellers=3)  # fmt: skip
    read_trip = await read(tools, "Sevilla en mayo, vamos mi hermano, mi primo y yo", model)
    assert isinstance(read_trip, Trip)
    assert (read_trip.travellers, read_trip.readings["travellers"]) == (3, "model")


async def test_a_real_tiny_model_answer_adds_nothing_the_text_does_not_say(
    tools: TravelTools,
) -> None:
    # The answer was given for "..., algo tranquilo", a wish code now reads itself (no model
    # call); "algo especial" still leaves the reading to the model.
    model = ScriptedModel(json.dumps(TINY_SEVILLA))
    read_trip = await read(tools, "3 días en Sevilla con mi pareja, algo especial", model)
    assert isinstance(read_trip, Trip)
    assert model.calls == 1
    assert (read_trip.destination, read_trip.country_code) == ("Sevilla", "ES")
    assert read_trip.travellers == 2
    assert read_trip.interests == []
    # "Today is ..." copied from the prompt is no start the traveller gave.
    assert read_trip.start_date != TODAY
    assert read_trip.readings["start_date"] == "default"


async def test_model_interests_are_known_words_or_words_of_the_request(
    tools: TravelTools,
) -> None:
    model = answering(language="es", destination_as_written="Sevilla",
                      destination_english="Seville", country="Spain",
                      interests=["museos", "Flamenco", "tapas y vino", "nightlife in Ibiza",
                                 "spa days"])  # fmt: skip
    read_trip = await read(tools, "Sevilla 3 días, flamenco y tapas y vino", model)
    assert isinstance(read_trip, Trip)
    assert read_trip.interests == ["wine", "museums", "flamenco", "tapas y vino"]


async def test_a_quiet_trip_needs_no_model(tools: TravelTools) -> None:
    model = ScriptedModel("{}")
    read_trip = await read(tools, "3 días en Sevilla con mi pareja, algo tranquilo", model)
    assert isinstance(read_trip, Trip)
    assert model.calls == 0
    assert (read_trip.travellers, read_trip.interests) == (2, ["relaxation"])


async def test_a_few_days_are_never_planned_as_one(tools: TravelTools) -> None:
    """The tiny real model read "unos días" as one day; the request says days, so the trip gets
    the default length and says so."""
    request = "unos días tranquilos en Sevilla en primavera para nuestra luna de miel"
    trip = await read(tools, request, answering(language="es", duration_days=1))
    assert isinstance(trip, Trip)
    assert (trip.destination, trip.length_days) == ("Sevilla", DEFAULT_TRIP_DAYS), trip.readings
    assert "default_length" in [notice.code for notice in trip.assumptions]


@pytest.mark.parametrize(
    ("request_text", "start", "told"),
    [
        # Today is 10 March 2027: the 15th is this month's, the 10th next month's.
        ("Tokyo 5 days starting the 15th", date(2027, 3, 15), "starting the 15th"),
        ("Amsterdam from the 10th for 4 days", date(2027, 4, 10), "from the 10th"),
        ("Madrid 4 días desde el 20", date(2027, 3, 20), "desde el 20"),
        ("Paris 3 jours à partir du 31", date(2027, 3, 31), "à partir du 31"),
        ("Wien 3 Tage ab dem 5.", date(2027, 4, 5), "ab dem 5"),
        ("Lisboa 3 dias a partir do dia 18", date(2027, 3, 18), "a partir do dia 18"),
        ("Roma 3 giorni dal 25", date(2027, 3, 25), "dal 25"),
    ],
)
async def test_a_day_of_the_month_alone_is_the_next_one(
    tools: TravelTools, request_text: str, start: date, told: str
) -> None:
    read_trip = await read(tools, request_text, prose())
    assert isinstance(read_trip, Trip), read_trip
    assert read_trip.start_date == start
    assert told in " ".join(n.text for n in read_trip.assumptions)
