"""The compose files: valid YAML, valid for docker-compose, and wired the way the stack needs:
Ollama under the `cpu` or `gpu` profile, a model-ready gate the orchestrator waits for."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.containers.conftest import (
    AIRGAP_OVERRIDE,
    AIRGAPPED_FILE,
    COMPOSE_FILE,
    E2E_OVERRIDE,
    REPO_ROOT,
    find_tool,
    require_tool,
)

pytestmark = pytest.mark.unit

ALL_FILES = [COMPOSE_FILE, AIRGAPPED_FILE, E2E_OVERRIDE, AIRGAP_OVERRIDE]
YAMLLINT_CONFIG = (
    "{extends: default, rules: {line-length: {max: 100}, document-start: disable,"
    " truthy: {check-keys: false}}}"
)
COMBINATIONS = {
    "product": [COMPOSE_FILE],
    "e2e": [COMPOSE_FILE, E2E_OVERRIDE],
    "airgapped": [COMPOSE_FILE, AIRGAPPED_FILE],
    "e2e-airgap": [COMPOSE_FILE, E2E_OVERRIDE, AIRGAPPED_FILE, AIRGAP_OVERRIDE],
}
PROFILES = ["cpu", "gpu", None]
OLLAMA_SERVICES = {"ollama", "ollama-gpu"}
GPU_DEVICES = [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]
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


def compose_env() -> dict[str, str]:
    """The caller's environment without what would change how Compose reads the files."""
    return {k: v for k, v in os.environ.items() if k not in {"COMPOSE_FILE", "COMPOSE_PROFILES"}}


