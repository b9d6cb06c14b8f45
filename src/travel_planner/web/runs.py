"""Plans run in the background, owned by the server, not by an HTTP request: a closed tab does
not stop them. At most `slots` run at once (Ollama's parallel slots); the others wait in order
and stream their place in the queue. Every event gets an id; a browser that reconnects gets
what it missed, from memory while the run lives and from the database afterwards."""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from travel_planner.errors import PlannerError
from travel_planner.events import event_json
from travel_planner.i18n import Language
from travel_planner.planner import Outcome, Planner, PlanStream, outcome_json
from travel_planner.result import PlanResult
from travel_planner.web.errors import INTERNAL_MESSAGE, ApiError, planner_error_code
from travel_planner.web.models import utcnow
from travel_planner.web.store import Finish, TripStore, WireEvent

logger = logging.getLogger(__name__)

# Drafts are a preview and queue places change: neither is worth keeping once the run ends.
NOT_STORED = frozenset({"draft", "status"})
INTERRUPTED_MESSAGE = "The server stopped before this plan was finished. Ask again to plan it."
MAX_WAITING = 256
FLUSH_DELAY_S = 0.2


@dataclass(eq=False)
class LiveRun:
    """A run in this server: its events so far and the task that runs it."""

    run_id: str
    trip_id: str
    message: str
    current: Outcome | None
    language: Language | None
    events: list[WireEvent] = field(default_factory=list)
    unstored: list[WireEvent] = field(default_factory=list)
    next_id: int = 1
    position: int = 0
    closed: bool = False
    stop_requested: bool = False
    task: asyncio.Task[None] | None = None
    slot: asyncio.Future[None] | None = None
    flushing: asyncio.Task[None] | None = None
    stream: PlanStream | None = None
    writing: bool = False
    # When the run got its slot; stored with the next batch of events, not on its own.
    started_at: datetime | None = None
    start_unstored: bool = False
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def make(self, kind: str, data: dict[str, object]) -> WireEvent:
        event = WireEvent(self.next_id, kind, data)
        self.next_id += 1
        return event

    def publish(self, event: WireEvent) -> None:
        # A checked plan part supersedes the drafts before it; only the latest queue state
        # matters. A replay from the start then skips what the page would throw away.
        if event.type in ("plan", "status"):
            drop = "draft" if event.type == "plan" else "status"
            self.events = [e for e in self.events if e.type != drop]
        self.events.append(event)
        if event.type not in NOT_STORED:
            self.unstored.append(event)
        self.changed.set()
        self.changed = asyncio.Event()

    def after(self, last_id: int) -> list[WireEvent]:
        start = bisect.bisect_right([e.id for e in self.events], last_id)
        return self.events[start:]

    async def follow(self, last_id: int) -> AsyncIterator[WireEvent]:
        while True:
            changed = self.changed
            batch = self.after(last_id)
            for event in batch:
                last_id = event.id
                yield event
            if self.closed and not self.after(last_id):
                return
            if not batch:
                await changed.wait()


