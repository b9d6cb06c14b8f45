"""The JSON API: trips, their messages and runs, the live event stream, exports."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from travel_planner.result import PlanResult
from travel_planner.web.context import WebState, authorized
from travel_planner.web.errors import ApiError
from travel_planner.web.exports import attachment, plan_calendar
from travel_planner.web.schemas import (
    Accepted,
    ErrorResponse,
    NewMessage,
    NewTrip,
    Run,
    RunCancel,
    TripDetail,
    TripPage,
    TripPatch,
    TripSummary,
    utc,
)
from travel_planner.web.store import WireEvent, plan_json, run_json, summary

State = Annotated[WebState, Depends(authorized)]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (401, 403, 404, 409, 413, 422, 503)
}
router = APIRouter(prefix="/api", responses=ERRORS)
RECONNECT_MS = 2000
PING_S = 15


def _missing(what: str = "trip") -> ApiError:
    return ApiError(404, f"{what}_not_found", f"There is no such {what}.")


@router.post("/trips", status_code=202, response_model=Accepted, tags=["trips"])
async def create_trip(body: NewTrip, state: State, response: Response) -> Accepted:
    """Plan a new trip in the background; follow it at /api/runs/{run_id}/events."""
    with state.runs.reserve():
        accepted = await state.store.create_trip(body.request)
        state.runs.start(accepted.run_id, accepted.id, body.request, None, body.language)
    response.headers["Location"] = f"/api/trips/{accepted.id}"
    return accepted


@router.post("/trips/{trip_id}/messages", status_code=202, response_model=Accepted, tags=["trips"])
async def add_message(trip_id: str, body: NewMessage, state: State) -> Accepted:
    """A change to the plan ("make day 2 more relaxed"), or the answer to its question."""
    with state.runs.reserve(trip_id):
        current = await state.store.current(trip_id)
        accepted = await state.store.add_message(trip_id, body.text)
        if accepted is None:
            raise _missing()
        state.runs.start(accepted.run_id, trip_id, body.text, current, body.language)
    return accepted


@router.get("/trips", response_model=TripPage, tags=["trips"])
async def list_trips(
    state: State,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Saved trips, newest first."""
    items, more = await state.store.list_trips(limit, offset)
    return {"items": items, "next_offset": offset + limit if more else None}


@router.get("/trips/{trip_id}", response_model=TripDetail, tags=["trips"])
async def get_trip(trip_id: str, state: State) -> dict[str, Any]:
    """A trip: its messages in order, its runs, the latest plan, a question waiting."""
    record = await state.store.trip(trip_id)
    if record is None:
        raise _missing()
    runs = [run_json(run) for run in record.runs]
    last = record.messages[-1] if record.messages else None
    question = last.data if last is not None and last.kind == "clarification" else None
    return {
        **summary(record.trip, runs[-1]["status"] if runs else None, record.plan is not None),
        "messages": [
            {
                **_columns(m, "id", "seq", "role", "kind", "text", "data", "run_id"),
                "created_at": utc(m.created_at),
            }
            for m in record.messages
        ],
        "runs": runs,
        "active_run_id": state.runs.active_run(trip_id),
        "plan": plan_json(record.plan) if record.plan is not None else None,
        "clarification": question,
    }


def _columns(row: object, *names: str) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


@router.patch("/trips/{trip_id}", response_model=TripSummary, tags=["trips"])
async def rename_trip(trip_id: str, body: TripPatch, state: State) -> dict[str, Any]:
    renamed = await state.store.rename(trip_id, body.title)
    if renamed is None:
        raise _missing()
    return renamed


@router.delete("/trips/{trip_id}", status_code=204, tags=["trips"])
async def delete_trip(trip_id: str, state: State) -> Response:
    """Delete a trip and everything saved with it (a run in progress is stopped first)."""
    await state.runs.stop_trip(trip_id)
    if not await state.store.delete(trip_id):
        raise _missing()
    return Response(status_code=204)


