"""The real server as a subprocess on loopback, driven by the FastMCP client over HTTP."""

from __future__ import annotations

import json
import textwrap
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastmcp import Client
from fastmcp.client.transports import StreamableHttpTransport
from tests.support.otlp_receiver import OtlpReceiver
from tool_cases import BAD_CALLS, TOOL_NAMES, good_calls

from travel_mcp_server.process import running_mcp_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Installed through PYTHONPATH into the server process: every non-loopback connection attempt
# is refused and written to a log, so the test can prove offline mode never reaches the internet.
NETWORK_GUARD = textwrap.dedent(
    """
    import os, socket
    _log = os.environ["NETWORK_GUARD_LOG"]
    open(_log + ".active", "w").close()
    _connect, _getaddrinfo = socket.socket.connect, socket.getaddrinfo
    _LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0"}
    def _record(what):
        with open(_log, "a") as fh:
            fh.write(what + "\\n")
    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if self.family != socket.AF_UNIX and str(host) not in _LOOPBACK:
            _record("connect " + str(host))
            raise OSError("network disabled by test guard")
        return _connect(self, address)
    def getaddrinfo(host, *args, **kwargs):
        if host is not None and str(host) not in _LOOPBACK:
            _record("resolve " + str(host))
            raise OSError("network disabled by test guard")
        return _getaddrinfo(host, *args, **kwargs)
    socket.socket.connect = connect
    socket.getaddrinfo = getaddrinfo
    """
)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with running_mcp_server(
        data_mode="offline", extra_env={"TRAVEL_TOOLS_ENABLE_ECHO": "1"}
    ) as url:
        yield url


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


async def test_lists_tools_and_answers(server_url: str) -> None:
    async with Client(server_url) as client:
        names = {tool.name for tool in await client.list_tools()}
        assert names == TOOL_NAMES | {"echo"}
        results = {tool: await client.call_tool(tool, args) for tool, args in good_calls()}
    santiago = results["resolve_place"].structured_content
    assert santiago["ambiguous"] is True and santiago["best"]["country_code"] == "CL"
    assert results["country_facts"].structured_content["capital"] == "Tokyo"
    assert {"date": "2027-07-14", "name": "National Day"} in results[
        "public_holidays"
    ].structured_content["holidays"]
    money = results["convert_currency"].structured_content
    assert money["mode"] == "offline snapshot" and money["rate_date"]
    sydney = results["local_time"].structured_content
    assert sydney["dst_changes"][0]["date"] == "2027-04-04"
    assert results["sun_times"].structured_content["days"][0]["daylight_hours"] > 20
    rome = results["weather"].structured_content
    assert rome["kind"] == "climate_normals" and rome["label"] == "climate normals, not a forecast"
    assert results["travel_distance"].structured_content["distance_km"] == pytest.approx(
        503, abs=10
    )


async def test_bad_input_for_every_tool(server_url: str) -> None:
    async with Client(server_url) as client:
        for tool, args, fragment in BAD_CALLS:
            result = await client.call_tool(tool, args, raise_on_error=False)
            assert result.is_error, (tool, args)
            text = result.content[0].text
            assert fragment in text, (tool, text)
            assert "Traceback" not in text
    assert {tool for tool, _, _ in BAD_CALLS} == TOOL_NAMES


def test_health_reports_mode_and_dataset_dates(server_url: str) -> None:
    health = _get_json(server_url.removesuffix("/mcp") + "/health")
    assert health["status"] == "ok"
    assert health["data_mode"] == "offline"
    assert health["version"]
    assert {"climate_normals", "currency_rates", "holidays", "places"} <= set(health["datasets"])


async def test_offline_server_never_opens_an_internet_socket(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(NETWORK_GUARD)
    log = tmp_path / "network.log"
    env = {"PYTHONPATH": str(tmp_path), "NETWORK_GUARD_LOG": str(log)}
    with running_mcp_server(data_mode="offline", extra_env=env) as url:
        async with Client(url) as client:
            for tool, args in good_calls():
                result = await client.call_tool(tool, args, raise_on_error=False)
                assert not result.is_error, (tool, result.content)
    assert (tmp_path / "network.log.active").exists(), "guard was not loaded"
    assert not log.exists() or log.read_text() == ""


async def test_auto_mode_without_network_falls_back_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(NETWORK_GUARD)
    log = tmp_path / "network.log"
    env = {
        "PYTHONPATH": str(tmp_path),
        "NETWORK_GUARD_LOG": str(log),
        "TRAVEL_TOOLS_LIVE_TIMEOUT_SECONDS": "1",
    }
    with running_mcp_server(data_mode="auto", extra_env=env) as url:
        async with Client(url) as client:
            money = await client.call_tool(
                "convert_currency", {"amount": 5, "from_currency": "USD", "to_currency": "EUR"}
            )
    assert money.structured_content["mode"] == "offline snapshot"
    assert "answered from bundled offline data" in money.structured_content["note"]
    assert "resolve" in log.read_text()


# OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL (the path /v1/traces is added);
# OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the full URL of the traces endpoint, used as it is.
@pytest.mark.parametrize(
    ("variable", "path"),
    [("OTEL_EXPORTER_OTLP_ENDPOINT", ""), ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "/v1/traces")],
)
async def test_tool_call_span_joins_the_callers_trace(variable: str, path: str) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    parent_id = "00f067aa0ba902b7"
    with OtlpReceiver() as receiver:
        env = {variable: receiver.endpoint + path, "OTEL_SERVICE_NAME": "travel-mcp-server"}
        with running_mcp_server(data_mode="offline", extra_env=env) as url:
            transport = StreamableHttpTransport(
                url, headers={"traceparent": f"00-{trace_id}-{parent_id}-01"}
            )
            async with Client(transport) as client:
                await client.call_tool(
                    "travel_distance", {"from_place": "Oslo", "to_place": "Bergen"}
                )
            spans = receiver.wait_for(
                lambda found: any(s["name"] == "tools/call travel_distance" for s in found),
                timeout=20,
            )
    (span,) = [s for s in spans if s["name"] == "tools/call travel_distance"]
    assert span["trace_id"] == trace_id
    assert span["parent_span_id"] == parent_id
    assert span["service_name"] == "travel-mcp-server"
    assert span["attributes"]["gen_ai.tool.name"] == "travel_distance"
