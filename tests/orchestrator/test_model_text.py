"""Tool calls written as JSON text are recognised and kept out of the plan."""

import json

import pytest

from travel_planner.model_text import clean_prose, find_text_tool_call, is_junk_line

pytestmark = pytest.mark.unit


CALL = {"name": "travel_distance", "arguments": {"from_place": "Lisbon", "to_place": "Sintra"}}
ARGS = json.dumps(CALL["arguments"])


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(CALL),
        f'```json\n{{"name": "travel_distance", "parameters": {ARGS}}}\n```',
        f"<tool_call>{json.dumps({'name': 'travel_distance', 'arguments': ARGS})}</tool_call>",
        json.dumps([{"function": CALL}]),
        "I will check. " + json.dumps({"tool_calls": [CALL]}),
    ],
)
def test_text_tool_calls_are_detected(text: str) -> None:
    call = find_text_tool_call(text)
    assert call == CALL


@pytest.mark.parametrize(
    "text",
    ["- Stay in Alfama; eat at a tasca.", '{"weather": "sunny"}', "Day 1 {fun} things", ""],
)
def test_prose_and_plain_json_are_not_tool_calls(text: str) -> None:
    assert find_text_tool_call(text) is None


def test_junk_lines() -> None:
    assert is_junk_line('{"name": "x"}')
    assert is_junk_line("```json")
    assert is_junk_line('  "arguments": {"a": 1}')
    assert not is_junk_line("- Morning: Castle of São Jorge.")


def test_clean_prose_drops_json_and_caps_length() -> None:
    text = (
        'Intro line\n```json\n{"a": 1}\n```\n- Point one\n{"name": "x", "arguments": {}}\n'
        + "word " * 400
    )
    cleaned = clean_prose(text, 200)
    assert "Intro line" in cleaned and "- Point one" in cleaned
    assert "{" not in cleaned
    assert len(cleaned) <= 202


def test_model_stated_figures_are_removed_from_prose() -> None:
    text = (
        "- Stay near Sol.\n"
        "- Expect 25°C and sun on 2027-05-01.\n"
        "- Entry is €15. The Prado is free in the evening.\n"
        "Bonus tip: 1200 EUR\nBonus tip: 1200 EUR\n"
        "Trip: 3 days in Madrid\n"
        "interests: art; interests: art; interests: art; interests: art"
    )
    cleaned = clean_prose(text)
    assert cleaned.splitlines() == ["- Stay near Sol.", "The Prado is free in the evening."]
