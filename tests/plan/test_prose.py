"""The prose checks, on real bad answers (the corpus) and on the failures users reported."""

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.plan.samples import lisbon_facts, lisbon_trip
from travel_planner import prose
from travel_planner.errors import UnusableModelOutputError
from travel_planner.facts import Facts
from travel_planner.plan import PlanWriter
from travel_planner.prose.text import find_text_tool_call
from travel_planner.trip import Trip

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).parent / "corpus" / "answers.json"


@cache
def corpus() -> dict[str, Any]:
    return dict(json.loads(CORPUS.read_text(encoding="utf-8")))


def trip_and_facts(key: str) -> tuple[Trip, Facts]:
    entry = corpus()["trips"][key]
    return Trip.model_validate(entry["trip"]), Facts.model_validate(entry["facts"])


ANSWERS = corpus()["answers"]


@pytest.mark.parametrize("answer", ANSWERS, ids=[a["id"] for a in ANSWERS])
def test_real_bad_answers_are_caught(answer: dict[str, Any]) -> None:
    trip, facts = trip_and_facts(answer["trip"])
    expect = answer["expect"]
    if answer["role"] == "planner":
        writer = PlanWriter(trip, facts)
        printed = writer.feed(answer["text"]).plan
        if expect["model_days"]:
            writer.gate("smollm2", "http://ollama:11434", answer["text"])
        else:
            assert printed == ""
            with pytest.raises(UnusableModelOutputError):
                writer.gate("smollm2", "http://ollama:11434", answer["text"])
        assert writer.model_days == expect["model_days"]
        assert set(expect["checks"]) <= set(writer.report()["rejected"])
    else:
        checked = prose.check_brief(answer["text"], trip, facts, answer["role"])
        assert checked.text == expect["printed"]
        assert set(expect["checks"]) <= set(checked.rejected)


@pytest.mark.parametrize("answer", ANSWERS, ids=[a["id"] for a in ANSWERS])
def test_what_survives_a_bad_answer_passes_the_audit(answer: dict[str, Any]) -> None:
    trip, facts = trip_and_facts(answer["trip"])
    if answer["role"] == "planner":
        return
    checked = prose.check_brief(answer["text"], trip, facts, answer["role"])
    audit = prose.audit(trip, facts, [checked.text])
    assert audit["echoed_lines"] == audit["repeated_sentences"] == 0
    assert audit["unmatched_figures"] == audit["placeholders"] == 0


def test_the_corpus_has_real_answers_of_every_role() -> None:
    real = [a for a in ANSWERS if a["id"].startswith("tiny-")]
    assert {a["role"] for a in real} == {"research", "weather", "planner"}
    assert {a["trip"] for a in real} >= {"lisbon-4", "paris-3"}


def reference() -> prose.Reference:
    return prose.Reference(lisbon_trip(), lisbon_facts())


@pytest.mark.parametrize(
    ("sentence", "check"),
    [
        ("<what to see>", "placeholder"),
        ("Visit [museum name] in the morning.", "placeholder"),
        ("Dinner at TBD restaurant near the river.", "placeholder"),
        ("Morning: St.", "fragment"),
        ("202", "fragment"),
        ("Trip details:", "fragment"),
        ("Write the brief.", "fragment"),
        ("Country: Portugal; languages: Portuguese, Mirandese.", "echo"),
        ("Here is the brief you asked for, in bullet points.", "echo"),
        ("Trip to Lisbon, Portugal: 3 days, Wednesday 9 June 2027 to Friday 11 June 2027", "echo"),
        ("Day 2, Thursday: mild, rain likely; public holiday: Portugal Day.", "echo"),
        ("This 1-day itinerary covers the best of Lisbon.", "figure"),
        ("A perfect 2-week itinerary for food lovers in Lisbon.", "figure"),
        ("Expect 30°C and sunshine at the Praça do Comércio.", "figure"),
        ("The castle was built in 1147 by the Moors.", "figure"),
        ("The Gulbenkian opens at 10am and costs €15.", "figure"),
        ("Spend 3 hours in the Gulbenkian Museum garden.", "figure"),
        ("Fünf Tage voller Kunst im Museu Gulbenkian.", "figure"),
        ("Un itinéraire de deux semaines à Lisbonne et Sintra.", "figure"),
        ("Visita el Castillo de San Jorge el 20 de junio.", "figure"),
        ("Un week-end parfait à Lisbonne avec les amis.", "figure"),
        (", and ".join(["They go to the beach"] * 4) + ".", "repeat"),
    ],
)  # fmt: skip
def test_each_check_rejects_what_it_is_for(sentence: str, check: str) -> None:
    assert prose.judge(sentence, reference(), set()) == check


