"""PlanWriter details: the report and the notes word for word, the error that names what the
model wrote, days outside the trip, a cut-off last line, and a change the model got wrong."""

import pytest

from tests.plan.samples import lisbon_facts, lisbon_trip
from tests.plan.test_writer import GOOD, RELAXED_DAY, previous_days
from travel_planner.plan import PlanWriter
from travel_planner.plan.writer import NoPlannedDayError
from travel_planner.trip import Refinement

pytestmark = pytest.mark.unit

MODEL, ADDRESS = "smollm2", "http://ollama:11434"
DAY_1 = GOOD[GOOD.index("### Day 1") : GOOD.index("### Day 2")]
DAY_3 = GOOD[GOOD.index("### Day 3") :]


def writer_for(text: str, **kwargs: object) -> PlanWriter:
    writer = PlanWriter(lisbon_trip(), lisbon_facts(), **kwargs)  # type: ignore[arg-type]
    writer.feed(text)
    return writer


def failure(writer: PlanWriter, sample: str, error: str | None = None) -> NoPlannedDayError:
    with pytest.raises(NoPlannedDayError) as caught:
        writer.gate(MODEL, ADDRESS, sample, error)
    return caught.value


def test_the_report_counts_each_rejection() -> None:
    text = GOOD.replace("### Day 3", '{"name": "sun_times"}\n### Day 3')
    writer = writer_for(text)
    writer.finish([])
    assert writer.report() == {
        "model_days": [1, 2, 3],
        "default_days": [],
        "rejected": {"junk": 2},
    }


def test_a_line_cut_off_at_the_end_is_one_fragment() -> None:
    writer = writer_for(DAY_1 + "### Day 2\nAfter breakfast we walk up to the")
    plan = writer.finish([])
    assert writer.report() == {
        "model_days": [1],
        "default_days": [2, 3],
        "rejected": {"fragment": 1, "unplanned_day": 1},
    }
    assert plan.endswith(
        "## Notes\n\n- Days 2, 3 are default suggestions: the model did not plan them.\n"
    )


def test_one_default_day_is_named_in_the_singular() -> None:
    writer = writer_for(GOOD[: GOOD.index("### Day 3")])
    assert writer.finish([]).endswith(
        "## Notes\n\n- Day 3 is a default suggestion: the model did not plan it.\n"
    )


def test_each_piece_of_text_is_a_preview_of_the_day_being_written() -> None:
    writer = PlanWriter(lisbon_trip(), lisbon_facts())
    first = writer.feed("Sure!\n### Day 2\n- Morning: Ride")
    assert (first.plan, first.draft, first.day) == ("", "Sure!\n### Day 2\n- Morning: Ride", 2)
    second = writer.feed(" Tram 28 to Alfama.\n")
    assert (second.draft, second.day) == (" Tram 28 to Alfama.\n", 2)


@pytest.mark.parametrize("day", [0, 4, 12])
def test_a_day_outside_the_trip_is_ignored(day: int) -> None:
    text = DAY_3.replace("### Day 3", f"### Day {day}")
    writer = writer_for(text)
    error = failure(writer, text)
    assert writer.model_days == [] and writer.new_days == []
    assert error.report["model_days"] == []
    assert error.report["default_days"] == [1, 2, 3]


def test_the_error_quotes_what_the_model_wrote_on_one_line() -> None:
    sample = "### Day 1\n- Morning:   <what to see>\n\n- Afternoon: <what to do>\n"
    writer = writer_for(sample)
    error = failure(writer, "  " + sample)
    assert (error.model, error.address) == (MODEL, ADDRESS)
    checks = ", ".join(f"{k} {v}" for k, v in sorted(writer.rejected.items()))
    assert "unplanned_day 1" in checks
    assert error.returned == (
        "it wrote '### Day 1 - Morning: <what to see> - Afternoon: <what to do>' "
        f"(rejected by the checks: {checks})"
    )
    assert str(error).startswith(f"The model '{MODEL}' (Ollama at {ADDRESS}) gave no usable plan")


