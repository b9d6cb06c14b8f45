"""Run the server as a child process on a free loopback port (tests, benchmarks, local tools).

`running_mcp_server()` is a context manager that yields the MCP URL (ending in /mcp) once the
server answers GET /health, and stops the process on exit; `mcp_server_process()` yields the
URL with the process (a benchmark reads the server's own CPU time)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

STARTUP_TIMEOUT_SECONDS = 120.0
STOP_TIMEOUT_SECONDS = 15.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/health", timeout=2) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _wait_until_healthy(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not _healthy(base_url):
        if process.poll() is not None:
            raise RuntimeError(
                f"MCP server exited with {process.returncode} before it was healthy:\n"
                + log_path.read_text(errors="replace")[-4000:]
            )
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"MCP server not healthy at {base_url} after {STARTUP_TIMEOUT_SECONDS:.0f}s:\n"
                + log_path.read_text(errors="replace")[-4000:]
            )
        time.sleep(0.2)


@contextmanager
def running_mcp_server(
    *, data_mode: str = "offline", extra_env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Run the server, wait for GET /health, yield the MCP URL, stop the process on exit.

    The server's own output goes to a temporary log that is quoted when it fails to start."""
    with mcp_server_process(data_mode=data_mode, extra_env=extra_env) as (url, _):
        yield url


@contextmanager
def mcp_server_process(
    *, data_mode: str = "offline", extra_env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Like running_mcp_server, yielding the MCP URL and the server process."""
    port = free_port()
    env = {
        **os.environ,
        "MCP_HOST": "127.0.0.1",
        "MCP_PORT": str(port),
        "TRAVEL_TOOLS_DATA_MODE": data_mode,
        "LOG_LEVEL": "WARNING",
    }
    env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    env.update(extra_env or {})
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="mcp-server-") as tmp:
        log_path = Path(tmp) / "server.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "travel_mcp_server"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_healthy(process, base_url, log_path)
                yield f"{base_url}/mcp", process
            finally:
                process.terminate()
                try:
                    process.wait(timeout=STOP_TIMEOUT_SECONDS)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
