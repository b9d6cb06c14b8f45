"""The profile benchmark end to end at its smallest size: one measured plan each way.

Checks the printed table and the JSON: both ways measured, every sample given to a stage,
and the stages adding up to the plan's wall time (the profiler sees the whole plan). It
makes no claim about how fast anything is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.profile_plan import main, stage_of

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(600)]


def test_one_plan_each_way_is_profiled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "profile.json"
    assert main(["--plans", "1", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result["wall_ms"]) == {"new planner per plan", "long-lived planner"}
    for way, wall in result["wall_ms"].items():
        stages = result["stages_ms"][way]
        assert "waiting (model, tools)" in stages and "agent framework" in stages
        assert 0.5 * wall <= sum(stages.values()) <= 1.05 * wall
    printed = capsys.readouterr().out
    assert "long-lived planner" in printed and "MCP client" in printed


@pytest.mark.parametrize(
    ("stack", "stage"),
    [
        (["[await]", "/x/travel_planner/planner.py"], "waiting (model, tools)"),
        (["/v/httpcore/_async/http11.py", "/x/travel_planner/llm.py"], "HTTP to the model"),
        (["/lib/json/decoder.py", "/x/travel_planner/plan/x.py"], "plan writing and rendering"),
        (["/lib/json/decoder.py"], "other"),
    ],
)  # fmt: skip
def test_a_sample_goes_to_the_innermost_known_stage(stack: list[str], stage: str) -> None:
    assert stage_of(stack) == stage
