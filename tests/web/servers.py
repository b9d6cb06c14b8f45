"""Real processes for the web app's tests: the server itself (`python -m travel_planner.web`),
a throwaway PostgreSQL cluster, and a small Server-Sent Events reader."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from travel_planner.web.process import WebAppProcess, free_port, planner_environment

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


class WebServer(WebAppProcess):
    """The web app as a process, with what the tests ask of it."""

    def start(self, *args: str) -> WebServer:
        super().start(*args)
        return self

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
    settings = {
        "OLLAMA_HOST": ollama,
        "MCP_SERVER_URL": mcp,
        "TRAVEL_PLANNER_DATA_DIR": str(data_dir),
        "OTEL_EXPORTER_OTLP_ENDPOINT": DEAD_COLLECTOR,
        "OLLAMA_READY_TIMEOUT_SECONDS": "5",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    return planner_environment(**{**settings, **extra})


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
