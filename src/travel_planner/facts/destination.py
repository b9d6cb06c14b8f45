"""Checking a destination with resolve_place (used by the request reader being replaced).

Exact name matches win; a country alone means its capital; a fuzzy match is the last resort,
and the result says which place was chosen.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from travel_planner.errors import InvalidRequestError
from travel_planner.mcp_client import ToolError, TravelTools

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResolvedPlace:
    place: dict[str, Any]
    query: str
    note: str | None
    fuzzy: bool = False


def _mentioned(name: str, request: str) -> bool:
    return name.strip().lower() in request.lower()


def _words(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def names_match(query: str, place: dict[str, Any]) -> bool:
    """Whether the place is what was asked for, not a fuzzy neighbour ("Portugal" must not
    become "Portugalete"): the names agree word for word, or one starts the other."""
    wanted = _words(query)
    names = [str(place.get(key) or "") for key in ("name", "ascii_name")]
    # Bilingual names ("Donostia / San Sebastián"): each part is the place's name.
    for part in [p for name in names for p in name.split("/")]:
        found = _words(part)
        if found and (
            found == wanted or found.startswith(wanted + " ") or wanted.startswith(found + " ")
        ):
            return True
    return False


async def _resolve(tools: TravelTools, name: str, country: str | None) -> dict[str, Any] | None:
    try:
        result = await tools.call("resolve_place", name=name[:200], country=country, limit=5)
    except ToolError as exc:
        logger.debug("resolve_place(%r) failed: %s", name, exc)
        return None
    best = result.get("best")
    if not isinstance(best, dict) or not best.get("name"):
        return None
    best = {**best, "source": result.get("source")}
    if result.get("ambiguous"):
        best["_ambiguous"] = True
    return best


async def _capital_of(tools: TravelTools, name: str) -> ResolvedPlace | None:
    """A country named alone ("a week in Portugal"): its capital, said as an assumption."""
    try:
        country = await tools.call("country_facts", country=name[:200])
    except ToolError:
        return None
    official = {_words(str(country.get(k) or "")) for k in ("name", "official_name", "code")}
    capital = country.get("capital")
    if _words(name) not in official or not isinstance(capital, str) or not capital:
        return None
    place = await _resolve(tools, capital, str(country.get("code") or "") or None)
    if place is None:
        return None
    note = f"{name} is a country: planning for its capital, {capital}. Name a city to change it."
    return ResolvedPlace(place, capital, note)


async def resolve_destination(
    tools: TravelTools,
    request: str,
    model_destination: str | None,
    model_country: str | None,
    candidates: tuple[str, ...],
) -> ResolvedPlace:
    """Verify the model's destination with resolve_place; fall back to names in the request.

    Exact name matches win; a country alone means its capital; a fuzzy match is the last
    resort, and the plan says which place it chose."""
    names: list[str] = []
    if model_destination and _mentioned(model_destination, request):
        names.append(model_destination)
    names += [c for c in candidates if c.lower() not in (n.lower() for n in names)]
    country = model_country if model_country and _mentioned(model_country, request) else None
    fuzzy: list[tuple[str, dict[str, Any]]] = []
    for name in names:
        place = await _resolve(tools, name, country) if country else None
        place = place or await _resolve(tools, name, None)
        if place is not None and names_match(name, place):
            return ResolvedPlace(place, name, None)
        capital = await _capital_of(tools, name)
        if capital is not None:
            return capital
        if place is not None:
            fuzzy.append((name, place))
    if fuzzy:
        name, place = fuzzy[0]
        note = f"No place is called exactly '{name}'; planning for {place['name']}."
        return ResolvedPlace(place, name, note, fuzzy=True)
    if model_destination and model_destination not in names:
        place = await _resolve(tools, model_destination, None)
        if place is not None:
            note = f"The request names no place the tools know; planning for {place['name']}."
            return ResolvedPlace(place, model_destination, note, fuzzy=True)
    named = f" (looked up: {', '.join(names)})" if names else ""
    raise InvalidRequestError(
        f"Where do you want to go? No destination found in the request{named}. "
        "Add a city, e.g. '4 days in Lisbon from 2027-05-10, food and museums'."
    )
