"""Prompts stay small (small context windows) and carry the day lines the planner answers to."""

from datetime import date, timedelta

import pytest

from tests.orchestrator.sample_facts import lisbon_facts, lisbon_trip
from travel_planner import prompts
from travel_planner.trip import MAX_TRIP_DAYS

pytestmark = pytest.mark.unit

# About four characters a token: 1,000 tokens leaves room for instructions and the answer
# inside a 4096-token context.
MAX_PROMPT_CHARS = 4000


def long_trip():
    trip = lisbon_trip()
    return trip.model_copy(update={"end_date": trip.start_date + timedelta(days=MAX_TRIP_DAYS - 1)})


def test_planner_prompt_lists_every_day_in_the_contract_format() -> None:
    text = prompts.planner_prompt(lisbon_trip(), lisbon_facts(), "- brief", "dry")
    lines = text.splitlines()
    assert "Day 1 (2027-06-09, Wednesday)" in lines
    holiday = "public holiday: Portugal Day (some places closed)"
    assert f"Day 2 (2027-06-10, Thursday): {holiday}" in lines
    assert "Day 3 (2027-06-11, Friday)" in lines


def test_day_lines_carry_no_weather_but_wet_days_are_named_once() -> None:
    text = prompts.planner_prompt(lisbon_trip(), lisbon_facts(), "", "")
    day_lines = [line for line in text.splitlines() if line.startswith("Day ")]
    assert not any(word in line for line in day_lines for word in ("dry", "wet", "warm"))
    assert "Wet or showery days: 2." in text


def test_prompts_are_small_even_for_the_longest_trip() -> None:
    trip, facts = long_trip(), lisbon_facts()
    long_brief = "word " * 1000
    sizes = {
        "planner": prompts.planner_prompt(trip, facts, long_brief, long_brief),
        "refine": prompts.refine_prompt(trip, facts, long_brief, long_brief),
        "researcher": prompts.researcher_prompt(trip, facts),
        "weather": prompts.weather_prompt(trip, facts),
        "understand": prompts.understand_instructions(date(2026, 11, 29)),
    }
    for name, text in sizes.items():
        assert len(text) < MAX_PROMPT_CHARS, name
    assert sum(line.startswith("Day ") for line in sizes["planner"].splitlines()) == MAX_TRIP_DAYS


def test_prompts_carry_summaries_not_raw_json() -> None:
    facts = lisbon_facts()
    for text in (
        prompts.researcher_prompt(lisbon_trip(), facts),
        prompts.weather_prompt(lisbon_trip(), facts),
        prompts.planner_prompt(lisbon_trip(), facts, "", ""),
    ):
        assert "{" not in text and '"source"' not in text


def test_weather_prompt_has_one_line_per_day() -> None:
    text = prompts.weather_prompt(lisbon_trip(), lisbon_facts())
    assert "2027-06-10 Thu: 15.5-21.3 C, rain 4.2 mm" in text
