"""`Facts`: every tool result of one trip, typed, with the look-ups the plan needs."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from travel_planner.facts.models import (
    Conversion,
    CountryFacts,
    Holidays,
    LocalTime,
    Place,
    SunDay,
    SunTimes,
    Weather,
    WeatherDay,
)
from travel_planner.trip import Notice

# Facts field -> the tool that gave it (the `--json` keys).
TOOL_KEYS = {
    "place": "resolve_place",
    "weather": "weather",
    "sun_times": "sun_times",
    "local_time": "local_time",
    "public_holidays": "public_holidays",
    "country_facts": "country_facts",
}


class Facts(BaseModel):
    """Tool results for one trip; `None` where a tool failed. Round-trips through JSON."""

    place: Place
    weather: Weather | None = None
    sun_times: SunTimes | None = None
    local_time: LocalTime | None = None
    public_holidays: Holidays | None = None
    country_facts: CountryFacts | None = None
    conversions: list[Conversion] = Field(default_factory=list)
    warnings: list[Notice] = Field(default_factory=list)

    @property
    def local_currency(self) -> str | None:
        return self.country_facts.currency if self.country_facts else None

    def weather_on(self, day: date) -> WeatherDay | None:
        return self.weather.on(day) if self.weather else None

    def sun_on(self, day: date) -> SunDay | None:
        return self.sun_times.on(day) if self.sun_times else None

    def holidays_on(self, day: date) -> list[str]:
        return self.public_holidays.on(day) if self.public_holidays else []

    def as_json(self) -> dict[str, Any]:
        """Tool name -> what the tool returned (fields it sent; `--json` shape)."""
        data: dict[str, Any] = {}
        for name, tool in TOOL_KEYS.items():
            value = getattr(self, name)
            if value is not None:
                data[tool] = value.model_dump(mode="json", exclude_unset=True)
        if self.conversions:
            data["convert_currency"] = [
                c.model_dump(mode="json", exclude_unset=True) for c in self.conversions
            ]
        return data
