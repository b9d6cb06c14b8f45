"""Render the Kustomize overlays in deploy/k8s and look things up in the rendered objects.

The overlays render from a copy of deploy/k8s whose secrets folder scripts/k8s-secrets.sh
has filled, as an operator's would be: the repository holds no secrets."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
K8S_DIR = REPO_ROOT / "deploy" / "k8s"
OVERLAYS = ("cpu", "gpu", "airgapped-cpu", "airgapped-gpu")
CONNECTED_OVERLAYS = ("cpu", "gpu")
AIRGAPPED_OVERLAYS = ("airgapped-cpu", "airgapped-gpu")
GPU_OVERLAYS = ("gpu", "airgapped-gpu")
NAMESPACE = "travel-planner"

WORKLOAD_KINDS = {"Deployment", "StatefulSet", "Job", "DaemonSet", "CronJob"}

Obj = dict[str, Any]


def kubectl() -> str | None:
    return shutil.which("kubectl")


_cache: dict[str, list[Obj]] = {}
_deploy_copy: list[Path] = []
SECRETS = REPO_ROOT / "scripts" / "k8s-secrets.sh"


def copy_of_deploy(with_secrets: bool = True) -> Path:
    """A fresh copy of deploy/k8s (secrets folder emptied, then filled if asked); removed at
    exit."""
    root = Path(tempfile.mkdtemp(prefix="k8s-"))
    atexit.register(shutil.rmtree, root, True)
    copy = root / "k8s"
    shutil.copytree(K8S_DIR, copy, ignore=shutil.ignore_patterns("*.env"))
    if with_secrets:
        subprocess.run(
            ["sh", str(SECRETS), str(copy / "base" / "secrets")],
            check=True,
            capture_output=True,
        )
    return copy


def rendered(target: str) -> list[Obj]:
    """Rendered objects of a kustomization, cached; skips the test when kubectl is absent."""
    if kubectl() is None:
        pytest.skip("kubectl is not installed: the Kustomize overlays cannot be rendered")
    if not _deploy_copy:
        _deploy_copy.append(copy_of_deploy())
    if target not in _cache:
        _cache[target] = render(target, _deploy_copy[0])
    return _cache[target]


def kustomize(path: Path) -> subprocess.CompletedProcess[str]:
    exe = kubectl()
    if exe is None:
        raise RuntimeError("kubectl is not installed")
    return subprocess.run(
        [exe, "kustomize", str(path)], capture_output=True, text=True, timeout=120, check=False
    )


def render(target: str, root: Path = K8S_DIR) -> list[Obj]:
    """`kubectl kustomize <root>/<target>` parsed into a list of objects."""
    proc = kustomize(root / target)
    if proc.returncode != 0:
        raise AssertionError(f"kubectl kustomize {target} failed:\n{proc.stderr}")
    return [doc for doc in yaml.safe_load_all(proc.stdout) if doc]


def find(objects: list[Obj], kind: str, name: str) -> Obj:
    for obj in objects:
        if obj["kind"] == kind and obj["metadata"]["name"] == name:
            return obj
    raise AssertionError(f"{kind}/{name} is not in the rendered output")


def of_kind(objects: list[Obj], kind: str) -> list[Obj]:
    return [obj for obj in objects if obj["kind"] == kind]


def pod_spec(workload: Obj) -> Obj:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["spec"]  # type: ignore[no-any-return]
    return workload["spec"]["template"]["spec"]  # type: ignore[no-any-return]


def pod_labels(workload: Obj) -> dict[str, str]:
    return workload["spec"]["template"]["metadata"]["labels"]  # type: ignore[no-any-return]


def workloads(objects: list[Obj]) -> list[Obj]:
    return [obj for obj in objects if obj["kind"] in WORKLOAD_KINDS]


def workload_by_app(objects: list[Obj], app: str) -> Obj:
    for obj in workloads(objects):
        if pod_labels(obj).get("app.kubernetes.io/name") == app:
            return obj
    raise AssertionError(f"no workload runs pods labelled app.kubernetes.io/name={app}")


def all_containers(spec: Obj) -> Iterator[Obj]:
    yield from spec.get("initContainers", [])
    yield from spec["containers"]


def container(spec: Obj, name: str) -> Obj:
    for c in all_containers(spec):
        if c["name"] == name:
            return c
    raise AssertionError(f"no container named {name}")


def app_container(objects: list[Obj], app: str, name: str | None = None) -> Obj:
    """The container `name` (by default the one named like the app) of the app's workload."""
    return container(pod_spec(workload_by_app(objects, app)), name or app)


def env_value(objects: list[Obj], c: Obj, name: str) -> str | None:
    """The value a container sees for env var `name` (explicit env wins over envFrom)."""
    for entry in c.get("env", []):
        if entry["name"] == name:
            if "value" in entry:
                return entry["value"]  # type: ignore[no-any-return]
            ref = entry.get("valueFrom", {}).get("configMapKeyRef")
            if ref:
                return find(objects, "ConfigMap", ref["name"])["data"][ref["key"]]  # type: ignore[no-any-return]
            return None
    for source in c.get("envFrom", []):
        ref = source.get("configMapRef")
        if ref:
            data = find(objects, "ConfigMap", ref["name"]).get("data", {})
            if name in data:
                return data[name]  # type: ignore[no-any-return]
    return None
