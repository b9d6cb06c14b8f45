"""The web app and its database in the Kubernetes base; secrets generated from the operator's
files only (none committed); parallel slots per overlay; images pinned by digest with
scripts/pin-images.sh."""

from __future__ import annotations

import base64
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.deploy.rendering import (
    GPU_OVERLAYS,
    K8S_DIR,
    OVERLAYS,
    REPO_ROOT,
    Obj,
    all_containers,
    app_container,
    container,
    copy_of_deploy,
    env_value,
    find,
    kubectl,
    kustomize,
    of_kind,
    pod_spec,
    render,
    rendered,
    workload_by_app,
    workloads,
)

pytestmark = pytest.mark.unit

PIN = REPO_ROOT / "scripts" / "pin-images.sh"
SECRET_FILES = {
    "otlp-api-key": "otlp-api-key.env",
    "postgres": "postgres.env",
    "web-auth-token": "web-auth-token.env",
}


def needs_kubectl() -> None:
    if kubectl() is None:
        pytest.skip("kubectl is not installed: the Kustomize overlays cannot be rendered")


def secret_ref(c: Obj, name: str) -> dict[str, str]:
    entry = next(e for e in c["env"] if e["name"] == name)
    return dict(entry["valueFrom"]["secretKeyRef"])


def test_without_the_operators_secret_files_rendering_stops_naming_the_file() -> None:
    needs_kubectl()
    proc = kustomize(copy_of_deploy(with_secrets=False) / "overlays" / "cpu")
    assert proc.returncode != 0
    assert "secrets/otlp-api-key.env" in proc.stderr
    assert "no such file" in proc.stderr


def test_every_secret_holds_the_value_of_the_operators_file() -> None:
    needs_kubectl()
    copy = copy_of_deploy()
    objects = render("overlays/cpu", copy)
    for prefix, file in SECRET_FILES.items():
        (secret,) = [
            s for s in of_kind(objects, "Secret") if s["metadata"]["name"].startswith(prefix)
        ]
        key, _, value = (copy / "base" / "secrets" / file).read_text().strip().partition("=")
        assert base64.b64decode(secret["data"][key]).decode() == value
        assert len(value) >= 32


def test_no_kustomization_carries_a_secret_value() -> None:
    for path in K8S_DIR.rglob("kustomization.yaml"):
        for generator in yaml.safe_load(path.read_text()).get("secretGenerator", []):
            assert not generator.get("literals"), f"{path}: {generator['name']}"
            assert all(str(f).startswith("secrets/") for f in generator.get("envs", []))
    ignored = (K8S_DIR / "base" / "secrets" / ".gitignore").read_text().splitlines()
    assert "*" in ignored


