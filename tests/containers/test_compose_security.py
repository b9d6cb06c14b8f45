"""Hardening of the Compose stack: every container read-only, without capabilities or a way
to gain privileges, with an init; nothing unauthenticated published beyond loopback; no
password in the file. scripts/check-exposure.sh is run the way the exposure-check service
runs it."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.containers.compose import (
    compose_config,
    compose_v1,
    compose_v2,
    load,
    published,
    run_config,
)
from tests.containers.conftest import COMPOSE_FILE, REPO_ROOT

pytestmark = pytest.mark.unit

CHECK = REPO_ROOT / "scripts" / "check-exposure.sh"
SECRET = "s3cret-s3cret-s3cret"
# Users the images do not set themselves (ours run as 10001 by their Dockerfile).
USERS = {"ollama": "10001:10001", "ollama-gpu": "10001:10001", "postgres": "postgres"}


def services(**env: str) -> dict[str, Any]:
    return dict(compose_config(compose_v1(), [COMPOSE_FILE], "cpu", **env)["services"])


def test_every_container_is_read_only_unprivileged_and_has_an_init() -> None:
    for name, service in load(COMPOSE_FILE)["services"].items():
        assert service["read_only"] is True, name
        assert "/tmp" in service["tmpfs"], name
        assert service["cap_drop"] == ["ALL"], name
        assert service["security_opt"] == ["no-new-privileges:true"], name
        # docker stop reaches the process at once instead of waiting 10s for SIGKILL.
        assert service["init"] is True, name
        assert "privileged" not in service, name


def test_only_the_store_helper_gets_capabilities_and_it_has_no_network() -> None:
    all_services = load(COMPOSE_FILE)["services"]
    with_caps = {name for name, s in all_services.items() if s.get("cap_add")}
    assert with_caps == {"ollama-store"}
    helper = all_services["ollama-store"]
    assert sorted(helper["cap_add"]) == ["CHOWN", "DAC_READ_SEARCH"]
    assert helper["network_mode"] == "none"
    assert helper["volumes"] == ["ollama-models:/store"]
    assert all_services["ollama"]["depends_on"] == {
        "ollama-store": {"condition": "service_completed_successfully"}
    }


def test_nothing_runs_as_root_but_the_store_helper() -> None:
    for name, service in load(COMPOSE_FILE)["services"].items():
        user = service.get("user")
        if name == "ollama-store":
            assert user == "0:0"
        elif name in USERS:
            assert user == USERS[name], name
        else:
            assert user is None, f"{name} runs as its image's non-root user"
            assert service["image"].startswith("travel-planner/") or name == "aspire-dashboard"


@pytest.mark.parametrize("bind", ["127.0.0.1", "0.0.0.0"])
def test_unauthenticated_apis_stay_on_loopback_whatever_bind_address_says(bind: str) -> None:
    running = services(BIND_ADDRESS=bind)
    for name in ("ollama", "mcp-server"):
        assert {host for host, _ in published(running[name])} == {"127.0.0.1"}, name
    for name in ("web", "aspire-dashboard"):
        assert {host for host, _ in published(running[name])} == {bind}, name
    for name in ("postgres", "model-ready", "orchestrator", "exposure-check"):
        assert not published(running[name]), name


def test_published_ports_are_loopback_only_by_default() -> None:
    for name, service in services().items():
        for host, port in published(service):
            assert host == "127.0.0.1", f"{name} publishes {port} on {host}"


def test_the_services_published_on_bind_address_wait_for_the_exposure_check() -> None:
    all_services = load(COMPOSE_FILE)["services"]
    gate = {"condition": "service_completed_successfully"}
    for name in ("web", "aspire-dashboard"):
        assert all_services[name]["depends_on"]["exposure-check"] == gate, name
    check = all_services["exposure-check"]
    assert check["entrypoint"] == ["/bin/sh", "/usr/local/bin/check-exposure.sh"]
    assert "./scripts/check-exposure.sh:/usr/local/bin/check-exposure.sh:ro" in check["volumes"]


@pytest.mark.parametrize("tool", [compose_v1, compose_v2], ids=["v1", "v2"])
def test_without_a_postgres_password_compose_refuses_and_says_where_to_set_it(tool: Any) -> None:
    result = run_config(tool(), [COMPOSE_FILE], "cpu", POSTGRES_PASSWORD="")
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr and ".env" in result.stderr


def test_the_password_reaches_postgres_and_the_web_app_only_from_the_environment() -> None:
    running = services(POSTGRES_PASSWORD="from-the-env-file-123")
    assert running["postgres"]["environment"]["POSTGRES_PASSWORD"] == "from-the-env-file-123"
    assert ":from-the-env-file-123@postgres:" in running["web"]["environment"]["DATABASE_URL"]


def test_exporters_send_the_otlp_key_the_dashboard_may_require() -> None:
    running = services(OTLP_API_KEY=SECRET, ASPIRE_OTLP_AUTH_MODE="ApiKey")
    dashboard = running["aspire-dashboard"]["environment"]
    assert dashboard["Dashboard__Otlp__AuthMode"] == "ApiKey"
    assert dashboard["Dashboard__Otlp__PrimaryApiKey"] == SECRET
    for name in ("orchestrator", "web", "mcp-server"):
        headers = running[name]["environment"]["OTEL_EXPORTER_OTLP_HEADERS"]
        assert headers == f"x-otlp-api-key={SECRET}", name


def check_exposure(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(CHECK)],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize("bind", ["127.0.0.1", "127.0.0.2", "localhost", "::1"])
def test_loopback_needs_no_credentials(bind: str) -> None:
    result = check_exposure(BIND_ADDRESS=bind)
    assert result.returncode == 0, result.stderr
    assert "loopback" in result.stdout


def test_all_interfaces_without_credentials_is_refused_with_what_to_set() -> None:
    result = check_exposure(BIND_ADDRESS="0.0.0.0")
    assert result.returncode == 2
    for setting in (
        "ASPIRE_ALLOW_ANONYMOUS=false",
        "ASPIRE_OTLP_AUTH_MODE=ApiKey",
        "WEB_AUTH_TOKEN",
    ):
        assert setting in result.stderr
    assert "docs/containers.md" in result.stderr


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ({"ASPIRE_ALLOW_ANONYMOUS": "true"}, "ASPIRE_ALLOW_ANONYMOUS"),
        ({"ASPIRE_OTLP_AUTH_MODE": "Unsecured"}, "ASPIRE_OTLP_AUTH_MODE"),
        ({"OTLP_API_KEY": "short"}, "OTLP_API_KEY"),
        ({"WEB_AUTH_TOKEN": ""}, "WEB_AUTH_TOKEN"),
    ],
)
def test_each_missing_credential_is_named(missing: dict[str, str], named: str) -> None:
    complete = {
        "BIND_ADDRESS": "192.0.2.10",
        "ASPIRE_ALLOW_ANONYMOUS": "False",
        "ASPIRE_OTLP_AUTH_MODE": "apikey",
        "OTLP_API_KEY": SECRET,
        "WEB_AUTH_TOKEN": SECRET,
    }
    assert check_exposure(**complete).returncode == 0
    result = check_exposure(**{**complete, **missing})
    assert result.returncode == 2
    assert named in result.stderr
    assert len([line for line in result.stderr.splitlines() if "  - " in line]) == 1
