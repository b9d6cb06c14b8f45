"""Prompts: one system text and one shared context block per trip (prefix reuse), the role's
task last, facts as words rather than figures, compact for a 4096-token context."""

import re
from datetime import timedelta

import pytest

from tests.plan.samples import lisbon_facts, lisbon_normals_facts, lisbon_trip
from travel_planner import prompts
from travel_planner.plan import DayPlan
from travel_planner.result import PlanDraft
from travel_planner.trip import MAX_TRIP_DAYS, Refinement

pytestmark = pytest.mark.unit

# About four characters a token: 1,000 tokens leaves room for the answer in 4096.
MAX_PROMPT_CHARS = 4000


def draft(**changes: object) -> PlanDraft:
    days = {
        n: DayPlan(slots={"Morning": f"Morning text {n} at Alfama.", "Evening": f"Dinner {n}."})
        for n in (1, 2, 3)
    }
    base = PlanDraft(plan="", trip=lisbon_trip(), facts=lisbon_facts(), days=days)
    return base.model_copy(update=changes)


def all_prompts(trip=None, facts=None) -> list[prompts.ChatPrompt]:
    trip, facts = trip or lisbon_trip(), facts or lisbon_facts()
    weather = prompts.weather_prompt(trip, facts)
    assert weather is not None
    refine = prompts.refine_prompt(
        draft(trip=trip, facts=facts), Refinement(instruction="make day 2 more relaxed", days=[2])
    )
    return [
        prompts.research_prompt(trip, facts),
        weather,
        prompts.plan_prompt(trip, facts, "- Alfama: old lanes and fado.", "Mostly dry."),
        refine,
    ]


def test_every_prompt_of_a_trip_shares_system_text_and_context_prefix() -> None:
    found = all_prompts()
    context = prompts.shared_context(lisbon_trip(), lisbon_facts())
    assert len({p.system for p in found}) == 1
    for prompt in found:
        assert prompt.user.startswith(context + "\n")
    # The role's task comes after the shared part, so the tasks differ only at the end.
    tasks = [p.user[len(context) :] for p in found]
    assert len(set(tasks)) == len(tasks)


def test_a_planner_continuing_a_brief_conversation_is_given_only_what_is_new() -> None:
    trip, facts = lisbon_trip(), lisbon_facts()
    research, weather = "- Alfama: old lanes and fado.", "Mostly dry."
    conversation = prompts.research_prompt(trip, facts).answered(research)
    prompt = prompts.plan_prompt(trip, facts, research, weather, after=conversation)
    assert prompt.history == conversation
    # The trip, its facts and the researcher's answer are in the conversation already.
    assert prompt.user == "\n".join(
        ("Notes from the weather analyst:", weather, prompts.plan_task(trip))
    )


def test_the_agents_are_asked_to_write_in_the_travellers_language() -> None:
    trip = lisbon_trip(language="de")
    assert "Write in German (Deutsch)." in prompts.research_prompt(trip, lisbon_facts()).system
    assert "Write in English." in prompts.research_prompt(lisbon_trip(), lisbon_facts()).system


def test_weather_reaches_the_model_as_day_labels_without_figures() -> None:
    context = prompts.shared_context(lisbon_trip(), lisbon_facts())
    assert "Day 1, Wednesday: warm, dry." in context
    assert "Day 2, Thursday: mild, rain likely; public holiday: Portugal Day." in context
    assert "Daylight: long days." in context
    weather_part = context[context.index("Weather forecast") :]
    assert not re.search(r"\d+(\.\d+)?\s*(°|C\b|mm)", weather_part)
    for figure in ("24.6", "16.1", "6.2", "14.85"):
        assert figure not in context


def test_with_climate_normals_the_season_is_described_once_not_every_day() -> None:
    facts = lisbon_normals_facts()
    context = prompts.shared_context(lisbon_trip(), facts)
    assert "Usual weather in June (climate averages, not a forecast): warm, mostly dry." in context
    assert "Weather forecast" not in context
    assert not re.search(r"Day \d, \w+: .*(wet|dry|showers)", context)
    assert "not a forecast" in prompts.weather_task(lisbon_trip(), facts)


def test_the_briefs_have_separate_jobs() -> None:
    research = prompts.research_task(lisbon_trip())
    weather = prompts.weather_task(lisbon_trip(), lisbon_facts())
    assert "neighbourhoods" in research and "food, museums" in research
    assert "Do not describe the weather" in research
    assert "do not name places" in weather


def test_the_planner_lists_the_days_it_answers_to() -> None:
    text = prompts.plan_prompt(lisbon_trip(), lisbon_facts(), "", "").user
    assert "Day 1 (2027-06-09, Wednesday)" in text.splitlines()
    assert "Day 3 (2027-06-11, Friday)" in text.splitlines()
    assert "Notes from the researcher" not in text  # no empty sections


def test_prompts_are_small_even_for_the_longest_trip() -> None:
    trip = lisbon_trip()
    trip = trip.model_copy(update={"end_date": trip.start_date + timedelta(days=MAX_TRIP_DAYS - 1)})
    long_text = "word " * 1000
    days = {n: DayPlan(slots={"Morning": long_text[:290]}) for n in range(1, MAX_TRIP_DAYS + 1)}
    found = [
        prompts.research_prompt(trip, lisbon_facts()),
        prompts.plan_prompt(trip, lisbon_facts(), long_text, long_text),
        prompts.refine_prompt(
            PlanDraft(plan="", trip=trip, facts=lisbon_facts(), days=days),
            Refinement(instruction=long_text),
        ),
    ]
    for prompt in found:
        assert len(prompt.system) + len(prompt.user) < MAX_PROMPT_CHARS
    assert found[1].user.count("\nDay ") >= MAX_TRIP_DAYS


def test_prompts_carry_summaries_not_raw_json() -> None:
    for prompt in all_prompts():
        assert "{" not in prompt.user and '"source"' not in prompt.user


def test_a_change_to_day_n_asks_for_day_n_only() -> None:
    prompt = prompts.refine_prompt(draft(), Refinement(instruction="more relaxed", days=[2]))
    assert "Rewrite only day 2" in prompt.user
    assert "Day 2 (2027-06-10, Thursday)" in prompt.user
    assert "Day 1 (2027-06-09" not in prompt.user
    assert "The traveller asks: more relaxed" in prompt.user


def test_a_day_trip_takes_a_dry_inner_day_when_none_is_named() -> None:
    trip = lisbon_trip(days=5, budget=None)
    facts = lisbon_facts()  # day 2 is wet and a holiday; days 4-5 have no forecast
    target = prompts.refine_target(trip, facts, Refinement(instruction="x", day_trip="Sintra"))
    assert target.days == (3,) and target.day_trip_day == 3 and target.day_trip == "Sintra"
    named = prompts.refine_target(
        trip, facts, Refinement(instruction="x", day_trip="Sintra", days=[4])
    )
    assert named.days == (4,)
    task = prompts.refine_task(trip, target)
    assert "day 3 a day trip from Lisbon to Sintra" in task and "real place in Sintra" in task


def test_a_one_day_trip_can_still_have_its_day_trip() -> None:
    trip = lisbon_trip(days=1)
    target = prompts.refine_target(
        trip, lisbon_facts(), Refinement(instruction="x", day_trip="Sintra")
    )
    assert target.days == (1,)
