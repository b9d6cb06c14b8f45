"""The planner end to end: `python main.py` against the Ollama-API double and the real MCP
server (offline data), on loopback."""

import asyncio
import json
import re
from datetime import date
from typing import Any

import pytest
from mcp import Client

from tests.orchestrator.conftest import Double, planner_env, run_planner, run_planner_ok
from travel_planner.i18n import format_date
from travel_planner.plan import money, num

pytestmark = pytest.mark.integration

REQUEST = "3 days in Madrid from 2027-04-30, art and food, 2 people, budget 900 USD"
DAYS = ("2027-04-30", "2027-05-01", "2027-05-02")


def mcp_facts(url: str) -> dict[str, Any]:
    """The same facts, asked of the MCP server directly (not through the planner)."""

    async def fetch() -> dict[str, Any]:
        where = {"place": "Madrid", "country": "ES", "start_date": DAYS[0], "end_date": DAYS[-1]}
        async with Client(url) as client:
            out = {}
            for tool, args in (
                ("weather", where),
                ("sun_times", where),
                ("local_time", where),
                ("public_holidays", {"country": "ES", "start_date": DAYS[0], "end_date": DAYS[-1]}),
                ("country_facts", {"country": "ES"}),
                ("convert_currency", {"amount": 900, "from_currency": "USD", "to_currency": "EUR"}),
            ):
                result = await client.call_tool(tool, args)
                out[tool] = result.structured_content
            return out

    return asyncio.run(fetch())


def test_one_shot_plan_has_every_day_and_the_tool_numbers(
    tools_double: Double, mcp_server_url: str
) -> None:
    result = run_planner_ok(tools_double, mcp_server_url, REQUEST)
    plan = result.stdout
    assert plan.startswith("# 3 days in Madrid, Spain")
    for n, day in enumerate(DAYS, start=1):
        heading = f"### Day {n} — {format_date(date.fromisoformat(day), 'en')}"
        assert re.search(rf"^{re.escape(heading)}$", plan, re.M)
    assert plan.count("- **Morning:**") == 3
    assert plan.count("- **Evening:**") == 3

    facts = mcp_facts(mcp_server_url)
    # Climate normals: the month's usual range, said once per month (not repeated per day).
    for day in facts["weather"]["days"]:
        assert f"{num(day['temp_min_c'])}–{num(day['temp_max_c'])} °C" in plan
    assert "climate averages, not a forecast" in plan
    for day in facts["sun_times"]["days"]:
        assert f"sunrise {day['sunrise']}, sunset {day['sunset']}" in plan
    for holiday in facts["public_holidays"]["holidays"]:
        assert holiday["name"] in plan
    offset = facts["local_time"]["days"][0]["utc_offset"]
    assert f"UTC{offset}" in plan
    assert facts["country_facts"]["calling_code"] in plan
    conversion = facts["convert_currency"]
    assert f"{money(900, 'USD')} = {money(conversion['converted'], 'EUR')}" in plan
    assert f"1 USD = {conversion['rate']} EUR" in plan
    assert "## Sources" in plan and "## Packing list" in plan
    # Progress goes to stderr, the plan alone to stdout.
    assert "Planner" in result.stderr
    assert "✓" not in plan


def test_json_output_for_benchmarks(tools_double: Double, mcp_server_url: str) -> None:
    result = run_planner_ok(tools_double, mcp_server_url, REQUEST, "--json")
    data = json.loads(result.stdout)
    assert set(data) >= {"plan", "trip", "facts", "timings", "usage", "model", "warnings"}
    assert data["model"] == "phi4-mini"
    assert data["trip"]["destination"] == "Madrid"
    assert data["trip"]["start_date"] == DAYS[0] and data["trip"]["end_date"] == DAYS[-1]
    assert data["trip"]["travellers"] == 2
    assert {"weather", "sun_times", "public_holidays", "country_facts", "convert_currency"} <= set(
        data["facts"]
    )
    for key in (
        "startup_s",
        "ready_wait_s",
        "understand_s",
        "facts_s",
        "briefs_s",
        "plan_s",
        "first_plan_token_s",
        "total_s",
    ):
        assert data["timings"][key] >= 0, key
    usage = data["usage"]
    # Code read the whole request: researcher, weather analyst and planner, no tool rounds.
    assert data["trip"]["source"] == "parser"
    assert usage["llm_calls"] == 3
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert usage["tool_calls"] >= 7
    assert usage["llm_calls"] == tools_double.stats()["chat_calls"]


