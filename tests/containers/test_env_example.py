""".env.example is the one list of knobs: everything Compose or the services read is in it,
and everything in it is read by something."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from tests.containers.conftest import COMPOSE_FILE, REPO_ROOT

pytestmark = pytest.mark.unit

ENV_EXAMPLE = REPO_ROOT / ".env.example"
INTERPOLATED = re.compile(r"\$\{([A-Z0-9_]+)")
# Read by Compose itself rather than by the compose file.
COMPOSE_OWN = {"COMPOSE_FILE", "COMPOSE_PROFILES"}
# Settings the container sets for itself (service addresses inside the Compose network).
SET_BY_COMPOSE = {
    "OLLAMA_HOST",
    "MCP_SERVER_URL",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_SERVICE_NAME",
    "MCP_HOST",
    "MCP_PORT",
}


def documented() -> dict[str, bool]:
    """Variable name -> whether the line is active (not commented out)."""
    names: dict[str, bool] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.match(r"^(#\s*)?([A-Z][A-Z0-9_]*)=", line)
        if match:
            names[match.group(2)] = match.group(1) is None
    return names


def compose_inputs() -> set[str]:
    """Variables the compose files interpolate or pass through from the environment."""
    names: set[str] = set()
    for path in (COMPOSE_FILE,):
        text = path.read_text()
        names |= set(INTERPOLATED.findall(text))
        for service in yaml.safe_load(text)["services"].values():  # anchors merged
            environment = service.get("environment") or {}
            names |= {key for key, value in environment.items() if value is None}
    return names


def test_every_compose_variable_is_documented() -> None:
    missing = compose_inputs() - set(documented())
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_every_documented_variable_reaches_something() -> None:
    unused = {
        name
        for name, active in documented().items()
        if active and name not in compose_inputs() | COMPOSE_OWN
    }
    assert not unused, f"not read by docker-compose.yml: {sorted(unused)}"


def test_every_orchestrator_setting_is_documented() -> None:
    config = pytest.importorskip("travel_planner.config")
    names = {config.env_name(field) for field in config.Settings.model_fields}
    missing = names - set(documented())
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_every_mcp_server_setting_is_documented_or_fixed_by_compose() -> None:
    config = pytest.importorskip("travel_mcp_server.config")
    names = set(config._ENV_NAMES.values()) - {"TRAVEL_TOOLS_ENABLE_ECHO"}  # test-only tool
    missing = names - set(documented()) - SET_BY_COMPOSE
    assert not missing, f"add to .env.example: {sorted(missing)}"


# Defaults that differ on purpose between the cpu and gpu Ollama services (.env.example
# explains both and leaves the line commented out).
PER_PROFILE_DEFAULTS = {"OLLAMA_NUM_PARALLEL"}


def test_documented_defaults_match_compose_defaults() -> None:
    defaults: dict[str, str] = {}
    for path in (COMPOSE_FILE,):
        for name, default in re.findall(r"\$\{([A-Z0-9_]+):-([^}]*)\}", path.read_text()):
            if name in PER_PROFILE_DEFAULTS:
                assert not documented()[name], f"{name} has per-profile defaults"
                continue
            assert defaults.setdefault(name, default) == default, f"{name}: two defaults"
    values = {
        name: value
        for name, value in (
            line.split("=", 1)
            for line in ENV_EXAMPLE.read_text().splitlines()
            if re.match(r"^[A-Z][A-Z0-9_]*=", line)
        )
    }
    wrong = {
        name: (values[name], default)
        for name, default in defaults.items()
        if name in values and values[name] != default
    }
    assert not wrong, f".env.example value vs compose default: {wrong}"


def test_the_example_has_no_password_and_compose_reads_it_once_one_is_set() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.skip("docker-compose is not installed")

    def config(**env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [tool, "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE_FILE), "config", "--quiet"],
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO_ROOT,
            env={"PATH": os.environ["PATH"], **env},
        )

    refused = config()
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr
    result = config(POSTGRES_PASSWORD="0123456789abcdef")
    assert result.returncode == 0, result.stderr
