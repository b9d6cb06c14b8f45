"""The Ollama-API double's scripted briefs pass the product's prose checks whole, for every
trip of the corpus (five languages, climate normals) and for a forecast with wet days: the
double stands in for a capable model, so the plans it writes show both briefs."""

import pytest

from ollama_double.behaviours import scripted_reply
from tests.plan.samples import lisbon_facts, lisbon_trip
from tests.plan.test_prose import corpus, trip_and_facts
from travel_planner import prompts, prose
from travel_planner.facts import Facts
from travel_planner.prose.text import sentence_key, sentences
from travel_planner.trip import Trip

pytestmark = pytest.mark.unit


def trips() -> list[tuple[str, Trip, Facts]]:
    cases = [(key, *trip_and_facts(key)) for key in corpus()["trips"]]
    return [*cases, ("lisbon-forecast", lisbon_trip(), lisbon_facts())]


def answer(prompt: prompts.ChatPrompt) -> str:
    messages = [
        {"role": "system", "content": prompt.system},
        {"role": "user", "content": prompt.user},
    ]
    return str(scripted_reply("tools", messages, None, None).content)


@pytest.mark.parametrize(("key", "trip", "facts"), trips(), ids=[c[0] for c in trips()])
def test_the_scripted_briefs_pass_every_check(key: str, trip: Trip, facts: Facts) -> None:
    research = answer(prompts.research_prompt(trip, facts))
    checked = prose.check_brief(research, trip, facts, "research")
    assert checked.rejected == [] and checked.text == research.strip()
    assert len(checked.text.splitlines()) >= 3

    weather_prompt = prompts.weather_prompt(trip, facts)
    assert weather_prompt is not None
    weather = answer(weather_prompt)
    said = {sentence_key(s) for line in research.splitlines() for s in sentences(line)}
    checked = prose.check_brief(weather, trip, facts, "weather", seen=said)
    assert checked.rejected == [] and checked.text == weather.strip()
