"""Start the real travel-tools MCP server as a subprocess on a free loopback port."""

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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/health", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def running_mcp_server(
    *, data_mode: str = "offline", extra_env: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Run the server, wait for GET /health, yield the MCP URL, stop the process on exit."""
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
                deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
                while not _healthy(base_url):
                    if process.poll() is not None:
                        raise RuntimeError(
                            f"MCP server exited with {process.returncode} before it was healthy:\n"
                            + log_path.read_text(errors="replace")[-4000:]
                        )
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"MCP server not healthy at {base_url} "
                            f"after {STARTUP_TIMEOUT_SECONDS:.0f}s:\n"
                            + log_path.read_text(errors="replace")[-4000:]
                        )
                    time.sleep(0.2)
                yield f"{base_url}/mcp"
            finally:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
