"""Fixtures for the web app: the Ollama-API double and the real MCP server on loopback, the
web app as a real process (SQLite or a real PostgreSQL), restartable on the same data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ollama_double.launcher import DoubleControl, running_ollama_double
from tests.web.servers import (
    PostgresServer,
    WebServer,
    postgres_binaries,
    running_postgres,
    web_env,
)

# The `slow` behaviour writes a plan over several seconds: long enough to stop it or to
# reload the page in the middle, short enough for a test.
SLOW_ARGS = ("--slow-first-ms", "300", "--slow-chunk-ms", "60")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the page in headless Chromium")
    config.addinivalue_line("markers", "postgres: needs PostgreSQL's initdb and pg_ctl")


@dataclass
class Deps:
    ollama: str
    mcp: str
    double: DoubleControl


@pytest.fixture(scope="session")
def deps(mcp_server_url: str) -> Iterator[Deps]:
    with running_ollama_double(behaviour="tools", extra_args=SLOW_ARGS) as url:
        yield Deps(url, mcp_server_url, DoubleControl(url))


@pytest.fixture
def double(deps: Deps) -> Iterator[DoubleControl]:
    """The double, answering fast (`tools`) unless a test switches it (e.g. to `slow`)."""
    deps.double.use("tools")
    yield deps.double
    deps.double.use("tools")


ServerFactory = Callable[..., WebServer]


@pytest.fixture
def make_server(deps: Deps, tmp_path: Path) -> Iterator[ServerFactory]:
    """make_server(data_dir=None, **ENV) -> a started web app; stopped after the test."""
    started: list[WebServer] = []

    def make(data_dir: Path | None = None, start: bool = True, **env: str) -> WebServer:
        folder = data_dir or tmp_path / f"data-{len(started)}"
        env = web_env(deps.ollama, deps.mcp, folder, **env)
        server = WebServer(env, tmp_path / "web.log", cwd=tmp_path)
        started.append(server)
        return server.start() if start else server

    yield make
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def server(deps: Deps, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """One web app (SQLite) shared by a module's tests."""
    folder = tmp_path_factory.mktemp("web")
    env = web_env(deps.ollama, deps.mcp, folder / "data")
    web = WebServer(env, folder / "web.log", cwd=folder).start()
    yield web
    web.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    binaries = postgres_binaries()
    if binaries is None:
        pytest.skip(
            "PostgreSQL is not installed (no initdb/pg_ctl): `apt-get install -y postgresql` "
            "runs these tests; CI installs it."
        )
    with running_postgres(binaries) as server:
        yield server
