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


def _plan(
    pipeline: str, cost: str, tokens: int, wall: float, first: float, overhead: float, days: int
) -> dict[str, Any]:
    return {
        "request_id": "r", "pipeline": pipeline, "cost_model": cost, "llm_calls": 3,
        "prompt_tokens": tokens * 2, "evaluated_tokens": tokens, "completion_tokens": 10,
        "tool_s": 0.1, "overhead_s": overhead / 100 * wall, "trip_days": ["d"] * days,
        "calls": [{"evaluated_tokens": 32, "generated_tokens": 106}],
        "projected": {"wall_s": wall, "first_plan_token_s": first, "model_s": wall,
                      "overhead_pct": overhead},
        "checks": {"passed": pipeline == "ours", "checks": []},
    }  # fmt: skip


def _result(ours_cpu_wall: float, days: int) -> dict[str, Any]:
    return {
        "model": "m",
        "scaling_note": "",
        "requests": [{"id": "r", "text": "t"}],
        "cost_models": {name: COST_MODELS[name].to_dict() for name in ("cpu", "gpu")},
        "plans": [
            _plan("ours", "cpu", 90, ours_cpu_wall, 10.0, 1.0, days),
            _plan("baseline", "cpu", 1000, 100.0, 40.0, 5.0, days),
            _plan("ours", "gpu", 90, 1.0, 0.3, 4.0, days),
            _plan("baseline", "gpu", 1000, 2.0, 1.0, 10.0, days),
        ],
    }


def test_goals_compare_against_the_baseline() -> None:
    goals = {g.name: g for g in evaluate_goals(_result(ours_cpu_wall=35.0, days=3))}
    for name in (
        "orchestration overhead (GPU)",
        "orchestration overhead vs naive (GPU)",
        "wall time (GPU)",
        "wall time, trips up to a week (CPU)",
        "time to first plan token (CPU)",
        "prompt tokens processed, after prefix reuse (CPU)",
        "plan checks pass (ours, every request)",
    ):
        assert goals[name].passed, goals[name]
    assert not goals["one-shot: start to the first model request"].passed  # not measured
    result = _result(ours_cpu_wall=35.0, days=3)
    result["goals"] = [g.__dict__ for g in goals.values()]
    assert "PASS" in render(result)


def test_a_long_trip_is_held_to_its_planner_call() -> None:
    # The planner call: 32 prompt tokens at 32.08/s and 106 generated at 10.62/s, about 11 s.
    close = {g.name: g for g in evaluate_goals(_result(ours_cpu_wall=11.5, days=14))}
    far = {g.name: g for g in evaluate_goals(_result(ours_cpu_wall=20.0, days=14))}
    name = "wall time vs the planner call, longer trips (CPU)"
    assert close[name].passed and not far[name].passed


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
