"""Saved trips: every message, run, plan and streamed event, in the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from travel_planner.result import PlanResult
from travel_planner.trip import Clarification
from travel_planner.web.models import (
    ACTIVE_STATUSES,
    MessageRow,
    PlanRow,
    RunEventRow,
    RunRow,
    TripRow,
    new_id,
    utcnow,
)
from travel_planner.web.schemas import Accepted, utc

TITLE_LENGTH = 80


@dataclass(frozen=True)
class WireEvent:
    """One event of a run's stream; `id` orders the events of a run (SSE `id:`)."""

    id: int
    type: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Finish:
    """How a run ended, and what it leaves behind."""

    status: str
    outcome: PlanResult | Clarification | None = None
    error_code: str | None = None
    error_message: str | None = None
    usage: dict[str, Any] | None = None
    timings: dict[str, Any] | None = None
    model: str | None = None
    exit_code: int | None = None  # the CLI's, for the same failure
    started_at: datetime | None = None  # when it got a slot, if it got one


@dataclass(frozen=True)
class TripRecord:
    trip: TripRow
    messages: Sequence[MessageRow]
    runs: Sequence[RunRow]
    plan: PlanRow | None


def short_title(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


def plan_title(markdown: str) -> str | None:
    """The plan's own heading ("4 days in Lisbon, Portugal"), in the plan's language."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return short_title(line[2:].strip("*_ "))
    return None


class TripStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)

    def _add_turn(
        self, session: AsyncSession, trip: TripRow, text: str, kind: str, seq: int
    ) -> Accepted:
        # Ids made here and one flush at commit; the models' relationships order the inserts
        # (trip, then message and run), so no flush in between is needed.
        message = MessageRow(
            id=new_id(), trip_id=trip.id, seq=seq, role="traveller", kind=kind, text=text
        )
        run = RunRow(id=new_id(), trip_id=trip.id, message_id=message.id, status="queued")
        message.run_id = run.id
        trip.updated_at = utcnow()
        session.add_all([message, run])
        return Accepted(id=trip.id, run_id=run.id, seq=seq)

    async def create_trip(self, request: str) -> Accepted:
        """A new trip with its first message and a queued run for it, in one transaction."""
        async with self.sessions.begin() as session:
            trip = TripRow(id=new_id(), title=short_title(request), title_custom=False)
            session.add(trip)
            return self._add_turn(session, trip, request, "request", 1)

    async def add_message(self, trip_id: str, text: str) -> Accepted | None:
        """The traveller's next message (a change, or an answer) and a queued run for it."""
        async with self.sessions.begin() as session:
            trip = await session.get(TripRow, trip_id)
            if trip is None:
                return None
            waiting = await self._pending_question(session, trip_id)
            last = await session.scalar(
                select(func.max(MessageRow.seq)).where(MessageRow.trip_id == trip_id)
            )
            kind = "answer" if waiting else "message"
            return self._add_turn(session, trip, text, kind, (last or 0) + 1)

    async def mark_running(self, run_id: str, started_at: datetime | None = None) -> None:
        await self.add_events(run_id, [], started_at=started_at or utcnow())

    async def add_events(
        self, run_id: str, events: Sequence[WireEvent], *, started_at: datetime | None = None
    ) -> None:
        """Store events of a run; with `started_at`, also mark it running (same transaction)."""
        if not events and started_at is None:
            return
        async with self.sessions.begin() as session:
            if started_at is not None:
                await session.execute(
                    update(RunRow)
                    .where(RunRow.id == run_id, RunRow.status == "queued")
                    .values(status="running", started_at=started_at)
                )
            session.add_all(
                RunEventRow(run_id=run_id, seq=e.id, type=e.type, data=e.data) for e in events
            )

    async def finish_run(self, run_id: str, finish: Finish, events: Sequence[WireEvent]) -> None:
        """Record how a run ended, its plan or question, and its last events, all at once."""
        async with self.sessions.begin() as session:
            run = await session.get(RunRow, run_id)
            if run is None:  # the trip was deleted meanwhile
                return
            run.status = finish.status
            run.started_at = run.started_at or finish.started_at
            run.finished_at = utcnow()
            run.error_code, run.error_message = finish.error_code, finish.error_message
            run.usage, run.timings, run.model = finish.usage, finish.timings, finish.model
            trip = await session.get(TripRow, run.trip_id)
            assert trip is not None
            trip.updated_at = run.finished_at
            if finish.outcome is not None:
                await self._save_outcome(session, trip, run, finish.outcome)
            session.add_all(
                RunEventRow(run_id=run_id, seq=e.id, type=e.type, data=e.data) for e in events
            )

    async def _save_outcome(
        self, session: AsyncSession, trip: TripRow, run: RunRow, outcome: PlanResult | Clarification
    ) -> None:
        seq = await session.scalar(
            select(func.max(MessageRow.seq)).where(MessageRow.trip_id == trip.id)
        )
        message = MessageRow(trip_id=trip.id, seq=(seq or 0) + 1, role="planner", run_id=run.id)
        if isinstance(outcome, PlanResult):
            plan = PlanRow(
                trip_id=trip.id,
                run_id=run.id,
                language=outcome.trip.language,
                result=outcome.model_dump(mode="json"),
            )
            session.add(plan)
            await session.flush()
            title = plan_title(outcome.plan) or short_title(outcome.trip.place_name)
            message.kind, message.text, message.data = "plan", title, {"plan_id": plan.id}
            run.outcome = "plan"
            trip.language = outcome.trip.language
            if not trip.title_custom:
                trip.title = title
        else:
            message.kind, message.text = "clarification", outcome.message
            message.data = outcome.model_dump(mode="json")
            run.outcome = "clarification"
            trip.language = outcome.language
        session.add(message)

    async def interrupt_unfinished(self) -> int:
        """Runs left queued or running by a server that stopped are marked interrupted."""
        async with self.sessions.begin() as session:
            result = await session.execute(
                update(RunRow)
                .where(RunRow.status.in_(ACTIVE_STATUSES))
                .values(
                    status="interrupted",
                    finished_at=utcnow(),
                    error_code="interrupted",
                    error_message="The server stopped before this plan was finished.",
                )
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def list_trips(self, limit: int, offset: int) -> tuple[list[dict[str, Any]], bool]:
        """Newest first; whether more follow."""
        async with self.sessions() as session:
            rows = (
                await session.scalars(
                    select(TripRow)
                    .order_by(TripRow.created_at.desc(), TripRow.id)
                    .limit(limit + 1)
                    .offset(offset)
                )
            ).all()
            trips = list(rows[:limit])
            status = await self._latest_status(session, [t.id for t in trips])
            planned = set(
                (
                    await session.scalars(
                        select(PlanRow.trip_id).where(PlanRow.trip_id.in_([t.id for t in trips]))
                    )
                ).all()
            )
        items = [summary(t, status.get(t.id), t.id in planned) for t in trips]
        return items, len(rows) > limit

    async def _latest_status(self, session: AsyncSession, trip_ids: list[str]) -> dict[str, str]:
        if not trip_ids:
            return {}
        rows = await session.execute(
            select(RunRow.trip_id, RunRow.status, RunRow.created_at)
            .where(RunRow.trip_id.in_(trip_ids))
            .order_by(RunRow.created_at)
        )
        return {trip_id: status for trip_id, status, _ in rows}

    async def _pending_question(self, session: AsyncSession, trip_id: str) -> bool:
        last = await session.scalar(
            select(MessageRow)
            .where(MessageRow.trip_id == trip_id, MessageRow.role == "planner")
            .order_by(MessageRow.seq.desc())
            .limit(1)
        )
        return last is not None and last.kind == "clarification"

    async def trip(self, trip_id: str) -> TripRecord | None:
        async with self.sessions() as session:
            trip = await session.get(TripRow, trip_id)
            if trip is None:
                return None
            messages = (
                await session.scalars(
                    select(MessageRow).where(MessageRow.trip_id == trip_id).order_by(MessageRow.seq)
                )
            ).all()
            runs = (
                await session.scalars(
                    select(RunRow).where(RunRow.trip_id == trip_id).order_by(RunRow.created_at)
                )
            ).all()
            plan = await self._latest_plan(session, trip_id)
        return TripRecord(trip, messages, runs, plan)

    async def _latest_plan(self, session: AsyncSession, trip_id: str) -> PlanRow | None:
        return await session.scalar(
            select(PlanRow)
            .where(PlanRow.trip_id == trip_id)
            .order_by(PlanRow.created_at.desc())
            .limit(1)
        )

    async def latest_plan(self, trip_id: str) -> PlanRow | None:
        async with self.sessions() as session:
            return await self._latest_plan(session, trip_id)

    async def current(self, trip_id: str) -> PlanResult | Clarification | None:
        """What a follow-up builds on: the latest plan, or the question waiting for an answer."""
        async with self.sessions() as session:
            last = await session.scalar(
                select(MessageRow)
                .where(MessageRow.trip_id == trip_id, MessageRow.role == "planner")
                .order_by(MessageRow.seq.desc())
                .limit(1)
            )
            if last is None:
                return None
            if last.kind == "clarification" and last.data is not None:
                return Clarification.model_validate(last.data)
            plan = await self._latest_plan(session, trip_id)
        return PlanResult.model_validate(plan.result) if plan is not None else None

    async def rename(self, trip_id: str, title: str) -> dict[str, Any] | None:
        async with self.sessions.begin() as session:
            trip = await session.get(TripRow, trip_id)
            if trip is None:
                return None
            trip.title, trip.title_custom, trip.updated_at = short_title(title), True, utcnow()
            status = await self._latest_status(session, [trip_id])
            has_plan = await self._latest_plan(session, trip_id) is not None
        return summary(trip, status.get(trip_id), has_plan)

    async def delete(self, trip_id: str) -> bool:
        async with self.sessions.begin() as session:
            result = await session.execute(delete(TripRow).where(TripRow.id == trip_id))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def run(self, run_id: str) -> RunRow | None:
        async with self.sessions() as session:
            return await session.get(RunRow, run_id)

    async def events_after(self, run_id: str, after: int) -> list[WireEvent]:
        async with self.sessions() as session:
            rows = await session.scalars(
                select(RunEventRow)
                .where(RunEventRow.run_id == run_id, RunEventRow.seq > after)
                .order_by(RunEventRow.seq)
            )
            return [WireEvent(r.seq, r.type, r.data) for r in rows]


def summary(trip: TripRow, status: str | None, has_plan: bool) -> dict[str, Any]:
    return {
        "id": trip.id,
        "title": trip.title,
        "language": trip.language,
        "created_at": utc(trip.created_at),
        "updated_at": utc(trip.updated_at),
        "status": status,
        "has_plan": has_plan,
    }


def run_json(run: RunRow) -> dict[str, Any]:
    error = None
    if run.error_code:
        error = {"code": run.error_code, "message": run.error_message or ""}
    return {
        "id": run.id,
        "trip_id": run.trip_id,
        "status": run.status,
        "outcome": run.outcome,
        "error": error,
        "model": run.model,
        "usage": run.usage,
        "timings": run.timings,
        "created_at": utc(run.created_at),
        "started_at": run.started_at and utc(run.started_at),
        "finished_at": run.finished_at and utc(run.finished_at),
        "events_url": f"/api/runs/{run.id}/events",
    }


def plan_json(plan: PlanRow) -> dict[str, Any]:
    """The latest plan as the CLI's --json object, plus where it came from."""
    result = PlanResult.model_validate(plan.result)
    created = utc(plan.created_at)
    return {"id": plan.id, "run_id": plan.run_id, "created_at": created, **result.to_json()}
