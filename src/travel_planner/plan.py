"""The plan in Markdown. Every number comes from the tool facts, rendered here in code.

The model writes only the narrative: the briefs and each day's Morning/Afternoon/Evening.
`PlanWriter` takes the planner's streamed text, picks the `### Day N` blocks out of it, drops
JSON or tool-call junk, inserts each day's weather and holidays, and fills any day or slot the
model skipped with a clearly marked default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from travel_planner.errors import UnusableModelOutputError
from travel_planner.facts import Facts
from travel_planner.model_text import clean_prose, is_junk_line, is_placeholder
from travel_planner.prompts import holidays_on
from travel_planner.trip import Notice, Trip

SLOTS = ("Morning", "Afternoon", "Evening")
DEFAULT_SLOTS = {
    "Morning": "Walk the historic centre near your accommodation and get your bearings.",
    "Afternoon": "Visit a sight that matches your interests; leave time for a long lunch.",
    "Evening": "Dinner at a local restaurant in a lively neighbourhood.",
}
FALLBACK_MARK = "*(default suggestion: the model gave no plan for this)*"

_DAY_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?[*_]*\s*day\s+(\d{1,2})\b", re.I)
_SLOT_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?[*_]*\s*(morning|afternoon|evening|night)\s*[*_]*\s*[:\-–—]\s*[*_]*\s*(.+)$",
    re.I,
)


def num(value: Any) -> str:
    """A tool number as shown in the plan (tests compare with the same rule)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "?"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def num_range(values: list[float]) -> str:
    """`13–15`, or just `13` when every value is the same (normals repeat the month's mean)."""
    low, high = num(min(values)), num(max(values))
    return low if low == high else f"{low}–{high}"


def money(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "?"
    return f"{value:,.2f}"


def _weather_days(facts: Facts) -> dict[str, dict[str, Any]]:
    return {
        str(d.get("date")): d
        for d in (facts.weather or {}).get("days") or []
        if isinstance(d, dict) and d.get("date")
    }


def _sun_days(facts: Facts) -> dict[str, dict[str, Any]]:
    return {
        str(d.get("date")): d
        for d in (facts.sun_times or {}).get("days") or []
        if isinstance(d, dict) and d.get("date")
    }


def weather_label(facts: Facts) -> str:
    weather = facts.weather or {}
    if weather.get("label"):
        return str(weather["label"])
    return "forecast" if weather.get("kind") == "forecast" else "climate normals, not a forecast"


def monthly_normals(facts: Facts, day: date) -> dict[str, Any] | None:
    months = (facts.weather or {}).get("monthly_normals") or {}
    entry = months.get(str(day.month)) if isinstance(months, dict) else None
    return entry if isinstance(entry, dict) else None


def rain_text(facts: Facts, entry: dict[str, Any], day: date) -> str | None:
    """A day's rain: the forecast amount, or for climate normals the month's totals."""
    if isinstance(entry.get("precipitation_mm"), int | float):
        return f"rain {num(entry['precipitation_mm'])} mm"
    month = monthly_normals(facts, day)
    if month is not None:
        return (
            f"{month.get('month')} normally brings {num(month.get('precipitation_mm_month'))} mm "
            f"of rain over {num(month.get('rain_days'))} days"
        )
    return None


def day_fact_lines(facts: Facts, day: date) -> list[str]:
    """Weather, daylight and holidays for one day, straight from the tool data."""
    lines = []
    entry = _weather_days(facts).get(day.isoformat())
    if entry is not None:
        parts = [f"{num(entry.get('temp_min_c'))}–{num(entry.get('temp_max_c'))} °C"]
        rain = rain_text(facts, entry, day)
        if rain:
            parts.append(rain)
        lines.append(f"*Weather ({weather_label(facts)}):* " + ", ".join(parts))
    else:
        lines.append("*Weather:* no data for this day")
    sun = _sun_days(facts).get(day.isoformat())
    if sun is not None and (sun.get("sunrise") or sun.get("sunset")):
        text = f"*Daylight:* sunrise {sun.get('sunrise') or '–'}, sunset {sun.get('sunset') or '–'}"
        if isinstance(sun.get("daylight_hours"), int | float):
            text += f" ({num(sun['daylight_hours'])} h)"
        lines.append(text)
    for name in holidays_on(facts, day):
        lines.append(
            f"*Public holiday:* {name} (shops, museums and transport may keep holiday hours)"
        )
    return lines


def wet_days(trip: Trip, facts: Facts) -> tuple[int, int, float | None] | None:
    """(wet days, days, most rain in a day) from a forecast; None for climate normals."""
    days = [d for d in (_weather_days(facts).get(x.isoformat()) for x in trip.days) if d]
    rain = [
        d["precipitation_mm"] for d in days if isinstance(d.get("precipitation_mm"), int | float)
    ]
    if not rain:
        return None
    return sum(1 for r in rain if r >= 1), len(rain), max(rain)


class DayPlan(BaseModel):
    slots: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)

    def filled(self) -> tuple[dict[str, str], list[str]]:
        """Slot texts with gaps filled (from stray notes first); names of defaulted slots."""
        slots = dict(self.slots)
        notes = list(self.notes)
        defaulted = []
        for slot in SLOTS:
            if slot not in slots:
                if notes:
                    slots[slot] = notes.pop(0)
                else:
                    slots[slot] = DEFAULT_SLOTS[slot]
                    defaulted.append(slot)
        return slots, defaulted


