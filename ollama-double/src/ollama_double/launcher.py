"""Start the double as a subprocess for a test, and steer it over its ``/_double`` routes.

    from ollama_double.launcher import DoubleControl, running_ollama_double

    with running_ollama_double(behaviour="tools", models=("phi4-mini",)) as base_url:
        ...  # base_url == "http://127.0.0.1:PORT"
        DoubleControl(base_url).stats()["records"]

``models`` are installed into the store before the server starts (``models=()``
gives an empty store: the "model missing" case). ``store_dir`` reuses an existing
store (otherwise a temporary one is made and removed afterwards). ``extra_args``
go to ``serve`` (e.g. ``("--pull-seconds", "2", "--offline")``), ``extra_env``
to the process environment.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from ollama_double.store import ModelStore

# The folder holding the ``ollama_double`` package: the server process finds it even
# when the package is not installed (a copied tree, the container image).
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_SECONDS = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"Ollama double exited with {process.returncode} before answering:\n"
                + log.read_text(errors="replace")[-4000:]
            )
        try:
            if httpx.get(url + "/", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(
        f"Ollama double did not answer on {url} within {timeout:.0f}s:\n"
        + log.read_text(errors="replace")[-4000:]
    )


@contextmanager
def running_ollama_double(
    *,
    behaviour: str = "tools",
    models: Sequence[str] = ("phi4-mini",),
    store_dir: str | os.PathLike[str] | None = None,
    extra_args: Sequence[str] = (),
    extra_env: dict[str, str] | None = None,
) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="ollama-double-") as tmp:
        store = ModelStore(store_dir if store_dir is not None else Path(tmp) / "models")
        store.root.mkdir(parents=True, exist_ok=True)
        for model in models:
            if store.get(model) is None:
                store.install(model)
        port = free_port()
        env = {**os.environ, **(extra_env or {})}
        env["PYTHONPATH"] = str(PACKAGE_ROOT) + (
            os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
        )
        env.setdefault("OLLAMA_MODELS", str(store.root))
        command = [
            sys.executable,
            "-m",
            "ollama_double",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--behaviour",
            behaviour,
            "--store",
            str(store.root),
            *extra_args,
        ]
        log_path = Path(tmp) / "double.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command, cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, process, START_TIMEOUT_SECONDS, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


class DoubleControl:
    """The double's test-only routes: counters, behaviour switches, oracle and replay tables."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def _post(self, path: str, body: Any = None) -> dict[str, Any]:
        response = httpx.post(f"{self.base_url}/_double/{path}", json=body, timeout=30)
        response.raise_for_status()
        return dict(response.json())

    def stats(self) -> dict[str, Any]:
        """Counters since the last reset and one record per generation call."""
        response = httpx.get(f"{self.base_url}/_double/stats", timeout=30)
        response.raise_for_status()
        return dict(response.json())

    def reset(self) -> None:
        self._post("reset")

    def use(self, behaviour: str, model: str | None = None) -> None:
        """Switch every model (or one) to ``behaviour``."""
        self._post("behaviour", {"behaviour": behaviour, "model": model})

    def add_answers(self, answers: dict[str, Any]) -> int:
        """Merge ``{"<request text>": answer}`` into the oracle's table; the table's size."""
        return int(self._post("answers", answers)["answers"])

    def set_replay(self, rules: list[dict[str, str]]) -> int:
        """Replace the replay rules (``[{"match": regex, "content": text}]``)."""
        return int(self._post("replay", rules)["replay_rules"])