def test_the_web_app_runs_the_orchestrator_image_with_its_probes(objects: list[Obj]) -> None:
    deployment = workload_by_app(objects, "web")
    assert deployment["kind"] == "Deployment"
    web = container(pod_spec(deployment), "web")
    assert web["args"] == ["serve", "--host", "0.0.0.0", "--port", "8080"]
    assert web["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert web["livenessProbe"]["httpGet"]["path"] == "/health"
    assert {p["containerPort"] for p in web["ports"]} == {8080}
    assert env_value(objects, web, "OLLAMA_HOST") == "http://ollama:11434"
    assert env_value(objects, web, "MCP_SERVER_URL") == "http://mcp-server:8090/mcp"
    assert secret_ref(web, "WEB_AUTH_TOKEN")["name"].startswith("web-auth-token")


def test_the_web_app_and_postgres_share_one_generated_password(objects: list[Obj]) -> None:
    web = app_container(objects, "web")
    postgres = app_container(objects, "postgres")
    assert secret_ref(web, "POSTGRES_PASSWORD") == secret_ref(postgres, "POSTGRES_PASSWORD")
    url = env_value(objects, web, "DATABASE_URL")
    assert url == "postgresql+asyncpg://travel:$(POSTGRES_PASSWORD)@postgres:5432/travel"
    names = [e["name"] for e in web["env"]]
    assert names.index("POSTGRES_PASSWORD") < names.index("DATABASE_URL")


def test_postgres_keeps_its_data_on_a_claim_and_is_ready_over_tcp(objects: list[Obj]) -> None:
    sts = workload_by_app(objects, "postgres")
    assert sts["kind"] == "StatefulSet"
    claims = {t["metadata"]["name"] for t in sts["spec"]["volumeClaimTemplates"]}
    postgres = container(pod_spec(sts), "postgres")
    mounts = {m["mountPath"]: m["name"] for m in postgres["volumeMounts"]}
    assert mounts["/var/lib/postgresql/data"] in claims
    # Below the mount point: a new volume's root may hold lost+found.
    assert env_value(objects, postgres, "PGDATA") == "/var/lib/postgresql/data/pgdata"
    assert "/var/run/postgresql" in mounts
    probe = postgres["readinessProbe"]["exec"]["command"]
    assert probe[0] == "pg_isready" and "127.0.0.1" in probe


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_ollama_and_the_web_app_read_one_parallel_slot_setting(overlay: str) -> None:
    objects = rendered(f"overlays/{overlay}")
    ollama = app_container(objects, "ollama")
    web = app_container(objects, "web")
    slots = env_value(objects, ollama, "OLLAMA_NUM_PARALLEL")
    assert slots == env_value(objects, web, "OLLAMA_NUM_PARALLEL")
    assert slots == ("2" if overlay in GPU_OVERLAYS else "1")


FAKE_DOCKER = textwrap.dedent(
    """\
    #!/usr/bin/env bash
    # docker image inspect -f ... IMAGE: the registry digest of IMAGE, unless it is unpushed.
    image="${@: -1}"
    for local in ${UNPUSHED:-}; do [ "$local" = "$image" ] && exit 0; done
    digest="$(printf '%s' "$image" | sha256sum | cut -c1-64)"
    printf '%s@sha256:%s\\n' "${REGISTRY:-}${image%:*}" "$digest"
    """
)


def run_pin(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "docker").write_text(FAKE_DOCKER)
    (bin_dir / "docker").chmod(0o755)
    return subprocess.run(
        ["bash", str(PIN)],
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("registry", ["", "registry.example.com/mirror/"])
def test_an_overlay_with_the_pinned_list_runs_every_image_by_digest(
    tmp_path: Path, registry: str
) -> None:
    needs_kubectl()
    proc = run_pin(tmp_path, REGISTRY=registry)
    assert proc.returncode == 0, proc.stderr
    copy = copy_of_deploy()
    mine = copy / "overlays" / "mine"
    mine.mkdir()
    (mine / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "resources:\n  - ../cpu\n" + proc.stdout
    )
    images = {
        c["image"]
        for w in workloads(render("overlays/mine", copy))
        for c in all_containers(pod_spec(w))
    }
    assert len(images) == 5
    for image in images:
        name, _, digest = image.partition("@sha256:")
        assert len(digest) == 64, image
        assert name.startswith(registry), image


def test_pinning_refuses_an_image_without_a_registry_digest(tmp_path: Path) -> None:
    proc = run_pin(tmp_path, UNPUSHED="travel-planner/web:latest travel-planner/mcp-server:latest")
    assert proc.returncode == 2
    assert "no registry digest for: travel-planner/mcp-server:latest" in proc.stderr


def test_the_dashboard_secret_reference_is_the_generated_one(objects: list[Obj]) -> None:
    dashboard = app_container(objects, "aspire-dashboard")
    name = secret_ref(dashboard, "Dashboard__Otlp__PrimaryApiKey")["name"]
    assert name.startswith("otlp-api-key-")  # the generator's hash suffix: from the file
    find(objects, "Secret", name)