def json_run(
    double: Double, mcp_server_url: str, request: str
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """A `--json` run: its output, the double's statistics and the chat requests it saw."""
    result = run_planner_ok(double, mcp_server_url, request, "--json")
    stats = double.stats()
    chats = [r for r in stats["records"] if r["endpoint"] == "chat"]
    return json.loads(result.stdout), stats, chats


VAGUE = "a few days in Barcelona sometime next spring for our honeymoon, nothing too touristy"


def test_an_explicit_request_skips_the_understanding_call(
    tools_double: Double, mcp_server_url: str
) -> None:
    data, stats, chats = json_run(tools_double, mcp_server_url, REQUEST)
    assert data["trip"]["source"] == "parser"
    assert not any(r["format"] for r in chats)
    assert not any(r.get("tools") for r in chats)
    assert stats["chat_calls"] == data["usage"]["llm_calls"] == 3
    assert set(data["trip"]["interests"]) == {"food", "art"}
    assert data["trip"]["budget_amount"] == 900 and data["trip"]["budget_currency"] == "USD"


def test_with_one_model_slot_each_call_continues_the_previous_conversation(
    tools_double: Double, mcp_server_url: str
) -> None:
    _, _, chats = json_run(tools_double, mcp_server_url, REQUEST)
    research, weather, planner = chats
    assert research["roles"] == ["system", "user"]
    assert weather["roles"] == ["system", "user", "assistant", "user"]
    assert planner["roles"] == ["system", "user", "assistant", "user", "assistant", "user"]
    # The model evaluates only the new turn: what the previous call read is cached, and its
    # answer too (the generated count is per streamed piece, a little above the text's).
    for before, call in ((research, weather), (weather, planner)):
        answer = call["cached_tokens"] - before["prompt_tokens"]
        assert before["generated_tokens"] * 0.9 <= answer <= before["generated_tokens"] + 4
        assert call["evaluated_tokens"] < call["prompt_tokens"] // 2, (before, call)


def test_a_vague_request_asks_the_model_with_the_json_schema(
    tools_double: Double, mcp_server_url: str
) -> None:
    data, stats, chats = json_run(tools_double, mcp_server_url, VAGUE)
    assert "model" in data["trip"]["readings"].values()
    assert [r["format"] for r in chats].count("schema") == 1
    assert stats["chat_calls"] == data["usage"]["llm_calls"] == 4
    assert data["trip"]["destination"] == "Barcelona"
    assert data["trip"]["start_date"].endswith("-03-01")  # meteorological spring
    assert any(
        '"spring" read as the season from March to May' in a["text"]
        for a in data["trip"]["assumptions"]
    )


def test_every_call_uses_the_same_context_size_so_the_model_loads_once(
    tools_double: Double, mcp_server_url: str
) -> None:
    env = planner_env(
        OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url, OLLAMA_NUM_CTX="8192"
    )
    assert run_planner(REQUEST, env=env).returncode == 0
    stats = tools_double.stats()
    chats = [r for r in stats["records"] if r["endpoint"] == "chat"]
    assert {r["options"].get("num_ctx") for r in chats} == {8192}
    assert {r["keep_alive"] for r in chats} == {"30m"}
    assert stats["loads"] <= 1
    # The model is asked to load as soon as Ollama lists it, with the calls' settings, so a
    # model unloaded while idle loads while the planner is still starting.
    [load] = stats["load_requests"]
    assert (load["reason"], load["num_ctx"]) == ("load", 8192)
    assert load["received_at"] < min(r["received_at"] for r in chats)


def test_interactive_session_over_stdin_refines_the_plan(
    tools_double: Double, mcp_server_url: str
) -> None:
    session = f"{REQUEST}\nmake day 2 more relaxed\nexit\n"
    result = run_planner_ok(tools_double, mcp_server_url, stdin=session)
    out = result.stdout
    assert out.count("# 3 days in Madrid, Spain") == 2
    assert out.count("### Day 2 ") == 2
    records = tools_double.stats()["records"]
    first_calls = [r for r in records if r["endpoint"] == "chat"]
    # The follow-up re-runs only the planner: one more model call, no new trip (and code
    # read the request, so no understanding call at all).
    assert sum(1 for r in first_calls if r["format"] == "schema") == 0
    assert len(first_calls) == 3 + 1


@pytest.mark.parametrize("behaviour", ["no-tools", "json-text-tools"])
def test_plan_survives_models_that_do_not_call_tools_properly(
    double: Double, mcp_server_url: str, behaviour: str
) -> None:
    double.use(behaviour)
    result = run_planner_ok(double, mcp_server_url, REQUEST)
    for n in (1, 2, 3):
        assert f"### Day {n} " in result.stdout
    assert '"arguments"' not in result.stdout
    assert '"name"' not in result.stdout


def test_a_model_that_always_fails_is_reported_as_unavailable(
    double: Double, mcp_server_url: str
) -> None:
    double.use("errors")
    env = planner_env(OLLAMA_HOST=double.url, MCP_SERVER_URL=mcp_server_url)
    result = run_planner(REQUEST, env=env)
    assert result.returncode == 3
    assert "Ollama" in result.stderr and double.url in result.stderr
    assert "Fix:" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("session", "question", "heading", "first_day"),
    [
        (
            "3 days of food and art from 2027-04-30\nMadrid\nquit\n",
            "Where would you like to go?",
            "# 3 days in Madrid, Spain",
            "### Day 1 — Friday, April 30, 2027",
        ),
        (
            "3 días de comida y arte desde el 2027-04-30\nMadrid\nsalir\n",
            "¿Adónde te gustaría ir?",
            "# 3 días en Madrid, España",
            "### Día 1 — viernes, 30 de abril de 2027",
        ),
    ],
    ids=["en", "es"],
)
def test_interactive_session_asks_for_a_missing_destination(
    tools_double: Double,
    mcp_server_url: str,
    session: str,
    question: str,
    heading: str,
    first_day: str,
) -> None:
    result = run_planner_ok(tools_double, mcp_server_url, stdin=session)
    assert question in result.stderr
    assert heading in result.stdout
    assert first_day in result.stdout


@pytest.mark.parametrize(
    ("request_text", "reading", "done", "heading"),
    [
        ("3 días en Sevilla desde 2027-04-30", "Leyendo tu solicitud", "Plan listo", "# 3 días"),
        (
            "3 Tage in München ab 2027-04-30",
            "Deine Anfrage wird gelesen",
            "Plan fertig",
            "# 3 Tage",
        ),
    ],
)
def test_progress_and_plan_speak_the_request_language(
    tools_double: Double, mcp_server_url: str, request_text: str, reading: str, done: str,
    heading: str,
) -> None:  # fmt: skip
    result = run_planner_ok(tools_double, mcp_server_url, request_text)
    assert reading in result.stderr and done in result.stderr
    assert "Reading your request" not in result.stderr
    assert result.stdout.startswith(heading)
