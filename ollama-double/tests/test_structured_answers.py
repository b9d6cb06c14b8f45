"""The scripted model's structured-output answers: read from the request a prompt quotes,
not from the instructions around it, with ``is_trip_request`` said from what it names."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from ollama_double import behaviours

pytestmark = pytest.mark.unit

SCHEMA = {
    "type": "object",
    "properties": {
        "is_trip_request": {"type": "boolean"},
        "destination": {"type": ["string", "null"]},
        "start_date": {"type": ["string", "null"]},
        "duration_days": {"type": ["integer", "null"]},
        "interests": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["is_trip_request", "destination", "start_date", "duration_days", "interests"],
    "additionalProperties": False,
}
# Instructions with a date and a capitalised word after "in", then the request.
PROMPT = (
    "You read travel requests. Today is 2027-03-10.\n"
    "- country: the destination's country in English.\n"
    "Use null for anything the request does not say.\n\n"
    "Request: {request}"
)


def answer(request: str) -> dict[str, Any]:
    messages = [{"role": "user", "content": PROMPT.format(request=request)}]
    reply = behaviours.scripted_reply("tools", messages, None, SCHEMA)
    value: dict[str, Any] = json.loads(reply.content)
    jsonschema.validate(value, SCHEMA)
    return value


@pytest.mark.parametrize(
    "request_text",
    ["plan me 3 days of food and museums next week", "4 days in Lisbon", "Rome in May"],
)
def test_a_trip_request_is_one(request_text: str) -> None:
    assert answer(request_text)["is_trip_request"] is True


@pytest.mark.parametrize("request_text", ["Tell me a joke", "hello, how are you?"])
def test_anything_else_is_not(request_text: str) -> None:
    assert answer(request_text)["is_trip_request"] is False


def test_the_instructions_are_not_read_as_the_request() -> None:
    value = answer("plan me 3 days of food and museums next week")
    assert value["destination"] is None  # not "English" (from "in English")
    assert value["start_date"] is None  # not the prompt's today
    assert (value["duration_days"], value["interests"]) == (3, ["food", "museums"])


def test_a_prompt_without_a_request_line_is_read_whole() -> None:
    messages = [{"role": "user", "content": "4 days in Lisbon from 2027-05-10"}]
    value = json.loads(behaviours.scripted_reply("tools", messages, None, SCHEMA).content)
    assert (value["destination"], value["start_date"]) == ("Lisbon", "2027-05-10")
    assert value["is_trip_request"] is True
