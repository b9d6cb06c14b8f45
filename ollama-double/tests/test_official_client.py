"""The official ``ollama`` Python client cannot tell the double from Ollama."""

from __future__ import annotations

import json

import jsonschema
import ollama
import pytest
from double_cases import TRIP_SCHEMA, WEATHER_TOOL, stats

from ollama_double.launcher import running_ollama_double

pytestmark = pytest.mark.integration


@pytest.fixture
def client(double: str) -> ollama.AsyncClient:
    return ollama.AsyncClient(host=double)


async def test_chat_without_streaming_returns_a_tool_call(client: ollama.AsyncClient) -> None:
    response = await client.chat(
        model="phi4-mini",
        messages=[{"role": "user", "content": "Weather in Lisbon from 2027-05-10 to 2027-05-12?"}],
        tools=[WEATHER_TOOL],
        stream=False,
    )
    assert response.done is True
    assert response.message.role == "assistant"
    (call,) = response.message.tool_calls or []
    assert call.function.name == "weather"
    assert call.function.arguments["place"] == "Lisbon"
    assert call.function.arguments["start_date"] == "2027-05-10"
    assert call.function.arguments["end_date"] == "2027-05-12"
    assert response.prompt_eval_count and response.eval_count
    assert response.total_duration and response.total_duration > 0


async def test_tool_result_turn_gets_a_text_answer(client: ollama.AsyncClient, double: str) -> None:
    first = await client.chat(
        model="phi4-mini",
        messages=[{"role": "user", "content": "Weather in Lisbon from 2027-05-10?"}],
        tools=[WEATHER_TOOL],
    )
    calls = first.message.tool_calls or []
    messages = [
        {"role": "user", "content": "Weather in Lisbon from 2027-05-10?"},
        first.message,
        {"role": "tool", "tool_name": "weather", "content": json.dumps({"temp_max_c": 24})},
    ]
    second = await client.chat(model="phi4-mini", messages=messages, tools=[WEATHER_TOOL])
    assert calls and not second.message.tool_calls
    assert "24" in (second.message.content or "")
    roles = stats(double)["records"][-1]["roles"]
    assert roles == ["user", "assistant", "tool"]


async def test_streaming_chat_yields_chunks_then_a_final_chunk(
    client: ollama.AsyncClient, double: str
) -> None:
    parts = []
    async for part in await client.chat(
        model="phi4-mini",
        messages=[{"role": "user", "content": "Tell me about Porto and its food"}],
        stream=True,
        options={"num_ctx": 8192, "temperature": 0.2},
        keep_alive="10m",
    ):
        parts.append(part)
    assert len(parts) > 3
    assert all(not p.done for p in parts[:-1])
    final = parts[-1]
    assert final.done is True and final.done_reason == "stop"
    text = "".join(p.message.content or "" for p in parts)
    assert "Porto" in text
    assert final.eval_count == stats(double)["generated_tokens"]
    for field in ("total_duration", "load_duration", "prompt_eval_duration", "eval_duration"):
        assert getattr(final, field) > 0
    record = stats(double)["records"][-1]
    assert record["options"] == {"num_ctx": 8192, "temperature": 0.2}
    assert record["keep_alive"] == "10m"


async def test_streaming_tool_call_arrives_in_a_chunk(client: ollama.AsyncClient) -> None:
    calls = []
    async for part in await client.chat(
        model="qwen3:8b",
        messages=[{"role": "user", "content": "Weather in Tokyo, 2027-04-01 to 2027-04-03"}],
        tools=[WEATHER_TOOL],
        stream=True,
    ):
        calls.extend(part.message.tool_calls or [])
    assert [c.function.name for c in calls] == ["weather"]
    assert calls[0].function.arguments["country"] == "Japan"


async def test_format_schema_gives_schema_valid_json(
    client: ollama.AsyncClient, double: str
) -> None:
    response = await client.chat(
        model="phi4-mini",
        messages=[
            {"role": "system", "content": "Extract the trip request as JSON."},
            {"role": "user", "content": "two weeks in Japan in October, hiking, budget 3000 EUR"},
        ],
        format=TRIP_SCHEMA,
    )
    value = json.loads(response.message.content or "")
    jsonschema.validate(value, TRIP_SCHEMA)
    assert value["destination"] == "Japan"
    assert value["month"] == 10
    assert value["duration_days"] == 14
    assert value["budget_amount"] == 3000
    assert stats(double)["records"][-1]["format"] == "schema"


async def test_format_json_gives_an_object(client: ollama.AsyncClient) -> None:
    response = await client.chat(
        model="phi4-mini", messages=[{"role": "user", "content": "3 days in Rome"}], format="json"
    )
    assert isinstance(json.loads(response.message.content or ""), dict)


async def test_missing_model_is_a_404_response_error(client: ollama.AsyncClient) -> None:
    with pytest.raises(ollama.ResponseError) as info:
        await client.chat(model="llama3.2", messages=[{"role": "user", "content": "hi"}])
    assert info.value.status_code == 404
    assert info.value.error == 'model "llama3.2" not found, try pulling it first'


async def test_list_show_ps_and_pull(client: ollama.AsyncClient) -> None:
    names = {m.model for m in (await client.list()).models}
    assert names == {"phi4-mini:latest", "qwen3:8b"}
    shown = await client.show("phi4-mini")
    assert shown.details and shown.details.family == "phi3"
    assert "tools" in (shown.capabilities or [])
    statuses = [p.status async for p in await client.pull("llama3.2", stream=True)]
    assert statuses[0] == "pulling manifest"
    assert statuses[-3:] == ["verifying sha256 digest", "writing manifest", "success"]
    assert "llama3.2:latest" in {m.model for m in (await client.list()).models}
    await client.generate(model="llama3.2", prompt="", keep_alive="1m")
    assert "llama3.2:latest" in {m.model for m in (await client.ps()).models}
    await client.delete("llama3.2")
    assert "llama3.2:latest" not in {m.model for m in (await client.list()).models}


async def test_offline_pull_raises_response_error() -> None:
    with running_ollama_double(models=(), extra_args=("--offline",)) as url:
        client = ollama.AsyncClient(host=url)
        with pytest.raises(ollama.ResponseError) as streamed:
            async for _ in await client.pull("phi4-mini", stream=True):
                pass
        with pytest.raises(ollama.ResponseError) as plain:
            await client.pull("phi4-mini")
    assert "registry.ollama.ai" in streamed.value.error
    assert plain.value.status_code == 500
    assert plain.value.error == streamed.value.error
