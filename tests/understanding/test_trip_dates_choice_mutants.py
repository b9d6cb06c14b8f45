"""The trip's dates as the traveller sees them: which reading wins (the text, the model, the
trip being changed, the defaults), each limit on its edge, and the notice or question that
says so, word for word, in the traveller's language."""

from __future__ import annotations

from datetime import date

import pytest

from travel_planner.i18n import Language
from travel_planner.trip import Clarification
from travel_planner.understanding.dates import DateReading
from travel_planner.understanding.model import ModelReading
from travel_planner.understanding.trip_dates import Earlier, TripDates, season_start, trip_dates

pytestmark = pytest.mark.unit

TODAY = date(2027, 3, 10)  # a Wednesday; two years ahead (730 days) is 9 March 2029
NO_MODEL = ModelReading()


def read(
    d: DateReading,
    model: ModelReading = NO_MODEL,
    *,
    latitude: float | None = None,
    base: Earlier | None = None,
    language: Language = "en",
) -> TripDates | Clarification:
    return trip_dates(
        d, model, TODAY, latitude=latitude, base=base, language=language, request="the request"
    )


def dates(result: TripDates | Clarification) -> TripDates:
    assert isinstance(result, TripDates), result
    return result


def question(result: TripDates | Clarification) -> str:
    assert isinstance(result, Clarification), result
    assert result.reason == "impossible_dates"
    assert result.request == "the request"
    return str(result.message)


def notices(result: TripDates) -> list[tuple[str, str]]:
    return [(n.code, n.text) for n in result.notices]


DEFAULT_LENGTH = ("default_length", "No trip length given: planned 3 days.")


def test_a_long_weekend_is_friday_to_sunday() -> None:
    got = dates(read(DateReading(weekend="long", phrase="long weekend")))
    assert (got.start, got.end) == (date(2027, 3, 12), date(2027, 3, 14))
    assert notices(got) == [
        (
            "weekend",
            '"long weekend" read as Friday, March 12, 2027 to Sunday, March 14, 2027.',
        )
    ]
    assert got.readings == {"start_date": "text", "end_date": "text"}


def test_a_weekend_in_a_month_is_that_month_s_first_saturday_and_sunday() -> None:
    got = dates(read(DateReading(weekend="weekend", month=5, phrase="a weekend in May")))
    assert (got.start, got.end) == (date(2027, 5, 1), date(2027, 5, 2))
    assert notices(got) == [
        ("weekend", '"a weekend in May" read as Saturday, May 1, 2027 to Sunday, May 2, 2027.')
    ]


def test_a_weekend_in_a_month_already_past_is_next_year_s() -> None:
    got = dates(read(DateReading(weekend="weekend", month=2, phrase="a weekend in February")))
    assert (got.start, got.end) == (date(2028, 2, 5), date(2028, 2, 6))


def test_a_weekend_in_next_march_said_in_march_is_next_year_s() -> None:
    got = dates(read(DateReading(weekend="weekend", month=3, month_next=True, phrase="x")))
    assert (got.start, got.end) == (date(2028, 3, 4), date(2028, 3, 5))


def test_a_weekend_in_a_month_of_a_written_year() -> None:
    got = dates(read(DateReading(weekend="long", month=5, year=2028, phrase="x")))
    assert (got.start, got.end) == (date(2028, 5, 5), date(2028, 5, 7))


def test_a_season_at_a_southern_destination_in_french() -> None:
    got = dates(read(DateReading(season="summer"), latitude=-33.9, language="fr"))
    assert (got.start, got.end) == (date(2027, 12, 1), date(2027, 12, 3))
    assert notices(got) == [
        (
            "season_start",
            "Pas de dates précises\u202f: «\u202fsummer\u202f» compris comme la saison de "
            "décembre à février à destination\u202f; le voyage commence le mercredi 1 décembre "
            "2027.",
        ),
        ("default_length", "Aucune durée indiquée\u202f: 3 jours planifiés."),
    ]
    assert got.readings == {"start_date": "text", "end_date": "default"}


def test_a_season_on_the_equator_is_the_northern_one() -> None:
    got = dates(read(DateReading(season="summer", phrase="in summer"), latitude=0.0))
    assert got.start == date(2027, 6, 1)
    assert notices(got)[0] == (
        "season_start",
        'No exact dates given: "in summer" read as the season from June to August at your '
        "destination; the trip starts on Tuesday, June 1, 2027.",
    )


