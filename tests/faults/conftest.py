"""The fault-injection suite's dependencies: a slow Ollama-API double and the real MCP server,
each behind a FaultProxy the test can kill, stall or break; the table at the end."""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ollama_double.launcher import DoubleControl, running_ollama_double
from tests.faults.harness import ROWS, render_table
from tests.orchestrator.conftest import DEAD_COLLECTOR, planner_env
from tests.support.fault_proxy import FaultProxy

# Every model call waits SLOW_FIRST_S before its first piece: each stage lasts long enough
# to be hit. Two parallel slots, so the two briefs do not queue behind each other.
SLOW_FIRST_S = 1.5
SLOW_ARGS = ("--slow-first-ms", "1500", "--slow-chunk-ms", "40", "--num-parallel", "2")
MODEL_TIMEOUT_S = 4.0
TOOLS_TIMEOUT_S = 3.0
READY_TIMEOUT_S = 3.0
RESULTS = Path("bench-results/faults.json")


@pytest.fixture(scope="session")
def slow_double() -> Iterator[DoubleControl]:
    with running_ollama_double(behaviour="slow", extra_args=SLOW_ARGS) as url:
        yield DoubleControl(url)


@pytest.fixture
def ollama(slow_double: DoubleControl) -> Iterator[FaultProxy]:
    slow_double.use("slow")
    port = urlsplit(slow_double.base_url).port
    assert port is not None
    with FaultProxy(port) as proxy:
        yield proxy
    slow_double.use("slow")


@pytest.fixture
def tools(mcp_server_url: str) -> Iterator[FaultProxy]:
    port = urlsplit(mcp_server_url).port
    assert port is not None
    with FaultProxy(port) as proxy:
        yield proxy


@pytest.fixture
def fault_env(ollama: FaultProxy, tools: FaultProxy) -> dict[str, str]:
    return planner_env(
        OLLAMA_HOST=ollama.url,
        MCP_SERVER_URL=f"{tools.url}/mcp",
        OTEL_EXPORTER_OTLP_ENDPOINT=DEAD_COLLECTOR,
        OLLAMA_REQUEST_TIMEOUT_SECONDS=str(MODEL_TIMEOUT_S),
        MCP_TIMEOUT_SECONDS=str(TOOLS_TIMEOUT_S),
        OLLAMA_READY_TIMEOUT_SECONDS=str(READY_TIMEOUT_S),
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not ROWS:
        return
    terminalreporter.section("fault table")
    terminalreporter.write_line(render_table(ROWS))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            [
                {
                    "fault": r.name,
                    "exit": r.code,
                    "expected": list(r.expected),
                    "after_fault_s": r.after_fault_s,
                    "bound_s": r.bound_s,
                    "verdict": r.verdict,
                }
                for r in ROWS
            ],
            indent=2,
        )
        + os.linesep
    )
