"""Plan checks and goal evaluation of the pipeline benchmark (pure logic)."""

from __future__ import annotations

from typing import Any

import pytest
from benchmarks.cost_models import COST_MODELS
from benchmarks.pipeline_checks import check_plan, day_sections, trip_dates
from benchmarks.pipeline_report import evaluate_goals, render

pytestmark = pytest.mark.unit

TRIP = {"start_date": "2027-03-01", "end_date": "2027-03-02"}
FACTS: dict[str, Any] = {
    "weather": {
        "kind": "climate_normals",
        "days": [
            {"date": "2027-03-01", "temp_max_c": 17.2, "temp_min_c": 9.8},
            {"date": "2027-03-02", "temp_max_c": 18.0, "temp_min_c": 10.0},
        ],
    },
    "convert_currency": {"amount": 500, "from_currency": "EUR", "to_currency": "USD",
                         "converted": 541.25, "rate": 1.0825},
}  # fmt: skip

GOOD_PLAN = """# Lisbon
### Day 1 (2027-03-01, Monday)
Weather: 9.8-17.2 °C
- Morning: Alfama
### Day 2 (2027-03-02, Tuesday)
Weather: 10 to 18°C
- Morning: Belem
Budget: 500 EUR is about 541.25 USD.
"""


def test_trip_dates_from_duration() -> None:
    dates = trip_dates({"start_date": "2027-03-01", "duration_days": 3})
    assert [d.isoformat() for d in dates] == ["2027-03-01", "2027-03-02", "2027-03-03"]


def test_day_sections_split_on_headings() -> None:
    assert sorted(day_sections(GOOD_PLAN)) == [1, 2]


def test_good_plan_passes_every_check() -> None:
    checks = check_plan(GOOD_PLAN, TRIP, FACTS)
    assert [r.name for r in checks.results] == [
        "every day present",
        "temperatures match tools",
        "currency matches tools",
    ]
    assert checks.passed, checks.to_dict()


def test_missing_day_fails() -> None:
    plan = GOOD_PLAN.split("### Day 2")[0]
    result = check_plan(plan, TRIP, FACTS).results[0]
    assert not result.passed
    assert "missing Day 2" in result.detail


def test_wrong_temperature_fails() -> None:
    plan = GOOD_PLAN.replace("10 to 18°C", "10 to 25°C")
    result = check_plan(plan, TRIP, FACTS).results[1]
    assert not result.passed
    assert "25" in result.detail


def test_wrong_conversion_fails() -> None:
    plan = GOOD_PLAN.replace("541.25 USD", "600 USD")
    result = check_plan(plan, TRIP, FACTS).results[2]
    assert not result.passed


def test_thousands_separators_are_read() -> None:
    facts = {"fx": {"to_currency": "JPY", "converted": 486000.0}}
    plan = "### Day 1\n- Morning: x 12°C\nBudget: about 486,000 JPY"
    result = check_plan(plan, {"start_date": "2027-03-01", "duration_days": 1}, facts).results
    assert result[-1].passed, result[-1].detail


def test_cost_model_args_scale_times() -> None:
    cpu = COST_MODELS["cpu"]
    scaled = cpu.scaled(0.1)
    assert scaled.gen_token_ms == pytest.approx(cpu.gen_token_ms * 0.1)
    args = scaled.double_args()
    assert args[0::2] == ["--prompt-token-ms", "--gen-token-ms", "--load-ms"]
    assert all(s.url.startswith("https://") for s in cpu.sources)


def _plan(pipeline: str, tokens: int, wall: float, first: float, overhead: float) -> dict[str, Any]:
    return {
        "request_id": "r", "pipeline": pipeline, "cost_model": "cpu", "llm_calls": 3,
        "prompt_tokens": tokens, "completion_tokens": 10, "tool_s": 0.1, "overhead_s": 0.1,
        "projected": {"wall_s": wall, "first_plan_token_s": first, "model_s": wall,
                      "overhead_pct": overhead},
        "checks": {"passed": pipeline == "ours", "checks": []},
    }  # fmt: skip


def test_goals_compare_against_the_baseline() -> None:
    result = {
        "model": "m",
        "scaling_note": "",
        "requests": [{"id": "r", "text": "t"}],
        "cost_models": {"cpu": COST_MODELS["cpu"].to_dict()},
        "plans": [_plan("ours", 400, 50.0, 10.0, 1.0), _plan("baseline", 1000, 100.0, 40.0, 5.0)],
    }
    goals = {g.name: g for g in evaluate_goals(result)}
    assert goals["prompt tokens per plan"].passed
    assert goals["LLM calls per plan"].passed
    assert goals["wall time (CPU model)"].passed
    assert goals["time to first plan token (CPU model)"].passed
    assert goals["orchestration overhead (CPU model)"].passed
    assert goals["plan checks pass (ours, every request)"].passed
    result["goals"] = [g.__dict__ for g in goals.values()]
    assert "PASS" in render(result)


def test_no_weather_result_passes_only_without_temperatures() -> None:
    facts = {"weather": None}
    plan = "### Day 1\n*Weather:* no data for this day\n### Day 2\n- Morning: x"
    assert check_plan(plan, TRIP, facts).results[1].passed
    invented = plan.replace("no data for this day", "around 20 °C")
    assert not check_plan(invented, TRIP, facts).results[1].passed


def test_destination_must_come_from_the_request() -> None:
    trip = {**TRIP, "destination": "Eureka", "country": "United States"}
    request = "two weeks in Japan in October, budget 3000 EUR"
    first = check_plan(GOOD_PLAN, trip, FACTS, request).results[0]
    assert first.name == "destination from request"
    assert not first.passed
    trip = {**TRIP, "destination": "Tokyo", "country": "Japan"}
    assert check_plan(GOOD_PLAN, trip, FACTS, request).results[0].passed
