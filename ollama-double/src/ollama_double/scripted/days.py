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


_MORNING = [
    "Start early with a walk through the old centre of {place}",
    "Begin with breakfast at a local café, then explore {place}",
    "Take a guided morning tour around {place}",
    "Head out early to beat the crowds in {place}",
]
_AFTERNOON = [
    "Spend the afternoon on {interest}, with a relaxed lunch nearby",
    "After lunch, focus on {interest} in a different neighbourhood",
    "Use the afternoon for {interest} and a short rest",
    "Enjoy {interest} and leave time to wander",
]
_EVENING = [
    "Dinner at a well-reviewed local restaurant and a stroll at sunset",
    "Catch the evening light from a viewpoint, then a relaxed dinner",
    "Try a tasting menu or street food, then an early night",
    "Enjoy a slow evening: local dishes, a drink, and a short walk",
]


def plan_days(text: str, facts: dict[str, Any]) -> str:
    place = facts.get("destination") or "the city"
    interests = facts.get("interests") or ["local sights", "culture", "food"]
    sections: list[str] = []
    for i, (n, iso, weekday, note) in enumerate(day_lines(text)):
        interest = interests[i % len(interests)]
        morning = _MORNING[i % len(_MORNING)].format(place=place)
        afternoon = _AFTERNOON[i % len(_AFTERNOON)].format(interest=interest)
        evening = _EVENING[i % len(_EVENING)]
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