@pytest.mark.parametrize(
    "sentence",
    [
        "Ride Tram 28 up to the Castelo de São Jorge.",
        "A 3-day itinerary through Alfama, Baixa and Belém.",
        "Three days are enough for Alfama, Baixa and Belém.",
        "Visita el Castillo de San Jorge el 10 de junio, día festivo.",
        "Am Tag 2 lohnt sich das Museu Nacional do Azulejo bei Regen.",
        "Le jour 3, promenade jusqu'à la Tour de Belém.",
        "Il giorno 2 è festivo: molti negozi di Lisbona chiudono.",
        "No dia 1, almoço no Time Out Market e tarde na Gulbenkian.",
        "Bring an umbrella for the wet Thursday in 2027.",
    ],
)
def test_figures_the_facts_back_and_names_with_numbers_pass(sentence: str) -> None:
    assert prose.judge(sentence, reference(), set()) is None


def test_a_sentence_said_before_in_the_plan_is_a_repeat() -> None:
    seen: set[str] = set()
    first = prose.check_text("Stroll through Alfama at dusk.", reference(), seen, 900)
    again = prose.check_text("- Stroll through  ALFAMA at dusk!", reference(), seen, 900)
    assert first.text and not again.text and again.rejected == ["repeat"]


def test_slots_must_name_a_place() -> None:
    seen: set[str] = set()
    assert prose.check_slot("Explore the city at your own pace.", reference(), seen).rejected == [
        "generic"
    ]
    assert prose.check_slot(
        "Explore Lisbon at your own pace today.", reference(), seen
    ).rejected == ["generic"]
    kept = prose.check_slot("Coffee at the Café A Brasileira in Chiado.", reference(), seen)
    assert kept.text == "Coffee at the Café A Brasileira in Chiado."


def test_the_destination_as_the_traveller_wrote_it_is_no_specific_place() -> None:
    written = prose.Reference(lisbon_trip(destination_written="Lisboa"), lisbon_facts())
    assert prose.check_slot("Explore Lisboa at your own pace today.", written, set()).rejected == [
        "generic"
    ]


def test_a_slot_keeps_its_good_sentence_and_drops_the_invented_figure() -> None:
    text = "Dinner at 9pm, about €40. Try the tapas bars of the Bairro Alto."
    checked = prose.check_slot(text, reference(), set())
    assert checked.text == "Try the tapas bars of the Bairro Alto."
    assert checked.rejected == ["figure"]


def test_briefs_are_capped_at_whole_lines() -> None:
    names = [f"{chr(65 + n % 26)}{chr(97 + n // 26)}lto" for n in range(40)]
    lines = [f"- The Miradouro {name} in Graça has views." for name in names]
    checked = prose.check_brief("\n".join(lines), lisbon_trip(), lisbon_facts(), "research")
    assert len(checked.text) <= prose.BRIEF_CHARS["research"]
    assert checked.text.endswith("has views.")


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "travel_distance", "arguments": {"from_place": "Lisbon", "to_place": "Sintra"}}',
        '```json\n{"name": "weather", "parameters": {"place": "Lisbon"}}\n```',
        '<tool_call>{"name": "weather", "arguments": "{\\"place\\": \\"Lisbon\\"}"}</tool_call>',
        'I will check. {"tool_calls": [{"function": {"name": "weather", "arguments": {}}}]}',
    ],
)
def test_tool_calls_written_as_text_are_never_prose(text: str) -> None:
    assert find_text_tool_call(text) is not None
    assert prose.check_brief(text, lisbon_trip(), lisbon_facts(), "research") == prose.Checked(
        "", ["tool_call"]
    )


def test_audit_counts_what_a_printed_plan_should_never_show() -> None:
    pieces = [
        "Lisbon is lovely. Lisbon is lovely.",
        "This 1-day itinerary is great for museums.",
        "Trip to Lisbon, Portugal: 3 days, Wednesday 9 June 2027 to Friday 11 June 2027",
    ]
    audit = prose.audit(lisbon_trip(), lisbon_facts(), pieces, "- **Morning:** <what to see>")
    assert audit["repeated_sentences"] == 1
    assert audit["unmatched_figures"] == 1
    assert audit["echoed_lines"] == 1
    assert audit["placeholders"] == 1


def test_the_weather_brief_keeps_only_lines_about_the_weather() -> None:
    text = (
        "Book popular places ahead and leave room for a long lunch.\n"
        "Thursday looks wet: keep it for the museums and pack a rain jacket.\n"
        "Llevad un paraguas para el jueves."
    )
    checked = prose.check_brief(text, lisbon_trip(), lisbon_facts(), "weather")
    assert checked.text.splitlines() == [
        "Thursday looks wet: keep it for the museums and pack a rain jacket.",
        "Llevad un paraguas para el jueves.",
    ]
    assert checked.rejected == ["generic"]


def test_an_answer_cut_off_by_the_token_limit_loses_only_its_unfinished_sentence() -> None:
    cut = "- Stay in Alfama for its fado houses.\nThe Gulbenkian garden is calm. Then walk to the"
    checked = prose.check_brief(cut, lisbon_trip(), lisbon_facts(), "research")
    assert checked.text == "- Stay in Alfama for its fado houses.\nThe Gulbenkian garden is calm."
    bullets = "- Stay in Alfama for its fado houses\n- Eat pastéis de nata in Belém"
    assert prose.check_brief(bullets, lisbon_trip(), lisbon_facts(), "research").text == bullets
