"""Planner prompts (lines ``Day N (YYYY-MM-DD, Weekday): ...``) answered with ``### Day N``
sections holding Morning, Afternoon and Evening lines."""

from __future__ import annotations

import re
from typing import Any

_DAY_LINE_RE = re.compile(
    r"^\s*[-*]?\s*Day\s+(\d+)\s*\((\d{4}-\d{2}-\d{2}),\s*([A-Za-z]+)\)\s*:?(.*)$"
)


def day_lines(text: str) -> list[tuple[int, str, str, str]]:
    found: list[tuple[int, str, str, str]] = []
    for line in text.splitlines():
        m = _DAY_LINE_RE.match(line)
        if m:
            found.append((int(m.group(1)), m.group(2), m.group(3), m.group(4).strip()))
    return found


# Each slot names a place (as a real model's plan does) and the weekday, so no two days of a
# trip of up to three weeks say the same sentence.
_MORNING = [
    "Start {weekday} with a walk through the Old Town of {place}",
    "Begin {weekday} with breakfast on the Cathedral Square, then explore {place}",
    "Take a guided {weekday} morning tour from the Town Hall of {place}",
    "Head out early on {weekday} to the Botanical Garden of {place}",
]
_AFTERNOON = [
    "Spend the afternoon on {interest} at the City Museum, with a relaxed lunch nearby",
    "After lunch, focus on {interest} around the Central Market",
    "Use the afternoon for {interest} in the Harbour District and a short rest",
    "Enjoy {interest} along the Riverside Promenade and leave time to wander",
]
_EVENING = [
    "On {weekday} evening, dinner at a restaurant near the Opera House and a stroll at sunset",
    "Catch the {weekday} evening light from the Castle Hill viewpoint, then a relaxed dinner",
    "Try street food at the Night Market on {weekday}, then an early night",
    "Enjoy a slow {weekday} evening in the Old Quarter: local dishes and a short walk",
]


_DAY_TRIP_RE = re.compile(r"a day trip from .+? to ([^:.\n]+)")


def plan_days(text: str, facts: dict[str, Any]) -> str:
    day_trip = _DAY_TRIP_RE.search(text)
    place = day_trip.group(1).strip() if day_trip else facts.get("destination") or "the city"
    interests = facts.get("interests") or ["local sights", "culture", "food"]
    sections: list[str] = []
    for i, (n, iso, weekday, note) in enumerate(day_lines(text)):
        interest = interests[i % len(interests)]
        morning = _MORNING[i % len(_MORNING)].format(place=place, weekday=weekday)
        afternoon = _AFTERNOON[(i + i // len(_AFTERNOON)) % len(_AFTERNOON)].format(
            interest=interest
        )
        evening = _EVENING[i % len(_EVENING)].format(weekday=weekday)
        if note:
            short = note if len(note) <= 120 else note[:117].rstrip() + "..."
            evening += f" (noted for the day: {short})"
        sections.append(
            f"### Day {n} ({iso}, {weekday})\n"
            f"- Morning: {morning}.\n"
            f"- Afternoon: {afternoon}.\n"
            f"- Evening: {evening}.\n"
        )
    return "\n".join(sections).rstrip() + "\n"
