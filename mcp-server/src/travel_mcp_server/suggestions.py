"""suggest_destinations: cities whose climate normals fit a month, a temperature band and rain.

Every bundled climate station stands for its city (the nearest city within SAME_CITY_KM).
A station fits when its mean daily high for the month lies in the wanted band and its rain
days are at most the limit; fitting stations are ranked by how close the high is to the
middle of the band (or to a comfortable 24 °C when no band is given), then by fewer rain
days. At most one suggestion per country, so three suggestions are three different trips."""

from __future__ import annotations

import calendar
import json
from importlib.resources import files

from pydantic import BaseModel

from travel_mcp_server.climate_normals import ClimateNormals, Station
from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.distance import haversine_km
from travel_mcp_server.inputs import ToolInputError, fold, optional_text
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.places import Place, PlaceIndex

MAX_SUGGESTIONS = 10
SAME_CITY_KM = 50.0
COMFORTABLE_HIGH_C = 24.0
# With only one bound, aim this far inside it ("at least 20 °C" means about 24 °C).
ONE_SIDED_MARGIN_C = 4.0
# One rain day costs as much as half a degree away from the wanted temperature.
RAIN_DAY_COST_C = 0.5
# A station without rain-day figures ranks as if it had this many.
UNKNOWN_RAIN_DAYS = 10.0


class Suggestion(BaseModel):
    place: Place
    temp_min_c: float | None
    temp_max_c: float | None
    rain_days: float | None
    precipitation_mm: float | None
    station: str
    why: str


class Suggestions(BaseModel):
    month: int
    suggestions: list[Suggestion]
    note: str | None
    source: str


class DestinationFinder:
    """Stations paired with their cities; build once and share."""

    def __init__(self, normals: ClimateNormals, index: PlaceIndex, lookup: PlaceLookup) -> None:
        self.normals = normals
        self.countries: CountryDirectory = lookup.countries
        self.lookup = lookup
        self.cities: list[tuple[Station, Place]] = []
        for station in normals.stations:
            code = str(station.record["country_code"])
            near = [
                (haversine_km(station.latitude, station.longitude, p.latitude, p.longitude), p)
                for p in index.in_country(code)
            ]
            close = [(km, p) for km, p in near if km <= SAME_CITY_KM]
            if close:
                self.cities.append((station, max(close, key=lambda kp: kp[1].population)[1]))
        continents = json.loads(
            files("travel_mcp_server.data").joinpath("country_names.json").read_text("utf-8")
        )["continents"]
        self._continents = {
            fold(name): frozenset(codes.split(","))
            for codes, names in continents.items()
            for name in [*names, *codes.split(",")]
            if "," not in name
        }

    def _countries_in(self, region: str) -> set[str]:
        """ISO codes a region names: a continent, a country, or a travel region's country."""
        key = fold(region)
        continents = self._continents.get(key)
        if continents is not None:
            return {
                code
                for code, record in self.countries.records.items()
                if record.get("continentcode") in continents
            }
        if key in self.countries.by_name:
            return {self.countries.by_name[key]}
        area = self.lookup.areas.find(key)
        if area is not None:
            return {area.info.country_code}
        raise ToolInputError(
            f"Unknown region {region!r}: name a continent ('Europe', 'Asia'), a country "
            "('Portugal') or leave it out."
        )

    def suggest(
        self,
        month: int,
        min_temp_c: float | None = None,
        max_temp_c: float | None = None,
        max_rain_days: float | None = None,
        region: str | None = None,
        limit: int = 3,
    ) -> Suggestions:
        """Tool logic: the best-fitting cities for the month, one per country."""
        _check(month, min_temp_c, max_temp_c, max_rain_days, limit)
        where = optional_text(region, "region")
        allowed = self._countries_in(where) if where else None
        target = _target(min_temp_c, max_temp_c)
        scored: list[tuple[float, Station, Place]] = []
        for station, place in self.cities:
            normals = station.month(month)
            high, rain = normals.get("temp_max_c"), normals.get("rain_days")
            if allowed is not None and place.country_code not in allowed:
                continue
            if high is None or not _within(float(high), min_temp_c, max_temp_c):
                continue
            if max_rain_days is not None and (rain is None or float(rain) > max_rain_days):
                continue
            wet = float(rain) if rain is not None else UNKNOWN_RAIN_DAYS
            cost = abs(float(high) - target) + RAIN_DAY_COST_C * wet
            scored.append((cost, station, place))
        chosen: list[Suggestion] = []
        for _, station, place in sorted(scored, key=lambda s: s[0]):
            if all(s.place.country_code != place.country_code for s in chosen):
                chosen.append(_suggestion(station, place, month))
            if len(chosen) == limit:
                break
        note = (
            None
            if chosen
            else (
                "No bundled climate station fits; widen the temperature band, allow more rain "
                "days or leave out the region."
            )
        )
        return Suggestions(
            month=month,
            suggestions=chosen,
            note=note,
            source=f"{self.normals.source['name']} monthly climate normals (as of "
            f"{self.normals.as_of}); cities from {self.lookup.index.source}",
        )


def _check(
    month: int,
    min_temp_c: float | None,
    max_temp_c: float | None,
    max_rain_days: float | None,
    limit: int,
) -> None:
    if not 1 <= month <= 12:
        raise ToolInputError(f"'month' must be 1-12 (got {month}).")
    if min_temp_c is not None and max_temp_c is not None and min_temp_c > max_temp_c:
        raise ToolInputError(
            f"min_temp_c {min_temp_c} is above max_temp_c {max_temp_c}; swap them."
        )
    if max_rain_days is not None and not 0 <= max_rain_days <= 31:
        raise ToolInputError(f"'max_rain_days' must be 0-31 (got {max_rain_days}).")
    if not 1 <= limit <= MAX_SUGGESTIONS:
        raise ToolInputError(f"'limit' must be between 1 and {MAX_SUGGESTIONS} (got {limit}).")


def _target(low: float | None, high: float | None) -> float:
    if low is not None and high is not None:
        return (low + high) / 2
    if low is not None:
        return max(low + ONE_SIDED_MARGIN_C, COMFORTABLE_HIGH_C)
    if high is not None:
        return min(high - ONE_SIDED_MARGIN_C, COMFORTABLE_HIGH_C)
    return COMFORTABLE_HIGH_C


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _suggestion(station: Station, place: Place, month: int) -> Suggestion:
    normals = station.month(month)
    high, low = _number(normals.get("temp_max_c")), _number(normals.get("temp_min_c"))
    rain = _number(normals.get("rain_days"))
    parts = [f"average highs {high:.0f} °C" if high is not None else None]
    parts.append(f"lows {low:.0f} °C" if low is not None else None)
    parts.append(f"{rain:.0f} rain days" if rain is not None else "rain days not recorded")
    why = f"In {calendar.month_name[month]}: " + ", ".join(p for p in parts if p) + "."
    return Suggestion(
        place=place,
        temp_min_c=low,
        temp_max_c=high,
        rain_days=rain,
        precipitation_mm=_number(normals.get("precipitation_mm")),
        station=station.name,
        why=why,
    )
