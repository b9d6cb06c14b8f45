"""Saved bad answers and the tiny real model through the real product: the CLI and the Planner
API against the Ollama-API double (`replay`, `tools`, `tiny-model`) and the real MCP server."""

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from benchmarks.quality_cases import replay_rules

from ollama_double.launcher import running_ollama_double
from tests.plan.conftest import cli, plan_once
from travel_planner import prose
from travel_planner.config import Settings, load_settings
from travel_planner.errors import UnusableModelOutputError
from travel_planner.result import PlanResult

pytestmark = pytest.mark.integration

START = (date.today() + timedelta(weeks=8)).isoformat()
RELAXED_DAY_2 = (
    "### Day 2\n- Morning: Colazione lenta al Caffè Sant'Eustachio vicino al Pantheon.\n"
    "- Afternoon: Un pisolino e poi una passeggiata nel Giardino degli Aranci.\n"
    "- Evening: Cena tranquilla in una trattoria di Testaccio.\n"
)


@pytest.fixture(scope="module")
def replay_double(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    rules = [
        {"match": "(?s)Rewrite only day 2", "content": RELAXED_DAY_2},
        *replay_rules(),
    ]
    path = Path(tmp_path_factory.mktemp("replay")) / "rules.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    args = ("--replay", str(path), "--tiny-max-tokens", "360")
    with running_ollama_double(behaviour="replay", extra_args=args) as url:
        yield url


@pytest.fixture
def replay_settings(replay_double: str, mcp_server_url: str) -> Settings:
    return load_settings(ollama_host=replay_double, mcp_server_url=mcp_server_url)


def printed_prose(result: PlanResult) -> list[str]:
    draft = result.draft
    slots = [t for n in draft.report["model_days"] for t in draft.days[n].slots.values()]
    return [draft.research, draft.weather_brief, *slots]


def test_a_plan_of_copied_templates_exits_3_naming_the_model_and_prints_nothing(
    replay_double: str, mcp_server_url: str
) -> None:
    result = cli(
        f"4 days in Porto from {START}, wine",
        OLLAMA_HOST=replay_double,
        MCP_SERVER_URL=mcp_server_url,
    )
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert "phi4-mini" in result.stderr and "<what to see>" in result.stderr
    assert "Traceback" not in result.stderr


async def test_a_partly_planned_plan_says_which_days_are_defaults(
    replay_settings: Settings,
) -> None:
    outcome = await plan_once(replay_settings, f"3 days in Lisbon from {START}, food")
    assert isinstance(outcome, PlanResult)
    assert outcome.draft.report["model_days"] == [1]
    assert outcome.plan.count("Default suggestions: the model did not plan this day.") == 2
    assert "Days 2, 3 are default suggestions: the model did not plan them." in outcome.plan
    assert outcome.plan.count("Lisbon is a beautiful city.") <= 1
    audit = prose.audit(outcome.trip, outcome.facts, printed_prose(outcome), outcome.plan)
    assert audit["echoed_lines"] == audit["repeated_sentences"] == 0
    assert audit["unmatched_figures"] == audit["placeholders"] == 0


async def test_a_change_to_day_2_rewrites_day_2_only(replay_settings: Settings) -> None:
    first = await plan_once(replay_settings, f"3 giorni a Roma dal {START}, arte", language="it")
    assert isinstance(first, PlanResult) and first.draft.report["model_days"] == [1, 2, 3]
    second = await plan_once(
        replay_settings, "rendi il giorno 2 più rilassante", current=first, language="it"
    )
    assert isinstance(second, PlanResult)
    assert second.draft.days[1] == first.draft.days[1]
    assert second.draft.days[3] == first.draft.days[3]
    assert "Giardino degli Aranci" in second.draft.days[2].slots["Afternoon"]
    assert second.facts == first.facts and second.draft.research == first.draft.research
    assert "Riscritto come richiesto: giorno 2." in second.plan


async def test_a_day_trip_is_one_day_of_the_same_trip(
    tools_double_url: str, mcp_server_url: str
) -> None:
    settings = load_settings(ollama_host=tools_double_url, mcp_server_url=mcp_server_url)
    first = await plan_once(settings, f"4 days in Lisbon from {START}, history")
    assert isinstance(first, PlanResult)
    second = await plan_once(settings, "add a day trip to Sintra", current=first)
    assert isinstance(second, PlanResult)
    assert second.trip == first.trip
    [day] = [n for n, d in second.draft.days.items() if d.day_trip]
    assert 1 < day < 4  # not the arrival or departure day
    assert any("Sintra" in text for text in second.draft.days[day].slots.values())
    assert f"Day {day} is now a day trip to Sintra." in second.plan
    unchanged = [n for n in (1, 2, 3, 4) if n != day]
    assert all(second.draft.days[n] == first.draft.days[n] for n in unchanged)


@pytest.fixture(scope="module")
def tools_double_url() -> Iterator[str]:
    with running_ollama_double(behaviour="tools") as url:
        yield url


@pytest.fixture(scope="module")
def tiny_double() -> Iterator[str]:
    args = ("--tiny-max-tokens", "300")
    with running_ollama_double(behaviour="tiny-model", extra_args=args) as url:
        yield url


# The tiny model runs on the CPU: minutes on a busy two-core machine.
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_tiny_model_either_plans_cleanly_or_exits_3(
    tiny_double: str, mcp_server_url: str
) -> None:
    result = cli(
        f"2 days in Lisbon from {START}, food",
        "--json",
        timeout=850,
        OLLAMA_HOST=tiny_double,
        MCP_SERVER_URL=mcp_server_url,
    )
    if result.returncode == 3:
        assert result.stdout == ""
        assert "phi4-mini" in result.stderr and "gave no usable plan" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["quality"]["model_days"]
    assert "<" not in data["plan"].split("## Budget")[0]


@pytest.mark.slow
@pytest.mark.timeout(900)
async def test_a_change_written_by_the_tiny_model_keeps_the_other_days(
    tiny_double: str, mcp_server_url: str
) -> None:
    settings = load_settings(ollama_host=tiny_double, mcp_server_url=mcp_server_url)
    async with httpx.AsyncClient(base_url=tiny_double) as double:
        # The plan from the scripted double, the change from the tiny model.
        await double.post("/_double/behaviour", json={"behaviour": "tools"})
        first = await plan_once(settings, f"3 days in Lisbon from {START}, food")
        assert isinstance(first, PlanResult)
        await double.post("/_double/behaviour", json={"behaviour": "tiny-model"})
    try:
        second = await plan_once(settings, "make day 2 more relaxed", current=first)
    except UnusableModelOutputError as error:
        assert "day 2 of the change" in str(error)
        return
    assert isinstance(second, PlanResult)
    assert second.draft.days[1] == first.draft.days[1]
    assert second.draft.days[3] == first.draft.days[3]
