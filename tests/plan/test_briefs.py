"""The brief steps: one model call with the trip's shared prompt, no tools, and only checked
prose passed on (a tool call written as text is never a brief)."""

import json
from typing import Any

import pytest

from tests.plan.samples import lisbon_facts, lisbon_trip
from travel_planner import prompts, workflow
from travel_planner.config import load_settings
from travel_planner.llm import Answer

pytestmark = pytest.mark.unit

PLACES = Answer("- Stay in Alfama for its lanes and fado houses.\n- Eat pastéis de nata in Belém.")
TEXT_CALL = json.dumps(
    {"name": "travel_distance", "arguments": {"from_place": "Lisbon", "to_place": "Sintra"}}
)


class FakeModel:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.prompts: list[list[tuple[str, str]]] = []

    async def ask(self, agent: Any, messages: list[Any]) -> Answer:
        self.prompts.append([(str(m.role), m.text) for m in messages])
        return self.answer


class FakeContext:
    def __init__(self) -> None:
        self.sent: list[Any] = []
        self.events: list[Any] = []

    async def send_message(self, message: Any) -> None:
        self.sent.append(message)

    async def add_event(self, event: Any) -> None:
        self.events.append(event)


def plan_context(model: FakeModel) -> workflow.PlanContext:
    """The executors' dependencies, with `model` answering every call."""
    return workflow.PlanContext(
        settings=load_settings(ollama_host="http://127.0.0.1:1"),
        tools=None,  # type: ignore[arg-type]
        client=None,  # type: ignore[arg-type]
        model=model,  # type: ignore[arg-type]
        today=lisbon_trip().start_date,
    )


async def run_brief(
    kind: str, answer: Answer, monkeypatch: pytest.MonkeyPatch
) -> tuple[workflow.Brief, list[dict[str, Any]], FakeModel]:
    agents: list[dict[str, Any]] = []

    def build_agent(client: Any, settings: Any, role: str, instructions: str, **extra: Any) -> str:
        agents.append({"role": role, "instructions": instructions, **extra})
        return "agent"

    monkeypatch.setattr(workflow, "build_agent", build_agent)
    model = FakeModel(answer)
    context = plan_context(model)
    ctx = FakeContext()
    executor = workflow.WriteBrief(context, kind)  # type: ignore[arg-type]
    await executor.brief(workflow.Grounded(lisbon_trip(), lisbon_facts()), ctx)  # type: ignore[arg-type]
    return ctx.sent[0], agents, model


async def test_the_researcher_gets_the_shared_prompt_and_no_tools(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    brief, agents, model = await run_brief("research", PLACES, monkeypatch)
    assert brief.text == PLACES.text
    expected = prompts.research_prompt(lisbon_trip(), lisbon_facts())
    assert agents == [{"role": "researcher", "instructions": expected.system}]
    assert model.prompts == [[("user", expected.user)]]
    assert brief.conversation == (("user", expected.user), ("assistant", PLACES.text))


async def test_with_one_slot_the_weather_analyst_continues_the_researchers_conversation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    research, _, _ = await run_brief("research", PLACES, monkeypatch)
    advice = Answer("Walk on the dry days and keep the museums for Thursday.")
    model = FakeModel(advice)
    context = plan_context(model)
    ctx = FakeContext()
    await workflow.WriteBrief(context, "weather").after_research(research, ctx)  # type: ignore[arg-type]
    [[sent_research, weather]] = ctx.sent
    task = prompts.weather_task(lisbon_trip(), lisbon_facts())
    # The trip and its facts are not sent again: they are in the researcher's turn.
    assert model.prompts == [[*research.conversation, ("user", task)]]
    assert sent_research is research and weather.text == advice.text
    assert weather.conversation == (
        *research.conversation,
        ("user", task),
        ("assistant", advice.text),
    )


async def test_a_text_tool_call_is_never_the_brief(monkeypatch: pytest.MonkeyPatch) -> None:
    brief, _, _ = await run_brief("research", Answer(TEXT_CALL), monkeypatch)
    assert brief.text == ""


async def test_an_echoed_prompt_is_never_the_weather_brief(monkeypatch: pytest.MonkeyPatch) -> None:
    context = prompts.shared_context(lisbon_trip(), lisbon_facts())
    answer = Answer(context + "\nPack a light rain jacket for the wet Thursday.")
    brief, agents, _ = await run_brief("weather", answer, monkeypatch)
    assert agents[0]["role"] == "weather"
    assert brief.text == "Pack a light rain jacket for the wet Thursday."


async def test_a_failed_call_is_a_notice_and_an_empty_brief(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    brief, _, _ = await run_brief("weather", Answer("", "no answer within 300s"), monkeypatch)
    assert brief.text == ""
    [notice] = brief.notices
    assert notice.code == "model_call_failed" and "300s" in notice.detail