def render_day(n: int, day: date, plan: DayPlan, facts: Facts) -> str:
    slots, defaulted = plan.filled()
    lines = [f"### Day {n} — {day.strftime('%A')} {day.isoformat()}", ""]
    lines += [f"{line}  " for line in day_fact_lines(facts, day)]
    lines.append("")
    if len(defaulted) == len(SLOTS):
        lines.append("> The model did not plan this day; these are default suggestions.")
        lines.append("")
    for slot in SLOTS:
        mark = f" {FALLBACK_MARK}" if slot in defaulted and len(defaulted) < len(SLOTS) else ""
        lines.append(f"- **{slot}:** {slots[slot]}{mark}")
    return "\n".join(lines) + "\n\n"


def day_activities(days: dict[int, DayPlan]) -> str:
    """The narrative of a plan, compact, for a refinement prompt."""
    out = []
    for n in sorted(days):
        slots, _ = days[n].filled()
        out.append(f"### Day {n}")
        out += [f"- {slot}: {slots[slot]}" for slot in SLOTS]
    return "\n".join(out)


def render_header(trip: Trip, research: str, weather_brief: str, facts: Facts) -> str:
    lines = [
        f"# {trip.length_days} day{'s' if trip.length_days != 1 else ''} in "
        f"{trip.destination}, {trip.country}",
        "",
        f"**{trip.start_date.strftime('%A %d %B %Y')} – {trip.end_date.strftime('%A %d %B %Y')}**"
        f" · {trip.travellers} traveller{'s' if trip.travellers != 1 else ''}"
        + (f" · interests: {', '.join(trip.interests)}" if trip.interests else ""),
        "",
    ]
    if trip.assumptions:
        lines += [f"> Assumption: {a.text}" for a in trip.assumptions] + [""]
    lines += ["## Overview", "", research or "_No research brief: the model did not answer._", ""]
    lines += ["## Weather outlook", "", weather_summary(trip, facts), ""]
    if weather_brief:
        lines += [weather_brief, ""]
    lines += ["## Day by day", ""]
    return "\n".join(lines) + "\n"


def weather_summary(trip: Trip, facts: Facts) -> str:
    days = [d for d in (_weather_days(facts).get(x.isoformat()) for x in trip.days) if d]
    if not days:
        return "No weather data was available for these dates."
    lows = [d["temp_min_c"] for d in days if isinstance(d.get("temp_min_c"), int | float)]
    highs = [d["temp_max_c"] for d in days if isinstance(d.get("temp_max_c"), int | float)]
    parts = [f"*{weather_label(facts)}*:"]
    if lows and highs:
        parts.append(f"lows {num_range(lows)} °C, highs {num_range(highs)} °C;")
    wet = wet_days(trip, facts)
    if wet is not None:
        parts.append(f"rain on {wet[0]} of {wet[1]} days (most {num(wet[2])} mm).")
    else:
        months = {m["month"]: m for d in trip.days if (m := monthly_normals(facts, d))}
        for month in months.values():
            parts.append(
                f"{month.get('month')} normally brings {num(month.get('precipitation_mm_month'))}"
                f" mm of rain over {num(month.get('rain_days'))} days."
            )
    note = (facts.weather or {}).get("note")
    if note:
        parts.append(str(note))
    return " ".join(parts)


