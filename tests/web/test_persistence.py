"""Saved trips on SQLite and on a real PostgreSQL: migrations, every message, run, plan and
event stored, plans that round-trip, unfinished runs marked interrupted, deletes that cascade,
foreign keys enforced on both, trips posted all at once, and a server restarted on PostgreSQL
that still has everything."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from tests.web.conftest import Deps, ServerFactory
from tests.web.servers import DEAD_COLLECTOR, PostgresServer, read_events
from travel_planner.config import Settings
from travel_planner.errors import DependencyUnavailableError
from travel_planner.planner import Outcome, Planner
from travel_planner.result import PlanResult
from travel_planner.trip import Clarification
from travel_planner.web.database import (
    MIGRATIONS,
    SCHEMA_HEAD,
    create_engine,
    database_url,
    migrate,
    schema_revision,
)
from travel_planner.web.models import MessageRow, PlanRow, RunEventRow, RunRow
from travel_planner.web.store import Finish, TripStore, WireEvent

pytestmark = pytest.mark.integration


async def _outcome(settings: Settings, message: str) -> Outcome:
    async with Planner(settings) as planner:
        stream = planner.plan(message)
        async for _ in stream:
            pass
    assert stream.outcome is not None
    return stream.outcome


@pytest.fixture(scope="module")
def sample(deps: Deps) -> tuple[PlanResult, Clarification]:
    """A real plan and a real question, from the planner against the double."""
    settings = Settings(
        ollama_host=deps.ollama,
        mcp_server_url=deps.mcp,
        otel_exporter_otlp_endpoint=DEAD_COLLECTOR,
        ollama_ready_timeout_seconds=5,
    )
    deps.double.use("tools")
    plan = asyncio.run(_outcome(settings, "3 days in Porto from 2027-06-01, wine"))
    question = asyncio.run(_outcome(settings, "hello there"))
    assert isinstance(plan, PlanResult) and isinstance(question, Clarification)
    return plan, question


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[TripStore]:
    if request.param == "sqlite":
        url = database_url(Settings(travel_planner_data_dir=str(tmp_path)))
    else:
        postgres: PostgresServer = request.getfixturevalue("postgres")
        url = database_url(Settings(database_url=postgres.new_database()))
    engine = create_engine(url)
    await migrate(engine)
    await migrate(engine)  # a second start finds the schema up to date
    yield TripStore(engine)
    await engine.dispose()


def _events(*kinds: str) -> list[WireEvent]:
    return [WireEvent(n, kind, {"n": n}) for n, kind in enumerate(kinds, start=1)]


async def test_a_planned_trip_is_stored_whole(
    store: TripStore, sample: tuple[PlanResult, Clarification]
) -> None:
    plan, _ = sample
    accepted = await store.create_trip("3 days in Porto from 2027-06-01, wine")
    await store.mark_running(accepted.run_id)
    await store.add_events(accepted.run_id, _events("step", "plan"))
    finish = Finish("done", plan, usage=plan.usage, timings=plan.timings, model=plan.model)
    await store.finish_run(accepted.run_id, finish, _events("step", "plan", "result", "end")[2:])

    record = await store.trip(accepted.id)
    assert record is not None and record.plan is not None
    assert [(m.seq, m.role, m.kind) for m in record.messages] == [
        (1, "traveller", "request"),
        (2, "planner", "plan"),
    ]
    assert record.trip.title.startswith("3 days in Porto") and record.trip.language == "en"
    run = record.runs[0]
    assert (run.status, run.outcome, run.model) == ("done", "plan", plan.model)
    assert run.usage == plan.usage and run.timings == plan.timings and run.started_at
    stored = PlanResult.model_validate(record.plan.result)
    assert stored == plan
    assert [(e.id, e.type) for e in await store.events_after(accepted.run_id, 0)] == [
        (1, "step"),
        (2, "plan"),
        (3, "result"),
        (4, "end"),
    ]
    assert await store.current(accepted.id) == plan


async def test_a_question_waits_for_its_answer_in_order(
    store: TripStore, sample: tuple[PlanResult, Clarification]
) -> None:
    plan, question = sample
    accepted = await store.create_trip("hello there")
    await store.finish_run(accepted.run_id, Finish("done", question), [])
    assert await store.current(accepted.id) == question

    answer = await store.add_message(accepted.id, "Porto in June")
    assert answer is not None and answer.seq == 3
    await store.finish_run(answer.run_id, Finish("done", plan), [])
    record = await store.trip(accepted.id)
    assert record is not None
    assert [(m.seq, m.role, m.kind) for m in record.messages] == [
        (1, "traveller", "request"),
        (2, "planner", "clarification"),
        (3, "traveller", "answer"),
        (4, "planner", "plan"),
    ]
    assert record.messages[1].data == question.model_dump(mode="json")
    assert await store.current(accepted.id) == plan


async def test_unfinished_runs_become_interrupted(store: TripStore) -> None:
    queued = await store.create_trip("2 days in Rome")
    running = await store.create_trip("2 days in Milan")
    await store.mark_running(running.run_id)
    done = await store.create_trip("2 days in Turin")
    await store.finish_run(done.run_id, Finish("failed", None, "dependency_unavailable", "x"), [])

    assert await store.interrupt_unfinished() == 2
    statuses = {}
    for accepted in (queued, running, done):
        run = await store.run(accepted.run_id)
        assert run is not None
        statuses[accepted.id] = (run.status, run.error_code, run.finished_at is not None)
    assert statuses == {
        queued.id: ("interrupted", "interrupted", True),
        running.id: ("interrupted", "interrupted", True),
        done.id: ("failed", "dependency_unavailable", True),
    }


async def test_trips_list_newest_first_and_deletes_cascade(
    store: TripStore, sample: tuple[PlanResult, Clarification]
) -> None:
    plan, _ = sample
    ids = []
    for n in range(3):
        accepted = await store.create_trip(f"{n + 2} days in Porto")
        await store.finish_run(accepted.run_id, Finish("done", plan), _events("step", "end"))
        ids.append(accepted.id)
    first_page, more = await store.list_trips(2, 0)
    last_page, no_more = await store.list_trips(2, 2)
    assert [t["id"] for t in first_page] == ids[::-1][:2] and more is True
    assert [t["id"] for t in last_page] == ids[:1] and no_more is False
    assert first_page[0]["status"] == "done" and first_page[0]["has_plan"] is True

    renamed = await store.rename(ids[0], "  Porto   with friends ")
    assert renamed is not None and renamed["title"] == "Porto with friends"
    assert await store.delete(ids[0]) is True
    assert await store.delete(ids[0]) is False
    assert await store.trip(ids[0]) is None
    async with store.sessions() as session:
        for table in (MessageRow, RunRow, PlanRow):
            count = await session.scalar(
                select(func.count()).select_from(table).where(table.trip_id == ids[0])
            )
            assert count == 0
        orphans = await session.scalar(
            select(func.count())
            .select_from(RunEventRow)
            .where(RunEventRow.run_id.not_in(select(RunRow.id)))
        )
        assert orphans == 0


@pytest.mark.postgres
def test_the_server_keeps_trips_on_postgresql_across_restarts(
    make_server: ServerFactory, postgres: PostgresServer, deps: Deps
) -> None:
    deps.double.use("tools")
    url = postgres.new_database()
    web = make_server(DATABASE_URL=url)
    accepted = web.plan("4 days in Lisbon from 2027-05-10, food and museums")
    events = web.events(accepted["run_id"])
    web.stop()
    web.start()
    with web.client() as http:
        trip = http.get(f"/api/trips/{accepted['id']}").json()
        ready = http.get("/ready").json()
    assert trip["plan"]["plan"] == events[-2].data["plan"]
    assert [e.id for e in web.events(accepted["run_id"])][-1] == events[-1].id
    assert ready["checks"]["database"]["ok"] is True


async def test_rows_that_point_nowhere_are_refused(store: TripStore) -> None:
    # SQLite enforces foreign keys as PostgreSQL does, so either finds rows written out of order.
    accepted = await store.create_trip("2 days in Rome")
    with pytest.raises(IntegrityError):
        await store.add_events("no-such-run", _events("step"))
    assert await store.events_after("no-such-run", 0) == []
    await store.add_events(accepted.run_id, _events("step"))
    assert [e.type for e in await store.events_after(accepted.run_id, 0)] == ["step"]


POSTED_AT_ONCE = 24


@pytest.mark.postgres
def test_trips_posted_at_once_on_postgresql_are_all_stored(
    make_server: ServerFactory, postgres: PostgresServer, deps: Deps
) -> None:
    """Each POST writes a trip, its first message and its run in one transaction: none may
    reach the database before the trip it belongs to, however many arrive together."""
    deps.double.use("tools")
    web = make_server(DATABASE_URL=postgres.new_database(), OLLAMA_NUM_PARALLEL="4")

    async def post_all() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=web.url, timeout=60) as http:
            posts = (
                http.post("/api/trips", json={"request": f"{2 + n % 3} days in Porto"})
                for n in range(POSTED_AT_ONCE)
            )
            return await asyncio.gather(*posts)

    answers = asyncio.run(post_all())
    assert [a.status_code for a in answers] == [202] * POSTED_AT_ONCE, answers[0].text
    accepted = [a.json() for a in answers]
    ends = [read_events(f"{web.url}/api/runs/{a['run_id']}/events")[-1] for a in accepted]
    assert {e.data["status"] for e in ends} == {"done"}
    with web.client() as http:
        trips = [http.get(f"/api/trips/{a['id']}").json() for a in accepted]
    for trip, posted in zip(trips, accepted, strict=True):
        assert [(m["seq"], m["kind"]) for m in trip["messages"]] == [(1, "request"), (2, "plan")]
        assert [r["id"] for r in trip["runs"]] == [posted["run_id"]]
        assert trip["runs"][0]["status"] == "done" and trip["runs"][0]["started_at"]


def test_the_schema_head_is_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


async def test_a_new_database_is_migrated_in_a_child_process(tmp_path: Path) -> None:
    engine = create_engine(database_url(Settings(travel_planner_data_dir=str(tmp_path / "a"))))
    try:
        assert await schema_revision(engine) is None
        await migrate(engine, in_child=True)
        assert await schema_revision(engine) == SCHEMA_HEAD
        assert await TripStore(engine).list_trips(5, 0) == ([], False)
    finally:
        await engine.dispose()


async def test_a_failed_migration_is_reported_with_its_reason(tmp_path: Path) -> None:
    engine = create_engine(database_url(Settings(travel_planner_data_dir=str(tmp_path / "b"))))
    try:
        async with engine.begin() as connection:  # a table in the way of the first migration
            await connection.execute(text("CREATE TABLE trips (id TEXT)"))
        with pytest.raises(DependencyUnavailableError) as failure:
            await migrate(engine, in_child=True)
    finally:
        await engine.dispose()
    assert failure.value.exit_code == 3
    assert "upgrade failed" in str(failure.value) and "trips" in failure.value.reason
