"""The compose files: valid YAML, valid for both Compose implementations, and wired the way the
stack needs: Ollama under the `cpu` or `gpu` profile, a model-ready gate the orchestrator and
the web app wait for, PostgreSQL for the web app."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.containers.compose import (
    OLLAMA_SERVICES,
    TEST_PASSWORD,
    compose_config,
    compose_v1,
    compose_v2,
    enabled,
    load,
    network_names,
    published,
)
from tests.containers.conftest import (
    AIRGAP_OVERRIDE,
    AIRGAPPED_FILE,
    COMPOSE_FILE,
    E2E_OVERRIDE,
    REPO_ROOT,
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
GPU_DEVICES = [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]
# What runs in every profile, Ollama aside; ollama-store only where an Ollama runs.
ALWAYS = {
    "mcp-server",
    "aspire-dashboard",
    "exposure-check",
    "model-ready",
    "postgres",
    "web",
    "orchestrator",
}
# One-shot helpers that need no network at all.
OFFLINE_HELPERS = {"ollama-store", "exposure-check"}


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


@pytest.mark.parametrize("profile", PROFILES, ids=str)
@pytest.mark.parametrize("name", list(COMBINATIONS))
def test_docker_compose_accepts_the_files(name: str, profile: str | None) -> None:
    compose_config(compose_v1(), COMBINATIONS[name], profile)


@pytest.mark.parametrize("profile", PROFILES, ids=str)
def test_compose_v2_accepts_every_profile(profile: str | None) -> None:
    """Compose v2 refuses a depends_on whose target a profile disables: none may exist."""
    config = compose_config(compose_v2(), [COMPOSE_FILE], profile)
    assert enabled(config["services"], profile) >= {"model-ready", "orchestrator", "web"}


@pytest.mark.parametrize("profile", ["cpu", "gpu"])
def test_each_profile_enables_exactly_one_ollama(profile: str) -> None:
    services = compose_config(compose_v1(), [COMPOSE_FILE], profile)["services"]
    running = enabled(services, profile)
    ollamas = running & OLLAMA_SERVICES
    assert ollamas == {"ollama" if profile == "cpu" else "ollama-gpu"}
    assert running - OLLAMA_SERVICES == ALWAYS | {"ollama-store"}
    ollama = services[ollamas.pop()]
    devices = ollama.get("deploy", {}).get("resources", {}).get("reservations", {})
    if profile == "gpu":
        assert devices["devices"] == GPU_DEVICES
        # The GPU service answers to the same DNS name as the CPU one.
        assert ollama["networks"]["travel"]["aliases"] == ["ollama"]
    else:
        assert not devices, "the cpu profile must not reserve a GPU"


def test_without_a_profile_no_ollama_runs_and_the_gate_still_does() -> None:
    services = compose_config(compose_v1(), [COMPOSE_FILE], None)["services"]
    assert enabled(services, None) == ALWAYS


def test_the_two_ollama_services_differ_only_in_profile_gpu_alias_and_parallel_slots() -> None:
    services = load(COMPOSE_FILE)["services"]
    cpu, gpu = dict(services["ollama"]), dict(services["ollama-gpu"])
    assert cpu.pop("profiles") == ["cpu"] and gpu.pop("profiles") == ["gpu"]
    assert gpu.pop("deploy")["resources"]["reservations"]["devices"] == GPU_DEVICES
    assert gpu.pop("networks") == {"travel": {"aliases": ["ollama"]}}
    assert cpu.pop("networks") == ["travel"]
    cpu_env, gpu_env = dict(cpu.pop("environment")), dict(gpu.pop("environment"))
    # Measured defaults: a GPU serves two requests at once, a CPU one.
    assert (cpu_env.pop("OLLAMA_NUM_PARALLEL"), gpu_env.pop("OLLAMA_NUM_PARALLEL")) == ("1", "2")
    assert cpu_env == gpu_env
    assert cpu == gpu  # image, user, entrypoint, volume, port, healthcheck, hardening


def test_ollama_keeps_its_home_and_store_on_the_volume() -> None:
    ollama = load(COMPOSE_FILE)["services"]["ollama"]
    env = ollama["environment"]
    assert "ollama-models:/home/ollama/.ollama" in ollama["volumes"]
    assert env["HOME"] == "/home/ollama"
    # The same layout as the Kubernetes volume and the air-gapped bundle's store.
    assert env["OLLAMA_MODELS"] == "/home/ollama/.ollama/models"


def test_services_share_one_network_and_helpers_have_none() -> None:
    services = load(COMPOSE_FILE)["services"]
    for name, service in services.items():
        if name in OFFLINE_HELPERS:
            assert service["network_mode"] == "none", name
            assert "networks" not in service and "ports" not in service, name
        else:
            assert network_names(service) == {"travel"}, name


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
    assert gate["build"]["target"] == "orchestrator"
    assert gate["entrypoint"] == ["travel-planner", "--wait-ready"]
    env = gate["environment"]
    assert env["OLLAMA_HOST"] == services["orchestrator"]["environment"]["OLLAMA_HOST"]
    assert env["OLLAMA_HOST"] == "http://ollama:11434"
    assert env["OLLAMA_MODEL_ID"] == services["ollama"]["environment"]["OLLAMA_MODEL_ID"]
    assert env["OLLAMA_READY_TIMEOUT_SECONDS"] == "3600"


def test_the_product_images_build_from_one_dockerfile() -> None:
    services = load(COMPOSE_FILE)["services"]
    builds = {name: s["build"] for name, s in services.items() if "build" in s}
    assert {b["dockerfile"] for b in builds.values()} == {"Dockerfile"}
    assert builds["mcp-server"]["target"] == "mcp-server"
    for name in ("orchestrator", "web", "model-ready", "exposure-check"):
        assert builds[name]["target"] == "orchestrator", name
        assert services[name]["image"] == services["orchestrator"]["image"], name


def test_orchestrator_web_and_ollama_agree_on_model_and_context() -> None:
    services = load(COMPOSE_FILE)["services"]
    for client in ("orchestrator", "web"):
        planner = services[client]["environment"]
        for name in OLLAMA_SERVICES:
            ollama = services[name]["environment"]
            assert ollama["OLLAMA_MODEL_ID"] == planner["OLLAMA_MODEL_ID"]
            assert ollama["OLLAMA_CONTEXT_LENGTH"] == planner["OLLAMA_NUM_CTX"]
            assert ollama["OLLAMA_KEEP_ALIVE"] == planner["OLLAMA_KEEP_ALIVE"]


def test_one_parallel_slot_setting_reaches_ollama_and_the_planners() -> None:
    config = compose_config(compose_v1(), [COMPOSE_FILE], "gpu", OLLAMA_NUM_PARALLEL="4")
    services = config["services"]
    for name in ("ollama-gpu", "orchestrator", "web"):
        assert services[name]["environment"]["OLLAMA_NUM_PARALLEL"] == "4", name


def test_the_web_app_serves_the_page_from_the_orchestrator_image() -> None:
    config = compose_config(compose_v1(), [COMPOSE_FILE], "cpu")
    web = config["services"]["web"]
    assert web["command"] == ["serve", "--host", "0.0.0.0", "--port", "8080"]
    assert published(web) == [("127.0.0.1", "8080")]
    env = web["environment"]
    assert env["DATABASE_URL"] == (
        f"postgresql+asyncpg://travel:{TEST_PASSWORD}@postgres:5432/travel"
    )
    assert env["WEB_ALLOW_ANONYMOUS"] == "true"
    assert {k: v["condition"] for k, v in web["depends_on"].items()} == {
        "exposure-check": "service_completed_successfully",
        "model-ready": "service_completed_successfully",
        "mcp-server": "service_healthy",
        "postgres": "service_healthy",
        "aspire-dashboard": "service_started",
    }
    assert "/ready" in " ".join(web["healthcheck"]["test"])


def test_the_web_app_shares_the_planner_settings_of_the_cli() -> None:
    services = load(COMPOSE_FILE)["services"]
    cli, web = services["orchestrator"]["environment"], dict(services["web"]["environment"])
    for key in ("OTEL_SERVICE_NAME", "DATABASE_URL", "WEB_ALLOW_ANONYMOUS", "WEB_AUTH_TOKEN"):
        web.pop(key)
    assert web == {k: v for k, v in cli.items() if k != "OTEL_SERVICE_NAME"}


def test_postgres_keeps_its_data_on_a_volume_and_is_healthy_over_tcp() -> None:
    postgres: dict[str, Any] = load(COMPOSE_FILE)["services"]["postgres"]
    assert "postgres-data:/var/lib/postgresql/data" in postgres["volumes"]
    assert postgres["environment"]["POSTGRES_USER"] == "travel"
    assert postgres["environment"]["POSTGRES_DB"] == "travel"
    check = " ".join(postgres["healthcheck"]["test"])
    assert "pg_isready" in check and "-h 127.0.0.1" in check
    assert postgres["image"] == "postgres:17"


def test_e2e_override_swaps_only_what_cannot_be_pulled() -> None:
    base = load(COMPOSE_FILE)["services"]
    e2e = load(E2E_OVERRIDE)["services"]
    swapped = {name for name, service in e2e.items() if "image" in service}
    assert swapped == {"ollama", "ollama-store", "aspire-dashboard"}
    for name in ("mcp-server", "orchestrator", "model-ready", "web", "postgres"):
        assert "image" not in e2e.get(name, {}) and "build" not in e2e.get(name, {})
    for name in ("mcp-server", "orchestrator", "model-ready", "web"):
        assert base[name]["image"].startswith("travel-planner/")


def test_airgapped_file_cuts_the_network_off_and_keeps_data_offline() -> None:
    airgapped = load(AIRGAPPED_FILE)
    assert airgapped["networks"]["travel"]["internal"] is True
    assert airgapped["services"]["mcp-server"]["environment"]["TRAVEL_TOOLS_DATA_MODE"] == "offline"
    for name in OLLAMA_SERVICES:
        assert airgapped["services"][name]["environment"]["OLLAMA_NO_CLOUD"] == "1"
    # The end-to-end variant adds only the double's unreachable registry on top of it.
    assert set(load(AIRGAP_OVERRIDE)) == {"services"}


def test_no_gpu_override_file_is_left() -> None:
    assert not (REPO_ROOT / "docker-compose.gpu.yml").exists()
