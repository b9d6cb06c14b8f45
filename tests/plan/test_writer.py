"""PlanWriter: streamed model text in, checked plan out; nothing printed until the model has
planned a day; refinements touch only the days they name."""

import pytest

from tests.plan.samples import lisbon_facts, lisbon_trip
from travel_planner.errors import UnusableModelOutputError
from travel_planner.plan import DayPlan, PlanWriter
from travel_planner.trip import Notice, Refinement

pytestmark = pytest.mark.unit

GOOD = """Sure! Here is your plan.
### Day 1
- Morning: Ride Tram 28 up to Alfama and the Castelo de São Jorge.
- Afternoon: Lunch at the Time Out Market, then the Gulbenkian Museum.
- Evening: Fado dinner at a tasca in the Mouraria quarter.

### Day 2
- **Morning**: Spend the rainy morning in the Museu Nacional do Azulejo.
{"name": "weather", "arguments": {"place": "Lisbon"}}
- Afternoon: Browse the shops and studios of the LX Factory.
- Evening: Dinner and a drink in the Bairro Alto.

### Day 3
- Morning: Walk along the river to the Torre de Belém and try pastéis de Belém.
- Afternoon: See the riverside galleries of the MAAT.
- Evening: Watch the sunset from the Miradouro da Senhora do Monte.
"""
TEMPLATE_COPY = (
    "### Day 1\n- Morning: <what to see>\n- Afternoon: <what to do>\n- Evening: <where to eat>\n"
)


def write(text: str, chunk: int = 7, **kwargs: object) -> tuple[PlanWriter, list[str], str]:
    writer = PlanWriter(lisbon_trip(), lisbon_facts(), **kwargs)  # type: ignore[arg-type]
    pieces = [writer.feed(text[i : i + chunk]).plan for i in range(0, len(text), chunk)]
    return writer, pieces, "".join(pieces)


