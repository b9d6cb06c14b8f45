"""Fixtures for running the planner for real: CLI subprocesses against the Ollama-API double
and the real MCP server, all on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from ollama_double.launcher import running_ollama_double
from travel_planner.config import Settings
from travel_planner.events import PlanEvent
from travel_planner.planner import Planner

if TYPE_CHECKING:
    from travel_planner.planner import Outcome

REPO_ROOT = Path(__file__).resolve().parents[2]
# Port 9 (discard) on loopback refuses connections: an unreachable collector.
DEAD_COLLECTOR = "http://127.0.0.1:9"
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
PLANNER_VARS = (
    "OLLAMA_HOST",
    "OLLAMA_MODEL_ID",
    "MCP_SERVER_URL",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_SERVICE_NAME",
    "OLLAMA_READY_TIMEOUT_SECONDS",
    "OLLAMA_NUM_CTX",
    "OLLAMA_KEEP_ALIVE",
    "OLLAMA_TEMPERATURE",
    "OLLAMA_REQUEST_TIMEOUT_SECONDS",
    "MCP_TIMEOUT_SECONDS",
    "TRAVEL_HOME_CURRENCY",
    "LOG_LEVEL",
    "TRAVEL_LANGUAGE",
    "OLLAMA_NUM_PARALLEL",
    "WEB_HOST",
    "WEB_PORT",
    "TRAVEL_PLANNER_DATA_DIR",
    "DATABASE_URL",
    "WEB_AUTH_TOKEN",
    "WEB_ALLOW_ANONYMOUS",
)


@dataclass
class Double:
    """A running Ollama-API double whose behaviour can be switched between tests."""

    url: str

    def use(self, behaviour: str) -> None:
        httpx.post(
            f"{self.url}/_double/behaviour", json={"behaviour": behaviour}
        ).raise_for_status()
        httpx.post(f"{self.url}/_double/reset").raise_for_status()

    def stats(self) -> dict[str, Any]:
        response = httpx.get(f"{self.url}/_double/stats")
        response.raise_for_status()
        return dict(response.json())


@pytest.fixture(scope="session")
def double() -> Iterator[Double]:
    with running_ollama_double(behaviour="tools") as url:
        yield Double(url)


@pytest.fixture
def tools_double(double: Double) -> Double:
    double.use("tools")
    return double


def planner_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PLANNER_VARS + LOCALE_VARS}
    env.update(
        {
            # The session's first lines follow the locale: English unless a test says so.
            "LANG": "C.UTF-8",
            "OTEL_EXPORTER_OTLP_ENDPOINT": DEAD_COLLECTOR,
            "OLLAMA_READY_TIMEOUT_SECONDS": "5",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def run_planner(
    *args: str,
    env: dict[str, str],
    stdin: str | None = None,
    timeout: float = 240,
) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` as a user would run it."""
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_planner(*args: str, env: dict[str, str], **popen: Any) -> subprocess.Popen[Any]:
    """`python main.py ARGS` started from the repository root; `popen`: its streams and such."""
    return subprocess.Popen([sys.executable, "main.py", *args], cwd=REPO_ROOT, env=env, **popen)


def run_planner_ok(
    double: Double,
    mcp_server_url: str,
    *args: str,
    stdin: str | None = None,
    **env_overrides: str,
) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` against the model double and the MCP server; it must exit 0."""
    env = planner_env(OLLAMA_HOST=double.url, MCP_SERVER_URL=mcp_server_url, **env_overrides)
    result = run_planner(*args, env=env, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return result


async def plan_with(
    settings: Settings, message: str, **kwargs: Any
) -> tuple[Outcome, list[PlanEvent]]:
    """Run the planner's Python API once: its outcome and every event, in order."""
    events: list[PlanEvent] = []
    async with Planner(settings) as planner:
        stream = planner.plan(message, **kwargs)
        async for event in stream:
            events.append(event)
    assert stream.outcome is not None
    return stream.outcome, events