def packing_list(trip: Trip, facts: Facts) -> list[str]:
    days = [d for d in (_weather_days(facts).get(x.isoformat()) for x in trip.days) if d]
    items = ["Comfortable walking shoes", "Travel documents, cards and a phone charger"]
    lows = [d["temp_min_c"] for d in days if isinstance(d.get("temp_min_c"), int | float)]
    highs = [d["temp_max_c"] for d in days if isinstance(d.get("temp_max_c"), int | float)]
    if lows and min(lows) < 8:
        items.append(f"Warm coat, hat and gloves (lows down to {num(min(lows))} °C)")
    elif lows and min(lows) < 15:
        items.append(f"A warm layer for the evenings (lows down to {num(min(lows))} °C)")
    if highs and max(highs) >= 25:
        items.append(f"Sunscreen, sunglasses and a sun hat (highs up to {num(max(highs))} °C)")
    if highs and max(highs) >= 30:
        items.append("Light, breathable clothes and a refillable water bottle")
    wet = wet_days(trip, facts)
    months = [m for d in trip.days if (m := monthly_normals(facts, d))]
    if wet is not None and wet[0]:
        items.append(
            f"Umbrella or rain jacket (rain on {wet[0]} of {wet[1]} days, up to {num(wet[2])} mm)"
        )
    elif wet is not None:
        items.append("A compact umbrella, just in case (little rain expected)")
    elif months:
        rainy = max(months, key=lambda m: m.get("rain_days") or 0)
        if (rainy.get("rain_days") or 0) >= 6:
            items.append(
                f"Umbrella or rain jacket ({rainy.get('month')} has "
                f"{num(rainy.get('rain_days'))} rain days on average)"
            )
        else:
            items.append("A compact umbrella, just in case")
    if not days:
        items.append("Layers and a rain jacket (no weather data was available)")
    interests = " ".join(trip.interests)
    if "hik" in interests or "nature" in interests:
        items.append("Hiking shoes and a small day pack")
    if "beach" in interests or "surf" in interests:
        items.append("Swimwear and a beach towel")
    return items


def budget_lines(trip: Trip, facts: Facts) -> list[str]:
    local = facts.local_currency
    lines: list[str] = []
    if trip.budget_amount is not None and trip.budget_currency:
        total = {trip.budget_currency: trip.budget_amount}
        for conv in facts.conversions:
            if isinstance(conv.get("converted"), int | float):
                total[str(conv.get("to_currency"))] = conv["converted"]
        lines.append("Total budget: " + " = ".join(f"{money(v)} {c}" for c, v in total.items()))
        per_day = " = ".join(f"{money(v / trip.length_days)} {c}" for c, v in total.items())
        lines.append(f"Per day ({trip.length_days} days): {per_day}")
        if trip.travellers > 1:
            per_person = " = ".join(
                f"{money(v / trip.length_days / trip.travellers)} {c}" for c, v in total.items()
            )
            lines.append(f"Per person per day ({trip.travellers} travellers): {per_person}")
        shown = {trip.budget_currency, *(str(c.get("to_currency")) for c in facts.conversions)}
        missing = [c for c in (local, trip.home_currency) if c and c not in shown]
        if missing:
            lines.append(f"Conversion to {', '.join(missing)} unavailable.")
        if local and local == trip.home_currency == trip.budget_currency:
            lines.append(f"The local currency is your home currency ({local}): no exchange needed.")
    else:
        lines.append("No budget given: add one (e.g. 'budget 1500 EUR') to get it split per day.")
        if local and local == trip.home_currency:
            lines.append(f"The local currency is your home currency ({local}): no exchange needed.")
    for conv in facts.conversions:
        lines.append(
            f"Exchange rate: 1 {conv.get('from_currency')} = {conv.get('rate')} "
            f"{conv.get('to_currency')} (rate date {conv.get('rate_date')}, {conv.get('mode')})"
            + (
                f": {money(conv.get('amount'))} {conv.get('from_currency')} = "
                f"{money(conv.get('converted'))} {conv.get('to_currency')}"
                if trip.budget_amount is None
                else ""
            )
        )
    return lines


