"""Who may talk to whom once the NetworkPolicies are enforced, evaluated over the
rendered objects: exactly the arrows of the architecture, and in air-gapped overlays
nothing leaves the namespace but DNS lookups."""

from __future__ import annotations

import pytest

from tests.deploy.netpol import Endpoint, allows, selector_matches
from tests.deploy.rendering import (
    AIRGAPPED_OVERLAYS,
    CONNECTED_OVERLAYS,
    NAMESPACE,
    Obj,
    of_kind,
    pod_labels,
    rendered,
    workload_by_app,
)

pytestmark = pytest.mark.unit

APPS = ("orchestrator", "web", "ollama", "mcp-server", "aspire-dashboard", "postgres")
PLANNERS = {"orchestrator", "web"}
WEB_ACCESS = {"network.travel-planner/web-access": "allowed"}
PUBLIC_ADDRESS = "203.0.113.7"  # documentation range, stands for "the internet"
PRIVATE_ADDRESS = "10.20.30.40"


def _pod(objects: list[Obj], app: str) -> Endpoint:
    return Endpoint(
        name=app,
        namespace=NAMESPACE,
        labels=pod_labels(workload_by_app(objects, app)),
        namespace_labels={"kubernetes.io/metadata.name": NAMESPACE},
    )


def _outsiders() -> list[Endpoint]:
    return [
        Endpoint(
            name="unlabelled pod in the namespace",
            namespace=NAMESPACE,
            labels={"run": "debug"},
            namespace_labels={"kubernetes.io/metadata.name": NAMESPACE},
        ),
        Endpoint(
            name="orchestrator-lookalike in another namespace",
            namespace="other",
            labels={"app.kubernetes.io/name": "orchestrator"},
            namespace_labels={"kubernetes.io/metadata.name": "other"},
        ),
        Endpoint(name="internet", ip=PUBLIC_ADDRESS),
        Endpoint(name="private network", ip=PRIVATE_ADDRESS),
    ]


def _sources(objects: list[Obj]) -> list[Endpoint]:
    return [_pod(objects, app) for app in APPS] + _outsiders()


def _admitted(objects: list[Obj], dest: str, port: int) -> set[str]:
    policies = of_kind(objects, "NetworkPolicy")
    target = _pod(objects, dest)
    return {
        s.name for s in _sources(objects) if s.name != dest and allows(policies, s, target, port)
    }


def _dns(objects: list[Obj]) -> Endpoint:
    return Endpoint(
        name="kube-dns",
        namespace="kube-system",
        labels={"k8s-app": "kube-dns"},
        namespace_labels={"kubernetes.io/metadata.name": "kube-system"},
    )


def test_a_default_deny_policy_isolates_every_pod(objects: list[Obj]) -> None:
    deny = [
        p
        for p in of_kind(objects, "NetworkPolicy")
        if p["spec"]["podSelector"] == {}
        and not p["spec"].get("ingress")
        and not p["spec"].get("egress")
    ]
    assert deny and {"Ingress", "Egress"} <= set(deny[0]["spec"]["policyTypes"])


@pytest.mark.parametrize(("dest", "port"), [("ollama", 11434), ("mcp-server", 8090)])
def test_only_the_planners_reach_ollama_and_the_mcp_server(
    objects: list[Obj], dest: str, port: int
) -> None:
    assert _admitted(objects, dest, port) == PLANNERS


def test_only_the_web_app_reaches_the_database(objects: list[Obj]) -> None:
    assert _admitted(objects, "postgres", 5432) == {"web"}


@pytest.mark.parametrize(
    "dest", ["ollama", "mcp-server", "aspire-dashboard", "orchestrator", "postgres"]
)
def test_no_other_port_is_open(objects: list[Obj], dest: str) -> None:
    for port in (22, 80, 443, 8080, 9090):
        assert _admitted(objects, dest, port) == set(), (dest, port)


def test_the_web_app_takes_requests_only_from_namespaces_labelled_for_it(
    objects: list[Obj],
) -> None:
    policies = of_kind(objects, "NetworkPolicy")
    web = _pod(objects, "web")
    ingress = Endpoint(
        name="ingress controller",
        namespace="ingress-nginx",
        labels={"app": "controller"},
        namespace_labels={"kubernetes.io/metadata.name": "ingress-nginx", **WEB_ACCESS},
    )
    assert allows(policies, ingress, web, 8080)
    assert not allows(policies, ingress, web, 5432)
    for port in (8080, 22):
        assert _admitted(objects, "web", port) == set(), port


