"""What the weather and daylight figures mean, as words: one set of thresholds for the
prompts (a small model reasons better over "warm, dry" than over figures) and the advice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from travel_planner.facts.bundle import Facts
from travel_planner.facts.models import MonthNormals
from travel_planner.trip import Trip

Warmth = Literal["hot", "warm", "mild", "cool", "cold"]
RainChance = Literal["dry", "showers", "wet"]
Daylight = Literal["long", "normal", "short", "polar_day", "polar_night"]
SeasonRain = Literal["mostly dry", "some showers", "often wet"]

WET_MM = 5.0
SHOWERS_MM = 1.0
WET_CHANCE_PCT = 70.0
SHOWERS_CHANCE_PCT = 40.0
LONG_DAY_H = 14.0
SHORT_DAY_H = 10.0


def warmth(high_c: float | None) -> Warmth | None:
    """How the day feels, from its daytime high."""
    if high_c is None:
        return None
    if high_c >= 30:
        return "hot"
    if high_c >= 22:
        return "warm"
    if high_c >= 15:
        return "mild"
    return "cool" if high_c >= 8 else "cold"


def rain_chance(mm: float | None, chance_pct: float | None) -> RainChance | None:
    if mm is None and chance_pct is None:
        return None
    if (mm or 0) >= WET_MM or (chance_pct or 0) >= WET_CHANCE_PCT:
        return "wet"
    if (mm or 0) >= SHOWERS_MM or (chance_pct or 0) >= SHOWERS_CHANCE_PCT:
        return "showers"
    return "dry"


def season_rain(rain_days: float | None) -> SeasonRain | None:
    if rain_days is None:
        return None
    if rain_days >= 12:
        return "often wet"
    return "some showers" if rain_days >= 6 else "mostly dry"


@dataclass(frozen=True)
class DayOutlook:
    """One day in words. Weather words only for a forecast: normals say nothing about a day."""

    number: int
    day: date
    warmth: Warmth | None
    rain: RainChance | None
    daylight: Daylight | None
    holidays: tuple[str, ...]


@dataclass(frozen=True)
class SeasonOutlook:
    """A month's climate normals (the usual weather, not a forecast)."""

    month: int
    warmth: Warmth | None
    rain: SeasonRain | None
    normals: MonthNormals


def _daylight(facts: Facts, day: date) -> Daylight | None:
    sun = facts.sun_on(day)
    if sun is None:
        return None
    if sun.polar in ("polar_day", "polar_night"):
        return sun.polar
    hours = sun.daylight_hours
    if hours is None:
        return None
    if hours >= LONG_DAY_H:
        return "long"
    return "short" if hours <= SHORT_DAY_H else "normal"


def day_outlooks(trip: Trip, facts: Facts) -> list[DayOutlook]:
    forecast = facts.weather is not None and not facts.weather.is_normals
    out = []
    for number, day in enumerate(trip.days, start=1):
        entry = facts.weather_on(day) if forecast else None
        out.append(
            DayOutlook(
                number=number,
                day=day,
                warmth=warmth(entry.temp_max_c) if entry else None,
                rain=rain_chance(entry.precipitation_mm, entry.precipitation_probability_pct)
                if entry
                else None,
                daylight=_daylight(facts, day),
                holidays=tuple(facts.holidays_on(day)),
            )
        )
    return out


def season_outlooks(trip: Trip, facts: Facts) -> list[SeasonOutlook]:
    """The months of the trip, for climate normals; empty for a forecast or no data."""
    if facts.weather is None or not facts.weather.is_normals:
        return []
    out: list[SeasonOutlook] = []
    for month in dict.fromkeys(d.month for d in trip.days):
        normals = facts.weather.normals(month)
        if normals is not None:
            out.append(
                SeasonOutlook(
                    month,
                    warmth(normals.mean_daily_max_c),
                    season_rain(normals.rain_days),
                    normals,
                )
            )
    return out


@dataclass(frozen=True)
class Temperatures:
    lows: list[float]
    highs: list[float]


def temperatures(trip: Trip, facts: Facts) -> Temperatures:
    """Daily lows and highs over the trip (forecast days, or the months' normals)."""
    lows: list[float] = []
    highs: list[float] = []
    for day in trip.days:
        entry = facts.weather_on(day)
        if entry is None:
            continue
        if entry.temp_min_c is not None:
            lows.append(entry.temp_min_c)
        if entry.temp_max_c is not None:
            highs.append(entry.temp_max_c)
    return Temperatures(lows, highs)


@dataclass(frozen=True)
class ForecastRain:
    wet_days: int
    days: int
    most_mm: float


def forecast_rain(trip: Trip, facts: Facts) -> ForecastRain | None:
    """Days with rain (1 mm or more) in a forecast; None for normals or no rain figures."""
    if facts.weather is None or facts.weather.is_normals:
        return None
    amounts = [
        e.precipitation_mm
        for e in (facts.weather_on(d) for d in trip.days)
        if e is not None and e.precipitation_mm is not None
    ]
    if not amounts:
        return None
    return ForecastRain(sum(1 for r in amounts if r >= SHOWERS_MM), len(amounts), max(amounts))
