"""What the model is asked (the schema and prompt of the open questions), what is salvaged
from its answer, and which of its words and figures count as written in the request: names
with other spacing, amounts written with thousands separators or "k", wishes at their limits
of length and words. The debug log says why a field was dropped."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date
from typing import Any

import pytest

from travel_planner.understanding.model import (
    check_answer,
    model_prompt,
    salvage,
    understanding_schema,
)

pytestmark = pytest.mark.unit

TODAY = date(2027, 3, 10)


def test_the_schema_and_prompt_ask_only_the_open_questions() -> None:
    assert understanding_schema(["place", "budget", "trip"]) == {
        "type": "object",
        "properties": {
            "is_trip_request": {"type": "boolean"},
            "destination_as_written": {"type": ["string", "null"], "maxLength": 80},
            "country": {"type": ["string", "null"], "maxLength": 60},
            "budget_amount": {"type": ["number", "null"], "minimum": 0},
            "budget_currency": {"type": ["string", "null"], "maxLength": 3},
        },
        "required": [
            "is_trip_request",
            "destination_as_written",
            "country",
            "budget_amount",
            "budget_currency",
        ],
        "additionalProperties": False,
    }
    assert model_prompt("Rome in May", TODAY, ["climate", "trip"]) == (
        "You read travel requests. Today is 2027-03-10.\n"
        "Answer with one JSON object that follows the schema, nothing else.\n"
        "- is_trip_request: true only if the person asks to plan a trip or visit somewhere.\n"
        '- climate_wish: "warm" or "cool" when the request wishes for that weather.\n'
        "Use null for anything the request does not say. Never invent a place.\n\n"
        "Request: Rome in May"
    )
    # No list: every question.
    assert list(understanding_schema()["properties"]) == [
        "is_trip_request",
        "language",
        "destination_as_written",
        "country",
        "start_date",
        "end_date",
        "month",
        "duration_days",
        "travellers",
        "interests",
        "budget_amount",
        "budget_currency",
        "climate_wish",
    ]
    assert model_prompt("Rome", TODAY).count("\n- ") == 8


@pytest.mark.parametrize(
    ("answer", "data"),
    [
        ('Here: {"a": {"b": 2}} done', {"a": {"b": 2}}),
        ('Sure: {"a": [1, 2', {"a": [1, 2]}),
        ("{}", None),
        ("x{ ", None),
        ('{"a": 1} and {"b": 2}', None),
    ],
)
def test_what_is_salvaged_from_an_answer(answer: str, data: dict[str, Any] | None) -> None:
    assert salvage(answer) == data


EIGHTY = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz01"


@pytest.mark.parametrize(
    ("request_text", "field", "answered", "kept"),
    [
        # Names: as written, whatever the spacing; fillers and runaway text are no names.
        ("Buenos  Aires in May", "written", "Buenos Aires", "Buenos Aires"),
        ("Buenos Aires in May", "written", "Buenos   Aires", "Buenos   Aires"),
        (f"to {EIGHTY}", "written", EIGHTY, EIGHTY),
        (f"to {EIGHTY}x", "written", f"{EIGHTY}x", None),
        ("null, None, n/a", "written", "None ", None),
        ("null, None, n/a", "written", "n/a", None),
        ("Null town", "written", "null", None),
        ("UNKNOWN", "written", "UNKNOWN", None),
        ("String", "written", "String", None),
        # Amounts: the digits must be in the request.
        ("Rome, 2k budget", "budget_amount", 2000, 2000.0),
        ("Rome, 2 K budget", "budget_amount", 2000, 2000.0),
        ("Rome, 3k budget", "budget_amount", 2000, None),
        ("Rome 1.500 EUR", "budget_amount", 1500, 1500.0),
        ("Rome 12.5 EUR", "budget_amount", 12.5, 12.5),
        ("Rome 12 EUR", "budget_amount", 12.5, None),
        ("Rome for 0 EUR", "budget_amount", 0, None),
        # Wishes: at most 30 letters and four words, all of them the request's.
        ("modern architecture and design", "interests", "modern architecture and design", 1),
        ("contemporary architecture tours", "interests", "contemporary architecture tours", 0),
        ("tapas y vino", "interests", "tapas y vino", 1),
    ],
)
def test_what_counts_as_written_in_the_request(
    request_text: str, field: str, answered: Any, kept: Any
) -> None:
    key = {"written": "destination_as_written", "interests": "interests"}.get(field, field)
    value = [answered] if field == "interests" else answered
    got = asdict(check_answer({key: value, "budget_currency": "EUR"}, request_text, TODAY))
    if field == "interests":
        assert got["interests"] == [answered.lower()] * kept
    else:
        assert got[field] == kept


@pytest.mark.parametrize(
    ("request_text", "answer", "logged", "with_error"),
    [
        (
            "Lisboa in May",
            '{"destination_as_written": "Porto"}',
            "model destination 'Porto' is not in the request",
            False,
        ),
        (
            "Lisboa, 4 days",
            '{"start_date": "2027-05-03", "month": 6}',
            "model month 6 contradicts its start 2027-05-03",
            False,
        ),
        # Nesting deeper than the repair can follow.
        ("Rome", "{" + "[" * 1000, "unrepairable model answer", True),
        (
            "Rome, 4 days",
            '{"start_date": "2027-03-10"}',
            "model start_date 2027-03-10 is the prompt's today, not the request's",
            False,
        ),
    ],
)
def test_the_debug_log_says_why(
    caplog: pytest.LogCaptureFixture,
    request_text: str,
    answer: str,
    logged: str,
    with_error: bool,
) -> None:
    caplog.set_level(logging.DEBUG, logger="travel_planner.understanding.model")
    data = salvage(answer)
    if data is not None:
        check_answer(data, request_text, TODAY)
    assert [(r.getMessage(), r.exc_info is not None) for r in caplog.records] == [
        (logged, with_error)
    ]
