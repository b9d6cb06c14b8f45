"""A day of the plan, and how the planner's `### Day N` / `- Morning: ...` lines are read."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

Slot = Literal["Morning", "Afternoon", "Evening"]
SLOTS: tuple[Slot, ...] = ("Morning", "Afternoon", "Evening")
# A day counts as planned by the model when at least this many of its slots were written by
# the model and passed every check; a missing third slot is a marked default.
PLANNED_SLOTS = 2


def _(message: str) -> str:
    return message


DEFAULT_SLOTS: dict[Slot, str] = {
    "Morning": _("Walk the historic centre near your accommodation and get your bearings."),
    "Afternoon": _("Visit a sight that matches your interests; leave time for a long lunch."),
    "Evening": _("Dinner at a local restaurant in a lively neighbourhood."),
}


class DayPlan(BaseModel):
    """One day: the model's slot texts (English keys; a missing slot is a default), whether
    the model planned the day, and the place of a day trip."""

    slots: dict[str, str] = Field(default_factory=dict)
    source: Literal["model", "default"] = "model"
    day_trip: str | None = None

    @property
    def planned(self) -> bool:
        return self.source == "model" and len(self.slots) >= PLANNED_SLOTS


# Heading and slot words in the plan languages: a model asked to write Spanish may translate
# the labels it was given.
_DAY_WORDS = r"day|d[ií]a|jour|tag|giorno"
DAY_HEADING = re.compile(rf"^\s*(?:#{{1,6}}\s*)?[*_]*\s*(?:{_DAY_WORDS})\s+(\d{{1,2}})\b", re.I)
_SLOT_WORDS: dict[str, Slot] = {
    "morning": "Morning", "mañana": "Morning", "matin": "Morning", "matinée": "Morning",
    "morgen": "Morning", "vormittag": "Morning", "manhã": "Morning", "mattina": "Morning",
    "mattino": "Morning", "afternoon": "Afternoon", "tarde": "Afternoon",
    "après-midi": "Afternoon", "nachmittag": "Afternoon", "pomeriggio": "Afternoon",
    "evening": "Evening", "night": "Evening", "noche": "Evening", "soir": "Evening",
    "soirée": "Evening", "abend": "Evening", "noite": "Evening", "sera": "Evening",
    "serata": "Evening",
}  # fmt: skip
SLOT_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?[*_]*\s*("
    + "|".join(sorted(map(re.escape, _SLOT_WORDS), key=len, reverse=True))
    + r")\s*[*_]*\s*[:\-–—]\s*[*_]*\s*(.*)$",
    re.I,
)


def slot_of(word: str) -> Slot:
    return _SLOT_WORDS[word.lower()]
