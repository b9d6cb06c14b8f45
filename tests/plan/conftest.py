"""Running the planner for real from the plan-quality tests: one message through the Planner
API, or one CLI process, against a double and the real MCP server."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from travel_planner.config import Settings
from travel_planner.planner import Planner

REPO_ROOT = Path(__file__).resolve().parents[2]
# Settings of the planner that the test process may have in its environment.
OWN_PREFIXES = ("OLLAMA_", "MCP_", "TRAVEL_", "OTEL_", "WEB_", "DATABASE_", "LOG_LEVEL")


async def plan_once(settings: Settings, message: str, **kwargs: Any) -> Any:
    """The outcome of one message (a new request, or a follow-up with `current=`)."""
    async with Planner(settings) as planner:
        stream = planner.plan(message, **kwargs)
        async for _ in stream:
            pass
    return stream.outcome


def cli(
    request: str, *args: str, timeout: float = 300, **env: str
) -> subprocess.CompletedProcess[str]:
    """`python main.py REQUEST ARGS` with only the given planner settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
    # Port 9 on loopback refuses connections: traces go nowhere, and no name is looked up.
    clean.update(
        OLLAMA_READY_TIMEOUT_SECONDS="5", OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:9", **env
    )
    return subprocess.run(
        [sys.executable, "main.py", request, *args],
        cwd=REPO_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
