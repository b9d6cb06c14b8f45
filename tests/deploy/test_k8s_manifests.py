"""The rendered overlays are valid Kubernetes objects, wired to each other as the
architecture says (service names, ports, settings, images)."""

from __future__ import annotations

from collections import Counter

import kubernetes_validate
import pytest

from tests.deploy.rendering import (
    AIRGAPPED_OVERLAYS,
    CONNECTED_OVERLAYS,
    NAMESPACE,
    OVERLAYS,
    Obj,
    all_containers,
    app_container,
    container,
    env_value,
    find,
    of_kind,
    pod_labels,
    pod_spec,
    rendered,
    workload_by_app,
    workloads,
)

pytestmark = pytest.mark.unit

K8S_VERSION = "1.31"
EXPECTED_SERVICES = {
    "ollama": {11434},
    "mcp-server": {8090},
    "aspire-dashboard": {18888, 18890},
    "web": {8080},
    "postgres": {5432},
}
EXPECTED_IMAGES = {
    "ollama": "ollama/ollama",
    "mcp-server": "travel-planner/mcp-server",
    "aspire-dashboard": "mcr.microsoft.com/dotnet/aspire-dashboard",
    "orchestrator": "travel-planner/orchestrator",
    "web": "travel-planner/orchestrator",
    "postgres": "postgres",
}


