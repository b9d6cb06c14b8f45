"""A small evaluator of Kubernetes NetworkPolicy semantics over rendered objects.

It answers "may traffic go from A to B on port P?" the way a policy-enforcing CNI does:
a pod is isolated for a direction once any policy selecting it lists that direction in
policyTypes, and then only the union of those policies' rules lets traffic through. A
connection needs both the source's egress and the destination's ingress to allow it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]


@dataclass(frozen=True)
class Endpoint:
    """A pod (labels + namespace) or, with `ip` set, an address outside the cluster."""

    name: str
    namespace: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    namespace_labels: dict[str, str] = field(default_factory=dict)
    ip: str | None = None

    @property
    def is_pod(self) -> bool:
        return self.ip is None


def selector_matches(selector: Obj, labels: dict[str, str]) -> bool:
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values", [])
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def _policy_types(policy: Obj) -> list[str]:
    spec = policy["spec"]
    if "policyTypes" in spec:
        return list(spec["policyTypes"])
    return ["Ingress", *(["Egress"] if "egress" in spec else [])]


def _selects(policy: Obj, pod: Endpoint) -> bool:
    return (
        pod.is_pod
        and policy["metadata"].get("namespace", "") == pod.namespace
        and selector_matches(policy["spec"]["podSelector"], pod.labels)
    )


def _peer_matches(peer: Obj, policy_namespace: str, other: Endpoint) -> bool:
    if "ipBlock" in peer:
        if other.ip is None:
            # Pod IPs fall in cluster ranges, which the policies here always except.
            return False
        address = ipaddress.ip_address(other.ip)
        block = peer["ipBlock"]
        if address not in ipaddress.ip_network(block["cidr"]):
            return False
        return not any(address in ipaddress.ip_network(e) for e in block.get("except", []))
    if not other.is_pod:
        return False
    if "namespaceSelector" in peer:
        if not selector_matches(peer["namespaceSelector"], other.namespace_labels):
            return False
    elif other.namespace != policy_namespace:
        return False
    return "podSelector" not in peer or selector_matches(peer["podSelector"], other.labels)


def _port_matches(ports: list[Obj] | None, port: int, protocol: str) -> bool:
    if not ports:
        return True
    for entry in ports:
        if entry.get("protocol", "TCP") != protocol:
            continue
        if "port" not in entry:
            return True
        low = int(entry["port"])
        high = int(entry.get("endPort", low))
        if low <= port <= high:
            return True
    return False


def _direction_allows(
    policies: list[Obj], pod: Endpoint, other: Endpoint, port: int, protocol: str, kind: str
) -> bool:
    key, peers_key = ("ingress", "from") if kind == "Ingress" else ("egress", "to")
    selecting = [p for p in policies if _selects(p, pod) and kind in _policy_types(p)]
    if not selecting:
        return True
    for policy in selecting:
        namespace = policy["metadata"].get("namespace", "")
        for rule in policy["spec"].get(key) or []:
            peers = rule.get(peers_key)
            peer_ok = not peers or any(_peer_matches(p, namespace, other) for p in peers)
            if peer_ok and _port_matches(rule.get("ports"), port, protocol):
                return True
    return False


def allows(
    policies: list[Obj], source: Endpoint, dest: Endpoint, port: int, protocol: str = "TCP"
) -> bool:
    """Whether a connection from `source` to `dest:port` gets through every policy."""
    egress_ok = not source.is_pod or _direction_allows(
        policies, source, dest, port, protocol, "Egress"
    )
    ingress_ok = not dest.is_pod or _direction_allows(
        policies, dest, source, port, protocol, "Ingress"
    )
    return egress_ok and ingress_ok
