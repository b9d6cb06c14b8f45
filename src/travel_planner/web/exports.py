"""The latest plan to take away: Markdown, the CLI's JSON, and an iCalendar file with one
all-day event per day (the day's plan and weather)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote

from icalendar import Calendar, Event

from travel_planner.i18n import format_number
from travel_planner.result import PlanResult
from travel_planner.trip import Trip
from travel_planner.web.labels import label

PRODID = "-//Travel Planner//travel-planner//EN"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


def slug(title: str, fallback: str = "trip") -> str:
    """An ASCII file name stem ("4-days-in-lisbon-portugal")."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return words[:60].strip("-") or fallback


def attachment(title: str, extension: str) -> dict[str, str]:
    name = f"{slug(title)}.{extension}"
    return {
        "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
    }


def plain(markdown: str) -> str:
    """Markdown as readable plain text (a calendar shows text, not Markdown)."""
    lines = []
    for line in markdown.splitlines():
        line = _LINK.sub(r"\1 (\2)", line.rstrip())
        line = _EMPHASIS.sub(r"\2", line)
        lines.append(line.removeprefix("> "))
    return "\n".join(lines).strip()


def day_sections(markdown: str) -> list[Section]:
    """The plan's third-level sections (one per day in the rendered plan), in order."""
    sections: list[Section] = []
    heading: str | None = None
    body: list[str] = []
    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match and len(match.group(1)) <= 3:
            if heading is not None:
                sections.append(Section(heading, "\n".join(body).strip()))
            heading = plain(match.group(2)) if len(match.group(1)) == 3 else None
            body = []
        elif heading is not None:
            body.append(line)
    if heading is not None:
        sections.append(Section(heading, "\n".join(body).strip()))
    return sections


def _section_for(sections: list[Section], trip: Trip, index: int) -> Section | None:
    day = trip.start_date + timedelta(days=index)
    for section in sections:
        if day.isoformat() in section.heading:
            return section
    return sections[index] if len(sections) == trip.length_days else None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def weather_line(facts: dict[str, Any], day: date, language: str) -> str | None:
    """The day's weather from the tool data ("Weather: 13–21.7 °C, rain 2 mm")."""
    weather = facts.get("weather") or {}
    entries = weather.get("days") if isinstance(weather, dict) else None
    entry = next(
        (e for e in entries or [] if isinstance(e, dict) and e.get("date") == day.isoformat()),
        None,
    )
    if entry is None or not (_number(entry.get("temp_min_c")) and _number(entry.get("temp_max_c"))):
        return None
    low = format_number(entry["temp_min_c"], language, decimals=1)
    high = format_number(entry["temp_max_c"], language, decimals=1)
    parts = [f"{low}–{high} °C"]
    if _number(entry.get("precipitation_mm")):
        rain = format_number(entry["precipitation_mm"], language, decimals=1)
        parts.append(label(language, "rain {mm} mm").format(mm=rain))
    text = f"{label(language, 'Weather')}: {', '.join(parts)}"
    if weather.get("kind") != "forecast":
        text += f" ({label(language, 'usual for the season, not a forecast')})"
    return text


def _description(section: Section | None, weather: str | None) -> str:
    body = plain(section.body) if section is not None else ""
    # The rendered day may carry its weather already (a forecast); say it once.
    if weather is not None and "°C" not in body:
        body = f"{weather}\n\n{body}".strip()
    return body


def plan_calendar(result: PlanResult, trip_id: str, title: str, created: datetime) -> bytes:
    """One all-day event per day of the trip; the description is that day's plan and weather."""
    trip = result.trip
    sections = day_sections(result.plan)
    facts = result.facts.as_json()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    for index in range(trip.length_days):
        day = trip.start_date + timedelta(days=index)
        section = _section_for(sections, trip, index)
        event = Event()
        event.add("uid", f"{trip_id}-day-{index + 1}@travel-planner")
        event.add("dtstamp", created)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        heading = section.heading if section is not None else f"{index + 1}"
        event.add("summary", f"{trip.destination}: {heading}")
        weather = weather_line(facts, day, trip.language)
        event.add("description", _description(section, weather))
        event.add("location", f"{trip.destination}, {trip.country}")
        if trip.latitude is not None and trip.longitude is not None:
            event.add("geo", (trip.latitude, trip.longitude))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
