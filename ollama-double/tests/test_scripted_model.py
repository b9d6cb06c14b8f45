"""Unit tests of the double's scripted model, store naming and option parsing (no processes)."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest
from double_cases import TRIP_SCHEMA, function_tool

from ollama_double import behaviours
from ollama_double.client_commands import parse_host
from ollama_double.config import parse_keep_alive
from ollama_double.costmodel import count_tokens, piece_tokens, prompt_tokens
from ollama_double.scripted.schema import fill_schema
from ollama_double.scripted.tools import tool_arguments
from ollama_double.scripted.trip import extract_trip
from ollama_double.store import InvalidModelName, ModelName, normalize

pytestmark = pytest.mark.unit


def test_extracts_city_dates_duration_and_interests() -> None:
    facts = extract_trip("4 days in Lisbon from 2027-05-10, food and museums")
    assert facts["destination"] == "Lisbon"
    assert facts["country"] == "Portugal"
    assert facts["start_date"] == "2027-05-10"
    assert facts["end_date"] == "2027-05-13"
    assert facts["duration_days"] == 4
    assert facts["month"] == 5
    assert facts["interests"] == ["food", "museums"]


def test_extracts_country_weeks_month_and_travellers() -> None:
    facts = extract_trip("two weeks in Japan in October for 2 people, hiking and temples")
    assert facts["destination"] == "Japan"
    assert facts["country"] == "Japan"
    assert facts["duration_days"] == 14
    assert facts["month"] == 10
    assert facts["travellers"] == 2
    assert facts["start_date"] is None
    assert facts["interests"] == ["hiking", "temples"]


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Paris for a weekend, budget €1500", 1500, "EUR"),
        ("Rome, 1500 EUR in total", 1500, "EUR"),
        ("Oslo with $2,000", 2000, "USD"),
        ("Vienna for 800 pounds", 800, "GBP"),
        ("no money talk at all", None, None),
    ],
)
def test_extracts_budgets(text: str, amount: float | None, currency: str | None) -> None:
    facts = extract_trip(text)
    assert facts["budget_amount"] == amount
    assert facts["budget_currency"] == currency


def test_home_currency_and_date_range() -> None:
    facts = extract_trip(
        "Porto from 2027-03-01 to 2027-03-05, my home currency is USD, budget 900 EUR"
    )
    assert facts["destination"] == "Porto"
    assert facts["end_date"] == "2027-03-05"
    assert facts["duration_days"] == 5
    assert facts["home_currency"] == "USD"
    assert facts["budget_currency"] == "EUR"


def test_fill_schema_is_valid_and_uses_known_names() -> None:
    facts = extract_trip("4 days in Lisbon from 2027-05-10, food and museums, €1500")
    value = fill_schema(TRIP_SCHEMA, facts)
    jsonschema.validate(value, TRIP_SCHEMA)
    assert value["destination"] == "Lisbon"
    assert value["budget_amount"] == 1500
    assert value["interests"] == ["food", "museums"]
    assert value["pace"] == "relaxed"  # unknown, required, enum -> first option
    assert value["notes"] is None  # unknown, nullable -> null
    assert value["travellers"] is None


def test_fill_schema_follows_refs_and_nested_objects() -> None:
    schema = {
        "$defs": {
            "Budget": {
                "type": "object",
                "properties": {"budget_amount": {"type": "number"}, "label": {"type": "string"}},
                "required": ["budget_amount", "label"],
            }
        },
        "type": "object",
        "properties": {"budget": {"$ref": "#/$defs/Budget"}, "month": {"type": "integer"}},
        "required": ["budget", "month"],
    }
    value = fill_schema(schema, extract_trip("Nice in June with 300 EUR"))
    jsonschema.validate(value, schema)
    assert value == {"budget": {"budget_amount": 300, "label": ""}, "month": 6}


def test_planner_prompt_gets_day_sections() -> None:
    prompt = (
        "Plan the trip to Lisbon. Interests: food, museums.\n"
        "Day 1 (2027-05-10, Monday): 21°C, dry\n"
        "Day 2 (2027-05-11, Tuesday): public holiday\n"
        "Answer with ### Day N headings."
    )
    reply = behaviours.scripted_reply("no-tools", [{"role": "user", "content": prompt}], None, None)
    lines = reply.content.splitlines()
    assert [line for line in lines if line.startswith("### ")] == [
        "### Day 1 (2027-05-10, Monday)",
        "### Day 2 (2027-05-11, Tuesday)",
    ]
    for label in ("- Morning:", "- Afternoon:", "- Evening:"):
        assert sum(line.startswith(label) for line in lines) == 2
    assert "Lisbon" in reply.content
    assert "public holiday" in reply.content


def test_a_researcher_prompt_gets_places_that_suit_the_interests() -> None:
    prompt = (
        "Trip to Lisbon, Portugal: 3 days; interests: food, art.\n\n"
        "Researcher: name places in Lisbon: neighbourhoods to walk, sights and places to eat."
    )
    reply = behaviours.scripted_reply("no-tools", [{"role": "user", "content": prompt}], None, None)
    bullets = reply.content.splitlines()
    assert len(bullets) >= 3 and all(line.startswith("- ") for line in bullets)
    assert bullets[0].startswith("- Central Market:")  # food first, as the interests say
    assert bullets[1].startswith("- Fine Arts Museum:")
    assert not any(ch.isdigit() for ch in reply.content)


@pytest.mark.parametrize(
    ("weather", "said", "umbrella"),
    [
        ("Day 1, Monday: hot, dry.\nDay 2, Tuesday: hot, dry.", "hot", False),
        ("Day 1, Monday: mild, rain likely; public holiday: X.", "indoor", True),
        ("Usual weather in May (climate averages, not a forecast): cool, often wet.", "cool", True),
    ],
)
def test_a_weather_analyst_prompt_gets_advice_on_plans_and_clothes(
    weather: str, said: str, umbrella: bool
) -> None:
    prompt = f"{weather}\n\nWeather analyst: say which days suit outdoor plans and what to wear."
    reply = behaviours.scripted_reply("no-tools", [{"role": "user", "content": prompt}], None, None)
    assert said in reply.content and "Wear " in reply.content
    assert ("umbrella" in reply.content) is umbrella
    assert not any(ch.isdigit() for ch in reply.content)


def test_tool_choice_and_arguments_come_from_the_conversation() -> None:
    tools = [
        function_tool(
            "convert_currency",
            "Convert an amount between currencies",
            {"amount": "number", "from_currency": "string", "to_currency": "string"},
        ),
        function_tool(
            "weather",
            "Weather forecast or climate normals for a place and dates",
            {"place": "string", "start_date": "string", "end_date": "string", "country": "string"},
            required=["place", "start_date", "end_date"],
        ),
    ]
    messages = [
        {"role": "user", "content": "What will the weather be in Lisbon, 2027-05-10 to 2027-05-12?"}
    ]
    reply = behaviours.scripted_reply("tools", messages, tools, None)
    assert reply.content == ""
    (call,) = reply.tool_calls
    assert call["function"]["name"] == "weather"
    assert call["function"]["arguments"] == {
        "place": "Lisbon",
        "start_date": "2027-05-10",
        "end_date": "2027-05-12",
        "country": "Portugal",
    }
    # Once a tool result is in the conversation, the answer is text using it.
    messages += [
        {"role": "assistant", "content": "", "tool_calls": reply.tool_calls},
        {"role": "tool", "tool_name": "weather", "content": json.dumps({"temp_max_c": 23.5})},
    ]
    after = behaviours.scripted_reply("tools", messages, tools, None)
    assert not after.tool_calls
    assert "23.5" in after.content


def test_json_text_tools_puts_the_call_in_content() -> None:
    tools = [function_tool("resolve_place", "", {"name": "string"})]
    messages = [{"role": "user", "content": "Where is Kyoto?"}]
    reply = behaviours.scripted_reply("json-text-tools", messages, tools, None)
    assert reply.tool_calls == []
    assert json.loads(reply.content) == {"name": "resolve_place", "arguments": {"name": "Kyoto"}}
    assert behaviours.scripted_reply("no-tools", messages, tools, None).tool_calls == []


def test_missing_dates_default_to_a_future_month() -> None:
    tool = function_tool(
        "sun_times", "", {"place": "string", "start_date": "string", "end_date": "string"}
    )
    args = tool_arguments(tool, "Iceland in March for 3 days", today=date(2026, 11, 29))
    assert args == {"place": "Iceland", "start_date": "2027-03-01", "end_date": "2027-03-03"}


@pytest.mark.parametrize(
    "text", ["", "a", "Hello there,  world!\n", '{\n  "a": [1, 2]\n}', "x" * 40]
)
def test_split_pieces_join_back(text: str) -> None:
    assert "".join(behaviours.split_pieces(text)) == text


def test_token_counting_is_deterministic() -> None:
    assert count_tokens("") == 0
    assert count_tokens("abcd") == 1
    assert count_tokens("abcde") == 2
    assert piece_tokens(" a") == 1
    messages = [{"role": "user", "content": "x" * 40}]
    assert prompt_tokens(messages) == 14
    assert prompt_tokens(messages, tools=[{"a": 1}]) > 14
    # A format schema becomes a sampling grammar, not prompt text (as in Ollama).
    assert prompt_tokens(messages, fmt={"type": "object"}) == 14


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("phi4-mini", "phi4-mini:latest"),
        ("phi4-mini:latest", "phi4-mini:latest"),
        ("Qwen2.5:7B", "qwen2.5:7B"),
        ("library/llama3.2", "llama3.2:latest"),
        ("me/model:v1", "me/model:v1"),
        ("registry.ollama.ai/library/phi4-mini:latest", "phi4-mini:latest"),
        ("example.com/ns/model", "example.com/ns/model:latest"),
    ],
)
def test_model_names_normalise_like_ollama(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", ["", "  ", "../x", "a/../b"])
def test_bad_model_names_are_rejected(raw: str) -> None:
    with pytest.raises(InvalidModelName):
        ModelName.parse(raw)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, 300.0),
        ("5m", 300.0),
        ("1h30m", 5400.0),
        ("30s", 30.0),
        (0, 0.0),
        ("-1", None),
        (-1, None),
        ("120", 120.0),
    ],
)
def test_keep_alive_parsing(value: object, seconds: float | None) -> None:
    assert parse_keep_alive(value, "5m") == seconds


def test_keep_alive_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="invalid duration"):
        parse_keep_alive("soon", "5m")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ("http", "127.0.0.1", 11434)),
        ("0.0.0.0:11434", ("http", "0.0.0.0", 11434)),
        ("0.0.0.0", ("http", "0.0.0.0", 11434)),
        ("http://ollama:11434", ("http", "ollama", 11434)),
        ("http://ollama", ("http", "ollama", 80)),
        ("https://example.org/", ("https", "example.org", 443)),
        (":9999", ("http", "127.0.0.1", 9999)),
    ],
)
def test_ollama_host_parsing(value: str | None, expected: tuple[str, str, int]) -> None:
    assert parse_host(value) == expected


def _tool(name: str, description: str) -> dict:
    return function_tool(
        name, description, {"place": "string", "start_date": "string"}, required=["place"]
    )


MCP_LIKE = [
    _tool("resolve_place", "Find a place by name"),
    _tool("weather", "Weather forecast or climate normals"),
    _tool("public_holidays", "Public holidays in a country"),
]


def test_more_tool_rounds_call_other_relevant_tools() -> None:
    messages: list[dict] = [
        {"role": "system", "content": "Check the weather and public holidays."},
        {"role": "user", "content": "Lisbon from 2027-05-10"},
    ]
    names = []
    for _ in range(4):
        reply = behaviours.scripted_reply("tools", messages, MCP_LIKE, None, max_tool_rounds=3)
        if not reply.tool_calls:
            break
        names.append([c["function"]["name"] for c in reply.tool_calls])
        messages.append({"role": "assistant", "content": "", "tool_calls": reply.tool_calls})
        for call in reply.tool_calls:
            messages.append(
                {"role": "tool", "tool_name": call["function"]["name"], "content": "{}"}
            )
    assert names == [["public_holidays"], ["weather"]]
    assert reply.content and not reply.tool_calls


def test_parallel_tool_calls_in_one_turn() -> None:
    messages = [
        {"role": "system", "content": "Check the weather and public holidays."},
        {"role": "user", "content": "Lisbon from 2027-05-10"},
    ]
    reply = behaviours.scripted_reply("tools", messages, MCP_LIKE, None, parallel_tool_calls=3)
    assert [c["function"]["name"] for c in reply.tool_calls] == ["public_holidays", "weather"]
    assert [c["function"]["index"] for c in reply.tool_calls] == [0, 1]
    assert len({c["id"] for c in reply.tool_calls}) == 2


def test_a_new_user_turn_starts_tool_use_again() -> None:
    messages = [
        {"role": "user", "content": "Weather in Lisbon?"},
        {"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "weather"}}]},
        {"role": "tool", "tool_name": "weather", "content": "{}"},
        {"role": "assistant", "content": "It is mild."},
        {"role": "user", "content": "And the weather in Porto?"},
    ]
    reply = behaviours.scripted_reply("tools", messages, MCP_LIKE, None)
    assert reply.tool_calls[0]["function"]["arguments"]["place"] == "Porto"


def test_tiny_model_request_mapping_without_loading_it() -> None:
    from ollama_double.tiny import TinyModel

    model = TinyModel(max_tokens=64, tool_mode="constrained")
    tools = [MCP_LIKE[1]]
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Weather in Lisbon?"},
    ]
    request = model.build_request(messages, tools, None, {"num_predict": 500, "temperature": 0})
    assert request["messages"][0]["role"] == "system"
    assert "weather" in request["messages"][0]["content"]
    assert request["response_format"]["json_schema"]["schema"]["properties"]["name"] == {
        "const": "weather"
    }
    assert request["temperature"] == 0 and request["max_tokens"] == 192
    call = {"function": {"name": "weather", "arguments": {"place": "Lisbon"}}}
    later = [
        *messages,
        {"role": "assistant", "content": "", "tool_calls": [call]},
        {"role": "tool", "tool_name": "weather", "content": "{}"},
    ]
    after = model.build_request(later, tools, TRIP_SCHEMA, {})
    assert after["response_format"]["json_schema"]["schema"] == TRIP_SCHEMA
    assert after["max_tokens"] == 64
    assert [m["role"] for m in after["messages"]] == ["system", "user", "assistant", "user"]
    assert after["messages"][-1]["content"] == "Result of weather: {}"
    truncated = '{"name": "weather", "arguments": {"place": "Lisbon"'
    (parsed,) = TinyModel.parse_tool_call(truncated, tools)
    assert parsed["function"] == {"index": 0, "name": "weather", "arguments": {"place": "Lisbon"}}
    assert TinyModel.parse_tool_call('{"name": "nope", "arguments": {}}', tools) == []
    assert TinyModel.parse_tool_call("Lisbon is sunny.", tools) == []