def test_every_object_validates_strictly_against_the_kubernetes_schema(objects: list[Obj]) -> None:
    failures = []
    for obj in objects:
        try:
            kubernetes_validate.validate(obj, K8S_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            path = ".".join(str(p) for p in exc.path)
            failures.append(f"{obj['kind']}/{obj['metadata']['name']}: {path}: {exc.message}")
    assert not failures, "\n".join(failures)


def test_schema_validation_rejects_a_misspelt_field() -> None:
    # Guards the test above: strict mode must notice unknown properties.
    obj = find(rendered("overlays/cpu"), "Service", "ollama")
    broken = {**obj, "spec": {**obj["spec"], "selectr": {"a": "b"}}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSION, strict=True)


def test_everything_lands_in_one_namespace(objects: list[Obj]) -> None:
    find(objects, "Namespace", NAMESPACE)
    elsewhere = [
        f"{o['kind']}/{o['metadata']['name']}"
        for o in objects
        if o["kind"] != "Namespace" and o["metadata"].get("namespace") != NAMESPACE
    ]
    assert not elsewhere


def test_object_names_are_unique_per_kind(objects: list[Obj]) -> None:
    counts = Counter((o["kind"], o["metadata"]["name"]) for o in objects)
    assert [key for key, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(("service", "ports"), sorted(EXPECTED_SERVICES.items()))
def test_services_keep_the_compose_names_and_ports(
    objects: list[Obj], service: str, ports: set[int]
) -> None:
    svc = find(objects, "Service", service)
    assert {p["port"] for p in svc["spec"]["ports"]} == ports


def test_every_service_selects_a_workload_and_its_named_ports(objects: list[Obj]) -> None:
    for svc in of_kind(objects, "Service"):
        selector = svc["spec"]["selector"]
        matches = [
            w
            for w in workloads(objects)
            if all(pod_labels(w).get(k) == v for k, v in selector.items())
        ]
        assert matches, f"Service {svc['metadata']['name']} selects no pods"
        declared = {
            port["name"]: port["containerPort"]
            for c in pod_spec(matches[0])["containers"]
            for port in c.get("ports", [])
        }
        for port in svc["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            if isinstance(target, str):
                assert target in declared, f"{svc['metadata']['name']}: no port named {target}"
                assert declared[target] == port["port"]


def test_every_configmap_and_secret_reference_resolves(objects: list[Obj]) -> None:
    names = {(o["kind"], o["metadata"]["name"]) for o in objects}
    missing = []
    for w in workloads(objects):
        spec = pod_spec(w)
        for c in all_containers(spec):
            for entry in c.get("env", []):
                source = entry.get("valueFrom", {})
                if "configMapKeyRef" in source:
                    ref = source["configMapKeyRef"]
                    cm = find(objects, "ConfigMap", ref["name"])
                    if ref["key"] not in cm["data"]:
                        missing.append(f"ConfigMap {ref['name']} key {ref['key']}")
                if "secretKeyRef" in source:
                    ref = source["secretKeyRef"]
                    if ("Secret", ref["name"]) not in names:
                        missing.append(f"Secret {ref['name']}")
            for source in c.get("envFrom", []):
                ref = source.get("configMapRef")
                if ref and ("ConfigMap", ref["name"]) not in names:
                    missing.append(f"ConfigMap {source['configMapRef']['name']}")
        for volume in spec.get("volumes", []):
            if "configMap" in volume and ("ConfigMap", volume["configMap"]["name"]) not in names:
                missing.append(f"ConfigMap {volume['configMap']['name']}")
    assert not missing, missing


@pytest.mark.parametrize(("app", "image"), sorted(EXPECTED_IMAGES.items()))
def test_images_use_the_published_names(objects: list[Obj], app: str, image: str) -> None:
    for c in all_containers(pod_spec(workload_by_app(objects, app))):
        assert c["image"].rsplit(":", 1)[0] == image
        # Images loaded from an air-gapped bundle must not be pulled again.
        assert c.get("imagePullPolicy") == "IfNotPresent"


def test_clients_reach_dependencies_through_service_names(objects: list[Obj]) -> None:
    orchestrator = app_container(objects, "orchestrator")
    assert env_value(objects, orchestrator, "OLLAMA_HOST") == "http://ollama:11434"
    assert env_value(objects, orchestrator, "MCP_SERVER_URL") == "http://mcp-server:8090/mcp"
    assert (
        env_value(objects, orchestrator, "OTEL_EXPORTER_OTLP_ENDPOINT")
        == "http://aspire-dashboard:18890"
    )
    assert env_value(objects, orchestrator, "OTEL_SERVICE_NAME") == "travel-planner"
    mcp = app_container(objects, "mcp-server")
    assert env_value(objects, mcp, "MCP_PORT") == "8090"
    assert env_value(objects, mcp, "OTEL_SERVICE_NAME") == "travel-mcp-server"
    assert env_value(objects, mcp, "OTEL_EXPORTER_OTLP_ENDPOINT") == "http://aspire-dashboard:18890"


def test_exporters_send_the_key_the_dashboard_requires(objects: list[Obj]) -> None:
    dashboard = app_container(objects, "aspire-dashboard")
    assert env_value(objects, dashboard, "Dashboard__Otlp__AuthMode") == "ApiKey"
    key_ref = next(e for e in dashboard["env"] if e["name"] == "Dashboard__Otlp__PrimaryApiKey")
    secret = key_ref["valueFrom"]["secretKeyRef"]
    for app in ("orchestrator", "web", "mcp-server"):
        c = app_container(objects, app)
        env = {e["name"]: e for e in c["env"]}
        assert env["OTLP_API_KEY"]["valueFrom"]["secretKeyRef"] == secret
        assert (
            env_value(objects, c, "OTEL_EXPORTER_OTLP_HEADERS") == "x-otlp-api-key=$(OTLP_API_KEY)"
        )
        # $(VAR) expands only from variables defined earlier in the list.
        names = [e["name"] for e in c["env"]]
        assert names.index("OTLP_API_KEY") < names.index("OTEL_EXPORTER_OTLP_HEADERS")


def test_the_plan_job_takes_its_request_from_the_configmap(objects: list[Obj]) -> None:
    job = workload_by_app(objects, "orchestrator")
    assert job["kind"] == "Job"
    c = container(pod_spec(job), "orchestrator")
    assert c["args"] == ["$(TRAVEL_REQUEST)"]
    request = env_value(objects, c, "TRAVEL_REQUEST")
    assert request and "trip" in request.lower()
    assert pod_spec(job)["restartPolicy"] == "Never"
    rules = job["spec"]["podFailurePolicy"]["rules"]
    assert {"action": "FailJob"}.items() <= rules[0].items()
    assert rules[0]["onExitCodes"]["values"] == [2]


def test_the_mcp_server_scales_horizontally(objects: list[Obj]) -> None:
    hpa = find(objects, "HorizontalPodAutoscaler", "mcp-server")
    target = hpa["spec"]["scaleTargetRef"]
    assert find(objects, target["kind"], target["name"])["kind"] == "Deployment"
    assert hpa["spec"]["minReplicas"] >= 2
    pdb = find(objects, "PodDisruptionBudget", "mcp-server")
    assert pdb["spec"]["selector"]["matchLabels"] == {"app.kubernetes.io/name": "mcp-server"}


@pytest.mark.parametrize("overlay", CONNECTED_OVERLAYS)
def test_connected_overlays_pull_the_model_and_may_use_live_data(overlay: str) -> None:
    objects = rendered(f"overlays/{overlay}")
    init = app_container(objects, "ollama", "ensure-model")
    assert env_value(objects, init, "OLLAMA_MODEL_SOURCE") == "pull"
    mcp = app_container(objects, "mcp-server")
    assert env_value(objects, mcp, "TRAVEL_TOOLS_DATA_MODE") == "auto"


@pytest.mark.parametrize("overlay", AIRGAPPED_OVERLAYS)
def test_airgapped_overlays_never_pull_and_use_offline_data(overlay: str) -> None:
    objects = rendered(f"overlays/{overlay}")
    spec = pod_spec(workload_by_app(objects, "ollama"))
    init = container(spec, "ensure-model")
    assert env_value(objects, init, "OLLAMA_MODEL_SOURCE") == "preloaded"
    for c in all_containers(spec):
        assert env_value(objects, c, "OLLAMA_NO_CLOUD") == "1"
    mcp = app_container(objects, "mcp-server")
    assert env_value(objects, mcp, "TRAVEL_TOOLS_DATA_MODE") == "offline"


def test_every_overlay_renders_the_same_services_and_workloads() -> None:
    shapes = {
        overlay: sorted(
            (o["kind"], o["metadata"]["name"])
            for o in rendered(f"overlays/{overlay}")
            if o["kind"] in {"Service", "StatefulSet", "Deployment", "Job"}
        )
        for overlay in OVERLAYS
    }
    assert len({tuple(v) for v in shapes.values()}) == 1, shapes
