"""Reading the compose files: as written (defaults filled in), and as `docker compose config`
/ `docker-compose config` resolve them, with a controlled environment."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.containers.conftest import REPO_ROOT, find_tool

# Stands for the password an operator puts in .env; Compose refuses to work without one.
TEST_PASSWORD = "test-password-0123456789"
DEFAULT_PATTERN = re.compile(r"\$\{([A-Z0-9_]+)(?::?[-?]([^}]*))?\}")
OLLAMA_SERVICES = {"ollama", "ollama-gpu"}


def with_defaults(value: Any) -> Any:
    """Interpolate ${VAR:-default} the way Compose does with an empty environment."""
    if isinstance(value, str):
        return DEFAULT_PATTERN.sub(lambda m: m.group(2) or "", value)
    if isinstance(value, list):
        return [with_defaults(v) for v in value]
    if isinstance(value, dict):
        return {k: with_defaults(v) for k, v in value.items()}
    return value


def load(path: Path) -> dict[str, Any]:
    return dict(with_defaults(yaml.safe_load(path.read_text())))


def compose_v1() -> list[str]:
    tool = find_tool("docker-compose")
    if tool is None:
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    return [tool]


def compose_v2() -> list[str]:
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("Compose v2 (docker compose) is not installed")
    return [docker, "compose"]


def run_config(
    tool: list[str], files: list[Path], profile: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`config` with only PATH, HOME and `env` set: neither the caller's shell nor a .env in
    the repository changes what the test sees."""
    with tempfile.NamedTemporaryFile("w", suffix=".env") as empty:  # docker-compose 1.29
        args = [*tool, "--env-file", empty.name]  # refuses /dev/null
        for path in files:
            args += ["-f", str(path)]
        if profile is not None:
            args += ["--profile", profile]
        clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root")}
        return subprocess.run(
            [*args, "config"],
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO_ROOT,
            env={**clean, "POSTGRES_PASSWORD": TEST_PASSWORD, **env},
        )


def compose_config(
    tool: list[str], files: list[Path], profile: str | None = None, **env: str
) -> dict[str, Any]:
    result = run_config(tool, files, profile, **env)
    assert result.returncode == 0, result.stderr
    return dict(yaml.safe_load(result.stdout))


def enabled(services: dict[str, Any], profile: str | None) -> set[str]:
    """Services Compose starts with `--profile PROFILE` (or no profile)."""
    return {
        name
        for name, service in services.items()
        if not service.get("profiles") or profile in service["profiles"]
    }


def network_names(service: dict[str, Any]) -> set[str]:
    return set(service.get("networks") or [])  # a list, or a mapping with aliases


def published(service: dict[str, Any]) -> list[tuple[str, str]]:
    """(host address, container port) of each port `config` resolved: Compose v2 writes the
    long form, docker-compose 1.29 HOST:PORT:TARGET/PROTOCOL."""
    ports = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ports.append((str(port["host_ip"]), str(port["target"])))
        else:
            host, _, rest = str(port).rpartition(":")
            ports.append((host.rsplit(":", 1)[0], rest.split("/")[0]))
    return ports
