"""Initial schema: trips, messages, runs, plans, run events.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _trip_id() -> sa.Column[object]:
    return sa.Column(
        "trip_id",
        sa.String(32),
        sa.ForeignKey("trips.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    op.create_table(
        "trips",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("title_custom", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        _when("created_at"),
        _when("updated_at"),
    )
    op.create_index("ix_trips_created_at", "trips", ["created_at"])
    op.create_table(
        "messages",
        sa.Column("id", sa.String(32), primary_key=True),
        _trip_id(),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("data", _json(), nullable=True),
        sa.Column("run_id", sa.String(32), nullable=True),
        _when("created_at"),
        sa.UniqueConstraint("trip_id", "seq", name="uq_messages_trip_seq"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.String(32), primary_key=True),
        _trip_id(),
        sa.Column("message_id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("error_code", sa.String(40), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("model", sa.String(200), nullable=True),
        sa.Column("usage", _json(), nullable=True),
        sa.Column("timings", _json(), nullable=True),
        _when("created_at"),
        _when("started_at", nullable=True),
        _when("finished_at", nullable=True),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.String(32), primary_key=True),
        _trip_id(),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("result", _json(), nullable=False),
        _when("created_at"),
    )
    op.create_table(
        "run_events",
        sa.Column(
            "run_id",
            sa.String(32),
            sa.ForeignKey("runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("data", _json(), nullable=False),
    )


def downgrade() -> None:
    for table in ("run_events", "plans", "runs", "messages", "trips"):
        op.drop_table(table)