def test_a_season_in_spanish_names_the_phrase_written() -> None:
    got = dates(read(DateReading(season="winter", phrase="next winter"), language="es"))
    assert got.start == date(2027, 12, 1)
    assert notices(got) == [
        (
            "season_start",
            'Sin fechas exactas: "next winter" entendido como la estación de diciembre a febrero '
            "en tu destino; el viaje empieza el miércoles, 1 de diciembre de 2027.",
        ),
        ("default_length", "Sin duración: planificados 3 días."),
    ]


def test_a_month_from_the_model_in_german() -> None:
    got = dates(read(DateReading(), ModelReading(month=6), language="de"))
    assert (got.start, got.end) == (date(2027, 6, 1), date(2027, 6, 3))
    assert notices(got) == [
        (
            "month_start",
            "Keine genauen Daten: Die Reise beginnt am Dienstag, 1. Juni 2027, dem ersten "
            "möglichen Tag im Juni.",
        ),
        ("default_length", "Keine Reisedauer angegeben: 3 Tage geplant."),
    ]
    assert got.readings == {"start_date": "model", "end_date": "default"}


def test_the_current_month_from_the_model_starts_tomorrow() -> None:
    got = dates(read(DateReading(), ModelReading(month=3)))
    assert got.start == date(2027, 3, 11)


def test_a_month_from_the_text() -> None:
    got = dates(read(DateReading(month=7, days=4)))
    assert (got.start, got.end) == (date(2027, 7, 1), date(2027, 7, 4))
    assert notices(got) == [
        (
            "month_start",
            "No exact dates given: the trip starts on Thursday, July 1, 2027, the first day "
            "that fits in July.",
        )
    ]
    assert got.readings == {"start_date": "text", "end_date": "text"}


def test_the_model_s_start_and_end() -> None:
    got = dates(read(DateReading(), ModelReading(start=date(2027, 4, 2), end=date(2027, 4, 5))))
    assert (got.start, got.end) == (date(2027, 4, 2), date(2027, 4, 5))
    assert got.notices == []
    assert got.readings == {"start_date": "model", "end_date": "model"}


def test_the_model_s_end_is_not_used_with_another_start() -> None:
    model = ModelReading(start=date(2027, 4, 2), end=date(2027, 4, 5), days=2)
    got = dates(read(DateReading(start=date(2027, 4, 1)), model))
    assert (got.start, got.end) == (date(2027, 4, 1), date(2027, 4, 2))
    assert got.readings == {"start_date": "text", "end_date": "model"}


def test_the_model_s_length_without_an_end() -> None:
    model = ModelReading(start=date(2027, 4, 2), days=6)
    got = dates(read(DateReading(start=date(2027, 4, 2)), model))
    assert (got.start, got.end) == (date(2027, 4, 2), date(2027, 4, 7))
    assert got.readings == {"start_date": "text", "end_date": "model"}


def test_the_trip_being_changed_keeps_its_dates_and_their_sources() -> None:
    base = Earlier(start=date(2027, 4, 1), days=5, start_source="model", days_source="default")
    got = dates(read(DateReading(), base=base))
    assert (got.start, got.end) == (date(2027, 4, 1), date(2027, 4, 5))
    assert got.notices == []
    assert got.readings == {"start_date": "model", "end_date": "default"}


def test_defaults_in_italian() -> None:
    got = dates(read(DateReading(), language="it"))
    assert (got.start, got.end) == (date(2027, 3, 24), date(2027, 3, 26))
    assert notices(got) == [
        (
            "default_dates",
            "Nessuna data indicata: pianificato dal mercoledì 24 marzo 2027, tra due "
            "settimane. Aggiungi le date per pianificare un'altra settimana.",
        ),
        ("default_length", "Nessuna durata indicata: pianificati 3 giorni."),
    ]
    assert got.readings == {"start_date": "default", "end_date": "default"}


def test_defaults_in_english() -> None:
    got = dates(read(DateReading()))
    assert notices(got) == [
        (
            "default_dates",
            "No dates given: planned from Wednesday, March 24, 2027, two weeks from today. "
            "Add dates to plan another week.",
        ),
        DEFAULT_LENGTH,
    ]


