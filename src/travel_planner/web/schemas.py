"""Request and response bodies of the HTTP API (they make the OpenAPI document)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from travel_planner.i18n import Language

MAX_TEXT = 4000
RunStatus = Literal["queued", "running", "done", "failed", "cancelled", "interrupted"]


def utc(value: datetime) -> datetime:
    """SQLite hands datetimes back without a zone; everything is stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


class NewTrip(BaseModel):
    request: str = Field(max_length=MAX_TEXT, description="The trip wish, in any language.")
    language: Language | None = Field(
        None, description="Language of the plan; default: the request's."
    )

    _strip = field_validator("request")(_text)


class NewMessage(BaseModel):
    text: str = Field(
        max_length=MAX_TEXT, description="A change to the plan, or the answer to a question."
    )
    language: Language | None = None

    _strip = field_validator("text")(_text)


class TripPatch(BaseModel):
    title: str = Field(max_length=200)

    _strip = field_validator("title")(_text)


class TokenLogin(BaseModel):
    token: str = Field(max_length=1000)


class Accepted(BaseModel):
    id: str = Field(description="The trip.")
    run_id: str
    seq: int = Field(description="The message's place in the trip's conversation.")


class RunCancel(BaseModel):
    run_id: str
    status: RunStatus


class Message(BaseModel):
    id: str
    seq: int
    role: Literal["traveller", "planner"]
    kind: str
    text: str
    data: dict[str, Any] | None = None
    run_id: str | None = None
    created_at: datetime


class Run(BaseModel):
    id: str
    trip_id: str
    status: RunStatus
    outcome: Literal["plan", "clarification"] | None = None
    error: dict[str, str] | None = None
    model: str | None = None
    usage: dict[str, Any] | None = None
    timings: dict[str, Any] | None = None
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    events_url: str


class TripSummary(BaseModel):
    id: str
    title: str
    language: str | None = None
    created_at: datetime
    updated_at: datetime
    status: RunStatus | None = Field(None, description="Status of the latest run.")
    has_plan: bool = False


class TripPage(BaseModel):
    items: list[TripSummary]
    next_offset: int | None = Field(None, description="Pass as `offset` for the next page.")


class TripDetail(TripSummary):
    messages: list[Message]
    runs: list[Run]
    active_run_id: str | None = None
    plan: dict[str, Any] | None = Field(
        None, description="The latest plan: the CLI's --json object plus id, run_id, created_at."
    )
    clarification: dict[str, Any] | None = Field(
        None, description="The question waiting for an answer, if the latest run asked one."
    )


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody
