"""Grounding: the destination check and the facts every plan needs, fetched by code.

The workflow calls these tools itself, concurrently, so a plan never depends on the model
choosing to call a tool. A failing tool becomes a warning; the MCP server being down is fatal.
"""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from travel_planner.errors import InvalidRequestError
from travel_planner.mcp_client import ToolError, TravelTools
from travel_planner.trip import Notice, Trip

logger = logging.getLogger(__name__)


class Facts(BaseModel):
    """Tool results for one trip, keyed by tool; `None` where the tool failed."""

    place: dict[str, Any]
    weather: dict[str, Any] | None = None
    sun_times: dict[str, Any] | None = None
    local_time: dict[str, Any] | None = None
    public_holidays: dict[str, Any] | None = None
    country_facts: dict[str, Any] | None = None
    conversions: list[dict[str, Any]] = Field(default_factory=list)
    warnings: list[Notice] = Field(default_factory=list)

    @property
    def local_currency(self) -> str | None:
        currencies = (self.country_facts or {}).get("currencies") or []
        if currencies and isinstance(currencies[0], dict):
            code = currencies[0].get("code")
            return str(code) if code else None
        return None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"resolve_place": self.place}
        for name in ("weather", "sun_times", "local_time", "public_holidays", "country_facts"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.conversions:
            data["convert_currency"] = self.conversions
        return data


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


async def _optional(name: str, call: Awaitable[dict[str, Any]], warnings: list[Notice]) -> Any:
    try:
        return await call
    except ToolError as exc:
        warnings.append(
            Notice(code="facts_unavailable", text=f"{name} unavailable", detail=str(exc))
        )
        return None


async def _money(tools: TravelTools, trip: Trip, facts: Facts) -> None:
    """Budget (or a reference amount) in the local and the home currency."""
    facts.country_facts = await _optional(
        "country_facts", tools.call("country_facts", country=trip.country_code), facts.warnings
    )
    local = facts.local_currency
    if trip.budget_amount is not None and trip.budget_currency:
        amount, source = trip.budget_amount, trip.budget_currency
        targets = [c for c in dict.fromkeys([local, trip.home_currency]) if c and c != source]
    else:
        amount, source = 100.0, trip.home_currency
        targets = [local] if local and local != source else []
    for target in targets:
        result = await _optional(
            "convert_currency",
            tools.call("convert_currency", amount=amount, from_currency=source, to_currency=target),
            facts.warnings,
        )
        if result is not None:
            facts.conversions.append(result)


def place_fact(trip: Trip) -> dict[str, Any]:
    """The resolved destination as the plan's first fact."""
    return {
        "name": trip.destination,
        "country": trip.country,
        "country_code": trip.country_code,
        "admin1": trip.region,
        "latitude": trip.latitude,
        "longitude": trip.longitude,
        "timezone": trip.timezone,
        "source": trip.place_source,
    }


async def gather_facts(tools: TravelTools, trip: Trip) -> Facts:
    """Fetch weather, daylight, time zone, holidays, country facts and currency concurrently."""
    facts = Facts(place=place_fact(trip))
    start, end = trip.start_date.isoformat(), trip.end_date.isoformat()
    where = {"place": trip.destination, "country": trip.country_code}
    calls = {
        "weather": tools.call("weather", start_date=start, end_date=end, **where),
        "sun_times": tools.call("sun_times", start_date=start, end_date=end, **where),
        "local_time": tools.call("local_time", start_date=start, end_date=end, **where),
        "public_holidays": tools.call(
            "public_holidays", country=trip.country_code, start_date=start, end_date=end
        ),
    }
    names = list(calls)
    results = await asyncio.gather(
        *(_optional(n, c, facts.warnings) for n, c in calls.items()), _money(tools, trip, facts)
    )
    for name, result in zip(names, results, strict=False):
        setattr(facts, name, result)
    return facts
