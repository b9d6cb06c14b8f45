"""The ``ollama`` command stand-in (ollama-double/bin/ollama) as scripts use it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ollama_double.launcher import free_port, wait_until_up

pytestmark = pytest.mark.integration

OLLAMA = Path(__file__).resolve().parents[1] / "bin" / "ollama"


def cli_env(port: int, store: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OLLAMA")}
    env.update(
        OLLAMA_HOST=f"127.0.0.1:{port}",
        OLLAMA_MODELS=str(store),
        OLLAMA_DOUBLE_PYTHON=sys.executable,
        **extra,
    )
    return env


def ollama(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(OLLAMA), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def serve(env: dict[str, str], tmp: Path) -> subprocess.Popen[bytes]:
    log = (tmp / "serve.log").open("wb")
    return subprocess.Popen([str(OLLAMA), "serve"], env=env, stdout=log, stderr=log, cwd=tmp)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[dict[str, str]]:
    port = free_port()
    env = cli_env(port, tmp_path / "models", OLLAMA_DOUBLE_PRELOAD="phi4-mini")
    process = serve(env, tmp_path)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process, 30, tmp_path / "serve.log")
        yield env
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_list_show_pull_run(served: dict[str, str]) -> None:
    listed = ollama(served, "list")
    assert listed.returncode == 0
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["NAME", "ID", "SIZE", "MODIFIED"]
    assert [row.split()[0] for row in rows] == ["phi4-mini:latest"]

    shown = ollama(served, "show", "phi4-mini")
    assert shown.returncode == 0 and "architecture" in shown.stdout and "tools" in shown.stdout

    missing = ollama(served, "show", "qwen3")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Error: model 'qwen3' not found"

    pulled = ollama(served, "pull", "qwen3")
    assert pulled.returncode == 0, pulled.stderr
    assert pulled.stderr.splitlines()[0] == "pulling manifest"
    assert pulled.stderr.splitlines()[-1] == "success"
    assert ollama(served, "show", "qwen3").returncode == 0

    warmed = ollama(served, "run", "phi4-mini", "")
    assert warmed.returncode == 0 and warmed.stdout == ""
    assert "phi4-mini:latest" in ollama(served, "ps").stdout

    answered = ollama(served, "run", "phi4-mini", "Tell me about Lisbon")
    assert answered.returncode == 0 and "Lisbon" in answered.stdout

    version = ollama(served, "--version")
    assert version.returncode == 0 and version.stdout.startswith("ollama version is ")


def test_serve_binds_per_ollama_host_and_reads_behaviour(tmp_path: Path) -> None:
    port = free_port()
    env = cli_env(port, tmp_path / "models", OLLAMA_DOUBLE_BEHAVIOUR="no-tools")
    env["OLLAMA_HOST"] = f"http://127.0.0.1:{port}"
    process = serve(env, tmp_path)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process, 30, tmp_path / "serve.log")
        counters = httpx.get(f"http://127.0.0.1:{port}/_double/stats").json()
        assert counters["behaviour"] == "no-tools"
        assert ollama(env, "list").stdout.splitlines() == ["NAME    ID    SIZE    MODIFIED"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_pull_fails_like_ollama_when_the_registry_is_unreachable(tmp_path: Path) -> None:
    port = free_port()
    env = cli_env(port, tmp_path / "models", OLLAMA_DOUBLE_OFFLINE="1")
    process = serve(env, tmp_path)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process, 30, tmp_path / "serve.log")
        pulled = ollama(env, "pull", "phi4-mini")
        run = ollama(env, "run", "phi4-mini", "")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert pulled.returncode == 1
    last = pulled.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: pull model manifest: ")
    assert "registry.ollama.ai" in last
    assert run.returncode == 1


def test_client_commands_without_a_server(tmp_path: Path) -> None:
    env = cli_env(free_port(), tmp_path / "models")
    listed = ollama(env, "list")
    assert listed.returncode == 1
    assert listed.stderr.startswith("Error: could not connect to ollama server")
    assert ollama(env, "show", "phi4-mini").returncode == 1
