"""When in a month, a week of a month, a holiday, a range of weekdays and a city named after
its country, read by code alone (the model answers prose) against the real travel-tools
server, with what the traveller is told about each reading. Today is Wednesday 10 March 2027
(Easter 2027 is on 28 March, Easter 2028 on 16 April)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.understanding.conftest import answering
from tests.understanding.test_requests import trip
from travel_planner.mcp_client import TravelTools

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("request_text", "start", "end", "told", "language"),
    [
        # Holy Week ends on Easter Sunday: four days from Maundy Thursday.
        ("Semana Santa en Sevilla, 4 días", date(2027, 3, 25), date(2027, 3, 28), "Semana", "es"),
        # Easter from Good Friday (Easter Monday on a 4-day trip).
        ("4 days in Seville over Easter", date(2027, 3, 26), date(2027, 3, 29), "Easter", "en"),
        ("Ostern 2028 in Rom, 3 Tage", date(2028, 4, 14), date(2028, 4, 16), "Ostern 2028", "de"),
        # Christmas and New Year's Eve in the middle of the trip.
        ("Natale a Vienna, 4 giorni", date(2027, 12, 24), date(2027, 12, 27), "Natale", "it"),
        ("Nochevieja en Madrid, 3 días", date(2027, 12, 30), date(2028, 1, 1), "Nochevieja", "es"),
        ("Silvester in Berlin, 3 Nächte", date(2027, 12, 30), date(2028, 1, 2), "Silvester", "de"),
        # A holiday's name is a word of its language: too short for the n-grams to be sure.
        ("Christmas in Vienna", date(2027, 12, 24), date(2027, 12, 26), "Christmas", "en"),
        # A week of a month is seven days unless the request says otherwise.
        ("Barcelona the second week of July", date(2027, 7, 8), date(2027, 7, 14), "week", "en"),
        ("Barcelone la dernière semaine d'août", date(2027, 8, 25), date(2027, 8, 31), "", "fr"),
        ("3 días en Granada la primera semana de octubre", date(2027, 10, 1), date(2027, 10, 3),
         "primera semana de octubre", "es"),
    ],
)  # fmt: skip
async def test_holidays_and_weeks_of_a_month(
    tools: TravelTools, request_text: str, start: date, end: date, told: str, language: str
) -> None:
    read_trip = await trip(tools, request_text)
    assert (read_trip.start_date, read_trip.end_date) == (start, end)
    assert read_trip.language == language
    notices = " ".join(n.text for n in read_trip.assumptions)
    assert told in notices, notices


@pytest.mark.parametrize(
    ("request_text", "start", "end", "told"),
    [
        # Late in a month: the trip ends on its last day.
        (
            "4 días en Sevilla a finales de abril",
            date(2027, 4, 27),
            date(2027, 4, 30),
            '"finales de abril" entendido como martes, 27 de abril de 2027.',
        ),
        # Mid-month: centred on the 15th.
        ("3 Tage in München Mitte Mai", date(2027, 5, 14), date(2027, 5, 16), "Mitte Mai"),
        ("3 days in Rome mid-May", date(2027, 5, 14), date(2027, 5, 16), "mid-May"),
        ("3 giorni a Roma a inizio giugno", date(2027, 6, 1), date(2027, 6, 3), "inizio giugno"),
        # A long trip late in a month starts in its last third, not weeks before.
        ("two weeks in Tokyo in late March", date(2027, 3, 21), date(2027, 4, 3), "late March"),
        # "mai" is French for May only with a cue; the part of the month is one.
        ("3 jours à Lyon début mai", date(2027, 5, 1), date(2027, 5, 3), "début mai"),
        # A weekend late in a month is its last weekend.
        ("ein Wochenende in Wien Ende März", date(2027, 3, 27), date(2027, 3, 28), "Ende März"),
        ("un fin de semana en Roma a mediados de junio", date(2027, 6, 12), date(2027, 6, 13), ""),
        # A range of weekdays: the coming Friday to the Sunday after it.
        (
            "Lisboa de sexta a domingo",
            date(2027, 3, 12),
            date(2027, 3, 14),
            '"sexta a domingo" entendido como de sexta-feira, 12 de março de 2027 a domingo, '
            "14 de março de 2027.",
        ),
        ("Wien von Freitag bis Sonntag", date(2027, 3, 12), date(2027, 3, 14), "Freitag bis"),
        ("Rome from Sunday to Tuesday", date(2027, 3, 14), date(2027, 3, 16), "Sunday to"),
    ],
)
async def test_when_in_a_month_and_weekday_ranges(
    tools: TravelTools, request_text: str, start: date, end: date, told: str
) -> None:
    read_trip = await trip(tools, request_text)
    assert (read_trip.start_date, read_trip.end_date) == (start, end)
    assert read_trip.readings["start_date"] == "text"
    notices = " ".join(n.text for n in read_trip.assumptions)
    assert told in notices, notices


@pytest.mark.parametrize(
    ("request_text", "place", "country"),
    [
        ("Two weeks in Croatia: Split", "Split", "HR"),
        ("Una settimana in Sicilia ad agosto, Catania e Siracusa", "Catania", "IT"),
        # A name after "with" is a companion: the country's base city is planned.
        ("Two weeks in France with Nancy", "Paris", "FR"),
        # A city of another country is not a place inside this one.
        ("A week in Portugal, then Madrid", "Lisbon", "PT"),
    ],
)
async def test_a_city_named_inside_a_country(
    tools: TravelTools, request_text: str, place: str, country: str
) -> None:
    read_trip = await trip(tools, request_text)
    assert (read_trip.destination, read_trip.country_code) == (place, country)


async def test_the_city_named_wins_over_a_model_that_answers_its_country(
    tools: TravelTools,
) -> None:
    model = answering(destination_as_written="Croatia", destination_english="Croatia")
    read_trip = await trip(tools, "Two weeks in Croatia, Split and around", model)
    assert (read_trip.destination, read_trip.country_code) == ("Split", "HR")
    assert read_trip.readings["destination"] == "text"
    # A model's city in a country the words name stays the model's reading.
    model = answering(destination_as_written="Split", destination_english="Split")
    read_trip = await trip(tools, "Two weeks in Croatia and maybe Split", model)
    assert (read_trip.destination, read_trip.readings["destination"]) == ("Split", "model")


@pytest.mark.parametrize(
    ("request_text", "interests", "avoid"),
    [
        ("3 days in Venice, no museums please", [], ["museums"]),
        ("3 días en Madrid, sin museos, mucha comida", ["food"], ["museums"]),
        ("3 jours à Paris, pas trop de musées, gastronomie", ["food"], ["museums"]),
        ("3 Tage in Berlin, keine Museen, dafür gutes Essen", ["food"], ["museums"]),
        ("3 giorni a Roma, niente musei, cibo", ["food"], ["museums"]),
        # Portuguese "no" is "in the", not "no".
        ("3 dias no Porto, museus e praia", ["museums", "beaches"], []),
        # A negation in another clause says nothing of this wish.
        ("Lisbon 3 days, no crowds, good museums", ["museums"], []),
    ],
)
async def test_what_the_traveller_does_not_want_is_no_interest(
    tools: TravelTools, request_text: str, interests: list[str], avoid: list[str]
) -> None:
    read_trip = await trip(tools, request_text)
    assert (read_trip.interests, read_trip.avoid) == (interests, avoid)
