"""Reading a request with the English-only rules of trip.py (being replaced)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Protocol

from travel_planner.errors import InvalidRequestError
from travel_planner.facts import ResolvedPlace, resolve_destination
from travel_planner.i18n import Language
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import (
    Clarification,
    Notice,
    Refinement,
    Trip,
    TripUnderstanding,
    fully_read,
    merge_follow_up,
    parse_request,
    resolve_dates,
    resolve_money,
    stated_travellers,
    understanding_schema,
)


class StructuredModel(Protocol):
    async def __call__(self, prompt: str, schema: dict[str, Any]) -> str | None: ...


def _parse_understanding(text: str) -> TripUnderstanding:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return TripUnderstanding()
    try:
        data = json.loads(text[start : end + 1])
    except ValueError:
        return TripUnderstanding()
    return TripUnderstanding.lenient(data)


async def understand(
    request: str,
    *,
    today: date,
    places: TravelTools,
    model: StructuredModel | None,
    home_currency: str,
    language: Language | None = None,
) -> Trip | Clarification:
    try:
        return await _understand(request, today, places, model, home_currency, language)
    except InvalidRequestError as error:
        return Clarification(
            reason="no_destination", message=str(error), language=language or "en",
            request=request,
        )  # fmt: skip


async def _understand(
    request: str,
    today: date,
    tools: TravelTools,
    model: StructuredModel | None,
    home_currency: str,
    language: Language | None,
) -> Trip:
    hints = parse_request(request, today)
    understood = TripUnderstanding()
    source: Any = "parser"
    resolved: ResolvedPlace | None = None
    if hints.place_candidates and fully_read(request, hints, hints.place_candidates):
        try:
            resolved = await resolve_destination(tools, request, None, None, hints.place_candidates)
        except InvalidRequestError:
            resolved = None
        if resolved is not None:
            names = (
                resolved.query,
                str(resolved.place.get("name")),
                str(resolved.place.get("country")),
            )
            if resolved.fuzzy or not fully_read(request, hints, names):
                resolved = None
    if resolved is None:
        source = "model"
        if model is not None:
            answer = await model(request, understanding_schema())
            if answer is not None:
                understood = _parse_understanding(answer)
        resolved = await resolve_destination(
            tools, request, understood.destination, understood.country, hints.place_candidates
        )
    place = resolved.place
    dates = resolve_dates(hints, understood, today, latitude=place.get("latitude"))
    amount, currency, home = resolve_money(hints, understood, home_currency, request)
    assumptions = [Notice(code="assumption", text=a) for a in dates.assumptions]
    if resolved.note:
        assumptions.append(Notice(code="place", text=resolved.note))
    if place.get("_ambiguous"):
        assumptions.append(
            Notice(
                code="ambiguous_place",
                text=f"Several places are called {resolved.query}; planning for "
                f"{place['name']}, {place.get('country')} (the best match).",
            )
        )
    interests = list(dict.fromkeys([*understood.interests, *hints.interests]))[:6]
    return Trip(
        request=request,
        language=language or "en",
        destination=str(place["name"]),
        country=str(place.get("country") or place.get("country_code")),
        country_code=str(place.get("country_code")),
        region=place.get("admin1"),
        latitude=place.get("latitude"),
        longitude=place.get("longitude"),
        timezone=place.get("timezone"),
        start_date=dates.start,
        end_date=dates.end,
        travellers=hints.travellers or stated_travellers(understood.travellers, request) or 1,
        interests=interests,
        budget_amount=amount,
        budget_currency=currency,
        home_currency=home,
        assumptions=assumptions,
        source=source,
        place_source=place.get("source"),
    )


def _is_new_trip(message: str, today: date) -> bool:
    import re

    if re.match(r"\s*(new trip|plan (a|another|me)|start over)\b", message, re.I):
        return True
    try:
        hints = parse_request(message, today)
    except InvalidRequestError:
        return True
    return any(x is not None for x in (hints.start, hints.month, hints.duration_days))


async def understand_follow_up(
    message: str,
    *,
    current: Trip | Clarification,
    today: date,
    places: TravelTools,
    model: StructuredModel | None,
    home_currency: str,
    language: Language | None = None,
) -> Trip | Clarification | Refinement:
    if isinstance(current, Clarification) or _is_new_trip(message, today):
        request = merge_follow_up(current.request, message, today)
    else:
        return Refinement(instruction=message)
    return await understand(
        request, today=today, places=places, model=model, home_currency=home_currency,
        language=language,
    )  # fmt: skip
