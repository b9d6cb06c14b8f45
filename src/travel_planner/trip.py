"""The trip and the other answers to a traveller's message: what every later step works from.

Reading a request into these is the job of `travel_planner.understanding`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from travel_planner.i18n import Language

MAX_TRIP_DAYS = 21
# Defaults when a request does not say: how long the trip is, and how far ahead it starts.
DEFAULT_TRIP_DAYS = 3
DEFAULT_LEAD_DAYS = 14


class Notice(BaseModel):
    """An assumption or note for the traveller: `text` is in the traveller's language, `code`
    a stable key for programs, `detail` developer detail (JSON output and logs only)."""

    code: str
    text: str
    detail: str = ""


class Trip(BaseModel):
    """The resolved trip every later step works from."""

    request: str
    language: Language = "en"
    # The place's name in the travel data (English where it has one: "Lisbon").
    destination: str
    # The place as the traveller wrote it ("Lisboa"), when those words named it; None when
    # they did not write it (a country read as its base city, a suggestion taken).
    destination_written: str | None = None
    country: str
    country_code: str
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    timezone: str | None = None
    start_date: date
    end_date: date
    travellers: int = 1
    interests: list[str] = Field(default_factory=list)
    # Interests the traveller asked to avoid ("no museums"), as English keys.
    avoid: list[str] = Field(default_factory=list)
    budget_amount: float | None = None
    budget_currency: str | None = None
    home_currency: str
    assumptions: list[Notice] = Field(default_factory=list)
    # How the request was read: "parser" (code read all of it, no model call) or "model"
    # (the structured-output call filled what code could not read).
    source: Literal["parser", "model"] = "model"
    # Which reading gave each field: "text", "model" or "default" (JSON output only).
    readings: dict[str, str] = Field(default_factory=dict)
    place_source: str | None = None

    @property
    def place_name(self) -> str:
        """The destination as the traveller knows it: as they wrote it, else its name."""
        return self.destination_written or self.destination

    @property
    def days(self) -> list[date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=i) for i in range(count)]

    @property
    def length_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


ClarificationReason = Literal[
    "not_a_trip", "no_destination", "unknown_place", "ambiguous_place", "impossible_dates"
]


class Clarification(BaseModel):
    """The request cannot be planned as written: what is missing, asked in its language."""

    reason: ClarificationReason
    message: str
    language: Language = "en"
    request: str
    options: list[str] = Field(default_factory=list)
    suggestions: list[dict[str, Any]] = Field(default_factory=list)


class Refinement(BaseModel):
    """A follow-up that changes the current plan rather than asking for another trip."""

    instruction: str
    # Days to rewrite (1-based); empty means the planner may touch any day.
    days: list[int] = Field(default_factory=list)
    # "add a day trip to Sintra": the place of the day trip.
    day_trip: str | None = None
