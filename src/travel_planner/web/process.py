"""The web app as a child process on a loopback port (tests, benchmarks, local tools):
`python -m travel_planner.web`, started and stopped on demand, restartable on the same data.

    with running_web_app(env) as app:     # env: the planner's variables (OLLAMA_HOST, ...)
        httpx.get(f"{app.url}/api/trips")
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0


def planner_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any planner setting, plus `settings` (NAME=value)."""
    from travel_planner.config import Settings, env_name

    names = {env_name(name) for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in names}
    env.update(settings)
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=1) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class WebAppProcess:
    env: Mapping[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    host: str = "127.0.0.1"
    # Where it runs: a folder without a .env file keeps the caller's settings the only ones.
    cwd: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, *args: str) -> WebAppProcess:
        """Start it and wait until GET /health answers; the log is quoted if it does not."""
        env = {**self.env, "WEB_PORT": str(self.port)}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "travel_planner.web", *args],
                env=env,
                cwd=self.cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop(signal.SIGKILL)
                tail = self.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the web app did not start at {self.url}:\n{tail}")
            time.sleep(0.1)
        return self

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT_S) -> int | None:
        """Stop it with `sig` (killed if it takes longer than `timeout`); its exit status."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def memory_kib(self) -> dict[str, int]:
        """Resident memory now and at its peak (Linux /proc), in KiB."""
        if self.process is None:
            return {}
        found = {}
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
        return found


@contextlib.contextmanager
def running_web_app(env: Mapping[str, str], log: Path) -> Iterator[WebAppProcess]:
    app = WebAppProcess(env, log, cwd=log.parent).start()
    try:
        yield app
    finally:
        app.stop()
