"""JSON that is valid against the JSON schema a client sent in ``format``.

Properties known by name get the extracted trip facts; everything else gets a
type-appropriate null or empty value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# "No value fits this schema variant" (None is a real value).
_MISS = object()


def _resolve(schema: Any, root: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        merged = dict(node) if isinstance(node, dict) else {}
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        return _resolve(merged, root) if "$ref" in merged else merged
    return schema


def _variants(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            out: list[dict[str, Any]] = []
            for sub in schema[key]:
                out.extend(_variants(_resolve(sub, root), root))
            return out
    if isinstance(schema.get("allOf"), list) and schema["allOf"]:
        merged: dict[str, Any] = {}
        for sub in schema["allOf"]:
            merged.update(_resolve(sub, root))
        return [merged]
    types = schema.get("type")
    if isinstance(types, list):
        return [{**schema, "type": t} for t in types]
    return [schema]


def _fits(value: Any, variant: dict[str, Any]) -> bool:
    if "enum" in variant:
        return value in variant["enum"]
    if "const" in variant:
        return bool(value == variant["const"])
    t = variant.get("type")
    if t == "null":
        return value is None
    if t == "string":
        return isinstance(value, str)
    if t == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return ok and _in_range(value, variant)
    if t == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return ok and _in_range(value, variant)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "array":
        return isinstance(value, list)
    if t == "object":
        return isinstance(value, dict)
    return t is None and value is not None


def _in_range(value: float, variant: dict[str, Any]) -> bool:
    lo, hi = variant.get("minimum"), variant.get("maximum")
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def _coerce(value: Any, variant: dict[str, Any]) -> Any:
    """Try to turn ``value`` into something that fits ``variant``; return _MISS if not."""
    t = variant.get("type")
    if _fits(value, variant):
        return value
    if value is None:
        return _MISS
    if t == "string" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if t == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if t == "number" and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return _MISS
    if t == "array" and not isinstance(value, list):
        return [value]
    if t == "string" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if "enum" in variant and isinstance(value, str):
        for option in variant["enum"]:
            if isinstance(option, str) and option.lower() == value.lower():
                return option
    return _MISS


def _empty(variant: dict[str, Any], root: dict[str, Any], depth: int) -> Any:
    if "const" in variant:
        return variant["const"]
    if variant.get("enum"):
        return variant["enum"][0]
    if "default" in variant:
        return variant["default"]
    t = variant.get("type")
    if t == "string":
        fmt = variant.get("format")
        if fmt == "date":
            return date.today().isoformat()
        if fmt == "date-time":
            return date.today().isoformat() + "T00:00:00Z"
        return "x" * int(variant.get("minLength", 0))
    if t == "integer":
        return int(variant.get("minimum", 0))
    if t == "number":
        return variant.get("minimum", 0)
    if t == "boolean":
        return False
    if t == "array":
        count = int(variant.get("minItems", 0))
        items = _resolve(variant.get("items", {}), root)
        return [_fill(items, {}, root, depth + 1) for _ in range(count)]
    if t == "object":
        return _fill(variant, {}, root, depth + 1)
    return None


def _fill(schema: dict[str, Any], facts: dict[str, Any], root: dict[str, Any], depth: int) -> Any:
    variants = _variants(schema, root)
    obj_variant = next((v for v in variants if v.get("type") == "object"), None)
    if obj_variant is None and "properties" in schema:
        obj_variant = schema
    if obj_variant is not None and depth < 8:
        out: dict[str, Any] = {}
        props = obj_variant.get("properties") or {}
        required = obj_variant.get("required") or list(props)
        for key, sub in props.items():
            sub_schema = _resolve(sub, root)
            out[key] = _value_for(key, sub_schema, facts, root, depth)
        for key in required:
            out.setdefault(key, None)
        return out
    return _value_for("", schema, facts, root, depth)


def _value_for(
    key: str, schema: dict[str, Any], facts: dict[str, Any], root: dict[str, Any], depth: int
) -> Any:
    variants = _variants(schema, root)
    if any(v.get("type") == "object" for v in variants) and depth < 8:
        nested = next(v for v in variants if v.get("type") == "object")
        if nested.get("properties"):
            return _fill(nested, facts, root, depth + 1)
    if key in facts:
        value = facts[key]
        for variant in variants:
            coerced = _coerce(value, variant)
            if coerced is not _MISS:
                if variant.get("type") == "array" and isinstance(coerced, list):
                    items = _resolve(variant.get("items", {}), root)
                    if items.get("type") == "string":
                        coerced = [str(v) for v in coerced]
                return coerced
    for variant in variants:
        if variant.get("type") == "null":
            return None
    for variant in variants:
        if variant.get("type") == "array":
            return _empty(variant, root, depth)
    return _empty(variants[0] if variants else {}, root, depth)


def fill_schema(schema: dict[str, Any], facts: dict[str, Any]) -> Any:
    """A value valid against ``schema`` using ``facts`` for properties known by name."""
    return _fill(_resolve(schema, schema), facts, schema, 0)
