"""No destination yet ("somewhere warm in March for a week"): ask where, and when the
request wishes for a climate, offer the three places whose climate normals fit best."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from travel_planner.i18n import Language, country_name, month_name
from travel_planner.mcp_client import ToolError
from travel_planner.trip import Clarification
from travel_planner.understanding import messages as msg
from travel_planner.understanding.model import ModelReading
from travel_planner.understanding.places import PlaceLookup
from travel_planner.understanding.reading import TextReading
from travel_planner.understanding.trip_dates import SEASON_MONTHS, month_start

logger = logging.getLogger(__name__)

# What "warm" and "cool" mean for a holiday, in °C of the month's average daily maximum.
CLIMATE_BANDS = {"warm": {"min_temp_c": 22.0}, "cool": {"max_temp_c": 20.0}}


def wished_month(reading: TextReading, model: ModelReading, today: date) -> int:
    d = reading.dates
    if d.start is not None:
        return d.start.month
    if d.month is not None:
        return d.month
    if d.season is not None:
        return SEASON_MONTHS[d.season]
    if model.start is not None:
        return model.start.month
    if model.month is not None:
        return model.month
    return month_start((today + timedelta(days=14)).month, None, today, False).month


def _row_label(row: dict[str, Any], lang: Language) -> str | None:
    place = row.get("place")
    if not isinstance(place, dict) or not place.get("name"):
        return None
    country = country_name(str(place.get("country_code") or ""), lang)
    name = f"{place['name']}, {country}" if country else str(place["name"])
    try:
        low, high = round(float(row["temp_min_c"])), round(float(row["temp_max_c"]))
        rain = round(float(row["rain_days"]))
    except (KeyError, TypeError, ValueError):
        return name
    return msg.plural(lang, msg.SUGGESTION_ROW, rain, place=name, low=low, high=high, rain=rain)


async def suggest(
    places: PlaceLookup, reading: TextReading, model: ModelReading, today: date, lang: Language
) -> Clarification:
    request = reading.text
    climate = reading.climate or model.climate
    if climate is None:
        return msg.clarify("no_destination", lang, request, msg.NO_DESTINATION)
    month = wished_month(reading, model, today)
    try:
        result = await places.call(
            "suggest_destinations", month=month, limit=3, **CLIMATE_BANDS[climate]
        )
    except ToolError as exc:
        logger.info("suggest_destinations failed: %s", exc)
        return msg.clarify("no_destination", lang, request, msg.NO_DESTINATION)
    rows: list[dict[str, Any]] = []
    labels: list[str] = []
    for row in result.get("suggestions") or []:
        label = _row_label(row, lang) if isinstance(row, dict) else None
        if label is not None and len(rows) < 3:
            rows.append(row)
            labels.append(label)
    names = [str(r["place"]["name"]) for r in rows]
    if not labels:
        return msg.clarify("no_destination", lang, request, msg.NO_DESTINATION)
    return msg.clarify(
        "no_destination",
        lang,
        request,
        msg.SUGGESTIONS,
        options=names,
        suggestions=rows,
        month=month_name(month, lang),
        places="; ".join(labels),
    )
