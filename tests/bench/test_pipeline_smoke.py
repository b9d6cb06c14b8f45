"""The pipeline benchmark end to end at its smallest size: one request, one cost model.

Runs the real orchestrator, the naive baseline, the Ollama-API double and the MCP server
(offline). Checks the shape of the result JSON and that the plan checks ran; it makes no
claim about timings (benchmarks are not tests).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.pipeline import main

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(600)]

PLAN_KEYS = {
    "request_id",
    "pipeline",
    "cost_model",
    "llm_calls",
    "prompt_tokens",
    "completion_tokens",
    "model_s",
    "wall_s",
    "first_plan_token_s",
    "tool_s",
    "overhead_s",
    "projected",
    "checks",
}
GOALS = {
    "orchestration overhead (GPU)",
    "orchestration overhead vs naive (GPU)",
    "wall time (GPU)",
    "wall time, trips up to a week (CPU)",
    "wall time vs the planner call, longer trips (CPU)",
    "time to first plan token (CPU)",
    "prompt tokens processed, after prefix reuse (CPU)",
    "one-shot: start to the first model request",
    "one-shot: plan printed to exit",
    "travel-planner --help (median)",
    "plan checks pass (ours, every request)",
}


def test_minimal_run_writes_a_complete_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pipeline.json"
    code = main(
        [
            "--out", str(out),
            "--request", "city-break",
            "--cost-model", "cpu",
            "--scale", "cpu=0.002",
            "--load-n", "1",
        ]
    )  # fmt: skip
    assert code == 0
    result = json.loads(out.read_text())

    assert [r["id"] for r in result["requests"]] == ["city-break"]
    assert set(result["cost_models"]) == {"cpu"}
    assert result["cost_models"]["cpu"]["sources"]
    plans = result["plans"]
    assert sorted(p["pipeline"] for p in plans) == ["baseline", "ours"]
    for plan in plans:
        assert set(plan) >= PLAN_KEYS, PLAN_KEYS - set(plan)
        assert plan["llm_calls"] > 0
        assert plan["prompt_tokens"] > 0
        assert {"wall_s", "first_plan_token_s", "model_s", "overhead_pct"} <= set(plan["projected"])
        # The plan checks ran: each has a name, a verdict and a reason.
        assert plan["checks"]["checks"]
        for check in plan["checks"]["checks"]:
            assert set(check) == {"name", "passed", "detail"}
    ours = next(p for p in plans if p["pipeline"] == "ours")
    assert {c["name"] for c in ours["checks"]["checks"]} >= {
        "every day present",
        "temperatures match tools",
    }

    # Image goals appear only where a Docker engine answers.
    assert {g["name"] for g in result["goals"] if not g["name"].endswith(" image")} == GOALS
    assert all(isinstance(g["passed"], bool) for g in result["goals"])
    assert result["startup"]["exit_code"] == 0
    assert [run["n"] for run in result["load"]["runs"]] == [1]

    printed = capsys.readouterr().out
    assert "Goals" in printed
    assert "baseline" in printed