def test_every_day_rendered_in_order_with_its_facts() -> None:
    writer, _, streamed = write(GOOD)
    plan = streamed + writer.finish([])
    positions = [plan.index(f"### Day {n} — ") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "*Weather:* 15.5–21.3 °C, rain 6.2 mm" in plan
    assert "sunrise 06:11, sunset 21:02 (14.85 h)" in plan
    assert "*Public holiday:* Portugal Day" in plan
    assert "- **Morning:** Spend the rainy morning in the Museu Nacional do Azulejo." in plan
    assert writer.model_days == [1, 2, 3] and writer.default_days == []
    assert "default suggestion" not in plan


def test_json_tool_call_text_never_reaches_the_plan() -> None:
    writer, _, streamed = write(GOOD)
    plan = streamed + writer.finish([])
    assert '"arguments"' not in plan and "{" not in plan
    assert writer.report()["rejected"]["junk"] == 1


def test_streaming_chunk_size_does_not_change_the_result() -> None:
    plans = set()
    for size in (1, 3, 50, 10_000):
        writer, _, streamed = write(GOOD, size)
        plans.add(streamed + writer.finish([]))
    assert len(plans) == 1


def test_the_header_goes_out_with_the_first_planned_day() -> None:
    _, pieces, _ = write(GOOD, chunk=1)
    first = next(i for i, piece in enumerate(pieces) if piece)
    assert pieces[first].startswith("# 3 days in Lisbon, Portugal")
    assert "### Day 1 — " in pieces[first] and "### Day 2 — " not in pieces[first]
    # Day 1 is final only once day 2 begins: nothing before the model wrote "### Day 2".
    assert first >= GOOD.index("### Day 2")


def test_a_plan_of_template_copies_prints_nothing_and_fails_naming_the_model() -> None:
    writer, pieces, _ = write(TEMPLATE_COPY * 3)
    assert "".join(pieces) == ""
    with pytest.raises(UnusableModelOutputError) as caught:
        writer.gate("smollm2", "http://ollama:11434", TEMPLATE_COPY * 3)
    message = str(caught.value)
    assert "smollm2" in message and "<what to see>" in message
    assert "placeholder" in message
    assert caught.value.exit_code == 3


def test_nothing_at_all_from_the_model_fails_with_the_reason() -> None:
    writer, _, _ = write("")
    with pytest.raises(UnusableModelOutputError, match="answered with an error \\(timeout\\)"):
        writer.gate("smollm2", "http://ollama:11434", "", "timeout")


def test_default_days_are_held_back_until_a_model_day_exists() -> None:
    text = TEMPLATE_COPY + GOOD[GOOD.index("### Day 2") :]
    writer, pieces, streamed = write(text)
    first = next(piece for piece in pieces if piece)
    # Day 1 (defaults) appears only together with the first planned day, never before it.
    assert first.startswith("# 3 days") and "### Day 1 — " in first and "### Day 2 — " in first
    writer.gate("smollm2", "http://ollama:11434", text)
    plan = streamed + writer.finish([])
    assert writer.model_days == [2, 3] and writer.default_days == [1]
    day1 = plan[plan.index("### Day 1 — ") : plan.index("### Day 2 — ")]
    assert "Default suggestions: the model did not plan this day." in day1
    assert "Day 1 is a default suggestion: the model did not plan it." in plan


def test_a_day_with_two_good_slots_is_planned_and_the_third_is_marked() -> None:
    text = (
        "### Day 1\n- Morning: Ride Tram 28 up to the Castelo de São Jorge.\n"
        "- Afternoon: Explore the city at your own pace.\n"  # names no place: rejected as generic
        "- Evening: Fado dinner in the Mouraria quarter.\n"
    )
    writer, _, streamed = write(text)
    plan = streamed + writer.finish([])
    assert writer.model_days == [1]
    assert "- **Afternoon:** Visit a sight that matches your interests" in plan
    assert "*(default suggestion)*" in plan
    assert writer.report()["rejected"]["generic"] == 1


def test_skipped_days_are_defaults_and_out_of_range_or_repeated_days_ignored() -> None:
    day3 = GOOD[GOOD.index("### Day 3") :]
    text = GOOD[: GOOD.index("### Day 2")] + day3 + "### Day 1\n- Morning: again\n### Day 9\n"
    writer, _, streamed = write(text)
    plan = streamed + writer.finish([])
    assert [plan.count(f"### Day {n} — ") for n in (1, 2, 3)] == [1, 1, 1]
    assert writer.model_days == [1, 3] and writer.default_days == [2]
    assert "again" not in plan


def test_the_same_sentence_is_never_printed_twice() -> None:
    day = (
        "- Morning: Visit the Gulbenkian Museum and its garden.\n"
        "- Afternoon: Lunch at the Time Out Market in Cais do Sodré.\n"
        "- Evening: Fado in the Alfama quarter tonight.\n"
    )
    text = "".join(f"### Day {n}\n{day}" for n in (1, 2, 3))
    writer, _, streamed = write(text)
    plan = streamed + writer.finish([])
    assert plan.count("Gulbenkian Museum and its garden") == 1
    assert writer.model_days == [1] and writer.report()["rejected"]["repeat"] == 6


def test_the_weather_brief_does_not_repeat_the_research_brief() -> None:
    brief = "- Stay in Alfama for its lanes and fado houses."
    writer = PlanWriter(
        lisbon_trip(),
        lisbon_facts(),
        brief,
        brief + "\nPack a light jacket for the breezy evenings.",
    )
    assert writer.weather == "Pack a light jacket for the breezy evenings."


def test_the_report_counts_what_the_checks_removed_from_both_briefs() -> None:
    brief = "- Stay in Alfama for its lanes and fado houses."
    writer, _, _ = write(
        GOOD,
        research=brief,
        weather=brief + "\nPack a light jacket for the breezy evenings.",
        rejected=["research_brief_echo", "research_brief_echo", "research_brief_generic"],
    )
    rejected = writer.report()["rejected"]
    assert rejected["research_brief_echo"] == 2 and rejected["research_brief_generic"] == 1
    assert rejected["weather_brief_repeat"] == 1  # the weather brief's copy of the research


def test_the_error_names_the_checks_on_the_days_not_on_the_briefs() -> None:
    writer, _, _ = write(TEMPLATE_COPY, rejected=["research_brief_echo"])
    with pytest.raises(UnusableModelOutputError) as caught:
        writer.gate("smollm2", "http://ollama:11434", TEMPLATE_COPY)
    assert "placeholder 3" in str(caught.value) and "research_brief" not in str(caught.value)
    assert caught.value.report["rejected"]["research_brief_echo"] == 1  # type: ignore[attr-defined]


def test_notices_are_listed_once_in_the_notes() -> None:
    writer, _, _ = write(GOOD)
    notice = Notice(code="facts_unavailable", text="Public holidays could not be checked.")
    footer = writer.finish([notice, notice])
    assert footer.count("Public holidays could not be checked.") == 1


def previous_days() -> dict[int, DayPlan]:
    writer, _, _ = write(TEMPLATE_COPY + GOOD[GOOD.index("### Day 2") :])
    writer.finish([])
    return writer.days


def refine(text: str, refinement: Refinement) -> tuple[PlanWriter, str]:
    writer, _, streamed = write(text, refinement=refinement, previous=previous_days())
    writer.gate("smollm2", "http://ollama:11434", text)
    return writer, streamed + writer.finish([])


RELAXED_DAY = (
    "### Day 2\n- Morning: A slow breakfast at the Pastelaria Versailles in Saldanha.\n"
    "- Afternoon: Read in the shade of the Jardim da Estrela.\n"
    "- Evening: An early dinner at a tasca in Campo de Ourique.\n"
)


def test_a_change_to_day_2_rewrites_day_2_only_and_keeps_the_markers() -> None:
    before = previous_days()
    writer, plan = refine(RELAXED_DAY, Refinement(instruction="make day 2 more relaxed", days=[2]))
    assert writer.days[2].slots["Afternoon"] == "Read in the shade of the Jardim da Estrela."
    assert writer.days[3] == before[3]
    assert writer.days[1].source == "default"  # still marked as not planned by the model
    assert plan.count("Default suggestions: the model did not plan this day.") == 1
    assert "Rewritten as you asked: day 2." in plan
    assert writer.report()["rewritten_days"] == [2]


def test_a_rewrite_numbered_wrongly_still_lands_on_the_day_asked_for() -> None:
    text = RELAXED_DAY.replace("### Day 2", "### Day 1")
    writer, _ = refine(text, Refinement(instruction="make day 2 more relaxed", days=[2]))
    assert "Jardim da Estrela" in writer.days[2].slots["Afternoon"]


def test_a_rewrite_that_copies_the_old_day_changes_nothing_and_fails() -> None:
    before = previous_days()
    same = "### Day 2\n" + "".join(f"- {k}: {v}\n" for k, v in before[2].slots.items())
    with pytest.raises(UnusableModelOutputError, match="day 2 of the change"):
        refine(same, Refinement(instruction="make day 2 more relaxed", days=[2]))


def test_a_day_trip_becomes_one_day_of_the_same_trip() -> None:
    text = (
        "### Day 3\n- Morning: Take the train to Sintra and climb to the Palácio da Pena.\n"
        "- Afternoon: Walk through the gardens of the Quinta da Regaleira.\n"
        "- Evening: Back in Lisbon, dinner in the Príncipe Real.\n"
    )
    writer, plan = refine(
        text, Refinement(instruction="add a day trip to Sintra", day_trip="Sintra")
    )
    assert writer.days[3].day_trip == "Sintra"
    assert "### Day 3 — " in plan and "day trip to Sintra" in plan
    assert "Day 3 is now a day trip to Sintra." in plan
    assert plan.startswith("# 3 days in Lisbon, Portugal")
    assert writer.report()["day_trip"] == {"day": 3, "place": "Sintra"}


def test_a_day_trip_that_never_goes_there_is_not_the_change_asked_for() -> None:
    text = (
        "### Day 3\n- Morning: Walk through the Old Town of Lisbon and its lanes.\n"
        "- Afternoon: Lunch at the Time Out Market in Cais do Sodré.\n"
        "- Evening: Fado dinner in the Mouraria quarter.\n"
    )
    with pytest.raises(UnusableModelOutputError) as caught:
        refine(text, Refinement(instruction="add a day trip to Sintra", day_trip="Sintra"))
    assert getattr(caught.value, "report", {})["rejected"]["day_trip_missing"] == 1


def test_slot_text_on_the_next_line_and_a_missing_first_heading_are_understood() -> None:
    text = (
        "- Morning:\nRide Tram 28 up to the Castelo de São Jorge.\n"
        "- Afternoon: Lunch at the Time Out Market, then the Gulbenkian Museum.\n"
        "### Day 2\n- Morning: Spend the rainy morning in the Museu Nacional do Azulejo.\n"
        "- Evening: Dinner and a drink in the Bairro Alto.\n"
    )
    writer, _, _ = write(text)
    writer.finish([])
    assert writer.model_days == [1, 2]
    assert writer.days[1].slots["Morning"] == "Ride Tram 28 up to the Castelo de São Jorge."
