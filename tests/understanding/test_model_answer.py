"""The model's structured answer: salvaged from what small models really write, and checked
field by field (no server, no model)."""

from __future__ import annotations

from datetime import date

import pytest

from travel_planner.understanding.model import check_answer, salvage, understanding_schema

pytestmark = pytest.mark.unit
TODAY = date(2027, 3, 10)


@pytest.mark.parametrize(
    ("answer", "destination"),
    [
        ('{"destination_as_written": "Rome", "duration_days": 3', "Rome"),
        ('Sure! Here it is: {"destination_as_written": "Rome",} Enjoy', "Rome"),
        ('```json\n{"destination_as_written": "Rome"}\n```', "Rome"),
    ],
)
def test_partial_or_wrapped_json_is_salvaged(answer: str, destination: str) -> None:
    data = salvage(answer)
    assert data is not None and data["destination_as_written"] == destination


@pytest.mark.parametrize("answer", [None, "", "You want to visit a lovely city!", "[1, 2]"])
def test_prose_gives_nothing(answer: str | None) -> None:
    assert salvage(answer) is None


def test_each_field_is_checked_on_its_own() -> None:
    request = "Rome for a few days with friends, about 900 euros"
    reading = check_answer(
        {
            "is_trip_request": True,
            "language": "xx",
            "destination_as_written": "Rome",
            "start_date": "2020-01-01",
            "end_date": "2027-02-30",
            "duration_days": 400,
            "travellers": 3,
            "budget_amount": 900,
            "budget_currency": "EUR",
        },
        request,
        TODAY,
    )
    assert (reading.written, reading.travellers) == ("Rome", 3)
    assert (reading.budget_amount, reading.budget_currency) == (900, "EUR")
    assert reading.language is None and reading.start is None and reading.end is None
    assert reading.days is None
    assert reading.bad_dates == ["2020-01-01", "2027-02-30"]


def test_a_place_or_amount_not_in_the_request_is_dropped() -> None:
    reading = check_answer(
        {"destination_as_written": "Lisbon", "budget_amount": 5000, "budget_currency": "EUR"},
        "4 days in Xyzzyqwert, budget 300",
        TODAY,
    )
    assert reading.written is None and reading.budget_amount is None


def test_a_looping_answer_is_dropped() -> None:
    looping = "Tokyo_Japan_Japan_Japan_Japan_Japan"
    reading = check_answer({"destination_as_written": looping}, f"to {looping}", TODAY)
    assert reading.written is None


def test_the_schema_is_bounded() -> None:
    schema = understanding_schema()
    properties = schema["properties"]
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == set(properties)
    assert properties["interests"]["maxItems"] <= 8
    assert properties["destination_as_written"]["maxLength"] <= 100
    assert {"is_trip_request", "language"} <= set(properties)


def test_a_copied_template_gives_nothing() -> None:
    """Small models copy the schema's placeholders instead of filling them."""
    reading = check_answer(
        {
            "destination_as_written": "string",
            "country": "string",
            "start_date": "YYYY-MM-DD",
            "month": "integer",
            "travellers": "1-30",
            "budget_amount": "number",
            "budget_currency": "ISO",
        },
        "Rome for a few days, something romantic",
        TODAY,
    )
    assert reading.written is None and reading.start is None and reading.month is None
    assert reading.travellers is None and reading.budget_amount is None
    assert reading.bad_dates == ["YYYY-MM-DD"]


# What SmolLM2-135M (the tiny real model) answered for "unos días tranquilos en Sevilla en
# primavera para nuestra luna de miel, nada muy turístico": one day, from and to one date.
ONE_DAY = {"duration_days": 1, "start_date": "2027-04-01", "end_date": "2027-04-01"}


@pytest.mark.parametrize(
    "request_text",
    [
        "unos días tranquilos en Sevilla en primavera para nuestra luna de miel",
        "a few quiet days in Seville in spring",
        "quelques jours à Séville au printemps",
        "ein paar Tage in Sevilla im Frühling",
        "alcuni giorni a Siviglia in primavera",
        "qualche giorno a Siviglia in primavera",
        "alguns dias em Sevilha na primavera",
        "a couple of nights in Seville",
    ],
)
def test_one_day_is_no_reading_of_days_in_the_plural(request_text: str) -> None:
    reading = check_answer(ONE_DAY, request_text, TODAY)
    assert (reading.days, reading.start, reading.end) == (None, date(2027, 4, 1), None)


@pytest.mark.parametrize(
    "request_text",
    ["a day in Seville on 1 April", "un día en Sevilla el 1 de abril", "Sevilla el 1 de abril"],
)
def test_one_day_stands_where_the_request_speaks_of_one(request_text: str) -> None:
    reading = check_answer(ONE_DAY, request_text, TODAY)
    assert (reading.days, reading.start, reading.end) == (1, date(2027, 4, 1), date(2027, 4, 1))
