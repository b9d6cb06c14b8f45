"""Each way a request used to be misread, read again through `understand()` against the real
travel-tools server: once by code alone (the model answers prose) and, where a model
matters, with a model whose answer is right or wrong."""

from __future__ import annotations

from datetime import date

import pytest

from tests.understanding.conftest import HOME, TODAY, ScriptedModel, answering, prose
from travel_planner.errors import InvalidRequestError, PlannerError
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import Clarification, Trip
from travel_planner.understanding import understand

pytestmark = pytest.mark.integration


async def read(
    tools: TravelTools, request: str, model: ScriptedModel | None = None
) -> Trip | Clarification:
    return await understand(
        request, today=TODAY, places=tools, model=model or prose(), home_currency=HOME
    )


async def trip(tools: TravelTools, request: str, model: ScriptedModel | None = None) -> Trip:
    result = await read(tools, request, model)
    assert isinstance(result, Trip), result
    return result


async def question(
    tools: TravelTools, request: str, model: ScriptedModel | None = None
) -> Clarification:
    result = await read(tools, request, model)
    assert isinstance(result, Clarification), result
    return result


@pytest.mark.parametrize(
    ("request_text", "country", "start", "days", "language"),
    [
        ("Je voudrais passer 3 jours à Rome en octobre", "IT", date(2027, 10, 1), 3, "fr"),
        ("Is Rome nice in May? 3 days", "IT", date(2027, 5, 1), 3, "en"),
        ("Tres días en Ciudad de México en diciembre", "MX", date(2027, 12, 1), 3, "es"),
        ("Quiero ir a Madrid en abril", "ES", date(2027, 4, 1), 3, "es"),
        ("Drei Tage in Berlin im Juni", "DE", date(2027, 6, 1), 3, "de"),
        ("Uma semana em Lisboa em setembro", "PT", date(2027, 9, 1), 7, "pt"),
        ("Vorrei andare a Roma a marzo per 5 giorni", "IT", date(2027, 3, 11), 5, "it"),
        ("5 días en Sevilla", "ES", date(2027, 3, 24), 5, "es"),
        ("Lisbon next month for 4 days", "PT", date(2027, 4, 1), 4, "en"),
        # 29 February without a year: the next leap year's.
        ("Berlin ab 29.02. für 3 Tage", "DE", date(2028, 2, 29), 3, "de"),
    ],
)
async def test_place_dates_and_length_in_any_language(
    tools: TravelTools, request_text: str, country: str, start: date, days: int, language: str
) -> None:
    read_trip = await trip(tools, request_text)
    got = (read_trip.country_code, read_trip.start_date, read_trip.length_days)
    assert got == (country, start, days)
    assert read_trip.language == language


async def test_short_words_are_not_places(tools: TravelTools) -> None:
    """ "Je" is no country code (Jersey), "Is" no Iceland."""
    assert (await trip(tools, "Je voudrais passer 3 jours à Rome en octobre")).destination == "Rome"
    assert (await trip(tools, "Is Rome nice in May? 3 days")).destination == "Rome"


async def test_the_model_place_is_checked_against_the_tools(tools: TravelTools) -> None:
    model = answering(
        language="es",
        destination_as_written="Ciudad de México",
        destination_english="Mexico City",
        country="Mexico",
        month=12,
        duration_days=3,
    )
    read_trip = await trip(tools, "Tres días en Ciudad de México en diciembre", model)
    assert (read_trip.destination, read_trip.country_code) == ("Mexico City", "MX")


async def test_a_qualified_name_is_the_place_it_qualifies(tools: TravelTools) -> None:
    read_trip = await trip(tools, "3 days in Paris, Texas")
    assert (read_trip.country_code, read_trip.region) == ("US", "Texas")


@pytest.mark.parametrize(
    ("request_text", "language"),
    [("Tell me a joke", "en"), ("Hola", "es"), ("What's the capital of France?", "en"),
     ("Raconte-moi une blague", "fr")],
)  # fmt: skip
async def test_not_a_trip_is_never_planned(
    tools: TravelTools, request_text: str, language: str
) -> None:
    for model in (prose(), answering(is_trip_request=False, language=language)):
        asked = await question(tools, request_text, model)
        assert (asked.reason, asked.language) == ("not_a_trip", language)


async def test_the_question_is_asked_in_the_request_language(tools: TravelTools) -> None:
    french = await question(tools, "Raconte-moi une blague")
    assert "Dites-moi" in french.message
    spanish = await question(tools, "Hola")
    assert "Dime" in spanish.message
    german = await question(tools, "Drei Tage in Xyzzyqwert")
    assert german.reason == "unknown_place" and "Ich kenne keinen Ort" in german.message