def test_a_relative_date_says_how_it_was_read_in_portuguese() -> None:
    got = dates(read(DateReading(start=date(2027, 3, 11), phrase="tomorrow"), language="pt"))
    assert notices(got) == [
        ("relative_date", '"tomorrow" entendido como quinta-feira, 11 de março de 2027.'),
        ("default_length", "Sem duração: planeados 3 dias."),
    ]


def test_a_date_that_does_not_exist() -> None:
    assert question(read(DateReading(impossible="2027-02-30"))) == (
        '"2027-02-30" is not a date that exists. Give the dates again, for example Friday, '
        "April 9, 2027."
    )


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (
            date(2027, 3, 9),
            "The trip would start on Tuesday, March 9, 2027, which is in the past. Give a start "
            "date from today on.",
        ),
        (
            date(2029, 3, 10),
            "The trip would start on Saturday, March 10, 2029, too far ahead. Give dates within "
            "the next two years.",
        ),
    ],
)
def test_a_start_out_of_range(start: date, message: str) -> None:
    assert question(read(DateReading(start=start, days=2))) == message


@pytest.mark.parametrize("start", [TODAY, date(2029, 3, 9)])
def test_a_start_today_or_two_years_ahead_is_planned(start: date) -> None:
    assert dates(read(DateReading(start=start, days=2))).start == start


def test_the_longest_trip_by_length() -> None:
    got = dates(read(DateReading(start=date(2027, 3, 10), days=21)))
    assert got.end == date(2027, 3, 30)
    too_long = question(read(DateReading(start=date(2027, 3, 10), days=22)))
    assert too_long == (
        "The trip would last 22 days; a plan covers at most 21 days. Ask for a shorter trip, "
        "or plan it in parts."
    )


def test_the_longest_trip_by_dates() -> None:
    got = dates(read(DateReading(start=date(2027, 3, 11), end=date(2027, 3, 31))))
    assert got.end == date(2027, 3, 31)
    too_long = question(read(DateReading(start=date(2027, 3, 11), end=date(2027, 4, 1))))
    assert too_long.startswith("The trip would last 22 days; a plan covers at most 21 days.")


def test_a_one_day_trip_and_an_end_before_the_start() -> None:
    got = dates(read(DateReading(start=date(2027, 3, 11), end=date(2027, 3, 11))))
    assert (got.start, got.end) == (date(2027, 3, 11), date(2027, 3, 11))
    assert question(read(DateReading(start=date(2027, 3, 12), end=date(2027, 3, 11)))) == (
        "The trip would end on Thursday, March 11, 2027, before it starts on Friday, March 12, "
        "2027. Check the dates."
    )


@pytest.mark.parametrize(
    ("reading", "start"),
    [
        (DateReading(month=5, year=2028, days=2), date(2028, 5, 1)),
        (DateReading(month=3, month_next=True, days=2), date(2028, 3, 1)),  # "next March"
        (DateReading(season="summer", year=2028, days=2), date(2028, 6, 1)),
        (DateReading(season="spring", days=2), date(2027, 3, 11)),  # under way: tomorrow
        (DateReading(season="spring", season_next=True, days=2), date(2028, 3, 1)),
    ],
)
def test_the_year_and_next_of_a_month_or_season_are_kept(reading: DateReading, start: date) -> None:
    assert dates(read(reading)).start == start


@pytest.mark.parametrize(
    ("season", "first", "last"),
    [("winter", "June", "August"), ("autumn", "March", "May"), ("spring", "September", "November")],
)
def test_a_southern_season_names_its_months(season: str, first: str, last: str) -> None:
    got = dates(read(DateReading(season=season, phrase=season, days=2), latitude=-34.6))
    code, text = notices(got)[0]
    assert code == "season_start"
    assert f"read as the season from {first} to {last} at your destination" in text


@pytest.mark.parametrize(
    ("season", "today", "force_next", "start"),
    [
        ("winter", date(2027, 2, 20), False, date(2027, 2, 21)),  # the last month of winter
        ("summer", date(2027, 6, 1), True, date(2028, 6, 1)),  # "next summer" on its first day
        ("summer", date(2027, 6, 1), False, date(2027, 6, 2)),
    ],
)
def test_a_season_on_its_first_and_last_month(
    season: str, today: date, force_next: bool, start: date
) -> None:
    got = season_start(season, today, southern=False, force_next=force_next, year=None)
    assert got == start
