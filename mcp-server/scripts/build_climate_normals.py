"""Rebuild or extend the bundled climate-normals dataset on a machine with internet access.

Sources:
  * WMO World Weather Information Service (WWIS) city pages: official monthly normals from the
    national weather services (the source of the bundled dataset).
  * Open-Meteo historical archive (ERA5 reanalysis) for places with no WWIS station: 1991-2020
    monthly means computed from daily values, labelled as reanalysis in the output.

Examples:
    # refresh every bundled station from WWIS
    python mcp-server/scripts/build_climate_normals.py refresh
    # add WWIS cities by id (see https://worldweather.wmo.int/en/json/full_city_list.txt)
    python mcp-server/scripts/build_climate_normals.py add-wwis 206 212
    # add a point computed from ERA5 via Open-Meteo
    python mcp-server/scripts/build_climate_normals.py add-point "Munich" DE 48.137 11.575

Copy the output file to an air-gapped install, or point the package at it by replacing
travel_mcp_server/data/climate_normals.json before building the image.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pycountry

DEFAULT_DATASET = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "travel_mcp_server"
    / "data"
    / "climate_normals.json"
)
WWIS_CITY_URL = "https://worldweather.wmo.int/en/json/{city_id}_en.json"
WWIS_PAGE_URL = "https://worldweather.wmo.int/en/city.html?cityId={city_id}"
ARCHIVE_URL = "https://archive-api.open-meteo.com/v1/archive"
NORMALS_PERIOD = (1991, 2020)
RAIN_DAY_MM = 1.0


def _number(value: Any) -> float | None:
    if value in (None, "", "N/A", "NULL"):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def country_code(name: str, fallback: str | None = None) -> str:
    """ISO 3166 alpha-2 code for a WWIS member name ('France', 'Viet Nam', ...)."""
    cleaned = name.split(" - ")[0].split(",")[0].strip()
    try:
        return str(pycountry.countries.lookup(cleaned).alpha_2)
    except LookupError:
        try:
            return str(pycountry.countries.search_fuzzy(cleaned)[0].alpha_2)
        except LookupError:
            if fallback:
                return fallback
            raise ValueError(f"cannot map WWIS member {name!r} to an ISO country code") from None


def station_from_wwis(
    payload: dict[str, Any], fallback_country: str | None = None
) -> dict[str, Any]:
    """Turn a WWIS city JSON document into one dataset station (no gap filling)."""
    city = payload.get("city") or {}
    climate = city.get("climate") or {}
    months_raw = climate.get("climateMonth") or []
    if isinstance(months_raw, dict):
        months_raw = list(months_raw.values())
    by_month = {int(m["month"]): m for m in months_raw if str(m.get("month", "")).isdigit()}
    if sorted(by_month) != list(range(1, 13)):
        raise ValueError(f"WWIS city {city.get('cityId')} has no complete monthly climate table")
    months = []
    for number in range(1, 13):
        raw = by_month[number]
        tmax, tmin = _number(raw.get("maxTemp")), _number(raw.get("minTemp"))
        if tmax is None or tmin is None:
            raise ValueError(f"WWIS city {city.get('cityId')} lacks max/min temperatures")
        months.append(
            {
                "month": number,
                "temp_max_c": tmax,
                "temp_min_c": tmin,
                "precipitation_mm": _number(raw.get("rainfall")),
                "rain_days": _number(raw.get("raindays")),
            }
        )
    begin, end = _number(climate.get("datab")), _number(climate.get("datae"))
    city_id = int(city["cityId"])
    member = city.get("member") or {}
    return {
        "wwis_city_id": city_id,
        "name": str(city["cityName"]).strip(),
        "country_code": country_code(str(member.get("memName") or ""), fallback_country),
        "latitude": float(city["cityLatitude"]),
        "longitude": float(city["cityLongitude"]),
        "period": f"{int(begin)}-{int(end)}" if begin and end else None,
        "source_url": WWIS_PAGE_URL.format(city_id=city_id),
        "months": months,
    }


def station_from_archive(
    payload: dict[str, Any], name: str, code: str, latitude: float, longitude: float
) -> dict[str, Any]:
    """Monthly normals (mean daily max/min, mean monthly total, mean rain days) from daily ERA5."""
    daily = payload["daily"]
    per_month: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    monthly_rain: dict[tuple[int, int], list[float]] = defaultdict(list)
    for day, tmax, tmin, rain in zip(
        daily["time"],
        daily["temperature_2m_max"],
        daily["temperature_2m_min"],
        daily["precipitation_sum"],
        strict=True,
    ):
        d = date.fromisoformat(day)
        if tmax is not None and tmin is not None:
            per_month[d.month]["tmax"].append(tmax)
            per_month[d.month]["tmin"].append(tmin)
        if rain is not None:
            monthly_rain[(d.year, d.month)].append(rain)
    months = []
    for number in range(1, 13):
        totals = [sum(v) for (_, m), v in monthly_rain.items() if m == number]
        wet = [
            sum(1 for x in v if x >= RAIN_DAY_MM)
            for (_, m), v in monthly_rain.items()
            if m == number
        ]
        months.append(
            {
                "month": number,
                "temp_max_c": round(statistics.fmean(per_month[number]["tmax"]), 1),
                "temp_min_c": round(statistics.fmean(per_month[number]["tmin"]), 1),
                "precipitation_mm": round(statistics.fmean(totals), 1) if totals else None,
                "rain_days": round(statistics.fmean(wet), 1) if wet else None,
            }
        )
    return {
        "wwis_city_id": None,
        "name": name,
        "country_code": code.upper(),
        "latitude": latitude,
        "longitude": longitude,
        "period": f"{NORMALS_PERIOD[0]}-{NORMALS_PERIOD[1]} (ERA5 reanalysis via Open-Meteo)",
        "source_url": f"{ARCHIVE_URL}?latitude={latitude}&longitude={longitude}",
        "source": "ERA5 reanalysis (Copernicus/ECMWF) via the Open-Meteo historical API, CC BY 4.0",
        "months": months,
    }


def _get(client: httpx.Client, url: str, params: dict[str, Any] | None = None) -> Any:
    for attempt in range(3):
        try:
            response = client.get(url, params=params)
            response.raise_for_status()
            return json.loads(response.content.decode("utf-8-sig"))
        except (httpx.HTTPError, ValueError):
            if attempt == 2:
                raise
            time.sleep(2 * (attempt + 1))
    raise RuntimeError("unreachable")


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def save(document: dict[str, Any], path: Path) -> None:
    document["as_of"] = datetime.now(UTC).date().isoformat()
    document["stations"].sort(key=lambda s: (s["country_code"], s["name"]))
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(document['stations'])} stations to {path}")


def _merge(document: dict[str, Any], station: dict[str, Any]) -> None:
    key = station["wwis_city_id"] or (station["name"], station["country_code"])
    document["stations"] = [
        s
        for s in document["stations"]
        if (s["wwis_city_id"] or (s["name"], s["country_code"])) != key
    ] + [station]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="file to update")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("refresh", help="re-download every WWIS station in the dataset")
    add_wwis = commands.add_parser("add-wwis", help="add WWIS cities by id")
    add_wwis.add_argument("city_ids", nargs="+", type=int)
    add_point = commands.add_parser("add-point", help="add a point from the ERA5 archive")
    add_point.add_argument("name")
    add_point.add_argument("country_code")
    add_point.add_argument("latitude", type=float)
    add_point.add_argument("longitude", type=float)
    args = parser.parse_args(argv)

    document = load(args.dataset)
    existing = {s["wwis_city_id"]: s for s in document["stations"] if s["wwis_city_id"]}
    with httpx.Client(
        timeout=60, headers={"User-Agent": "travel-mcp-server dataset builder"}
    ) as client:
        if args.command in ("refresh", "add-wwis"):
            ids = sorted(existing) if args.command == "refresh" else args.city_ids
            for city_id in ids:
                try:
                    payload = _get(client, WWIS_CITY_URL.format(city_id=city_id))
                    fallback = existing.get(city_id, {}).get("country_code")
                    _merge(document, station_from_wwis(payload, fallback))
                    print(f"ok   WWIS {city_id}")
                except (httpx.HTTPError, ValueError, KeyError) as exc:
                    print(f"skip WWIS {city_id}: {exc}", file=sys.stderr)
                time.sleep(args.delay)
        else:
            payload = _get(
                client,
                ARCHIVE_URL,
                {
                    "latitude": args.latitude,
                    "longitude": args.longitude,
                    "start_date": f"{NORMALS_PERIOD[0]}-01-01",
                    "end_date": f"{NORMALS_PERIOD[1]}-12-31",
                    "daily": "temperature_2m_max,temperature_2m_min,precipitation_sum",
                    "timezone": "UTC",
                },
            )
            _merge(
                document,
                station_from_archive(
                    payload, args.name, args.country_code, args.latitude, args.longitude
                ),
            )
    save(document, args.dataset)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
