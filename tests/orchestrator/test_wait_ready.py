"""`travel-planner --wait-ready`: the compose gate that lets the orchestrator start only once
the model is present. Run as a user (or Compose) runs it, against the Ollama-API double."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from ollama_double.launcher import free_port, running_ollama_double
from ollama_double.store import ModelStore
from tests.orchestrator.conftest import REPO_ROOT, planner_env

pytestmark = pytest.mark.integration


def start_gate(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "main.py", "--wait-ready", *args],
        cwd=REPO_ROOT,
        env=planner_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(gate: subprocess.Popen[str], timeout: float = 60) -> tuple[int, str, str, float]:
    started = time.monotonic()
    stdout, stderr = gate.communicate(timeout=timeout)
    return gate.returncode, stdout, stderr, time.monotonic() - started


def test_model_present_exits_0_at_once() -> None:
    with running_ollama_double(models=("phi4-mini",)) as url:
        code, stdout, stderr, _ = finish(start_gate(OLLAMA_HOST=url))
    assert code == 0, stderr
    assert stdout == ""
    assert f"Ready: Ollama at {url} lists the model phi4-mini" in stderr


def test_waits_for_the_model_to_arrive_then_exits_0(tmp_path: Path) -> None:
    store_dir = tmp_path / "models"
    with running_ollama_double(models=(), store_dir=store_dir) as url:
        gate = start_gate(OLLAMA_HOST=url, OLLAMA_READY_TIMEOUT_SECONDS="60")
        time.sleep(5)
        assert gate.poll() is None, "the gate must keep waiting while the model is missing"
        ModelStore(store_dir).install("phi4-mini")  # what a finished pull leaves behind
        code, _, stderr, _ = finish(gate)
    assert code == 0, stderr
    assert "Waiting for Ollama at" in stderr  # progress lines while it waits
    assert "not in the model store" in stderr


def test_model_missing_exits_3_with_ollama_pull() -> None:
    with running_ollama_double(models=()) as url:
        code, stdout, stderr, _ = finish(
            start_gate(OLLAMA_HOST=url, OLLAMA_READY_TIMEOUT_SECONDS="2")
        )
    assert code == 3, stderr
    assert stdout == "" and "Traceback" not in stderr
    assert f"The model 'phi4-mini' is not available at {url}" in stderr
    assert "ollama pull phi4-mini" in stderr


def test_server_never_up_exits_3_after_the_answer_timeout_naming_the_profiles() -> None:
    host = f"http://127.0.0.1:{free_port()}"
    gate = start_gate(
        "--answer-timeout", "3", OLLAMA_HOST=host, OLLAMA_READY_TIMEOUT_SECONDS="3600"
    )
    code, _, stderr, took = finish(gate)
    assert code == 3, stderr
    assert "Traceback" not in stderr
    assert f"Ollama is not available at {host}" in stderr
    assert "--profile cpu" in stderr and "--profile gpu" in stderr
    assert took < 30  # the answer timeout, not the hour-long model wait


def test_server_up_then_gone_exits_3_fast_pointing_at_the_logs() -> None:
    with running_ollama_double(models=()) as url:
        gate = start_gate(OLLAMA_HOST=url, OLLAMA_READY_TIMEOUT_SECONDS="3600")
        time.sleep(3)  # it answers, the model is missing; then the server goes away
    gone_at = time.monotonic()
    code, stdout, stderr, _ = finish(gate)
    took = time.monotonic() - gone_at
    assert code == 3, stderr
    assert stdout == "" and "Traceback" not in stderr
    assert "stopped answering" in stderr and "was still missing" in stderr
    assert "Ollama stopped while the model was missing" in stderr
    assert "docker compose logs ollama" in stderr
    assert "docs/air-gapped.md" in stderr
    assert 10 < took < 40  # about 15 s after it went away, not the hour


def test_wait_ready_takes_no_request() -> None:
    gate = subprocess.run(
        [sys.executable, "main.py", "--wait-ready", "3 days in Madrid"],
        cwd=REPO_ROOT,
        env=planner_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert gate.returncode == 2
    assert "--wait-ready takes no request" in gate.stderr
