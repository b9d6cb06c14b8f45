"""The MCP surface in-process (in-memory client): schemas, results, errors, offline safety."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from fastmcp import Client
from tool_cases import BAD_CALLS, FORECAST_URL, RATES_URL, TOOL_NAMES, deps_for, future, good_calls

from travel_mcp_server.config import DataMode
from travel_mcp_server.server import ToolDependencies, build_server

pytestmark = pytest.mark.unit


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record and refuse every attempt to reach a non-loopback address."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def loopback(host: Any) -> bool:
        return str(host) in {"127.0.0.1", "::1", "localhost"}

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if not loopback(host) and self.family != socket.AF_UNIX:
            attempts.append(f"connect {host}")
            raise OSError("network disabled in this test")
        return real_connect(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not loopback(host):
            attempts.append(f"resolve {host}")
            raise OSError("network disabled in this test")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield attempts


async def call(deps: ToolDependencies, tool: str, args: dict[str, Any]) -> Any:
    async with Client(build_server(deps)) as client:
        return await client.call_tool(tool, args, raise_on_error=False)


async def test_tools_are_listed_with_described_parameters(base_deps: ToolDependencies) -> None:
    async with Client(build_server(base_deps)) as client:
        tools = {tool.name: tool for tool in await client.list_tools()}
    assert set(tools) >= TOOL_NAMES
    for name in TOOL_NAMES:
        tool = tools[name]
        assert tool.description
        for prop, schema in tool.input_schema["properties"].items():
            assert schema.get("description"), f"{name}.{prop} has no description"


async def test_echo_only_when_enabled(base_deps: ToolDependencies) -> None:
    settings = base_deps.settings.model_copy(update={"enable_echo": False})
    from dataclasses import replace

    async with Client(build_server(replace(base_deps, settings=settings))) as client:
        names = {tool.name for tool in await client.list_tools()}
    assert "echo" not in names
    result = await call(base_deps, "echo", {"text": "hi"})
    assert result.structured_content == {"text": "hi", "source": "echo"}


async def test_every_tool_answers_offline_without_network(
    base_deps: ToolDependencies, network_attempts: list[str]
) -> None:
    async with Client(build_server(base_deps)) as client:
        for tool, args in good_calls():
            result = await client.call_tool(tool, args, raise_on_error=False)
            assert not result.is_error, (tool, result.content)
            assert result.structured_content["source"], tool
    assert network_attempts == []


@pytest.mark.parametrize(("tool", "args", "fragment"), BAD_CALLS, ids=lambda v: str(v)[:40])
async def test_bad_input_is_a_tool_error(
    base_deps: ToolDependencies, tool: str, args: dict[str, Any], fragment: str
) -> None:
    result = await call(base_deps, tool, args)
    assert result.is_error
    text = result.content[0].text
    assert fragment in text
    for internal in ("Traceback", "call[", "_tool", "pydantic", "input_value"):
        assert internal not in text


async def test_unexpected_failure_is_masked(
    base_deps: ToolDependencies, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: Any, **__: Any) -> Any:
        raise KeyError("internal detail")

    monkeypatch.setattr("travel_mcp_server.server.travel_distance", explode)
    result = await call(base_deps, "travel_distance", {"from_place": "Oslo", "to_place": "Bergen"})
    assert result.is_error
    assert (
        result.content[0].text
        == "travel_distance failed unexpectedly on the server; try again later."
    )


@respx.mock
async def test_online_mode_through_the_protocol(base_deps: ToolDependencies) -> None:
    respx.get(RATES_URL).mock(
        return_value=httpx.Response(
            200, json={"amount": 1.0, "base": "EUR", "date": "2026-11-27", "rates": {"USD": 1.16}}
        )
    )
    deps = deps_for(base_deps, DataMode.ONLINE)
    result = await call(
        deps, "convert_currency", {"amount": 10, "from_currency": "EUR", "to_currency": "USD"}
    )
    assert result.structured_content["mode"] == "live"
    assert result.structured_content["converted"] == 11.6

    respx.get(FORECAST_URL).mock(return_value=httpx.Response(503))
    failed = await call(
        deps, "weather", {"place": "Paris", "start_date": future(1), "end_date": future(2)}
    )
    assert failed.is_error
    assert "Open-Meteo forecast) is unavailable: HTTP 503" in failed.content[0].text


async def test_auto_mode_falls_back_when_the_network_is_down(
    base_deps: ToolDependencies, network_attempts: list[str]
) -> None:
    deps = deps_for(base_deps, DataMode.AUTO, timeout=0.5)
    result = await call(
        deps, "convert_currency", {"amount": 10, "from_currency": "EUR", "to_currency": "USD"}
    )
    assert not result.is_error
    assert result.structured_content["mode"] == "offline snapshot"
    assert "answered from bundled offline data" in result.structured_content["note"]
    assert network_attempts  # the live source was tried, then the snapshot answered
