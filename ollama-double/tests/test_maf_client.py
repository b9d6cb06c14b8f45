"""Microsoft Agent Framework's OllamaChatClient against the double."""

from __future__ import annotations

import json
from typing import Annotated

import pytest
from agent_framework import Message, tool
from agent_framework_ollama import OllamaChatClient
from double_cases import stats

pytestmark = pytest.mark.integration


async def test_get_response_returns_text_and_usage(double: str) -> None:
    client = OllamaChatClient(host=double, model="phi4-mini")
    response = await client.get_response(
        [Message(role="user", contents=["Suggest a relaxed weekend in Vienna with museums"])]
    )
    assert "Vienna" in response.text
    assert response.usage_details is not None
    assert response.usage_details.get("output_token_count", 0) > 0


async def test_agent_streams_a_planner_answer(double: str) -> None:
    agent = OllamaChatClient(host=double, model="phi4-mini").as_agent(
        name="Planner", instructions="You plan trips day by day."
    )
    prompt = "Trip to Kyoto, temples and food.\nDay 1 (2027-04-05, Monday): mild\n"
    chunks = [update.text async for update in agent.run(prompt, stream=True)]
    text = "".join(chunks)
    assert len(chunks) > 3
    assert text.startswith("### Day 1 (2027-04-05, Monday)")
    assert "- Morning:" in text and "- Evening:" in text
    record = stats(double)["records"][-1]
    assert record["stream"] is True
    assert record["roles"] == ["system", "user"]


async def test_agent_runs_the_tool_the_double_calls(double: str) -> None:
    seen: list[dict[str, str]] = []

    @tool
    def weather(
        place: Annotated[str, "City name"],
        start_date: Annotated[str, "First day, YYYY-MM-DD"],
        end_date: Annotated[str, "Last day, YYYY-MM-DD"],
    ) -> str:
        """Weather forecast or climate normals for a place and date range."""
        seen.append({"place": place, "start_date": start_date, "end_date": end_date})
        return json.dumps({"place": place, "temp_max_c": 22.5, "precipitation_mm": 1.2})

    agent = OllamaChatClient(host=double, model="phi4-mini").as_agent(
        name="WeatherAnalyst",
        instructions="Use the weather tool, then summarise.",
        tools=[weather],
    )
    response = await agent.run("What is the weather in Lisbon from 2027-05-10 to 2027-05-12?")
    assert seen == [{"place": "Lisbon", "start_date": "2027-05-10", "end_date": "2027-05-12"}]
    assert "22.5" in response.text
    records = stats(double)["records"]
    assert [r["tool_calls"] for r in records] == [["weather"], []]
    assert records[1]["roles"] == ["system", "user", "assistant", "tool"]
    assert all(r["tools"] for r in records)


async def test_response_format_schema_through_maf(double: str) -> None:
    client = OllamaChatClient(host=double, model="phi4-mini")
    schema = {
        "type": "object",
        "properties": {
            "destination": {"type": ["string", "null"]},
            "duration_days": {"type": ["integer", "null"]},
        },
        "required": ["destination", "duration_days"],
    }
    response = await client.get_response(
        [Message(role="user", contents=["5 days in Seville"])],
        options={"response_format": schema},
    )
    assert json.loads(response.text) == {"destination": "Seville", "duration_days": 5}
