"""Packing list and practical tips from every fact: sun, rain, cold, heat, daylight, holidays,
interests and children.

Sun: the midday sun's height follows from the latitude and the date (solar declination). Above
50° the UV index under a clear sky is high (about 6 or more) whatever the air temperature, so
Cape Town in December needs sunscreen even on a mild day; below 30° (Reykjavík in February,
London in December) it is low and sunscreen is not on the list unless there is snow.
"""

from __future__ import annotations

import math
from datetime import date

from travel_planner.facts import Facts
from travel_planner.facts.outlook import (
    LONG_DAY_H,
    forecast_rain,
    season_outlooks,
    temperatures,
)
from travel_planner.plan.words import Words
from travel_planner.trip import Trip

STRONG_SUN_DEG = 50.0
MODERATE_SUN_DEG = 30.0
SHORT_DAY_H = 9.0
MIDNIGHT_LIGHT_H = 17.0

# Word stems of the interests, in the plan languages.
INTERESTS = {
    "hiking": ("hik", "trek", "mountain", "nature", "wander", "senderismo", "randonn", "trilh",
               "escursion"),
    "beach": ("beach", "surf", "swim", "playa", "plage", "strand", "praia", "spiaggia", "mare"),
    "skiing": ("ski", "snowboard", "esquí", "sci"),
    "children": ("kid", "child", "famil", "niñ", "enfant", "kinder", "criança", "bambin"),
    "sacred": ("church", "temple", "mosque", "cathedral", "iglesia", "église", "kirche",
               "igreja", "chiesa"),
}  # fmt: skip


def _has(trip: Trip, interest: str) -> bool:
    words = INTERESTS[interest]
    return any(w in i.lower() for i in trip.interests for w in words)


def noon_sun_elevation(latitude: float, day: date) -> float:
    """The sun's height above the horizon at solar noon, in degrees (±1° is plenty here)."""
    declination = 23.44 * math.sin(math.radians(360 / 365 * (day.timetuple().tm_yday - 81)))
    return 90.0 - abs(latitude - declination)


def _latitude(trip: Trip, facts: Facts) -> float | None:
    return trip.latitude if trip.latitude is not None else facts.place.latitude


def _sun_items(trip: Trip, facts: Facts, w: Words, snow: bool) -> list[str]:
    _ = w._
    latitude = _latitude(trip, facts)
    if latitude is None:
        return []
    peak = max(noon_sun_elevation(latitude, d) for d in trip.days)
    month = w.month(trip.start_date.month)
    if peak >= STRONG_SUN_DEG:
        return [
            _(
                "Sunscreen, sunglasses and a sun hat: the midday sun is strong here in {month}"
            ).format(month=month)
        ]
    if peak >= MODERATE_SUN_DEG or snow:
        return [_("Sunglasses and sunscreen for long hours outdoors")]
    return []


def _rain_items(trip: Trip, facts: Facts, w: Words) -> list[str]:
    _ = w._
    rain = forecast_rain(trip, facts)
    if rain is not None:
        if rain.wet_days:
            return [
                w.n_(
                    "An umbrella or rain jacket (rain on {wet} of {days} day)",
                    "An umbrella or rain jacket (rain on {wet} of {days} days)",
                    rain.days,
                ).format(wet=rain.wet_days, days=rain.days)
            ]
        return [_("A compact umbrella, just in case")]
    seasons = [s for s in season_outlooks(trip, facts) if s.normals.rain_days is not None]
    if seasons:
        wettest = max(seasons, key=lambda s: s.normals.rain_days or 0)
        if wettest.rain in ("some showers", "often wet"):
            item = _("An umbrella or rain jacket ({month} usually has {n} days with rain)").format(
                month=w.month(wettest.month), n=w.num(wettest.normals.rain_days or 0, 0)
            )
            if wettest.rain == "often wet":
                item += "; " + _("shoes that cope with wet streets")
            return [item]
        return [_("A compact umbrella, just in case")]
    if facts.weather is None:
        return [_("Layers and a rain jacket (no weather data was available)")]
    return []