class RunManager:
    def __init__(self, store: TripStore, planner: Planner, slots: int) -> None:
        self.store = store
        self.planner = planner
        self.slots = slots
        self.running = 0
        self.waiting: list[LiveRun] = []
        self.live: dict[str, LiveRun] = {}
        self.by_trip: dict[str, str | None] = {}
        self.closing = False
        self.settled = False

    @contextlib.contextmanager
    def reserve(self, trip_id: str | None = None) -> Iterator[None]:
        """Hold the trip (one run at a time per trip) and check the queue has room."""
        if len(self.waiting) >= MAX_WAITING:
            raise ApiError(503, "busy", "Too many plans are waiting; try again in a minute.")
        if trip_id is None:
            yield
            return
        if trip_id in self.by_trip:
            raise ApiError(
                409, "trip_busy", "This trip is still being planned; wait for it or stop it."
            )
        self.by_trip[trip_id] = None
        try:
            yield
        finally:
            if self.by_trip.get(trip_id) is None:
                self.by_trip.pop(trip_id, None)

    def start(
        self,
        run_id: str,
        trip_id: str,
        message: str,
        current: Outcome | None,
        language: Language | None,
    ) -> LiveRun:
        live = LiveRun(run_id, trip_id, message, current, language)
        self.live[run_id] = live
        self.by_trip[trip_id] = run_id
        live.task = asyncio.create_task(self._execute(live), name=f"run-{run_id}")
        return live

    def active_run(self, trip_id: str) -> str | None:
        return self.by_trip.get(trip_id)

    def cancel(self, run_id: str) -> bool:
        live = self.live.get(run_id)
        if live is None or live.closed or live.task is None:
            return False
        if not live.stop_requested:
            live.stop_requested = True
            live.task.cancel()
        return True

    async def stop_trip(self, trip_id: str) -> None:
        """Stop the trip's run, if any, and wait until it has ended."""
        run_id = self.by_trip.get(trip_id)
        live = self.live.get(run_id) if run_id else None
        if live is not None and live.task is not None and self.cancel(live.run_id):
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(live.task), timeout=10)

    async def shutdown(self) -> None:
        """Stop every run; they end as interrupted (the traveller did not ask to stop)."""
        self.closing = True
        tasks = [live.task for live in self.live.values() if live.task is not None]
        for live in list(self.live.values()):
            self.cancel(live.run_id)
        await asyncio.gather(*tasks, return_exceptions=True)

    # Queue

    async def _acquire(self, live: LiveRun) -> None:
        if self.running < self.slots and not self.waiting:
            self.running += 1
            return
        live.slot = asyncio.get_running_loop().create_future()
        self.waiting.append(live)
        self._announce_places()
        try:
            await live.slot
        except asyncio.CancelledError:
            if live in self.waiting:
                self.waiting.remove(live)
                self._announce_places()
            elif live.slot.done() and not live.slot.cancelled():
                self._release()  # the slot came just as the run was stopped: pass it on
            raise

    def _release(self) -> None:
        while self.waiting:
            following = self.waiting.pop(0)
            if following.slot is not None and not following.slot.done():
                following.slot.set_result(None)
                self._announce_places()
                return
        self.running -= 1

    def _announce_places(self) -> None:
        for place, live in enumerate(self.waiting, start=1):
            if live.position != place:
                live.position = place
                self._emit(live, "status", {"status": "queued", "position": place})

    # Running

    def _emit(self, live: LiveRun, kind: str, data: dict[str, object]) -> None:
        live.publish(live.make(kind, data))
        self._store_soon(live)

    def _store_soon(self, live: LiveRun) -> None:
        if (live.unstored or live.start_unstored) and (
            live.flushing is None or live.flushing.done()
        ):
            live.flushing = asyncio.create_task(self._flush(live))

    async def _flush(self, live: LiveRun) -> None:
        # Wait a moment so that the events of a burst go in one transaction; nothing is
        # written between the POST and the run's start.
        await asyncio.sleep(FLUSH_DELAY_S)
        live.writing = True
        try:
            while live.unstored or live.start_unstored:
                batch, live.unstored = live.unstored, []
                started = live.started_at if live.start_unstored else None
                live.start_unstored = False
                try:
                    await self.store.add_events(live.run_id, batch, started_at=started)
                except Exception:
                    logger.exception("could not store the events of run %s", live.run_id)
        finally:
            live.writing = False

    async def _plan(self, live: LiveRun) -> tuple[PlanStream, Outcome]:
        live.started_at, live.start_unstored = utcnow(), True
        self._emit(live, "status", {"status": "running"})
        stream = self.planner.plan(live.message, current=live.current, language=live.language)
        live.stream = stream
        async for event in stream:
            data = event_json(event)
            self._emit(live, str(data.pop("type")), data)
        assert stream.outcome is not None
        return stream, stream.outcome

    async def _execute(self, live: LiveRun) -> None:
        finish: Finish
        try:
            await self._acquire(live)
            try:
                stream, outcome = await self._plan(live)
            finally:
                self._release()
            finish = Finish(
                "done",
                outcome,
                usage=stream.usage.as_dict(),
                timings=dict(stream.timings),
                model=self.planner.settings.ollama_model_id,
            )
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None:
                task.uncancel()
            status = "interrupted" if self.closing else "cancelled"
            message = INTERRUPTED_MESSAGE if self.closing else "Stopped."
            finish = self._measured(live, Finish(status, None, status, message))
        except PlannerError as error:
            logger.debug("run %s failed", live.run_id, exc_info=True)
            code = planner_error_code(error)
            finish = self._measured(
                live, Finish("failed", None, code, str(error), exit_code=error.exit_code)
            )
        except Exception:
            logger.exception("run %s failed unexpectedly", live.run_id)
            finish = self._measured(
                live, Finish("failed", None, "internal", INTERNAL_MESSAGE, exit_code=1)
            )
        await self._close(live, finish)

    def _measured(self, live: LiveRun, finish: Finish) -> Finish:
        """What a run that did not finish had used by then."""
        if live.stream is None:
            return finish
        return replace(
            finish,
            usage=live.stream.usage.as_dict(),
            timings=dict(live.stream.timings),
            model=self.planner.settings.ollama_model_id,
        )

    async def _close(self, live: LiveRun, finish: Finish) -> None:
        finish = replace(finish, started_at=live.started_at)
        final = final_events(live, finish)
        if live.flushing is not None:
            if not live.writing:  # still waiting: its events go with the last ones instead
                live.flushing.cancel()
            await asyncio.gather(live.flushing, return_exceptions=True)
        try:
            await self.store.finish_run(live.run_id, finish, [*live.unstored, *final])
        except Exception:
            logger.exception("could not store the end of run %s", live.run_id)
        live.unstored = []
        for event in final:
            live.events.append(event)
        live.closed = True
        live.changed.set()
        self.live.pop(live.run_id, None)
        if self.by_trip.get(live.trip_id) == live.run_id:
            self.by_trip.pop(live.trip_id, None)
        if not self.settled and finish.status == "done":
            self.settled = True
            settle()

    async def ended_events(self, run_id: str, status: str) -> list[WireEvent]:
        """Every stored event of a run that has ended, closed with its result or error and
        its end even when the server stopped before it could store them."""
        stored = await self.store.events_after(run_id, 0)
        if stored and stored[-1].type == "end":
            return stored
        closing = LiveRun(run_id, "", "", None, None, next_id=stored[-1].id + 1 if stored else 1)
        return stored + final_events(closing, Finish(status, None, status, INTERRUPTED_MESSAGE))


def final_events(live: LiveRun, finish: Finish) -> list[WireEvent]:
    """The result or the error, then the end."""
    events = []
    if finish.outcome is not None:
        kind = "plan" if isinstance(finish.outcome, PlanResult) else "clarification"
        events.append(live.make("result", {"kind": kind, **outcome_json(finish.outcome)}))
    if finish.status in ("failed", "interrupted") and finish.error_code:
        error: dict[str, object] = {"code": finish.error_code, "message": finish.error_message}
        if finish.exit_code is not None:
            error["exit_code"] = finish.exit_code
        events.append(live.make("error", error))
    events.append(live.make("end", {"status": finish.status}))
    return events


def settle() -> None:
    """Keep what the process holds for good (modules, the planner's data, loaded by the
    first plan) out of the garbage collector's full passes: with a few hundred thousand
    such objects, each pass stopped the event loop, and so every stream, for 0.1-0.4 s."""
    gc.collect(1)
    gc.freeze()
