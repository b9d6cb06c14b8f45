"""Real processes for the web app's tests: the server itself (`python -m travel_planner.web`),
a throwaway PostgreSQL cluster, and a small Server-Sent Events reader."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ollama_double.launcher import free_port
from travel_planner.config import Settings, env_name

START_TIMEOUT_S = 60.0
REPO_ROOT = Path(__file__).resolve().parents[2]
# Port 9 (discard) on loopback refuses connections: traces go nowhere, at once.
DEAD_COLLECTOR = "http://127.0.0.1:9"


@dataclass
class SseEvent:
    id: int
    event: str
    data: dict[str, Any]


def read_events(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    until: Callable[[SseEvent], bool] | None = None,
    timeout: float = 120.0,
) -> list[SseEvent]:
    """Read a run's stream until it ends, or until an event for which `until` is true."""
    events: list[SseEvent] = []
    current: dict[str, str] = {}
    with httpx.stream("GET", url, headers=headers, timeout=timeout) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if line.startswith(":"):
                continue
            if line:
                key, _, value = line.partition(":")
                current[key] = value.removeprefix(" ")
                continue
            if "data" in current:
                events.append(
                    SseEvent(int(current["id"]), current["event"], json.loads(current["data"]))
                )
                if until is not None and until(events[-1]):
                    break
                if current["event"] == "end":
                    break
            current = {}
    return events


def plan_text(events: list[SseEvent]) -> str:
    return "".join(e.data["text"] for e in events if e.event == "plan")


@dataclass
class WebServer:
    """`python -m travel_planner.web` on a free loopback port; restartable on the same data."""

    env: dict[str, str]
    log: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, *args: str) -> WebServer:
        env = {**self.env, "WEB_PORT": str(self.port)}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "travel_planner.web", *args],
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the web app exited:\n{self.log.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        self.stop(signal.SIGKILL)
        raise RuntimeError(f"the web app did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        code = self.process.returncode
        self.process = None
        return code

    def client(self, **headers: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def plan(self, request: str, client: httpx.Client | None = None) -> dict[str, Any]:
        with client or self.client() as http:
            response = http.post("/api/trips", json={"request": request})
        assert response.status_code == 202, response.text
        return dict(response.json())

    def events(self, run_id: str, **kwargs: Any) -> list[SseEvent]:
        return read_events(f"{self.url}/api/runs/{run_id}/events", **kwargs)


def web_env(ollama: str, mcp: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment without any planner setting, plus the test's own."""
    names = {env_name(field) for field in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in names}
    env.update(
        {
            "OLLAMA_HOST": ollama,
            "MCP_SERVER_URL": mcp,
            "TRAVEL_PLANNER_DATA_DIR": str(data_dir),
            "OTEL_EXPORTER_OTLP_ENDPOINT": DEAD_COLLECTOR,
            "OLLAMA_READY_TIMEOUT_SECONDS": "5",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


# PostgreSQL


def postgres_binaries() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or Debian's versioned folder."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return versions[0].parent if versions else None


class PostgresServer:
    """A throwaway cluster on a free loopback port, run as an unprivileged user."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="tp-pg-"))
        self.data = self.root / "data"
        self.user = "postgres" if os.geteuid() == 0 else None
        self._count = 0

    def _run(self, *args: str) -> None:
        command = [str(self.binaries / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> PostgresServer:
        if self.user is not None:
            shutil.chown(self.root, self.user)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-p {self.port} -k {self.root} -h 127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.root / "log"),
            "start",
        )
        return self

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        """A fresh, empty database; its URL (plain postgresql://, as users write it)."""
        import asyncio

        import asyncpg

        self._count += 1
        name = f"trips_{self._count}"

        async def create() -> None:
            connection = await asyncpg.connect(
                host="127.0.0.1", port=self.port, user="postgres", database="postgres"
            )
            try:
                await connection.execute(f'CREATE DATABASE "{name}"')
            finally:
                await connection.close()

        # In a thread: the caller may be inside an event loop (an async test).
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, create()).result()
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


@contextlib.contextmanager
def running_postgres(binaries: Path) -> Iterator[PostgresServer]:
    server = PostgresServer(binaries).start()
    try:
        yield server
    finally:
        server.stop()
