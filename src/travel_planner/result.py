"""A finished plan: the draft the workflow wrote, plus what the run measured."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from travel_planner.facts import Facts
from travel_planner.plan import DayPlan
from travel_planner.trip import Notice, Trip


class PlanDraft(BaseModel):
    """What the planner step produced: the Markdown plan and what it was made from."""

    plan: str
    trip: Trip
    facts: Facts
    research: str = ""
    weather_brief: str = ""
    days: dict[int, DayPlan] = Field(default_factory=dict)
    report: dict[str, Any] = Field(default_factory=dict)


class PlanResult(BaseModel):
    """A draft plus the run's metadata; round-trips through JSON (the web app stores it)."""

    draft: PlanDraft
    timings: dict[str, float] = Field(default_factory=dict)
    usage: dict[str, int] = Field(default_factory=dict)
    model: str
    warnings: list[Notice] = Field(default_factory=list)

    @property
    def plan(self) -> str:
        return self.draft.plan

    @property
    def trip(self) -> Trip:
        return self.draft.trip

    @property
    def facts(self) -> Facts:
        return self.draft.facts

    def to_json(self) -> dict[str, Any]:
        """The `--json` object (keys stay English whatever the plan's language)."""
        return {
            "plan": self.plan,
            "trip": self.trip.model_dump(mode="json"),
            "facts": self.facts.as_json(),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "usage": self.usage,
            "model": self.model,
            "warnings": [w.model_dump() for w in self.warnings],
            "language": self.trip.language,
            "quality": self.draft.report,
        }
