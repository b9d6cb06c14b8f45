"""The web app's tables: trips, their messages (ordered by a sequence number), runs, plans and
the events each run streamed (replayed to a browser that reconnects or comes back later).

Each child row names its parent with a relationship as well as a foreign key: that is what
tells the ORM to insert parents first when they go in the same flush (without it the order of
unrelated tables is alphabetical, and a message would reach the database before its trip).
The relationships are never loaded (`lazy="raise"`); rows are read with explicit queries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# JSONB on PostgreSQL, JSON text elsewhere (SQLite).
Json = JSON().with_variant(JSONB(), "postgresql")

RUN_STATUSES = ("queued", "running", "done", "failed", "cancelled", "interrupted")
ACTIVE_STATUSES = ("queued", "running")


def new_id() -> str:
    return uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class TripRow(Base):
    __tablename__ = "trips"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(200))
    # A title the traveller chose is kept; otherwise the latest plan's heading names the trip.
    title_custom: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TripPart:
    """A row of one trip: its own id, the trip's (deleted with the trip), when it was made."""

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    trip_id: Mapped[str] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @declared_attr
    def trip(cls) -> Mapped[TripRow]:
        return relationship(lazy="raise")


class MessageRow(TripPart, Base):
    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("trip_id", "seq", name="uq_messages_trip_seq"),)

    seq: Mapped[int] = mapped_column(Integer)
    # "traveller" wrote it, or the "planner" answered (a plan or a question back).
    role: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(Json, default=None)
    run_id: Mapped[str | None] = mapped_column(String(32), default=None)


class RunRow(TripPart, Base):
    __tablename__ = "runs"

    message_id: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True, default="queued")
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    error_code: Mapped[str | None] = mapped_column(String(40), default=None)
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    model: Mapped[str | None] = mapped_column(String(200), default=None)
    usage: Mapped[dict[str, Any] | None] = mapped_column(Json, default=None)
    timings: Mapped[dict[str, Any] | None] = mapped_column(Json, default=None)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class PlanRow(TripPart, Base):
    __tablename__ = "plans"

    run_id: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    # PlanResult as JSON (round-trips with PlanResult.model_validate).
    result: Mapped[dict[str, Any]] = mapped_column(Json)


class RunEventRow(Base):
    __tablename__ = "run_events"

    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(Json)

    run: Mapped[RunRow] = relationship(lazy="raise")