async def test_weekend_is_saturday_and_sunday(tools: TravelTools) -> None:
    weekend = await trip(tools, "weekend in Paris")
    assert (weekend.start_date, weekend.end_date) == (date(2027, 3, 13), date(2027, 3, 14))
    assert weekend.start_date.weekday() == 5
    assert any(n.code == "weekend" for n in weekend.assumptions)


@pytest.mark.parametrize(
    ("request_text", "travellers"),
    [
        ("Wir sind zu zweit und wollen 4 Tage nach Wien", 2),
        ("Un fin de semana en Barcelona con mi pareja", 2),
        ("Une semaine à Nice avec ma femme et nos trois enfants en juillet", 5),
        ("5 days in Edinburgh in June, £1,500 for two", 2),
    ],
)
async def test_who_travels(tools: TravelTools, request_text: str, travellers: int) -> None:
    assert (await trip(tools, request_text)).travellers == travellers


async def test_the_model_count_beats_a_guess_from_companions(tools: TravelTools) -> None:
    """Code adds up "my wife and the kids" as 2; the model read 4 from the whole sentence."""
    model = answering(destination_as_written="Rome", destination_english="Rome", country="Italy",
                      travellers=4, duration_days=4)  # fmt: skip
    read_trip = await trip(tools, "Rome with my wife and the kids, they love pizza, 4 days", model)
    assert (read_trip.travellers, read_trip.readings["travellers"]) == (4, "model")


async def test_a_stated_count_beats_the_model(tools: TravelTools) -> None:
    model = answering(
        destination_as_written="Rome", destination_english="Rome", country="Italy", travellers=1
    )
    read_trip = await trip(tools, "Rome for 3 people, 4 days, something romantic", model)
    assert (read_trip.travellers, read_trip.readings["travellers"]) == (3, "text")


@pytest.mark.parametrize(
    ("request_text", "amount", "currency"),
    [
        ("A week in Buenos Aires with 500000 ARS", 500000, "ARS"),
        ("3 days in Dubai, budget 5000 AED", 5000, "AED"),
        ("5 days in Edinburgh in June, £1,500 for two", 1500, "GBP"),
        ("Una semana en Roma en junio, presupuesto de 2000 euros", 2000, "EUR"),
        ("Lima 4 días, presupuesto 1500 soles", 1500, "PEN"),
    ],
)
async def test_budget_in_any_currency(
    tools: TravelTools, request_text: str, amount: float, currency: str
) -> None:
    read_trip = await trip(tools, request_text)
    assert (read_trip.budget_amount, read_trip.budget_currency) == (amount, currency)


async def test_budget_without_currency_is_in_the_home_currency(tools: TravelTools) -> None:
    read_trip = await trip(tools, "4 days in Prague, budget 500")
    assert (read_trip.budget_amount, read_trip.budget_currency) == (500, HOME)
    notice = next(n for n in read_trip.assumptions if n.code == "budget_currency")
    assert "500" in notice.text


async def test_a_negative_budget_is_refused(tools: TravelTools) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        await read(tools, "3 days in Vienna, budget -500 EUR")
    assert refused.value.exit_code == 2
    assert "-500" in str(refused.value)


async def test_an_invented_place_is_not_planned(tools: TravelTools) -> None:
    """The model names Lisbon for a place the tools do not know: the traveller is told."""
    inventing = answering(destination_as_written="Lisbon", destination_english="Lisbon",
                          country="Portugal", duration_days=4)  # fmt: skip
    for model in (prose(), inventing):
        asked = await question(tools, "4 days in Xyzzyqwert", model)
        assert asked.reason == "unknown_place"
        assert "Xyzzyqwert" in asked.message


@pytest.mark.parametrize(
    "request_text",
    ["3 days in Lisbon from 9999-12-30", "5 days in Lisbon from 2027-02-30",
     "3 days in Madrid from 2026-05-01", "Trois jours à Rome le 31 avril"],
)  # fmt: skip
async def test_impossible_dates_are_a_question(tools: TravelTools, request_text: str) -> None:
    asked = await question(tools, request_text)
    assert asked.reason == "impossible_dates"
    assert "out of range" not in asked.message


async def test_no_destination_offers_places_for_the_climate_wished(tools: TravelTools) -> None:
    asked = await question(tools, "somewhere warm in March for a week")
    assert asked.reason == "no_destination"
    assert len(asked.options) == 3
    assert len(asked.suggestions) == 3
    assert all(name in asked.message for name in asked.options)
    assert "°C" in asked.message


async def test_a_request_code_reads_completely_needs_no_model(tools: TravelTools) -> None:
    model = answering()
    read_trip = await trip(tools, "4 days in Lisbon from 2027-05-10", model)
    assert model.calls == 0
    assert read_trip.source == "parser"
    assert set(read_trip.readings.values()) <= {"text", "default"}


async def test_defaults_are_stated_in_the_request_language(tools: TravelTools) -> None:
    read_trip = await trip(tools, "Ein Wochenende in Hamburg, budget 300")
    assert read_trip.language == "de"
    texts = " ".join(n.text for n in read_trip.assumptions)
    assert "Samstag" in texts
    assert "Budget" in texts or "Währung" in texts


async def test_a_model_date_in_the_past_is_not_used(tools: TravelTools) -> None:
    model = answering(destination_as_written="Porto", destination_english="Porto",
                      country="Portugal", start_date="2020-01-01", duration_days=2)  # fmt: skip
    read_trip = await trip(tools, "Porto, a relaxing couple of days", model)
    assert read_trip.start_date >= TODAY
    assert read_trip.readings["start_date"] == "default"


@pytest.mark.parametrize(
    ("request_text", "destination"),
    [("3 days in 東京", "Tokyo"), ("Santo Domingo 4 days", "Santo Domingo"),
     ("Cinco dias no Rio de Janeiro em dezembro", "Rio de Janeiro")],
)  # fmt: skip
async def test_names_that_look_like_other_words(
    tools: TravelTools, request_text: str, destination: str
) -> None:
    assert (await trip(tools, request_text)).destination == destination


async def test_a_word_describing_somewhere_is_no_place(tools: TravelTools) -> None:
    """ "Somewhere nice" wishes for a kind of place; "in nice" and "Nice" name the city."""
    asked = await question(tools, "somewhere nice for a few days, nothing too touristy")
    assert asked.reason == "no_destination"
    assert (await trip(tools, "3 days in nice in May")).destination == "Nice"
    assert (await trip(tools, "somewhere Nice in May for 3 days")).destination == "Nice"


@pytest.mark.parametrize("request_text", ["", "   ", "🙂"])
async def test_an_empty_request_is_a_question(tools: TravelTools, request_text: str) -> None:
    asked = await question(tools, request_text)
    assert (asked.reason, asked.language) == ("not_a_trip", "en")


@pytest.mark.parametrize(
    ("request_text", "start", "days", "travellers"),
    [
        ("Prague, June 10-14, museums and beer", date(2027, 6, 10), 5, 1),
        ("Take me to Kyoto for a week starting next Monday", date(2027, 3, 15), 7, 1),
        ("Plan 3 nights in Reykjavik for the two of us in December", date(2027, 12, 1), 4, 2),
        ("Bangkok 6 days, our family of four", date(2027, 3, 24), 6, 4),
        ("Una semana en Sevilla en octubre con mis padres", date(2027, 10, 1), 7, 3),
        ("Deux jours à Bruges le week-end prochain", date(2027, 3, 13), 2, 1),
    ],
)
async def test_phrasings_outside_the_corpus(
    tools: TravelTools, request_text: str, start: date, days: int, travellers: int
) -> None:
    read_trip = await trip(tools, request_text)
    got = (read_trip.start_date, read_trip.length_days, read_trip.travellers)
    assert got == (start, days, travellers)


async def test_of_places_sharing_a_name_the_one_where_the_language_is_spoken(
    tools: TravelTools,
) -> None:
    toledo = await trip(tools, "Escapada a Toledo este fin de semana")
    assert toledo.country_code == "ES"
    notice = next(n for n in toledo.assumptions if n.code == "ambiguous_place")
    assert "Toledo" in notice.text and "Ohio" in notice.text


async def test_a_failed_model_call_leaves_code_reading(tools: TravelTools) -> None:
    failed = ScriptedModel(None)
    read_trip = await trip(tools, "Rome for 4 days, something romantic", failed)
    assert failed.calls == 1
    assert (read_trip.destination, read_trip.length_days, read_trip.source) == ("Rome", 4, "parser")


async def test_a_fatal_model_error_propagates(tools: TravelTools) -> None:
    class Down(PlannerError):
        exit_code = 3

    async def unavailable(prompt: str, schema: dict[str, object]) -> str | None:
        raise Down("Ollama is not available")

    with pytest.raises(Down):
        await understand(
            "Rome, something romantic",
            today=TODAY,
            places=tools,
            model=unavailable,
            home_currency=HOME,
        )