def compose_config(tool: list[str], files: list[Path], profile: str | None) -> dict[str, Any]:
    args = [*tool]
    for path in files:
        args += ["-f", str(path)]
    if profile is not None:
        args += ["--profile", profile]
    result = subprocess.run(
        [*args, "config"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO_ROOT,
        env=compose_env(),
    )
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


def docker_compose_1() -> list[str]:
    tool = find_tool("docker-compose")
    if tool is None:
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    return [tool]


@pytest.mark.parametrize("profile", PROFILES, ids=str)
@pytest.mark.parametrize("name", list(COMBINATIONS))
def test_docker_compose_accepts_the_files(name: str, profile: str | None) -> None:
    compose_config(docker_compose_1(), COMBINATIONS[name], profile)


@pytest.mark.parametrize("profile", PROFILES, ids=str)
def test_compose_v2_accepts_every_profile(profile: str | None) -> None:
    """Compose v2 refuses a depends_on whose target a profile disables: none may exist."""
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("Compose v2 (docker compose) is not installed")
    config = compose_config([docker, "compose"], [COMPOSE_FILE], profile)
    assert enabled(config["services"], profile) >= {"model-ready", "orchestrator"}


@pytest.mark.parametrize("profile", ["cpu", "gpu"])
def test_each_profile_enables_exactly_one_ollama(profile: str) -> None:
    services = compose_config(docker_compose_1(), [COMPOSE_FILE], profile)["services"]
    running = enabled(services, profile)
    ollamas = running & OLLAMA_SERVICES
    assert ollamas == {"ollama" if profile == "cpu" else "ollama-gpu"}
    assert running - OLLAMA_SERVICES == {
        "mcp-server",
        "aspire-dashboard",
        "model-ready",
        "orchestrator",
    }
    ollama = services[ollamas.pop()]
    devices = ollama.get("deploy", {}).get("resources", {}).get("reservations", {})
    if profile == "gpu":
        assert devices["devices"] == GPU_DEVICES
        # The GPU service answers to the same DNS name as the CPU one.
        assert ollama["networks"]["travel"]["aliases"] == ["ollama"]
    else:
        assert not devices, "the cpu profile must not reserve a GPU"


def test_without_a_profile_no_ollama_runs_and_the_gate_still_does() -> None:
    services = compose_config(docker_compose_1(), [COMPOSE_FILE], None)["services"]
    running = enabled(services, None)
    assert not running & OLLAMA_SERVICES
    assert {"model-ready", "orchestrator"} <= running


def test_the_two_ollama_services_differ_only_in_profile_gpu_and_alias() -> None:
    services = load(COMPOSE_FILE)["services"]
    cpu, gpu = dict(services["ollama"]), dict(services["ollama-gpu"])
    assert cpu.pop("profiles") == ["cpu"] and gpu.pop("profiles") == ["gpu"]
    assert gpu.pop("deploy")["resources"]["reservations"]["devices"] == GPU_DEVICES
    assert gpu.pop("networks") == {"travel": {"aliases": ["ollama"]}}
    assert cpu.pop("networks") == ["travel"]
    assert cpu == gpu  # image, entrypoint, env, volume, port, healthcheck
    assert "ollama-models:/root/.ollama" in cpu["volumes"]


def test_services_share_one_network() -> None:
    services = load(COMPOSE_FILE)["services"]
    assert set(services) == OLLAMA_SERVICES | {
        "mcp-server",
        "aspire-dashboard",
        "model-ready",
        "orchestrator",
    }
    for name, service in services.items():
        assert network_names(service) == {"travel"}, name


def test_published_ports_are_loopback_only_by_default() -> None:
    for name, service in load(COMPOSE_FILE)["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port}"


def test_orchestrator_waits_for_the_model_gate_and_the_tools() -> None:
    depends = load(COMPOSE_FILE)["services"]["orchestrator"]["depends_on"]
    assert depends == {
        "model-ready": {"condition": "service_completed_successfully"},
        "mcp-server": {"condition": "service_healthy"},
        "aspire-dashboard": {"condition": "service_started"},
    }


def test_model_gate_runs_the_orchestrator_wait_on_either_ollama() -> None:
    services = load(COMPOSE_FILE)["services"]
    gate = services["model-ready"]
    assert "profiles" not in gate and "depends_on" not in gate
    assert gate["image"] == services["orchestrator"]["image"]
    assert gate["build"] == services["orchestrator"]["build"]
    assert gate["entrypoint"] == ["travel-planner", "--wait-ready"]
    env = gate["environment"]
    assert env["OLLAMA_HOST"] == services["orchestrator"]["environment"]["OLLAMA_HOST"]
    assert env["OLLAMA_HOST"] == "http://ollama:11434"
    assert env["OLLAMA_MODEL_ID"] == services["ollama"]["environment"]["OLLAMA_MODEL_ID"]
    assert env["OLLAMA_READY_TIMEOUT_SECONDS"] == "3600"


def test_orchestrator_and_ollama_agree_on_model_and_context() -> None:
    services = load(COMPOSE_FILE)["services"]
    orchestrator = services["orchestrator"]["environment"]
    for name in OLLAMA_SERVICES:
        ollama = services[name]["environment"]
        assert ollama["OLLAMA_MODEL_ID"] == orchestrator["OLLAMA_MODEL_ID"]
        assert ollama["OLLAMA_CONTEXT_LENGTH"] == orchestrator["OLLAMA_NUM_CTX"]
        assert ollama["OLLAMA_KEEP_ALIVE"] == orchestrator["OLLAMA_KEEP_ALIVE"]


def test_no_gpu_override_file_is_left() -> None:
    assert not (REPO_ROOT / "docker-compose.gpu.yml").exists()


def test_e2e_override_swaps_only_what_cannot_be_pulled() -> None:
    base = load(COMPOSE_FILE)["services"]
    e2e = load(E2E_OVERRIDE)["services"]
    swapped = {name for name, service in e2e.items() if "image" in service}
    assert swapped <= {"ollama", "ollama-gpu", "aspire-dashboard"}
    assert {"ollama", "aspire-dashboard"} <= swapped
    for name in ("mcp-server", "orchestrator", "model-ready"):
        assert "image" not in e2e.get(name, {}) and "build" not in e2e.get(name, {})
        assert base[name]["image"].startswith("travel-planner/")


def test_airgapped_file_cuts_the_network_off_and_keeps_data_offline() -> None:
    airgapped = load(AIRGAPPED_FILE)
    assert airgapped["networks"]["travel"]["internal"] is True
    assert airgapped["services"]["mcp-server"]["environment"]["TRAVEL_TOOLS_DATA_MODE"] == "offline"
    for name in OLLAMA_SERVICES:
        assert airgapped["services"][name]["environment"]["OLLAMA_NO_CLOUD"] == "1"
    # The end-to-end variant adds only the double's unreachable registry on top of it.
    assert set(load(AIRGAP_OVERRIDE)) == {"services"}
