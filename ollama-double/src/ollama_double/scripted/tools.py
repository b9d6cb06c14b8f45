"""Tool choice and arguments: the offered tool that fits the conversation best, and its
required arguments filled from the conversation."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ollama_double.scripted.trip import extract_trip, find_places
from ollama_double.scripted.vocabulary import STOPWORDS


def tool_name(tool: dict[str, Any]) -> str:
    return str((tool.get("function") or {}).get("name") or tool.get("name") or "")


def _tool_params(tool: dict[str, Any]) -> dict[str, Any]:
    fn = tool.get("function") or tool
    params = fn.get("parameters") or {}
    return params if isinstance(params, dict) else {}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOPWORDS}


def rank_tools(tools: list[dict[str, Any]], text: str) -> list[tuple[float, dict[str, Any]]]:
    """Offered tools with a relevance score, best first (name words count most)."""
    words = _words(text)
    scored: list[tuple[float, int, dict[str, Any]]] = []
    for index, tool in enumerate(tools):
        fn = tool.get("function") or tool
        name_words = set(re.split(r"[_\W]+", tool_name(tool).lower())) - {""}
        desc_words = _words(str(fn.get("description") or ""))
        score = 3.0 * len(name_words & words) + 0.5 * len(desc_words & words)
        scored.append((score, index, tool))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(score, tool) for score, _, tool in scored]


def choose_tool(tools: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    """The offered tool whose name/description overlaps the conversation most."""
    ranked = rank_tools(tools, text)
    return ranked[0][1] if ranked else None


def tool_arguments(tool: dict[str, Any], text: str, *, today: date | None = None) -> dict[str, Any]:
    """Arguments for ``tool``: every required one, plus optional ones found in ``text``."""
    params = _tool_params(tool)
    props: dict[str, Any] = params.get("properties") or {}
    required = list(params.get("required") or [])
    facts = extract_trip(text)
    places = find_places(text)
    start = facts["start_date"]
    end = facts["end_date"]
    if start is None:
        base = today or date.today()
        month = facts["month"] or base.month
        year = base.year if month > base.month else base.year + 1
        start_d = date(year, month, 1)
        start = start_d.isoformat()
        end = (start_d + timedelta(days=(facts["duration_days"] or 3) - 1)).isoformat()
    if end is None:
        end = start
    destination = facts["destination"] or (places[0] if places else "Lisbon")
    other_place = next((p for p in places if p != destination), None)
    args: dict[str, Any] = {}
    for key, sub in props.items():
        sub = sub if isinstance(sub, dict) else {}
        k = key.lower()
        value: Any = None
        if k in ("place", "name", "location", "city", "destination", "query"):
            value = destination
        elif k in ("to_place", "to", "to_city"):
            value = other_place or destination
        elif k in ("from_place", "origin", "from", "from_city"):
            value = destination
        elif k == "country" or k.endswith("_country"):
            value = facts["country"] if key in required or facts["country"] else None
        elif k in ("start_date", "date", "from_date", "check_in"):
            value = start
        elif k in ("end_date", "to_date", "check_out"):
            value = end
        elif k == "amount":
            value = facts["budget_amount"] or 100
        elif k in ("from_currency", "currency", "source_currency"):
            value = facts["budget_currency"] or "EUR"
        elif k in ("to_currency", "target_currency"):
            value = facts["home_currency"] or (
                "USD" if (facts["budget_currency"] or "EUR") != "USD" else "EUR"
            )
        if value is None and key in required:
            value = _default_for(sub, destination)
        if value is not None:
            args[key] = value
    return args


def _default_for(schema: dict[str, Any], place: str) -> Any:
    if schema.get("enum"):
        return schema["enum"][0]
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), "string")
    if t == "integer":
        return int(schema.get("minimum", 1) or 1)
    if t == "number":
        return float(schema.get("minimum", 1) or 1)
    if t == "boolean":
        return False
    if t == "array":
        return []
    if t == "object":
        return {}
    return place
