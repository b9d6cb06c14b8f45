"""The plan: numbers rendered from the facts, day blocks parsed from streamed model text."""

import pytest

from tests.orchestrator.sample_facts import lisbon_facts, lisbon_trip
from travel_planner.plan import (
    FALLBACK_MARK,
    PlanWriter,
    budget_lines,
    num,
    packing_list,
    render_footer,
    render_header,
)

pytestmark = pytest.mark.unit

MODEL_TEXT = """Sure! Here is your plan.
### Day 1 (2027-06-09, Wednesday)
- Morning: Tram 28 up to Alfama and the castle.
- Afternoon: Lunch at Time Out Market, then the Gulbenkian Museum.
- Evening: Fado dinner in Alfama.

### Day 2
- **Morning**: Azulejo museum while it rains.
{"name": "weather", "arguments": {"place": "Lisbon"}}
- Afternoon: LX Factory shops.
- Evening: Dinner in Bairro Alto.

### Day 3
- Morning: Belém tower and pastéis de Belém.
- Afternoon: MAAT riverside walk.
- Evening: Sunset at Miradouro da Senhora do Monte.
"""


def write_all(text: str, chunk: int = 7) -> tuple[PlanWriter, str]:
    writer = PlanWriter(lisbon_trip(), lisbon_facts())
    out = "".join(writer.feed(text[i : i + chunk]) for i in range(0, len(text), chunk))
    return writer, out + writer.finish()


def test_every_day_rendered_in_order_with_its_facts() -> None:
    _, plan = write_all(MODEL_TEXT)
    positions = [plan.index(f"### Day {n} ") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "*Weather (weather forecast):* 16.1–24.6 °C, rain 0 mm" in plan
    assert "15.5–21.3 °C, rain 4.2 mm" in plan
    assert "sunrise 06:11, sunset 21:02 (14.85 h)" in plan
    assert "*Public holiday:* Portugal Day" in plan
    assert plan.count("- **Morning:**") == 3
    assert "Azulejo museum while it rains." in plan
    assert FALLBACK_MARK not in plan


def test_json_tool_call_text_never_reaches_the_plan() -> None:
    _, plan = write_all(MODEL_TEXT)
    assert '"arguments"' not in plan
    assert "{" not in plan


def test_streaming_chunk_size_does_not_change_the_result() -> None:
    plans = {write_all(MODEL_TEXT, size)[1] for size in (1, 3, 50, 10_000)}
    assert len(plans) == 1


def test_skipped_day_and_missing_slot_are_filled_and_marked() -> None:
    text = "### Day 1\n- Morning: Castle.\n- Afternoon: Museum.\n### Day 3\n- Morning: Belém.\n"
    writer, plan = write_all(text)
    assert [plan.count(f"### Day {n} ") for n in (1, 2, 3)] == [1, 1, 1]
    assert plan.index("### Day 2 ") < plan.index("### Day 3 ")
    assert "The model did not plan this day" in plan
    assert plan.count(FALLBACK_MARK) == 3  # day 1 evening, day 3 afternoon + evening
    assert writer.skipped == [2]


def test_nothing_usable_from_the_model_still_gives_every_day() -> None:
    writer, plan = write_all('{"name": "weather", "arguments": {"place": "Lisbon"}}')
    assert [plan.count(f"### Day {n} ") for n in (1, 2, 3)] == [1, 1, 1]
    assert writer.skipped == [1, 2, 3]


def test_repeated_and_out_of_range_days_are_ignored() -> None:
    text = MODEL_TEXT + "\n### Day 2\n- Morning: again\n### Day 9\n- Morning: too far\n"
    _, plan = write_all(text)
    assert plan.count("### Day 2 ") == 1
    assert "again" not in plan and "too far" not in plan


def test_budget_in_local_and_home_currency_from_the_conversion() -> None:
    lines = budget_lines(lisbon_trip(), lisbon_facts())
    assert lines[0] == "Total budget: 1,500.00 EUR = 1,623.45 USD"
    assert "Per day (3 days): 500.00 EUR = 541.15 USD" in lines
    assert any("1 EUR = 1.0823 USD" in line and "2026-11-20" in line for line in lines)


def test_packing_follows_the_weather() -> None:
    items = " | ".join(packing_list(lisbon_trip(), lisbon_facts()))
    assert "Umbrella or rain jacket (rain on 1 of 3 days, up to 4.2 mm)" in items
    assert "Sunscreen" in items and "27.8" in items


def test_footer_has_practical_facts_and_sources() -> None:
    footer = render_footer(lisbon_trip(), lisbon_facts(), ["sun_times unavailable: x"])
    for expected in (
        "## Budget",
        "## Packing list",
        "Time zone: Europe/Lisbon, UTC+01:00 (WEST)",
        "Currency: Euro (EUR)",
        "Languages: Portuguese",
        "Calling code: +351",
        "Daylight: 14.85 h on day 1",
        "## Sources",
        "weather: Open-Meteo forecast (as of 2027-06-01T10:00Z); weather forecast",
        "convert_currency: ECB reference rates (as of 2026-11-20); offline snapshot",
        "## Notes",
    ):
        assert expected in footer


def test_header_states_assumptions_and_briefs() -> None:
    trip = lisbon_trip()
    trip.assumptions.append("No trip length given: planned 3 days.")
    header = render_header(trip, "- Stay in Baixa", "Mostly dry.", lisbon_facts())
    assert header.startswith("# 3 days in Lisbon, Portugal")
    assert "> Assumption: No trip length given" in header
    assert "- Stay in Baixa" in header and "Mostly dry." in header
    assert "lows 15.5–17 °C, highs 21.3–27.8 °C" in header


def test_climate_normals_are_labelled_and_use_monthly_rain() -> None:
    facts = lisbon_facts()
    facts.weather = {
        "kind": "climate_normals",
        "label": "climate normals, not a forecast",
        "days": [
            {"date": d, "temp_max_c": 25.1, "temp_min_c": 16.3, "precipitation_mm": None}
            for d in ("2027-06-09", "2027-06-10", "2027-06-11")
        ],
        "monthly_normals": {"6": {"month": "June", "precipitation_mm_month": 16.0, "rain_days": 2}},
        "source": "WMO normals",
        "as_of": "2020",
    }
    writer = PlanWriter(lisbon_trip(), facts)
    plan = writer.feed(MODEL_TEXT) + writer.finish()
    assert (
        "*Weather (climate normals, not a forecast):* 16.3–25.1 °C, June normally brings 16 mm"
        in plan
    )
    assert "None" not in plan
    # Normals repeat the month's mean every day: one value, not a "16.3–16.3" range.
    header = render_header(lisbon_trip(), "", "", facts)
    assert "lows 16.3 °C, highs 25.1 °C;" in header


@pytest.mark.parametrize(
    ("value", "shown"), [(12, "12"), (12.0, "12"), (4.25, "4.25"), (0.1, "0.1")]
)
def test_number_format(value: float, shown: str) -> None:
    assert num(value) == shown


def test_copied_placeholders_and_model_figures_never_fill_a_slot() -> None:
    text = (
        "### Day 1\n- Morning: <what to see>\n- Afternoon: ...\n"
        "- Evening: Dinner at 9pm, about €40. Try the tapas bars of La Latina.\n"
    )
    _, plan = write_all(text)
    assert "<what to see>" not in plan and "€40" not in plan
    assert "- **Evening:** Dinner at 9pm, about" not in plan
    assert "Try the tapas bars of La Latina." in plan
    assert plan.count(FALLBACK_MARK) == 2