def test_otlp_reaches_the_dashboard_from_every_instrumented_service(objects: list[Obj]) -> None:
    # Traces go over OTLP/HTTP (18890); the dashboard's OTLP/gRPC port is reached by no one.
    assert _admitted(objects, "aspire-dashboard", 18890) == PLANNERS | {"mcp-server"}
    assert _admitted(objects, "aspire-dashboard", 18889) == set()


def test_nothing_connects_to_the_orchestrator_or_the_dashboard_ui(objects: list[Obj]) -> None:
    assert _admitted(objects, "aspire-dashboard", 18888) == set()
    for port in (11434, 8090, 18889):
        assert _admitted(objects, "orchestrator", port) == set()


def test_every_pod_may_resolve_names(objects: list[Obj]) -> None:
    policies = of_kind(objects, "NetworkPolicy")
    for app in APPS:
        for protocol in ("UDP", "TCP"):
            assert allows(policies, _pod(objects, app), _dns(objects), 53, protocol), app


@pytest.mark.parametrize("overlay", CONNECTED_OVERLAYS)
def test_connected_overlays_let_ollama_and_the_mcp_server_use_https(overlay: str) -> None:
    objects = rendered(f"overlays/{overlay}")
    policies = of_kind(objects, "NetworkPolicy")
    internet = Endpoint(name="internet", ip=PUBLIC_ADDRESS)
    allowed = {app for app in APPS if allows(policies, _pod(objects, app), internet, 443)}
    assert allowed == {"ollama", "mcp-server"}
    # Private ranges (other workloads, cloud metadata) stay closed even there.
    for address in (PRIVATE_ADDRESS, "169.254.169.254", "192.168.1.1"):
        private = Endpoint(name=address, ip=address)
        assert not any(allows(policies, _pod(objects, app), private, 443) for app in APPS)


@pytest.mark.parametrize("overlay", AIRGAPPED_OVERLAYS)
def test_airgapped_overlays_let_nothing_leave_the_namespace_but_dns(overlay: str) -> None:
    objects = rendered(f"overlays/{overlay}")
    policies = of_kind(objects, "NetworkPolicy")
    external = [Endpoint(name=ip, ip=ip) for ip in (PUBLIC_ADDRESS, "8.8.8.8", PRIVATE_ADDRESS)]
    foreign_pod = Endpoint(
        name="pod elsewhere",
        namespace="other",
        labels={"app": "anything"},
        namespace_labels={"kubernetes.io/metadata.name": "other"},
    )
    for app in APPS:
        source = _pod(objects, app)
        for dest in [*external, foreign_pod]:
            for port in (53, 80, 443, 11434):
                assert not allows(policies, source, dest, port), (app, dest.name, port)
    # No rule anywhere opens egress to arbitrary addresses.
    for policy in policies:
        for rule in policy["spec"].get("egress", []):
            assert rule.get("to"), policy["metadata"]["name"]
            assert not any("ipBlock" in peer for peer in rule["to"]), policy["metadata"]["name"]


def test_the_pipeline_paths_are_open_end_to_end(objects: list[Obj]) -> None:
    policies = of_kind(objects, "NetworkPolicy")
    paths = [
        ("orchestrator", "ollama", 11434),
        ("orchestrator", "mcp-server", 8090),
        ("orchestrator", "aspire-dashboard", 18890),
        ("web", "ollama", 11434),
        ("web", "mcp-server", 8090),
        ("web", "postgres", 5432),
        ("web", "aspire-dashboard", 18890),
        ("mcp-server", "aspire-dashboard", 18890),
    ]
    for source, dest, port in paths:
        assert allows(policies, _pod(objects, source), _pod(objects, dest), port), (source, dest)


def test_the_evaluator_follows_selector_semantics() -> None:
    assert selector_matches({}, {"a": "b"})
    assert selector_matches(
        {"matchExpressions": [{"key": "a", "operator": "In", "values": ["b"]}]}, {"a": "b"}
    )
    assert not selector_matches(
        {"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["b"]}]}, {"a": "b"}
    )
    assert not selector_matches({"matchLabels": {"a": "c"}}, {"a": "b"})
    # No policy selecting a pod means it is not isolated.
    open_pod = Endpoint(name="x", namespace="n", labels={"a": "b"})
    assert allows([], open_pod, open_pod, 1234)
