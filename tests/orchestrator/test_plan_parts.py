"""Plans written in parts at the same time (parallel slots): split, order, failures."""

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from tests.orchestrator.conftest import Double, planner_env, run_planner
from travel_planner.errors import DependencyUnavailableError
from travel_planner.llm import ModelCallFailed
from travel_planner.plan_parts import in_order, split_days


@pytest.mark.unit
@pytest.mark.parametrize(
    ("days", "slots", "parts"),
    [
        (14, 2, [(1, 2, 3, 4, 5, 6, 7), (8, 9, 10, 11, 12, 13, 14)]),
        (5, 2, [(1, 2, 3), (4, 5)]),
        (5, 4, [(1, 2, 3), (4, 5)]),
        (3, 2, [(1, 2, 3)]),
        (1, 4, [(1,)]),
        (6, 1, [(1, 2, 3, 4, 5, 6)]),
    ],
)
def test_days_split_into_even_runs_of_at_least_two(
    days: int, slots: int, parts: list[tuple[int, ...]]
) -> None:
    assert split_days(days, slots) == parts


async def _stream(
    pieces: list[str], delay: float, fail: BaseException | None = None
) -> AsyncIterator[str]:
    for piece in pieces:
        await asyncio.sleep(delay)
        yield piece
    if fail is not None:
        raise fail


@pytest.mark.unit
async def test_parts_come_out_in_order_although_the_second_finishes_first() -> None:
    slow = _stream(["a1 ", "a2 ", "a3 "], 0.02)
    fast = _stream(["b1 ", "b2 "], 0.0)
    assert [p async for p in in_order([slow, fast])] == ["a1 ", "a2 ", "a3 ", "b1 ", "b2 "]


@pytest.mark.unit
async def test_a_failed_part_does_not_lose_the_others() -> None:
    broken = _stream(["a1 "], 0.0, ModelCallFailed("no answer within 3s"))
    fine = _stream(["b1 "], 0.01)
    seen: list[str] = []
    with pytest.raises(ModelCallFailed, match="no answer"):
        async for piece in in_order([broken, fine]):
            seen.append(piece)
    assert seen == ["a1 ", "b1 "]


@pytest.mark.unit
async def test_a_fatal_error_stops_every_part() -> None:
    gone = DependencyUnavailableError("Ollama", "http://x", 0.1, "refused", "start it")
    broken = _stream([], 0.0, gone)
    endless = _stream(["b"] * 1000, 0.01)
    with pytest.raises(DependencyUnavailableError):
        async for _ in in_order([broken, endless]):
            pass


@pytest.mark.integration
def test_parallel_slots_write_a_long_plan_in_parts(
    tools_double: Double, mcp_server_url: str
) -> None:
    env = planner_env(
        OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url, OLLAMA_NUM_PARALLEL="2"
    )
    result = run_planner("6 days in Porto from 2027-06-07", "--json", env=env)
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)["plan"]
    headings = [line.split(" — ")[0] for line in plan.splitlines() if line.startswith("### ")]
    assert headings == [f"### Day {n}" for n in range(1, 7)]
    assert "the model did not plan" not in plan
    planner_calls = [
        r for r in tools_double.stats()["records"] if r["endpoint"] == "chat" and r["stream"]
    ]
    assert len(planner_calls) == 2
    # Both parts continue the researcher's conversation (the briefs ran side by side).
    assert [c["roles"] for c in planner_calls] == [["system", "user", "assistant", "user"]] * 2