def practical_lines(trip: Trip, facts: Facts) -> list[str]:
    lines = []
    tz = facts.local_time or {}
    tz_days = [d for d in tz.get("days") or [] if isinstance(d, dict)]
    if tz_days:
        first = tz_days[0]
        lines.append(
            f"Time zone: {tz.get('timezone') or trip.timezone}, UTC{first.get('utc_offset')} "
            f"({first.get('abbreviation')})"
        )
        for change in tz.get("dst_changes") or []:
            lines.append(f"Clock change during the trip: {change}")
    elif trip.timezone:
        lines.append(f"Time zone: {trip.timezone}")
    country = facts.country_facts or {}
    if country:
        currencies = ", ".join(
            f"{c.get('name')} ({c.get('code')})"
            for c in country.get("currencies") or []
            if isinstance(c, dict)
        )
        lines.append(f"Currency: {currencies or 'unknown'}")
        lines.append(
            f"Languages: {', '.join(map(str, country.get('languages') or [])) or 'unknown'}"
        )
        lines.append(f"Calling code: {country.get('calling_code')}")
        if country.get("driving_side"):
            lines.append(f"Driving side: {country.get('driving_side')}")
        if country.get("capital"):
            lines.append(f"Capital: {country.get('capital')}")
    sun = _sun_days(facts)
    first_day = sun.get(trip.start_date.isoformat())
    last_day = sun.get(trip.end_date.isoformat())
    if first_day:
        text = (
            f"Daylight: {num(first_day.get('daylight_hours'))} h on day 1 "
            f"(sunrise {first_day.get('sunrise')}, sunset {first_day.get('sunset')})"
        )
        if last_day and last_day is not first_day and trip.length_days > 1:
            text += f", {num(last_day.get('daylight_hours'))} h on the last day"
        lines.append(text)
    return lines


def sources_lines(facts: Facts) -> list[str]:
    lines = []

    def add(tool: str, data: dict[str, Any] | None, extra: str = "") -> None:
        if not data:
            return
        as_of = data.get("as_of") or data.get("rate_date")
        lines.append(
            f"{tool}: {data.get('source', 'unknown source')}"
            + (f" (as of {as_of})" if as_of else "")
            + (f"; {extra}" if extra else "")
        )

    add("resolve_place", facts.place if facts.place.get("source") else None)
    add("weather", facts.weather, weather_label(facts))
    add("sun_times", facts.sun_times)
    add("local_time", facts.local_time)
    add("public_holidays", facts.public_holidays)
    add("country_facts", facts.country_facts)
    for conv in facts.conversions:
        add("convert_currency", conv, str(conv.get("mode") or ""))
    return lines


def render_footer(trip: Trip, facts: Facts, warnings: list[Notice]) -> str:
    sections = [
        ("Budget", budget_lines(trip, facts)),
        ("Packing list", packing_list(trip, facts)),
        ("Practical facts", practical_lines(trip, facts)),
        ("Sources", sources_lines(facts)),
    ]
    out = []
    for title, items in sections:
        if items:
            out += [f"## {title}", "", *(f"- {i}" for i in items), ""]
    if warnings:
        out += ["## Notes", "", *(f"- {w.text}" for w in warnings), ""]
    return "\n".join(out)


@dataclass(frozen=True)
class WriterOutput:
    """What one piece of model text gave: finished plan Markdown (may be empty), the raw
    text itself (a live preview) and the day being written."""

    plan: str
    draft: str
    day: int | None


class PlanWriter:
    """Turns the planner's streamed text into plan Markdown, day by day, as it arrives."""

    def __init__(
        self,
        trip: Trip,
        facts: Facts,
        research: str = "",
        weather: str = "",
        *,
        rewrite_days: set[int] | None = None,
        previous: dict[int, DayPlan] | None = None,
    ) -> None:
        self.trip = trip
        self.facts = facts
        self.research = research
        self.weather = weather
        self.rewrite_days = rewrite_days
        self.previous = previous or {}
        self.days: dict[int, DayPlan] = {}
        self.skipped: list[int] = []
        self._buffer = ""
        self._current: int | None = None
        self._next = 1

    @property
    def total(self) -> int:
        return self.trip.length_days

    def _render(self, n: int) -> str:
        plan = self.days.setdefault(n, DayPlan())
        if not plan.slots and not plan.notes:
            self.skipped.append(n)
        return render_day(n, self.trip.days[n - 1], plan, self.facts)

    def _close_current(self) -> str:
        if self._current is None:
            return ""
        n, self._current = self._current, None
        self._next = n + 1
        return self._render(n)

    def _line(self, line: str) -> str:
        if is_junk_line(line):
            return ""
        heading = _DAY_HEADING.match(line)
        if heading:
            n = int(heading.group(1))
            if n < self._next or n > self.total or n in self.days:
                return self._close_current()
            out = self._close_current()
            for gap in range(self._next, n):
                out += self._render(gap)
            self._current = n
            self.days[n] = DayPlan()
            slot = _SLOT_LINE.match(line[heading.end() :].lstrip(" :)*-–—("))
            if slot:
                self._add_slot(slot)
            return out
        if self._current is None:
            return ""
        slot = _SLOT_LINE.match(line)
        if slot:
            self._add_slot(slot)
        else:
            text = clean_prose(line.strip(" -*•#"), 300)
            if len(text) > 15 and not text.lower().startswith(("here is", "here's", "sure")):
                self.days[self._current].notes.append(text)
        return ""

    def _add_slot(self, match: re.Match[str]) -> None:
        assert self._current is not None
        name = match.group(1).capitalize()
        name = "Evening" if name == "Night" else name
        text = clean_prose(match.group(2).strip().strip("*_ "), 300)
        plan = self.days[self._current]
        if text and not is_placeholder(text) and name not in plan.slots:
            plan.slots[name] = text

    def header(self) -> str:
        return render_header(self.trip, self.research, self.weather, self.facts)

    def feed(self, chunk: str) -> WriterOutput:
        """Take more model text; the plan Markdown of any day that is now complete."""
        self._buffer += chunk
        out = ""
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            out += self._line(line)
        return WriterOutput(out, chunk, self._current)

    def finish(self, notices: list[Notice]) -> str:
        """Flush the last day, fill every day the model never reached, add the footer."""
        out = ""
        if self._buffer:
            out += self._line(self._buffer)
            self._buffer = ""
        out += self._close_current()
        for n in range(self._next, self.total + 1):
            if n not in self.days:
                out += self._render(n)
        return out + render_footer(self.trip, self.facts, notices)

    @property
    def default_days(self) -> list[int]:
        return sorted(self.skipped)

    @property
    def model_days(self) -> list[int]:
        return [n for n in sorted(self.days) if n not in self.skipped]

    def report(self) -> dict[str, Any]:
        return {"model_days": self.model_days, "default_days": self.default_days}

    def gate(self, model: str, address: str, sample: str, error: str | None = None) -> None:
        """Stop when the model planned no day at all: a plan made only of defaults is not
        worth printing. `sample` is what the model wrote, `error` why its calls failed."""
        if self.model_days:
            return
        returned = " ".join(sample.split())[:200]
        raise UnusableModelOutputError(
            model,
            address,
            f"it wrote {returned!r}"
            if returned
            else f"Ollama answered with an error ({error})"
            if error
            else "it wrote nothing",
            "check `docker compose logs ollama`; a bigger model (OLLAMA_MODEL_ID) writes "
            "better plans, and OLLAMA_REQUEST_TIMEOUT_SECONDS may be too short on a CPU.",
        )
