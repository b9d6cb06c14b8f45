"""scripts/init-ollama.sh and the ollama healthcheck, run against the Ollama-API double.

The double's `ollama` CLI stand-in is put first on PATH, so the script drives it exactly as
it drives the real CLI in the ollama image: serve, show, pull, run.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.containers.conftest import COMPOSE_FILE, REPO_ROOT

pytestmark = pytest.mark.integration

SCRIPT = REPO_ROOT / "scripts" / "init-ollama.sh"
DOUBLE_BIN = REPO_ROOT / "ollama-double" / "bin"
MODEL = "phi4-mini"

store_module = pytest.importorskip("ollama_double.store")
launcher = pytest.importorskip("ollama_double.launcher")


def double_env(store: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OLLAMA_")}
    env.update(
        PATH=f"{DOUBLE_BIN}{os.pathsep}{env.get('PATH', '')}",
        OLLAMA_DOUBLE_PYTHON=sys.executable,
        OLLAMA_HOST=f"127.0.0.1:{port}",
        OLLAMA_MODELS=str(store),
        OLLAMA_MODEL_ID=MODEL,
        OLLAMA_STARTUP_TIMEOUT_SECONDS="30",
    )
    env.update(extra)
    return env


class InitScript:
    """init-ollama.sh running in the background, its output collected in a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                ["sh", str(SCRIPT)], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO_ROOT
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"never printed {text!r}; output:\n{self.output()}")
            time.sleep(0.2)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)


@pytest.fixture
def port() -> int:
    return int(launcher.free_port())


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "models"


@pytest.fixture
def running(tmp_path: Path) -> Iterator[list[InitScript]]:
    started: list[InitScript] = []
    yield started
    for script in started:
        if script.process.poll() is None:
            script.process.kill()
            script.process.wait(timeout=10)


def run_to_end(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The script run in the foreground until it exits (the cases where it must exit)."""
    return subprocess.run(
        ["sh", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def start(running: list[InitScript], env: dict[str, str], tmp_path: Path) -> InitScript:
    script = InitScript(env, tmp_path / f"init-{len(running)}.log")
    running.append(script)
    return script


def test_model_already_present_is_served_without_a_pull(
    tmp_path: Path, store: Path, port: int, running: list[InitScript]
) -> None:
    store_module.ModelStore(store).install(MODEL)
    script = start(running, double_env(store, port, OLLAMA_DOUBLE_OFFLINE="1"), tmp_path)

    script.wait_for("serving")
    tags = httpx.get(f"http://127.0.0.1:{port}/api/tags", timeout=5).json()
    assert [m["name"] for m in tags["models"]] == [f"{MODEL}:latest"]
    assert "already in the store" in script.output()
    assert "pulling" not in script.output()

    script.stop()
    assert "stopping ollama serve" in script.output()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_missing_model_is_pulled_once_with_progress_then_served(
    tmp_path: Path, store: Path, port: int, running: list[InitScript]
) -> None:
    script = start(running, double_env(store, port, OLLAMA_DOUBLE_PULL_SECONDS="1"), tmp_path)

    script.wait_for("serving")
    output = script.output()
    assert "pulling it" in output
    assert "100%" in output  # the pull's progress is shown
    assert f"pull of {MODEL} complete" in output
    assert store_module.ModelStore(store).get(MODEL) is not None
    script.stop()

    # Second start on the same store: no pull.
    again = start(running, double_env(store, port, OLLAMA_DOUBLE_OFFLINE="1"), tmp_path)
    again.wait_for("serving")
    assert "already in the store" in again.output()
    again.stop()


def test_missing_model_while_offline_fails_with_instructions(
    tmp_path: Path, store: Path, port: int, running: list[InitScript]
) -> None:
    script = start(running, double_env(store, port, OLLAMA_DOUBLE_OFFLINE="1"), tmp_path)

    status = script.process.wait(timeout=60)
    output = script.output()
    assert status == 1, output
    assert f'could not pull model "{MODEL}"' in output
    assert str(store) in output
    assert "docs/air-gapped.md" in output
    # The server it started is gone too.
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


NOT_A_MODEL = "is not a model name"
NOT_SECONDS = "is not a whole number of seconds"


@pytest.mark.parametrize(
    ("setting", "value", "problem"),
    [
        # The CLI would read these as options: `ollama show --help` exits 0.
        ("OLLAMA_MODEL_ID", "--help", NOT_A_MODEL),
        ("OLLAMA_MODEL_ID", "-v", NOT_A_MODEL),
        ("OLLAMA_MODEL_ID", "phi4-mini; rm -rf /", NOT_A_MODEL),
        ("OLLAMA_MODEL_ID", "a b", NOT_A_MODEL),
        # These made the wait for the server endless.
        ("OLLAMA_STARTUP_TIMEOUT_SECONDS", "abc", NOT_SECONDS),
        ("OLLAMA_STARTUP_TIMEOUT_SECONDS", "10s", NOT_SECONDS),
        ("OLLAMA_STARTUP_TIMEOUT_SECONDS", "-5", NOT_SECONDS),
        ("OLLAMA_STARTUP_TIMEOUT_SECONDS", "1.5", NOT_SECONDS),
    ],
)
def test_a_malformed_setting_is_refused_before_anything_starts(
    store: Path, port: int, setting: str, value: str, problem: str
) -> None:
    result = run_to_end(double_env(store, port, **{setting: value}))
    assert result.returncode == 2
    assert f"{setting}='{value}' {problem}" in result.stderr
    with pytest.raises(httpx.TransportError):  # no server was started
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_unset_model_is_a_configuration_error(tmp_path: Path, store: Path, port: int) -> None:
    env = double_env(store, port)
    del env["OLLAMA_MODEL_ID"]
    result = run_to_end(env)
    assert result.returncode == 1
    assert "OLLAMA_MODEL_ID is not set" in result.stderr


def compose_healthcheck() -> str:
    test = yaml.safe_load(COMPOSE_FILE.read_text())["services"]["ollama"]["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL"
    return str(test[1]).replace("$$", "$")  # Compose's escape for a literal $


@pytest.mark.parametrize(
    ("configured", "healthy"),
    [(MODEL, True), ("qwen2.5:7b", False), ("--help", False), ("--version", False)],
)
def test_healthcheck_passes_only_when_the_configured_model_is_present(
    tmp_path: Path, configured: str, healthy: bool
) -> None:
    with launcher.running_ollama_double(models=(MODEL,)) as url:
        port = int(url.rsplit(":", 1)[1])
        env = double_env(tmp_path / "unused", port, OLLAMA_MODEL_ID=configured)
        result = subprocess.run(
            ["sh", "-c", compose_healthcheck()], env=env, timeout=30, check=False
        )
    assert (result.returncode == 0) is healthy


def test_healthcheck_fails_while_the_server_is_down(tmp_path: Path) -> None:
    port = int(launcher.free_port())
    result = subprocess.run(
        ["sh", "-c", compose_healthcheck()],
        env=double_env(tmp_path, port),
        timeout=30,
        check=False,
    )
    assert result.returncode != 0


def test_server_that_cannot_start_is_reported(tmp_path: Path, store: Path) -> None:
    # Hold the port (bound, not listening) so that `ollama serve` cannot bind it.
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        port = holder.getsockname()[1]
        result = run_to_end(double_env(store, port))
    assert result.returncode == 1
    assert "ollama serve exited with status" in result.stderr
