"""The Researcher: offered no tools, and a tool call written as text is never its brief."""

import json
from types import SimpleNamespace
from typing import Any

import pytest

from tests.orchestrator.sample_facts import lisbon_facts, lisbon_trip
from travel_planner import prompts, workflow
from travel_planner.config import load_settings

pytestmark = pytest.mark.unit

TEXT_CALL = json.dumps(
    {"name": "travel_distance", "arguments": {"from_place": "Lisbon", "to_place": "Sintra"}}
)


class FakeRun:
    def __init__(self, answers: list[str]) -> None:
        self.client = None
        self.settings = load_settings(ollama_host="http://127.0.0.1:1")
        self.answers = answers
        self.prompts: list[str] = []
        self.warnings: list[str] = []

    async def ask(self, agent: Any, prompt: str, step: str) -> Any:
        self.prompts.append(prompt)
        return SimpleNamespace(text=self.answers.pop(0))

    def status(self, step: str, text: str) -> None:
        return None

    def done(self, step: str, text: str) -> None:
        return None

    def warn(self, step: str, text: str) -> None:
        self.warnings.append(text)


class FakeContext:
    def __init__(self) -> None:
        self.sent: list[Any] = []

    async def send_message(self, message: Any) -> None:
        self.sent.append(message)


def made_agents(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    made: list[dict[str, Any]] = []

    def researcher_agent(client: Any, settings: Any, *rest: Any, **kw: Any) -> str:
        made.append({"rest": rest, "kw": kw})
        return "agent"

    monkeypatch.setattr(workflow.agents, "researcher_agent", researcher_agent)
    return made


async def brief_for(run: FakeRun) -> str:
    grounded = workflow.Grounded(lisbon_trip(), lisbon_facts())
    ctx = FakeContext()
    executor = workflow.ResearchBrief(run)  # type: ignore[arg-type]
    await executor.research(grounded, ctx)  # type: ignore[arg-type]
    return str(ctx.sent[0].text)


async def test_the_researcher_is_offered_no_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    made = made_agents(monkeypatch)
    run = FakeRun(["- Stay in Alfama.\n- Eat pastéis de nata in Belém."])
    assert "Alfama" in await brief_for(run)
    assert made == [{"rest": (), "kw": {}}]
    assert len(run.prompts) == 1


async def test_a_text_tool_call_is_never_the_brief(monkeypatch: pytest.MonkeyPatch) -> None:
    made_agents(monkeypatch)
    run = FakeRun([TEXT_CALL, "- Walk the Baixa grid."])
    brief = await brief_for(run)
    assert brief == "- Walk the Baixa grid."
    assert run.prompts[1].endswith(prompts.NO_TOOLS_REMINDER)

    run = FakeRun([TEXT_CALL, TEXT_CALL])
    assert await brief_for(run) == ""
    assert run.warnings == ["researcher: no usable brief from the model"]
