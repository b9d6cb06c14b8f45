"""The facts every plan needs, fetched by code and validated once, here.

The workflow calls these tools itself, concurrently, so a plan never depends on the model
choosing to call a tool. A failing tool or a malformed field becomes a Notice; the MCP server
being down is fatal (`DependencyUnavailableError` from `TravelTools`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

from travel_planner.facts.bundle import Facts
from travel_planner.facts.models import (
    Conversion,
    CountryFacts,
    Holidays,
    LocalTime,
    Place,
    SunTimes,
    ToolResult,
    Weather,
    decode,
)
from travel_planner.i18n import translator
from travel_planner.mcp_client import ToolCaller, ToolError
from travel_planner.trip import Notice, Trip

T = TypeVar("T", bound=ToolResult)

REFERENCE_AMOUNT = 100.0


def _(message: str) -> str:
    """Marks a message for the catalogue; translated where the trip's language is known."""
    return message


UNAVAILABLE = {
    "weather": _("No weather data is available for these dates."),
    "sun_times": _("Sunrise and sunset times are unavailable."),
    "local_time": _("Local time details are unavailable."),
    "public_holidays": _("Public holidays could not be checked."),
    "country_facts": _("Country facts (currency, languages) are unavailable."),
    "convert_currency": _("The currency conversion is unavailable."),
}
INCOMPLETE = _("Some facts could not be read and are left out of the plan.")


class _Gathering:
    def __init__(self, tools: ToolCaller, trip: Trip) -> None:
        self.tools = tools
        self.trip = trip
        self.warnings: list[Notice] = []
        self.problems: list[str] = []
        self._ = translator(trip.language, "plan").gettext

    async def fetch(self, tool: str, model: type[T], **arguments: Any) -> T | None:
        try:
            data = await self.tools.call(tool, **arguments)
        except ToolError as exc:
            self.warnings.append(
                Notice(
                    code="facts_unavailable",
                    text=self._(UNAVAILABLE[tool]),
                    detail=f"{tool}: {exc}",
                )
            )
            return None
        result, problems = decode(model, data)
        self.problems += [f"{tool}: {p}" for p in problems]
        return result

    def finish(self) -> list[Notice]:
        if self.problems:
            self.warnings.append(
                Notice(
                    code="facts_incomplete",
                    text=self._(INCOMPLETE),
                    detail="; ".join(self.problems),
                )
            )
        return self.warnings


async def _money(g: _Gathering) -> tuple[CountryFacts | None, list[Conversion]]:
    """Country facts, then the budget (or a reference amount) in local and home currency."""
    trip = g.trip
    country = await g.fetch("country_facts", CountryFacts, country=trip.country_code)
    local = country.currency if country else None
    if trip.budget_amount is not None and trip.budget_currency:
        amount, source = trip.budget_amount, trip.budget_currency
        targets = [c for c in dict.fromkeys([local, trip.home_currency]) if c and c != source]
    else:
        amount, source = REFERENCE_AMOUNT, trip.home_currency
        targets = [local] if local and local != source else []
    conversions = []
    for target in targets:
        result = await g.fetch(
            "convert_currency",
            Conversion,
            amount=amount,
            from_currency=source,
            to_currency=target,
        )
        if result is not None and result.usable:
            conversions.append(result)
    return country, conversions


def place_fact(trip: Trip) -> Place:
    """The resolved destination as the plan's first fact."""
    return Place(
        name=trip.destination,
        country=trip.country,
        country_code=trip.country_code,
        admin1=trip.region,
        latitude=trip.latitude,
        longitude=trip.longitude,
        timezone=trip.timezone,
        source=trip.place_source,
    )


async def gather_facts(tools: ToolCaller, trip: Trip) -> Facts:
    """Weather, daylight, time zone, holidays, country facts and currency, concurrently."""
    g = _Gathering(tools, trip)
    dates = {"start_date": trip.start_date.isoformat(), "end_date": trip.end_date.isoformat()}
    where = {"place": trip.destination, "country": trip.country_code, **dates}
    calls: tuple[Awaitable[Any], ...] = (
        g.fetch("weather", Weather, **where),
        g.fetch("sun_times", SunTimes, **where),
        g.fetch("local_time", LocalTime, **where),
        g.fetch(
            "public_holidays", Holidays, country=trip.country_code, language=trip.language, **dates
        ),
        _money(g),
    )
    weather, sun, local_time, holidays, (country, conversions) = await asyncio.gather(*calls)
    return Facts(
        place=place_fact(trip),
        weather=weather,
        sun_times=sun,
        local_time=local_time,
        public_holidays=holidays,
        country_facts=country,
        conversions=conversions,
        warnings=g.finish(),
    )