async def _latest(state: WebState, trip_id: str) -> tuple[PlanResult, str, Any]:
    record = await state.store.trip(trip_id)
    if record is None:
        raise _missing()
    if record.plan is None:
        raise ApiError(404, "no_plan", "This trip has no plan yet.")
    plan = record.plan
    return PlanResult.model_validate(plan.result), record.trip.title, utc(plan.created_at)


@router.get("/trips/{trip_id}/plan.md", tags=["exports"], response_class=Response)
async def export_markdown(trip_id: str, state: State) -> Response:
    result, title, _ = await _latest(state, trip_id)
    return Response(
        result.plan, media_type="text/markdown; charset=utf-8", headers=attachment(title, "md")
    )


@router.get("/trips/{trip_id}/plan.json", tags=["exports"], response_class=Response)
async def export_json(trip_id: str, state: State) -> Response:
    """The same object as `travel-planner --json`."""
    result, title, _ = await _latest(state, trip_id)
    body = json.dumps(result.to_json(), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json", headers=attachment(title, "json"))


@router.get("/trips/{trip_id}/plan.ics", tags=["exports"], response_class=Response)
async def export_calendar(trip_id: str, state: State) -> Response:
    """One all-day event per day, with the day's plan and weather."""
    result, title, created = await _latest(state, trip_id)
    body = plan_calendar(result, trip_id, title, created)
    return Response(
        body, media_type="text/calendar; charset=utf-8", headers=attachment(title, "ics")
    )


@router.get("/runs/{run_id}", response_model=Run, tags=["runs"])
async def get_run(run_id: str, state: State) -> dict[str, Any]:
    run = await state.store.run(run_id)
    if run is None:
        raise _missing("run")
    return run_json(run)


@router.post("/runs/{run_id}/cancel", status_code=202, response_model=RunCancel, tags=["runs"])
async def cancel_run(run_id: str, state: State) -> dict[str, Any]:
    """Stop a run, the model call in flight included; its stream ends with `cancelled`."""
    run = await state.store.run(run_id)
    if run is None:
        raise _missing("run")
    if not state.runs.cancel(run_id):
        raise ApiError(409, "run_finished", f"This run has already ended ({run.status}).")
    return {"run_id": run_id, "status": run.status}


async def _after(events: list[WireEvent], start: int) -> AsyncIterator[WireEvent]:
    for event in events:
        if event.id > start:
            yield event


def _resume_point(last_event_id: str | None, after: int | None) -> int:
    for value in (last_event_id, after):
        if value is not None and str(value).strip().isdigit():
            return int(str(value).strip())
    return 0


@router.get(
    "/runs/{run_id}/events",
    tags=["runs"],
    response_class=Response,
    responses={200: {"content": {"text/event-stream": {}}}, 204: {"description": "Ended."}},
)
async def run_events(
    run_id: str,
    state: State,
    last_event_id: Annotated[str | None, Header()] = None,
    after: Annotated[int | None, Query(ge=0, description="Resume after this event id.")] = None,
) -> Response:
    """Server-Sent Events: `status` (queue place), `step`, `notice`, `draft` (preview of the
    day being written), `plan` (checked Markdown, appended), `result`, `error`, `end`. Every
    event has an `id:`; reconnect with Last-Event-ID (or ?after=) to get only what followed."""
    start = _resume_point(last_event_id, after)
    live = state.runs.live.get(run_id)
    ended = None
    if live is None:  # ended (or unknown): what the database holds
        run = await state.store.run(run_id)
        if run is None:
            raise _missing("run")
        ended = await state.runs.ended_events(run_id, run.status)
    if ended is not None and (not ended or ended[-1].id <= start):
        return Response(status_code=204)  # nothing more will come: the browser stops asking

    async def stream() -> AsyncIterator[ServerSentEvent]:
        events = live.follow(start) if live is not None else _after(ended or [], start)
        first = True
        async for event in events:
            yield ServerSentEvent(
                data=json.dumps(event.data, ensure_ascii=False, default=str),
                event=event.type,
                id=str(event.id),
                retry=RECONNECT_MS if first else None,
            )
            first = False

    return EventSourceResponse(
        stream(), ping=PING_S, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )
