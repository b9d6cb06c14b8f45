"""The latest plan to take away: Markdown, the CLI's JSON, and an iCalendar file with one
all-day event per day (the day's plan and weather).

The calendar reads the facts only through their typed models and words them with the plan's
own renderer, so a figure reads the same in the plan and in the calendar."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from icalendar import Calendar, Event

from travel_planner.facts import Facts
from travel_planner.plan.render import day_fact_lines, weather_summary
from travel_planner.plan.words import Words
from travel_planner.result import PlanResult
from travel_planner.trip import Trip

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


def _section_for(sections: list[Section], day_label: str, index: int, days: int) -> Section | None:
    """Day `index`'s section: the one headed with its label ("Day 2 — ..."), else by position."""
    for section in sections:
        if section.heading == day_label or section.heading.startswith(day_label + " "):
            return section
    return sections[index] if len(sections) == days else None


def day_weather(trip: Trip, facts: Facts, day: date, w: Words) -> str | None:
    """What a calendar day adds to the plan's own day text about the weather: for climate
    normals (the same every day, so the rendered day leaves them out) the month's usual
    weather, as the plan's weather outlook words it; nothing for a forecast."""
    if facts.weather is None or not facts.weather.is_normals:
        return None
    summary = weather_summary(
        trip.model_copy(update={"start_date": day, "end_date": day}), facts, w
    )
    return summary if facts.weather.normals(day.month) is not None else None


def _description(section: Section | None, facts_lines: list[str], weather: str | None) -> str:
    # The rendered day carries its own facts (forecast weather, daylight, holidays); a day
    # the plan's text does not show gets them from the facts, worded as the plan words them.
    body = plain(section.body) if section is not None else plain("\n".join(facts_lines))
    return "\n\n".join(part for part in (weather, body) if part)


def plan_calendar(result: PlanResult, trip_id: str, title: str, created: datetime) -> bytes:
    """One all-day event per day of the trip; the description is that day's plan and weather."""
    trip, facts = result.trip, result.facts
    words = Words(trip.language)
    sections = day_sections(result.plan)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    for index, day in enumerate(trip.days):
        day_label = words._("Day {n}").format(n=index + 1)
        section = _section_for(sections, day_label, index, trip.length_days)
        event = Event()
        event.add("uid", f"{trip_id}-day-{index + 1}@travel-planner")
        event.add("dtstamp", created)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        heading = section.heading if section is not None else day_label
        event.add("summary", f"{trip.place_name}: {heading}")
        facts_lines = day_fact_lines(facts, day, words) if section is None else []
        weather = day_weather(trip, facts, day, words)
        event.add("description", _description(section, facts_lines, weather))
        event.add("location", f"{trip.place_name}, {trip.country}")
        if trip.latitude is not None and trip.longitude is not None:
            event.add("geo", (trip.latitude, trip.longitude))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
