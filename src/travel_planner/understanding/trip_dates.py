"""The trip's first and last day, from what the text says, then the checked model answer,
then the current trip (a follow-up), then defaults; each assumption stated as a Notice."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.easter import easter

from travel_planner.i18n import Language, month_name
from travel_planner.trip import (
    DEFAULT_LEAD_DAYS,
    DEFAULT_TRIP_DAYS,
    MAX_TRIP_DAYS,
    Clarification,
    Notice,
)
from travel_planner.understanding import messages as msg
from travel_planner.understanding.dates import DateReading, Holiday, MonthPart, Weekend
from travel_planner.understanding.model import MAX_DAYS_AHEAD, ModelReading

# Meteorological seasons: the month each starts in the northern hemisphere; the southern
# hemisphere's start six months later.
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def weekend_start(kind: Weekend, after: date, month: tuple[int, int] | None) -> date:
    """The first Saturday (Friday for a long weekend) after `after`, in `month` if given."""
    weekday = 4 if kind == "long" else 5
    first = after + timedelta(days=1)
    if month is not None:
        first = max(first, date(month[1], month[0], 1))
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def month_start(month: int, year: int | None, today: date, force_next: bool) -> date:
    """The first day of `month` that is still ahead (tomorrow when the month is under way)."""
    if year is None:
        year = today.year
        if month < today.month or (month == today.month and force_next):
            year += 1
    return max(date(year, month, 1), today + timedelta(days=1))


def part_start(part: MonthPart, first: date, days: int) -> date:
    """The first day of a trip of `days` in a part of the month that starts on `first`: early
    from the 1st, mid centred on the 15th, late ending on the month's last day (from the 21st
    at the earliest, so that a long trip starts in the month's last third)."""
    last = calendar.monthrange(first.year, first.month)[1]
    day = {"early": 1, "mid": max(1, 15 - (days - 1) // 2), "late": max(21, last - days + 1)}
    return max(first, first.replace(day=day[part]))


def weekend_in_part(kind: Weekend, part: MonthPart, first: date) -> date:
    """ "a weekend in late May": of the weekends wholly in the month and after `first`, the
    first (early), the one nearest the 15th (mid) or the last (late)."""
    weekday, length = (4, 3) if kind == "long" else (5, 2)
    last = calendar.monthrange(first.year, first.month)[1]
    days = (first.replace(day=n) for n in range(first.day, last - length + 2))
    starts = [day for day in days if day.weekday() == weekday]
    if not starts:
        return weekend_start(kind, first - timedelta(days=1), None)
    if part == "mid":
        return min(starts, key=lambda day: abs(day.day + length // 2 - 15))
    return starts[0] if part == "early" else starts[-1]


def week_start(week: int, first: date) -> date:
    """The first day of the month's `week` (-1: its last seven days) that is still ahead of
    `first` (the month's first day, or tomorrow when the month is under way)."""
    last = calendar.monthrange(first.year, first.month)[1]
    day = last - 6 if week < 0 else min(7 * (week - 1) + 1, last)
    return max(first, first.replace(day=day))


def holiday_start(holiday: Holiday, today: date, days: int, year: int | None = None) -> date:
    """The first day of a trip of `days` around `holiday` (the next one, or the one of
    `year`): Easter from Good Friday; Holy Week ending on Easter Sunday (from Palm Sunday at
    the earliest); Christmas and New Year's Eve centred on the 25th and the night of the 31st."""

    def around(year: int) -> date:
        if holiday in ("christmas", "new_year"):
            day = date(year, 12, 25 if holiday == "christmas" else 31)
            return day - timedelta(days=(days - 1) // 2)
        sunday: date = easter(year)
        before = 2 if holiday == "easter" else min(7, days - 1)
        return sunday - timedelta(days=before)

    if year is not None:
        return around(year)
    start = around(today.year)
    return start if start > today else around(today.year + 1)


@dataclass(frozen=True)
class Earlier:
    """What the trip being changed (or the request being completed) already says."""

    start: date | None = None
    days: int | None = None
    start_source: str = "text"
    days_source: str = "text"


@dataclass
class TripDates:
    start: date
    end: date
    notices: list[Notice] = field(default_factory=list)
    readings: dict[str, str] = field(default_factory=dict)


def season_start(
    season: str, today: date, *, southern: bool, force_next: bool, year: int | None
) -> date:
    """The first day of the season still ahead; tomorrow while it is under way (unless
    "next summer" is said during summer)."""
    month = SEASON_MONTHS[season]
    if southern:
        month = (month + 5) % 12 + 1
    if year is not None:
        return max(date(year, month, 1), today + timedelta(days=1))
    months_in = (today.month - month) % 12
    if months_in < 3 and not force_next:
        return today + timedelta(days=1)
    first = date(today.year, month, 1)
    if first <= today:
        first = date(today.year + 1, month, 1)
    return first


def _month_notice(start: date, month: int, lang: Language) -> Notice:
    return msg.notice(
        "month_start",
        lang,
        msg.MONTH_START,
        date=msg.day(start, lang),
        month=month_name(month, lang),
    )


def _read_as(code: str, phrase: str, start: date, lang: Language) -> Notice:
    return msg.notice(code, lang, msg.READ_AS, phrase=phrase, date=msg.day(start, lang))


def _read_as_range(
    phrase: str, start: date, end: date, lang: Language, code: str = "relative_date"
) -> Notice:
    return msg.notice(
        code,
        lang,
        msg.READ_AS_RANGE,
        phrase=phrase,
        start=msg.day(start, lang),
        end=msg.day(end, lang),
    )


def _start(
    d: DateReading,
    model: ModelReading,
    today: date,
    latitude: float | None,
    base: Earlier | None,
    lang: Language,
) -> tuple[date, str, list[Notice]]:
    notices: list[Notice] = []
    if d.start is not None:
        if d.phrase and d.phrase_is_range and d.end is not None:
            notices.append(_read_as_range(d.phrase, d.start, d.end, lang))
        elif d.phrase:
            notices.append(_read_as("relative_date", d.phrase, d.start, lang))
        return d.start, "text", notices
    if d.weekend is not None:
        if d.month is not None and d.month_part is not None:
            begins = month_start(d.month, d.year, today, d.month_next)
            return weekend_in_part(d.weekend, d.month_part, begins), "text", notices
        month = (
            (d.month, d.year or month_start(d.month, None, today, d.month_next).year)
            if d.month
            else None
        )
        return weekend_start(d.weekend, today, month), "text", notices
    days = d.days or model.days or (base.days if base else None) or DEFAULT_TRIP_DAYS
    if d.holiday is not None:
        start = holiday_start(d.holiday, today, days, d.year)
        return start, "text", [_read_as("holiday", d.phrase or "", start, lang)]
    if d.month is not None:
        start = month_start(d.month, d.year, today, d.month_next)
        if d.month_week is not None:
            start = week_start(d.month_week, start)
            return start, "text", [_read_as("month_week", d.phrase or "", start, lang)]
        if d.month_part is not None:
            start = part_start(d.month_part, start, days)
            return start, "text", [_read_as("month_part", d.phrase or "", start, lang)]
        return start, "text", [*notices, _month_notice(start, d.month, lang)]
    if d.season is not None:
        southern = latitude is not None and latitude < 0
        start = season_start(
            d.season, today, southern=southern, force_next=d.season_next, year=d.year
        )
        first = SEASON_MONTHS[d.season] if not southern else (SEASON_MONTHS[d.season] + 5) % 12 + 1
        notices.append(
            msg.notice(
                "season_start", lang, msg.SEASON_START, phrase=d.phrase or d.season,
                first=month_name(first, lang), last=month_name((first + 1) % 12 + 1, lang),
                date=msg.day(start, lang),
            )
        )  # fmt: skip
        return start, "text", notices
    if model.start is not None:
        return model.start, "model", notices
    if model.month is not None:
        start = month_start(model.month, None, today, False)
        return start, "model", [*notices, _month_notice(start, model.month, lang)]
    if base is not None and base.start is not None:
        return base.start, base.start_source, notices
    start = today + timedelta(days=DEFAULT_LEAD_DAYS)
    notices.append(msg.notice("default_dates", lang, msg.DEFAULT_DATES, date=msg.day(start, lang)))
    return start, "default", notices


def _length(
    d: DateReading, model: ModelReading, start: date, base: Earlier | None, lang: Language
) -> tuple[int | date, str, list[Notice]]:
    if d.end is not None:
        return d.end, "text", []
    if d.days is not None:
        return d.days, "text", []
    if d.month_week is not None:
        return 7, "text", []
    if d.weekend is not None:
        days = 3 if d.weekend == "long" else 2
        end = start + timedelta(days=days - 1)
        return days, "text", [_read_as_range(d.phrase or "", start, end, lang, "weekend")]
    if model.end is not None and model.start == start:
        return model.end, "model", []
    if model.days is not None:
        return model.days, "model", []
    if base is not None and base.days is not None:
        return base.days, base.days_source, []
    return (
        DEFAULT_TRIP_DAYS,
        "default",
        [msg.notice("default_length", lang, msg.DEFAULT_LENGTH, days=DEFAULT_TRIP_DAYS)],
    )


def trip_dates(
    d: DateReading,
    model: ModelReading,
    today: date,
    *,
    latitude: float | None,
    base: Earlier | None,
    language: Language,
    request: str,
) -> TripDates | Clarification:
    """The dates, or an impossible_dates clarification that says what to write instead."""
    lang = language

    def impossible(message: str, **values: Any) -> Clarification:
        values.setdefault("example", msg.day(today + timedelta(days=30), lang))
        return msg.clarify("impossible_dates", lang, request, message, **values)

    if d.impossible:
        return impossible(msg.IMPOSSIBLE_DATE, written=d.impossible)
    start, start_source, notices = _start(d, model, today, latitude, base, lang)
    if start < today:
        return impossible(msg.PAST_DATE, date=msg.day(start, lang))
    if start > today + timedelta(days=MAX_DAYS_AHEAD):
        return impossible(msg.FAR_DATE, date=msg.day(start, lang))
    length, length_source, more = _length(d, model, start, base, lang)
    if isinstance(length, date):
        end = length
        if end < start:
            return impossible(
                msg.END_BEFORE_START, start=msg.day(start, lang), end=msg.day(end, lang)
            )
    else:
        if length > MAX_TRIP_DAYS:
            return impossible(msg.TOO_LONG, days=str(length), max=str(MAX_TRIP_DAYS))
        end = start + timedelta(days=length - 1)
    days = (end - start).days + 1
    if days > MAX_TRIP_DAYS:
        return impossible(msg.TOO_LONG, days=str(days), max=str(MAX_TRIP_DAYS))
    readings = {"start_date": start_source, "end_date": length_source}
    return TripDates(start=start, end=end, notices=notices + more, readings=readings)
