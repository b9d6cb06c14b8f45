"""Through the MCP client: output schemas, control characters, redirects, log levels."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import jsonschema
import pytest
import respx
from fastmcp import Client
from tool_cases import RATES_URL, deps_for, good_calls

from travel_mcp_server.config import DataMode, load_settings
from travel_mcp_server.server import ToolDependencies, build_server, configure_logging

pytestmark = pytest.mark.unit


async def test_every_tool_publishes_an_output_schema_its_results_follow(
    base_deps: ToolDependencies,
) -> None:
    async with Client(build_server(base_deps)) as client:
        schemas = {tool.name: tool.output_schema for tool in await client.list_tools()}
        for tool, args in good_calls():
            assert schemas[tool] and schemas[tool]["type"] == "object", tool
            result = await client.call_tool(tool, args)
            jsonschema.validate(result.structured_content, schemas[tool])


async def test_place_results_keep_the_fields_callers_read(base_deps: ToolDependencies) -> None:
    async with Client(build_server(base_deps)) as client:
        result = await client.call_tool("resolve_place", {"name": "Lisboa"})
    data = result.structured_content
    for key in ("query", "best", "candidates", "ambiguous", "note", "source", "match", "area"):
        assert key in data
    for key in (
        "name",
        "ascii_name",
        "country_code",
        "country",
        "admin1",
        "latitude",
        "longitude",
        "timezone",
        "population",
        "geonameid",
    ):
        assert key in data["best"]
    async with Client(build_server(base_deps)) as client:
        distance = await client.call_tool(
            "travel_distance", {"from_place": "Oslo", "to_place": "Bergen"}
        )
    assert {"from", "to"} <= set(distance.structured_content)


@pytest.mark.parametrize("hostile", ["Par\u202eis\x00", "\u2066Paris\u2069", "Pa\x07ris\x1b"])
async def test_control_and_bidi_characters_are_stripped_never_echoed(
    base_deps: ToolDependencies, hostile: str
) -> None:
    async with Client(build_server(base_deps)) as client:
        found = await client.call_tool("resolve_place", {"name": hostile})
        missing = await client.call_tool(
            "resolve_place", {"name": hostile + "qq"}, raise_on_error=False
        )
    text = json.dumps(found.structured_content, ensure_ascii=False) + missing.content[0].text
    for bad in ("\x00", "\u202e", "\u2066", "\u2069", "\x1b"):
        assert bad not in text
    assert found.structured_content["best"]["country_code"] == "FR"


@respx.mock
async def test_live_sources_never_follow_redirects(base_deps: ToolDependencies) -> None:
    inside = respx.get("http://127.0.0.1:9/latest").mock(return_value=httpx.Response(200))
    respx.get(RATES_URL).mock(
        return_value=httpx.Response(302, headers={"Location": "http://127.0.0.1:9/latest"})
    )
    deps = deps_for(base_deps, DataMode.AUTO)
    async with Client(build_server(deps)) as client:
        result = await client.call_tool(
            "convert_currency", {"amount": 10, "from_currency": "EUR", "to_currency": "USD"}
        )
    assert result.structured_content["mode"] == "offline snapshot"
    assert "HTTP 302" in result.structured_content["note"]
    assert not inside.called


async def test_an_unknown_place_is_not_logged_as_an_error(
    base_deps: ToolDependencies, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("INFO")
    calls: list[tuple[str, dict[str, Any]]] = [
        ("resolve_place", {"name": "Qwxzzyplok"}),
        ("convert_currency", {"amount": "100", "from_currency": "USD", "to_currency": "EUR"}),
    ]
    with caplog.at_level(logging.DEBUG):
        async with Client(build_server(base_deps)) as client:
            for tool, args in calls:
                assert (await client.call_tool(tool, args, raise_on_error=False)).is_error
    loud = [r for r in caplog.records if r.levelno >= logging.INFO and "tool" in r.getMessage()]
    assert loud == []
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize("value", ["debug", "Info", " WARNING "])
def test_log_level_names_are_case_insensitive(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("LOG_LEVEL", value)
    assert load_settings().log_level == value.strip().upper()
