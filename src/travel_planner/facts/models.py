"""Typed tool results, validated once where they enter the planner.

Every model is lenient: a field whose value does not fit becomes missing data (its default)
and is recorded as a problem, never an error, so one odd value from a tool costs that value
only. Unknown fields are kept, so `--json` still shows what the tool returned.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    field_validator,
)

# Numbers must be numbers: `true` or "12" from a tool is a bad value, not 1 or 12.
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Count = Annotated[int, Strict()]

PROBLEMS_KEY = "problems"


class ToolResult(BaseModel):
    """Base of every tool result: bad fields become their default and a recorded problem."""

    model_config = ConfigDict(extra="allow")

    @field_validator("*", mode="wrap")
    @classmethod
    def _lenient(cls, value: Any, handler: Any, info: ValidationInfo) -> Any:
        try:
            return handler(value)
        except ValidationError:
            if info.context is not None and info.field_name is not None:
                shown = repr(value)
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                info.context.setdefault(PROBLEMS_KEY, []).append(
                    f"{cls.__name__}.{info.field_name}={shown}"
                )
            if info.field_name is None:
                return None
            return cls.model_fields[info.field_name].get_default(call_default_factory=True)

    @field_validator("*", mode="before")
    @classmethod
    def _drop_junk_items(cls, value: Any) -> Any:
        # A list of records keeps its good records when one of them is not a record at all.
        if isinstance(value, list) and value and any(isinstance(v, dict) for v in value):
            return [v for v in value if isinstance(v, dict)]
        return value


class Place(ToolResult):
    name: str = ""
    ascii_name: str | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: Number | None = None
    longitude: Number | None = None
    timezone: str | None = None
    population: Count | None = None
    source: str | None = None


class WeatherDay(ToolResult):
    date: dt.date | None = None
    temp_max_c: Number | None = None
    temp_min_c: Number | None = None
    precipitation_mm: Number | None = None
    precipitation_probability_pct: Number | None = None


class MonthNormals(ToolResult):
    month: str | None = None
    mean_daily_max_c: Number | None = None
    mean_daily_min_c: Number | None = None
    precipitation_mm_month: Number | None = None
    rain_days: Number | None = None


class Station(ToolResult):
    name: str | None = None
    country_code: str | None = None
    distance_km: Number | None = None
    period: str | None = None


class Weather(ToolResult):
    kind: Literal["forecast", "climate_normals"] | None = None
    label: str | None = None
    days: list[WeatherDay] = Field(default_factory=list)
    # Climate normals only, keyed by month number ("1"-"12").
    monthly_normals: dict[str, MonthNormals] = Field(default_factory=dict)
    station: Station | None = None
    source: str | None = None
    as_of: str | None = None
    note: str | None = None

    @field_validator("monthly_normals", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @property
    def is_normals(self) -> bool:
        """Monthly averages of a station rather than a forecast: no day differs from another."""
        if self.kind is not None:
            return self.kind == "climate_normals"
        return bool(self.monthly_normals)

    def on(self, day: dt.date) -> WeatherDay | None:
        return next((d for d in self.days if d.date == day), None)

    def normals(self, month: int) -> MonthNormals | None:
        return self.monthly_normals.get(str(month))


class SunDay(ToolResult):
    date: dt.date | None = None
    sunrise: str | None = None
    sunset: str | None = None
    daylight_hours: Number | None = None
    polar: Literal["polar_day", "polar_night", "sun_crosses_horizon_once"] | None = None


class SunTimes(ToolResult):
    timezone: str | None = None
    days: list[SunDay] = Field(default_factory=list)
    source: str | None = None

    def on(self, day: dt.date) -> SunDay | None:
        return next((d for d in self.days if d.date == day), None)


class LocalDay(ToolResult):
    date: dt.date | None = None
    utc_offset: str | None = None
    abbreviation: str | None = None
    is_dst: bool | None = None


class ClockChange(ToolResult):
    date: dt.date | None = None
    change: Literal["clocks go forward", "clocks go back"] | None = None
    local_time_before: str | None = None
    local_time_after: str | None = None
    offset_before: str | None = None
    offset_after: str | None = None


class LocalTime(ToolResult):
    timezone: str | None = None
    days: list[LocalDay] = Field(default_factory=list)
    dst_changes: list[ClockChange] = Field(default_factory=list)
    source: str | None = None


class Holiday(ToolResult):
    date: dt.date | None = None
    name: str | None = None


class Holidays(ToolResult):
    country: str | None = None
    holidays: list[Holiday] = Field(default_factory=list)
    source: str | None = None

    def on(self, day: dt.date) -> list[str]:
        return [h.name for h in self.holidays if h.date == day and h.name]


class Currency(ToolResult):
    code: str | None = None
    name: str | None = None


class CountryFacts(ToolResult):
    code: str | None = None
    name: str | None = None
    capital: str | None = None
    currencies: list[Currency] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    # ISO 639 codes of `languages`, in the same order (a server that sends none: names only).
    language_codes: list[str] = Field(default_factory=list)
    calling_code: str | None = None
    driving_side: str | None = None
    source: str | None = None

    def spoken(self) -> list[tuple[str, str | None]]:
        """Each language's English name with its ISO code (None where the codes sent do not
        match the names one for one)."""
        codes: list[str | None] = list(self.language_codes)
        if len(codes) != len(self.languages):
            codes = [None] * len(self.languages)
        return list(zip(self.languages, codes, strict=True))

    @property
    def currency(self) -> str | None:
        """The local currency's ISO code (the first one the country uses)."""
        return next((c.code for c in self.currencies if c.code), None)


class Conversion(ToolResult):
    amount: Number | None = None
    from_currency: str | None = None
    to_currency: str | None = None
    converted: Number | None = None
    rate: Number | None = None
    rate_date: str | None = None
    as_of: str | None = None
    mode: str | None = None
    source: str | None = None

    @property
    def usable(self) -> bool:
        return None not in (self.amount, self.converted, self.rate) and bool(
            self.from_currency and self.to_currency
        )


T = TypeVar("T", bound=ToolResult)


def decode(model: type[T], data: Any) -> tuple[T | None, list[str]]:
    """A tool's JSON object as `model`, and the fields that had to be dropped."""
    if not isinstance(data, dict):
        return None, [f"{model.__name__}: not an object ({type(data).__name__})"]
    context: dict[str, list[str]] = {}
    return model.model_validate(data, context=context), context.get(PROBLEMS_KEY, [])
