"""What each tool returns: the models FastMCP publishes as output schemas.

Tool logic builds plain dicts; the server validates them into these models once, so the
published schema and the structured content cannot drift apart. Field names are the
long-standing JSON keys callers read (new fields may be added, none renamed)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from travel_mcp_server.places import Place


class _Result(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class Currency(_Result):
    code: str
    name: str | None


class CountryFacts(_Result):
    code: str
    alpha3: str | None
    name: str | None
    official_name: str | None
    capital: str | None
    continent: str | None
    population: int | None
    currencies: list[Currency]
    languages: list[str]
    # ISO 639 codes of `languages`, in the same order ("el" for "Modern Greek (1453-)").
    language_codes: list[str]
    calling_code: str | None
    driving_side: str | None
    driving_side_note: str
    source: str


class Holiday(_Result):
    date: str
    name: str


class Holidays(_Result):
    country: str
    country_name: str
    subdivision: str | None
    start_date: str
    end_date: str
    holidays: list[Holiday]
    # The language of the names: the one asked for where the calendar has it, else "en_US".
    language: str
    source: str


class Conversion(_Result):
    amount: float
    from_currency: str
    to_currency: str
    converted: float
    rate: float
    rate_date: str
    as_of: str
    mode: Literal["live", "offline snapshot"]
    note: str | None
    source: str


class LocalDay(_Result):
    date: str
    utc_offset: str
    abbreviation: str | None
    is_dst: bool


class ClockChange(_Result):
    date: str
    at_utc: str
    local_time_before: str
    local_time_after: str
    offset_before: str
    offset_after: str
    abbreviation_before: str | None
    abbreviation_after: str | None
    change: Literal["clocks go forward", "clocks go back"]


class LocalTime(_Result):
    place: Place
    timezone: str
    days: list[LocalDay]
    dst_changes: list[ClockChange]
    note: str
    source: str


class SunDay(_Result):
    date: str
    sunrise: str | None
    sunset: str | None
    daylight_hours: float | None
    polar: Literal["polar_day", "polar_night", "sun_crosses_horizon_once"] | None


class SunTimes(_Result):
    place: Place
    timezone: str
    days: list[SunDay]
    note: str
    source: str


class WeatherDay(_Result):
    date: str
    temp_max_c: float | None
    temp_min_c: float | None
    precipitation_mm: float | None
    precipitation_probability_pct: float | None = None


class MonthNormals(_Result):
    month: str
    mean_daily_max_c: float | None
    mean_daily_min_c: float | None
    precipitation_mm_month: float | None
    rain_days: float | None


class StationInfo(_Result):
    name: str
    country_code: str
    distance_km: float
    period: str | None
    source_url: str | None


class Weather(_Result):
    place: Place
    kind: Literal["forecast", "climate_normals"]
    label: str
    days: list[WeatherDay]
    monthly_normals: dict[str, MonthNormals] | None = Field(
        default=None, description="Climate normals only: keyed by month number ('1'-'12')."
    )
    station: StationInfo | None = None
    source: str
    as_of: str
    note: str | None


class FlightEstimate(_Result):
    flight_hours: float | None
    flight_formula: str
    label: str


class Distance(_Result):
    from_place: Place = Field(alias="from")
    to_place: Place = Field(alias="to")
    distance_km: float
    distance_miles: float
    estimates: FlightEstimate
    source: str


class Echo(_Result):
    text: str
    source: str
