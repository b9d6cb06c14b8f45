"""Traces: one trace per plan shared by the planner and the MCP server, agent and LLM spans
with GenAI attributes, exported over OTLP/HTTP."""

import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

from tests.orchestrator.conftest import DEAD_COLLECTOR, Double, planner_env, run_planner
from tests.support.otlp_receiver import OtlpReceiver
from travel_mcp_server.process import running_mcp_server
from travel_planner.telemetry import SHUTDOWN_WAIT_S, _TrackingExporter, collector_reachable

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REQUEST = "2 days in Madrid from 2027-04-30, art"


@pytest.fixture(scope="module")
def receiver() -> Iterator[OtlpReceiver]:
    with OtlpReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def traced_mcp_url(receiver: OtlpReceiver) -> Iterator[str]:
    env = {"OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint}
    with running_mcp_server(data_mode="offline", extra_env=env) as url:
        yield url


def plan_trace(receiver: OtlpReceiver, service: str) -> list[dict]:
    def complete(spans: list[dict]) -> bool:
        roots = [s for s in spans if s["name"] == "plan_trip" and s["service_name"] == service]
        if not roots:
            return False
        trace_id = roots[-1]["trace_id"]
        return any(
            s["trace_id"] == trace_id and s["service_name"] == "travel-mcp-server" for s in spans
        )

    spans = receiver.wait_for(complete, timeout=15)
    roots = [s for s in spans if s["name"] == "plan_trip" and s["service_name"] == service]
    assert roots, sorted({(s["service_name"], s["name"]) for s in spans})
    return [s for s in spans if s["trace_id"] == roots[-1]["trace_id"]]


def test_one_trace_joins_planner_agents_llm_calls_and_mcp_server(
    tools_double: Double, receiver: OtlpReceiver, traced_mcp_url: str
) -> None:
    receiver.clear()
    env = planner_env(
        OLLAMA_HOST=tools_double.url,
        MCP_SERVER_URL=traced_mcp_url,
        OTEL_EXPORTER_OTLP_ENDPOINT=receiver.endpoint,
    )
    result = run_planner(REQUEST, env=env)
    assert result.returncode == 0, result.stderr
    spans = plan_trace(receiver, "travel-planner")
    names = {s["name"] for s in spans}
    services = {s["service_name"] for s in spans}
    assert services == {"travel-planner", "travel-mcp-server"}

    root = next(s for s in spans if s["name"] == "plan_trip")
    assert root["parent_span_id"] is None
    for agent in ("Researcher", "WeatherAnalyst", "Planner"):
        assert any(agent in n and "invoke_agent" in n for n in names), (agent, names)
    # Code read the whole request: no understanding call, and the trace says so.
    assert not any("TripUnderstanding" in n for n in names)
    assert any(s["attributes"].get("travel.understood_by") == "parser" for s in spans)
    chats = [s for s in spans if s["attributes"].get("gen_ai.operation.name") == "chat"]
    assert len(chats) >= 3
    for chat in chats:
        assert chat["attributes"]["gen_ai.request.model"] == "phi4-mini"
        assert chat["attributes"]["gen_ai.usage.input_tokens"] > 0
        assert chat["attributes"]["gen_ai.usage.output_tokens"] > 0
    tools = [s for s in spans if s["name"].startswith("execute_tool ")]
    assert {"execute_tool weather", "execute_tool public_holidays"} <= {s["name"] for s in tools}
    # Every span hangs off the plan's root: no orphans in the trace.
    ids = {s["span_id"] for s in spans}
    assert all(s["parent_span_id"] in ids for s in spans if s is not root)


def test_unreachable_collector_neither_blocks_nor_spams(
    tools_double: Double, mcp_server_url: str
) -> None:
    env = planner_env(OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url)
    result = run_planner(REQUEST, env=env, timeout=60)
    assert result.returncode == 0
    for noise in ("Failed to export", "UNAVAILABLE", "Transient error", "Traceback"):
        assert noise not in result.stderr


def test_collector_probe_tells_a_listening_endpoint_from_a_dead_one() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert collector_reachable(f"http://127.0.0.1:{port}")
        assert collector_reachable(f"127.0.0.1:{port}")
    assert not collector_reachable(DEAD_COLLECTOR)
    assert not collector_reachable("http://127.0.0.1:not-a-port")


def test_failed_exports_are_remembered_so_shutdown_does_not_wait() -> None:
    class Refusing(SpanExporter):
        def __init__(self) -> None:
            self.result = SpanExportResult.FAILURE

        def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
            return self.result

    inner = Refusing()
    tracking = _TrackingExporter(inner)
    tracking.export([])
    assert tracking.last_failed
    inner.result = SpanExportResult.SUCCESS
    tracking.export([])
    assert not tracking.last_failed


def test_shutdown_returns_quickly_when_the_collector_is_down() -> None:
    script = (
        "import time\n"
        "from travel_planner.config import Settings\n"
        "from travel_planner.telemetry import setup_telemetry\n"
        "from opentelemetry import trace\n"
        f"stop = setup_telemetry(Settings(otel_exporter_otlp_endpoint='{DEAD_COLLECTOR}'))\n"
        "with trace.get_tracer('t').start_as_current_span('s'):\n"
        "    pass\n"
        "started = time.monotonic()\n"
        "stop()\n"
        "print(round(time.monotonic() - started, 2))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    # Not a benchmark: only that it skips the full SHUTDOWN_WAIT_S flush.
    assert float(done.stdout.strip()) < SHUTDOWN_WAIT_S