def _temperature_items(trip: Trip, facts: Facts, w: Words) -> list[str]:
    _ = w._
    temps = temperatures(trip, facts)
    items = []
    if temps.lows:
        low = w.num(min(temps.lows))
        if min(temps.lows) < 0:
            items.append(
                _(
                    "Thermal layers, a warm coat, hat and gloves: frost is likely "
                    "(lows down to {low} °C)"
                ).format(low=low)
            )
        elif min(temps.lows) < 8:
            items.append(_("A warm coat, hat and gloves (lows down to {low} °C)").format(low=low))
        elif min(temps.lows) < 15:
            items.append(_("A warm layer for the evenings (lows down to {low} °C)").format(low=low))
    if temps.highs and max(temps.highs) >= 30:
        items.append(
            _(
                "Light, breathable clothes and a refillable water bottle (highs up to {high} °C)"
            ).format(high=w.num(max(temps.highs)))
        )
    return items


def packing_list(trip: Trip, facts: Facts, w: Words) -> list[str]:
    _ = w._
    items = [_("Comfortable walking shoes"), _("Travel documents, cards and a phone charger")]
    items += _temperature_items(trip, facts, w)
    items += _rain_items(trip, facts, w)
    skiing = _has(trip, "skiing")
    items += _sun_items(trip, facts, w, snow=skiing)
    if skiing:
        items.append(_("Ski clothing, goggles and gloves: snow reflects the sun"))
    if _has(trip, "hiking"):
        items.append(_("Hiking shoes, a small day pack and a water bottle"))
    if _has(trip, "beach"):
        items.append(_("Swimwear, a beach towel and water shoes"))
    if _has(trip, "sacred"):
        items.append(_("Clothes that cover shoulders and knees for churches and temples"))
    if _has(trip, "children"):
        items.append(_("Snacks, wet wipes and a small first-aid kit for the children"))
    hours = [s.daylight_hours for d in trip.days if (s := facts.sun_on(d)) and s.daylight_hours]
    if hours and max(hours) >= MIDNIGHT_LIGHT_H:
        items.append(_("A sleep mask: it stays light late into the night"))
    return items


def practical_tips(trip: Trip, facts: Facts, w: Words) -> list[str]:
    """Advice that follows from the facts (the facts themselves are listed elsewhere)."""
    _ = w._
    tips = []
    for n, day in enumerate(trip.days, start=1):
        for name in facts.holidays_on(day):
            tips.append(
                _(
                    "Day {n} ({date}) is a public holiday, {name}: shops and museums may "
                    "close or keep shorter hours."
                ).format(n=n, date=w.date(day, "long"), name=name)
            )
    hours = [
        s.daylight_hours
        for d in trip.days
        if (s := facts.sun_on(d)) and s.daylight_hours is not None
    ]
    if any(s.polar == "polar_night" for d in trip.days if (s := facts.sun_on(d))):
        tips.append(
            _(
                "The sun does not rise on some days (polar night): plan indoor sights and "
                "dress for the dark."
            )
        )
    elif hours and min(hours) <= SHORT_DAY_H:
        tips.append(
            _(
                "Days are short (about {hours} h of daylight): plan outdoor sights around midday."
            ).format(hours=w.num(min(hours), 0))
        )
    elif hours and max(hours) >= LONG_DAY_H:
        tips.append(_("Long days: there is light for sights until late in the evening."))
    temps = temperatures(trip, facts)
    if temps.highs and max(temps.highs) >= 30:
        tips.append(_("Plan walks for the morning and evening; the afternoons are hot."))
    if _has(trip, "hiking"):
        tips.append(_("Check trail conditions and the forecast the day before a hike."))
    if _has(trip, "children"):
        tips.append(_("With children, plan one main sight a day and a break in the afternoon."))
    return tips
