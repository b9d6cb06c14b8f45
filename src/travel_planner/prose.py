"""Checks on what the model writes before any of it reaches the traveller."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from travel_planner.facts import Facts
from travel_planner.model_text import clean_prose, find_text_tool_call
from travel_planner.trip import Trip

BRIEF_CHARS = {"research": 900, "weather": 500}


@dataclass(frozen=True)
class Checked:
    """Text that passed the checks, and the names of the checks that removed something."""

    text: str
    rejected: list[str] = field(default_factory=list)


def check_brief(
    text: str, trip: Trip, facts: Facts, kind: Literal["research", "weather"]
) -> Checked:
    """A brief as the traveller may read it (possibly empty)."""
    if find_text_tool_call(text) is not None:
        return Checked("", ["tool_call"])
    cleaned = clean_prose(text, BRIEF_CHARS[kind])
    return Checked(cleaned, [] if cleaned or not text.strip() else ["unusable"])
