"""Security settings of every rendered pod: the restricted Pod Security Standard and
resource limits, Ollama included; GPU requests only where asked for."""

from __future__ import annotations

import pytest

from tests.deploy.rendering import (
    GPU_OVERLAYS,
    OVERLAYS,
    Obj,
    all_containers,
    app_container,
    container,
    env_value,
    find,
    pod_spec,
    rendered,
    workload_by_app,
    workloads,
)

pytestmark = pytest.mark.unit


def _containers(objects: list[Obj]) -> list[tuple[str, Obj, Obj]]:
    return [
        (f"{w['kind']}/{w['metadata']['name']}/{c['name']}", pod_spec(w), c)
        for w in workloads(objects)
        for c in all_containers(pod_spec(w))
    ]


def test_namespace_enforces_the_restricted_pod_security_standard(objects: list[Obj]) -> None:
    labels = find(objects, "Namespace", "travel-planner")["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"


def test_every_container_runs_as_a_non_root_user(objects: list[Obj]) -> None:
    for where, spec, c in _containers(objects):
        pod_ctx, ctx = spec.get("securityContext", {}), c.get("securityContext", {})
        assert ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot")) is True, where
        # A numeric non-zero UID lets the kubelet verify runAsNonRoot for any image.
        uid = ctx.get("runAsUser", pod_ctx.get("runAsUser"))
        assert isinstance(uid, int) and uid > 0, where


def test_no_container_can_gain_privileges(objects: list[Obj]) -> None:
    for where, spec, c in _containers(objects):
        ctx = c.get("securityContext", {})
        assert ctx.get("allowPrivilegeEscalation") is False, where
        assert ctx.get("privileged", False) is False, where
        assert ctx.get("capabilities", {}).get("drop") == ["ALL"], where
        assert not ctx.get("capabilities", {}).get("add"), where
        seccomp = ctx.get("seccompProfile", spec.get("securityContext", {}).get("seccompProfile"))
        assert seccomp == {"type": "RuntimeDefault"}, where


def test_root_filesystems_are_read_only_with_a_writable_tmp(objects: list[Obj]) -> None:
    for where, spec, c in _containers(objects):
        assert c.get("securityContext", {}).get("readOnlyRootFilesystem") is True, where
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        assert "/tmp" in mounts, where
        volume = next(v for v in spec["volumes"] if v["name"] == mounts["/tmp"])
        assert "emptyDir" in volume, where


def test_every_container_has_cpu_and_memory_requests_and_limits(objects: list[Obj]) -> None:
    for where, _spec, c in _containers(objects):
        resources = c.get("resources", {})
        for section in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(resources.get(section, {})), f"{where} {section}"


def test_pods_share_no_host_namespaces_or_paths_and_mount_no_token(objects: list[Obj]) -> None:
    for w in workloads(objects):
        spec = pod_spec(w)
        name = w["metadata"]["name"]
        assert not any(spec.get(k) for k in ("hostNetwork", "hostPID", "hostIPC")), name
        assert not any("hostPath" in v for v in spec.get("volumes", [])), name
        assert spec.get("automountServiceAccountToken") is False, name
        for c in all_containers(spec):
            assert not any("hostPort" in p for p in c.get("ports", [])), name


def test_ollama_keeps_its_store_on_a_volume_claim_under_its_home(objects: list[Obj]) -> None:
    sts = workload_by_app(objects, "ollama")
    claims = {t["metadata"]["name"] for t in sts["spec"]["volumeClaimTemplates"]}
    spec = pod_spec(sts)
    for c in all_containers(spec):
        home = env_value(objects, c, "HOME")
        store = env_value(objects, c, "OLLAMA_MODELS")
        mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
        assert mounts[f"{home}/.ollama"] in claims, c["name"]
        # The same layout as /root/.ollama in the Compose volume, so a bundle extracts as is.
        assert store == f"{home}/.ollama/models", c["name"]
    assert spec["securityContext"]["fsGroup"] == spec["securityContext"]["runAsGroup"]


def test_ollama_is_ready_only_when_the_configured_model_is_present(objects: list[Obj]) -> None:
    server = app_container(objects, "ollama")
    probe = server["readinessProbe"]["exec"]["command"]
    assert probe[:2] == ["/bin/sh", "-c"]
    assert 'ollama show -- "$OLLAMA_MODEL_ID"' in probe[2]
    assert (
        env_value(objects, server, "OLLAMA_MODEL_ID")
        == find(objects, "ConfigMap", "travel-planner-config")["data"]["OLLAMA_MODEL_ID"]
    )
    # The image has no curl: liveness is an HTTP GET the kubelet makes itself.
    liveness = server["livenessProbe"]["httpGet"]
    assert liveness["path"] == "/api/version"
    ports = {p["name"]: p["containerPort"] for p in server["ports"]}
    assert ports.get(liveness["port"], liveness["port"]) == 11434


def test_the_model_is_in_the_store_before_the_server_starts(objects: list[Obj]) -> None:
    spec = pod_spec(workload_by_app(objects, "ollama"))
    init = container(spec, "ensure-model")
    assert init in spec["initContainers"]
    assert init["command"][-1] == "/scripts/ensure-model.sh"
    server = container(spec, "ollama")
    assert env_value(objects, init, "OLLAMA_MODEL_ID") == env_value(
        objects, server, "OLLAMA_MODEL_ID"
    )
    # The server's default context equals what every client sends (no reloads).
    client = app_container(objects, "orchestrator")
    assert env_value(objects, server, "OLLAMA_CONTEXT_LENGTH") == env_value(
        objects, client, "OLLAMA_NUM_CTX"
    )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_only_gpu_overlays_request_a_gpu_and_tolerate_gpu_nodes(overlay: str) -> None:
    objects = rendered(f"overlays/{overlay}")
    spec = pod_spec(workload_by_app(objects, "ollama"))
    server = container(spec, "ollama")
    toleration = {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}
    if overlay in GPU_OVERLAYS:
        assert server["resources"]["limits"]["nvidia.com/gpu"] == "1"
        assert toleration in spec["tolerations"]
        assert spec["nodeSelector"]
    else:
        assert "nvidia.com/gpu" not in server["resources"]["limits"]
        assert toleration not in spec.get("tolerations", [])
    others = [
        c["name"]
        for w in workloads(objects)
        for c in all_containers(pod_spec(w))
        if c["name"] != "ollama" and "nvidia.com/gpu" in c["resources"].get("limits", {})
    ]
    assert others == []
