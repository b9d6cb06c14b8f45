"""The compose files: valid YAML, valid for docker-compose, and wired the way the stack needs."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.containers.conftest import (
    AIRGAP_OVERRIDE,
    COMPOSE_FILE,
    E2E_OVERRIDE,
    GPU_OVERRIDE,
    REPO_ROOT,
    find_tool,
    require_tool,
)

pytestmark = pytest.mark.unit

ALL_FILES = [COMPOSE_FILE, GPU_OVERRIDE, E2E_OVERRIDE, AIRGAP_OVERRIDE]
YAMLLINT_CONFIG = (
    "{extends: default, rules: {line-length: {max: 100}, document-start: disable,"
    " truthy: {check-keys: false}}}"
)
COMBINATIONS = {
    "cpu": [COMPOSE_FILE],
    "gpu": [COMPOSE_FILE, GPU_OVERRIDE],
    "e2e": [COMPOSE_FILE, E2E_OVERRIDE],
    "e2e-airgap": [COMPOSE_FILE, E2E_OVERRIDE, AIRGAP_OVERRIDE],
}
DEFAULT_PATTERN = re.compile(r"\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}")


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
    return with_defaults(yaml.safe_load(path.read_text()))


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_yamllint_is_clean(path: Path) -> None:
    yamllint = require_tool("yamllint")
    result = subprocess.run(
        [yamllint, "-f", "parsable", "-d", YAMLLINT_CONFIG, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", list(COMBINATIONS))
def test_docker_compose_accepts_the_files(name: str) -> None:
    tool = find_tool("docker-compose")
    if tool is None:
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    args = [tool]
    for path in COMBINATIONS[name]:
        args += ["-f", str(path)]
    env = {k: v for k, v in os.environ.items() if k != "COMPOSE_FILE"}
    result = subprocess.run(
        [*args, "config", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO_ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr


def test_services_share_one_network() -> None:
    services = load(COMPOSE_FILE)["services"]
    assert set(services) == {"ollama", "mcp-server", "aspire-dashboard", "orchestrator"}
    for name, service in services.items():
        assert service["networks"] == ["travel"], name


def test_published_ports_are_loopback_only_by_default() -> None:
    for name, service in load(COMPOSE_FILE)["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port}"


def test_orchestrator_waits_for_the_model_and_the_tools() -> None:
    depends = load(COMPOSE_FILE)["services"]["orchestrator"]["depends_on"]
    assert depends == {
        "ollama": {"condition": "service_healthy"},
        "mcp-server": {"condition": "service_healthy"},
        "aspire-dashboard": {"condition": "service_started"},
    }


def test_orchestrator_and_ollama_agree_on_model_and_context() -> None:
    services = load(COMPOSE_FILE)["services"]
    ollama = services["ollama"]["environment"]
    orchestrator = services["orchestrator"]["environment"]
    assert ollama["OLLAMA_MODEL_ID"] == orchestrator["OLLAMA_MODEL_ID"]
    assert ollama["OLLAMA_CONTEXT_LENGTH"] == orchestrator["OLLAMA_NUM_CTX"]
    assert ollama["OLLAMA_KEEP_ALIVE"] == orchestrator["OLLAMA_KEEP_ALIVE"]


def test_gpu_override_reserves_nvidia_gpus_for_ollama_only() -> None:
    services = load(GPU_OVERRIDE)["services"]
    assert list(services) == ["ollama"]
    devices = services["ollama"]["deploy"]["resources"]["reservations"]["devices"]
    assert devices == [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]


def test_e2e_override_swaps_only_what_cannot_be_pulled() -> None:
    base = load(COMPOSE_FILE)["services"]
    e2e = load(E2E_OVERRIDE)["services"]
    swapped = {name for name, service in e2e.items() if "image" in service}
    assert swapped == {"ollama", "aspire-dashboard"}
    for name in ("mcp-server", "orchestrator"):
        assert "image" not in e2e[name] and "build" not in e2e[name]
        assert base[name]["image"].startswith("travel-planner/")


def test_airgap_override_cuts_the_network_off() -> None:
    assert load(AIRGAP_OVERRIDE)["networks"]["travel"]["internal"] is True