@pytest.mark.parametrize(
    ("model", "suggested"),
    [
        ("phi4-mini", "qwen2.5:3b or qwen2.5:7b"),
        ("phi4-mini:latest", "qwen2.5:3b or qwen2.5:7b"),
        ("qwen2.5:3b", "phi4-mini or qwen2.5:7b"),
        ("smollm2:135m", "phi4-mini or qwen2.5:3b"),
    ],
)
def test_the_fix_never_suggests_the_model_in_use(model: str, suggested: str) -> None:
    error = NoPlannedDayError(model, ADDRESS, "it wrote nothing", {})
    assert str(error).endswith(
        f"a bigger model (OLLAMA_MODEL_ID, e.g. {suggested}) writes usable plans; check "
        "`docker compose logs ollama`, and raise OLLAMA_REQUEST_TIMEOUT_SECONDS on a slow CPU."
    )


def test_the_error_says_what_came_when_nothing_was_written() -> None:
    assert failure(writer_for(""), "   ").returned == "it wrote nothing"
    error = failure(writer_for(""), "", "timed out after 120 s")
    assert error.returned == "Ollama answered with an error (timed out after 120 s)"
    assert failure(writer_for(""), "Hello").returned == "it wrote 'Hello'"


def test_a_long_answer_is_quoted_up_to_200_characters() -> None:
    sample = "word " * 100
    returned = failure(writer_for(""), sample).returned
    assert returned == f"it wrote {'word ' * 40!r}"


def test_a_failed_change_names_the_days_asked_for() -> None:
    change = Refinement(instruction="make days 1 and 3 calmer", days=[1, 3])
    writer = writer_for("", refinement=change, previous=previous_days())
    assert (
        failure(writer, "").returned
        == "no usable text for day 1, 3 of the change: it wrote nothing"
    )


def test_a_change_keeps_the_previous_text_of_a_day_the_model_got_wrong() -> None:
    before = previous_days()
    change = Refinement(instruction="make days 2 and 3 calmer", days=[2, 3])
    writer = writer_for(RELAXED_DAY + "### Day 3\n- Morning: <what to see>\n", refinement=change,
                        previous=before)  # fmt: skip
    plan = writer.finish([])
    assert writer.days[3] == before[3]
    assert writer.report()["rewritten_days"] == [2]
    assert "- Rewritten as you asked: day 2.\n" in plan
    unwritten = writer_for(RELAXED_DAY, refinement=change, previous=before)
    unwritten.finish([])
    assert unwritten.days[3] == before[3]


def test_a_change_of_two_days_is_named_in_the_plural() -> None:
    change = Refinement(instruction="rewrite days 1 and 3", days=[1, 3])
    day_3 = RELAXED_DAY.replace("### Day 2", "### Day 3")
    writer = writer_for(DAY_1 + day_3, refinement=change, previous=previous_days())
    plan = writer.finish([])
    assert "- Rewritten as you asked: days 1, 3.\n" in plan
    assert "default suggestion" not in plan.split("## Notes")[1]


def test_a_plan_that_is_not_a_change_has_no_change_notes() -> None:
    writer = writer_for(GOOD)
    plan = writer.finish([])
    assert "## Notes" not in plan
    assert "rewritten_days" not in writer.report() and "day_trip" not in writer.report()


def test_gate_then_finish_prints_each_day_once() -> None:
    writer = writer_for(GOOD[: GOOD.index("### Day 3")])
    writer.gate(MODEL, ADDRESS, GOOD)
    plan = writer.finish([])
    # Day 1 was printed while the text streamed in, day 2 once the text ended.
    assert [plan.count(f"### Day {n} — ") for n in (1, 2, 3)] == [0, 1, 1]
    assert writer.finish([]).count("### Day") == 0


def test_the_weather_brief_keeps_weather_lines_only_and_the_research_is_the_overview() -> None:
    research = "Lisbon's Alfama is the oldest quarter, with the Castelo de São Jorge above it."
    weather = "Lisbon's Alfama is the oldest quarter.\nExpect warm afternoons around 25 °C."
    writer = PlanWriter(lisbon_trip(), lisbon_facts(), research, weather)
    header = writer.header()
    assert f"## Overview\n\n{research}\n\n" in header
    assert writer.weather == "Expect warm afternoons around 25 °C."
    assert "\n\nExpect warm afternoons around 25 °C.\n\n## Day by day" in header
