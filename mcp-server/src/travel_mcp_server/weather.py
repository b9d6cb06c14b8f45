"""Weather for a date range: a live Open-Meteo forecast inside its horizon, else climate normals."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from typing import Any

from travel_mcp_server.climate_normals import MAX_STATION_DISTANCE_KM, ClimateNormals
from travel_mcp_server.config import DataMode
from travel_mcp_server.inputs import DataUnavailableError, ToolInputError, each_day
from travel_mcp_server.live import LiveClient, LiveSourceError
from travel_mcp_server.places import Place

FORECAST_HORIZON_DAYS = 16
NORMALS_LABEL = "climate normals, not a forecast"
FORECAST_SOURCE = "Open-Meteo forecast API (open-meteo.com, CC BY 4.0)"
_DAILY_FIELDS = (
    "temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max"
)


def within_horizon(first: date, last: date, today: date) -> bool:
    return first >= today and last < today + timedelta(days=FORECAST_HORIZON_DAYS)


async def fetch_forecast(
    live: LiveClient, url: str, place: Place, first: date, last: date
) -> dict[str, Any]:
    """Daily forecast for the range, parsed from Open-Meteo's JSON."""
    payload = await live.get_json(
        url,
        {
            "latitude": f"{place.latitude:.4f}",
            "longitude": f"{place.longitude:.4f}",
            "daily": _DAILY_FIELDS,
            "timezone": place.timezone,
            "start_date": first.isoformat(),
            "end_date": last.isoformat(),
        },
    )
    daily = payload.get("daily") if isinstance(payload, dict) else None
    if not isinstance(daily, dict) or not isinstance(daily.get("time"), list):
        raise LiveSourceError("forecast response has no daily series")
    times = daily["time"]

    def series(name: str) -> list[Any]:
        values = daily.get(name)
        return (
            values
            if isinstance(values, list) and len(values) == len(times)
            else [None] * len(times)
        )

    days = [
        {
            "date": str(day),
            "temp_max_c": tmax,
            "temp_min_c": tmin,
            "precipitation_mm": rain,
            "precipitation_probability_pct": chance,
        }
        for day, tmax, tmin, rain, chance in zip(
            times,
            series("temperature_2m_max"),
            series("temperature_2m_min"),
            series("precipitation_sum"),
            series("precipitation_probability_max"),
            strict=True,
        )
    ]
    if len(days) != len(each_day(first, last)):
        raise LiveSourceError("forecast does not cover the requested dates")
    return {
        "place": place.model_dump(),
        "kind": "forecast",
        "label": "weather forecast",
        "days": days,
        "source": FORECAST_SOURCE,
        "as_of": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "note": None,
    }


def normals_for(
    normals: ClimateNormals, place: Place, first: date, last: date, reason: str | None
) -> dict[str, Any]:
    """Monthly normals of the nearest station, spread over the requested days."""
    station, km = normals.nearest(place.latitude, place.longitude)
    if km > MAX_STATION_DISTANCE_KM:
        raise DataUnavailableError(
            f"No climate normals for {place.label}: the nearest station in the bundled dataset "
            f"is {station.name} ({station.record['country_code']}), {km:.0f} km away "
            f"(limit {MAX_STATION_DISTANCE_KM:.0f} km). Forecasts exist only for the next "
            f"{FORECAST_HORIZON_DAYS} days in online/auto mode."
        )
    days = []
    months: dict[str, dict[str, Any]] = {}
    for day in each_day(first, last):
        month = station.month(day.month)
        days.append(
            {
                "date": day.isoformat(),
                "temp_max_c": month["temp_max_c"],
                "temp_min_c": month["temp_min_c"],
                "precipitation_mm": None,
            }
        )
        months.setdefault(
            str(day.month),
            {
                "month": calendar.month_name[day.month],
                "mean_daily_max_c": month["temp_max_c"],
                "mean_daily_min_c": month["temp_min_c"],
                "precipitation_mm_month": month["precipitation_mm"],
                "rain_days": month["rain_days"],
            },
        )
    where = (
        f"Station {station.name} is the dataset's station for {place.label}"
        if km < 15
        else f"Nearest station: {station.name}, {km:.0f} km from {place.label}"
    )
    notes = [where + "."]
    if reason:
        notes.insert(0, reason)
    notes.append(
        "Daily values repeat the month's mean daily max/min; precipitation is a monthly total."
    )
    period = station.record.get("period") or "period not stated"
    return {
        "place": place.model_dump(),
        "kind": "climate_normals",
        "label": NORMALS_LABEL,
        "days": days,
        "monthly_normals": months,
        "station": {
            "name": station.name,
            "country_code": station.record["country_code"],
            "distance_km": round(km, 1),
            "period": station.record.get("period"),
            "source_url": station.record.get("source_url"),
        },
        "source": f"{station.record.get('source') or normals.source['name']}; "
        f"station {station.name} ({period})",
        "as_of": normals.as_of,
        "note": " ".join(notes),
    }


def from_normals(live: LiveClient, first: date, last: date, today: date) -> bool:
    """Whether the answer comes from the bundled normals without asking the live source: it
    then depends only on the place, the dates and today (see normals_answer)."""
    return live.mode is DataMode.OFFLINE or not within_horizon(first, last, today)


def normals_answer(
    normals: ClimateNormals, live: LiveClient, place: Place, first: date, last: date, today: date
) -> dict[str, Any]:
    """Tool logic when from_normals(): dates in the past refused, else the normals, saying why
    they stand in for a forecast."""
    if last < today:
        raise ToolInputError(
            f"The whole range ({first.isoformat()} to {last.isoformat()}) is in the past; "
            f"ask about dates from {today.isoformat()} on."
        )
    if live.mode is DataMode.OFFLINE:
        return normals_for(normals, place, first, last, None)
    horizon_end = today + timedelta(days=FORECAST_HORIZON_DAYS - 1)
    reason = (
        f"Dates are outside the {FORECAST_HORIZON_DAYS}-day forecast horizon "
        f"({today.isoformat()} to {horizon_end.isoformat()})."
    )
    return normals_for(normals, place, first, last, reason)


async def weather(
    normals: ClimateNormals,
    live: LiveClient,
    forecast_url: str,
    place: Place,
    first: date,
    last: date,
    today: date,
) -> dict[str, Any]:
    """Tool logic: forecast when live data is allowed and the dates are close, else normals."""
    if from_normals(live, first, last, today):  # a range in the past is never within horizon
        return normals_answer(normals, live, place, first, last, today)
    outcome = await live.run(
        "Open-Meteo forecast",
        lambda: fetch_forecast(live, forecast_url, place, first, last),
        lambda: normals_for(normals, place, first, last, None),
    )
    result = outcome.value
    if outcome.note:
        result = {**result, "note": f"{outcome.note} {result.get('note') or ''}".strip()}
    return result
