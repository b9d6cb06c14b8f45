"""Runs belong to the server: a bounded queue that tells each waiting run its place, Stop that
ends the model call in flight, streams that resume with Last-Event-ID, and runs that a
stopped server leaves behind marked interrupted when it starts again."""

from __future__ import annotations

import signal

import httpx
import pytest

from ollama_double.launcher import DoubleControl
from tests.web.conftest import Deps, ServerFactory
from tests.web.servers import SseEvent, WebServer, plan_text

pytestmark = pytest.mark.integration

LISBON = "4 days in Lisbon from 2027-05-10, food and museums"


def _writing(event: SseEvent) -> bool:
    """The planner model is streaming the days."""
    return event.event == "draft"


def _cancel(web: WebServer, run_id: str) -> httpx.Response:
    with web.client() as http:
        return http.post(f"/api/runs/{run_id}/cancel")


def test_stop_ends_the_run_and_the_model_call_in_flight(
    server: WebServer, double: DoubleControl, deps: Deps
) -> None:
    double.use("slow")
    accepted = server.plan(LISBON)
    seen = server.events(accepted["run_id"], until=_writing)
    stopped = _cancel(server, accepted["run_id"])
    rest = server.events(accepted["run_id"], headers={"Last-Event-ID": str(seen[-1].id)})

    assert stopped.status_code == 202 and stopped.json()["status"] == "running"
    assert rest[-1].event == "end" and rest[-1].data == {"status": "cancelled"}
    assert "result" not in {e.event for e in rest}
    with server.client() as http:
        trip = http.get(f"/api/trips/{accepted['id']}").json()
        again = http.post(f"/api/runs/{accepted['run_id']}/cancel")
    assert trip["runs"][0]["status"] == "cancelled" and trip["plan"] is None
    assert trip["runs"][0]["usage"]["llm_calls"] >= 1
    assert again.status_code == 409 and again.json()["error"]["code"] == "run_finished"

    # The double has one slot: a new call gets it only after the stopped one let it go. Had
    # the stopped call gone on, it would have finished (done_reason) before the new one.
    double.use("tools")
    calls_before = len(double.stats()["records"])
    httpx.post(
        f"{deps.ollama}/api/chat",
        json={
            "model": "phi4-mini",
            "messages": [{"role": "user", "content": "hi"}],
            "stream": False,
        },
        timeout=60,
    ).raise_for_status()
    records = double.stats()["records"]
    stopped_call, next_call = records[calls_before - 1], records[-1]
    assert stopped_call["behaviour"] == "slow" and stopped_call.get("done_reason") is None
    assert next_call.get("done_reason")


def test_waiting_runs_stream_their_place_in_the_queue(
    make_server: ServerFactory, double: DoubleControl
) -> None:
    web = make_server(OLLAMA_NUM_PARALLEL="1")
    double.use("slow")
    first, second, third = (web.plan(f"{n} days in Rome from 2027-04-0{n}") for n in (2, 3, 4))

    second_seen = web.events(second["run_id"], until=lambda e: e.event == "status")
    third_seen = web.events(third["run_id"], until=lambda e: e.event == "status")
    assert second_seen[0].data == {"status": "queued", "position": 1}
    assert third_seen[0].data == {"status": "queued", "position": 2}

    # The first run stops: the second takes the slot, the third moves up.
    _cancel(web, first["run_id"])
    second_next = web.events(
        second["run_id"], headers={"Last-Event-ID": str(second_seen[-1].id)}, until=_writing
    )
    third_next = web.events(
        third["run_id"],
        headers={"Last-Event-ID": str(third_seen[-1].id)},
        until=lambda e: e.event == "status",
    )
    assert {"status": "running"} in [e.data for e in second_next if e.event == "status"]
    assert third_next[0].data == {"status": "queued", "position": 1}

    for accepted in (second, third):
        _cancel(web, accepted["run_id"])
        assert web.events(accepted["run_id"])[-1].data == {"status": "cancelled"}
    # Every accepted run ended, and the server says so when asked later.
    with web.client() as http:
        statuses = [
            http.get(f"/api/runs/{a['run_id']}").json()["status"] for a in (first, second, third)
        ]
    assert statuses == ["cancelled", "cancelled", "cancelled"]


def test_one_run_at_a_time_per_trip(server: WebServer, double: DoubleControl) -> None:
    double.use("slow")
    accepted = server.plan(LISBON)
    with server.client() as http:
        busy = http.post(f"/api/trips/{accepted['id']}/messages", json={"text": "more food"})
    _cancel(server, accepted["run_id"])
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "trip_busy"


def test_a_dropped_stream_resumes_where_it_stopped(
    server: WebServer, double: DoubleControl
) -> None:
    double.use("slow")
    accepted = server.plan(LISBON)
    url = f"/api/runs/{accepted['run_id']}/events"
    first_part = server.events(
        accepted["run_id"], until=lambda e: e.event == "plan" and "Day 1" in e.data["text"]
    )
    # From the start again (a reload): everything so far, drafts that a later plan part
    # replaced left out.
    replay = server.events(accepted["run_id"], until=lambda e: e.id >= first_part[-1].id)
    double.use("tools")
    rest = server.events(accepted["run_id"], headers={"Last-Event-ID": str(first_part[-1].id)})

    assert rest[0].id > first_part[-1].id
    whole = first_part + rest
    assert [e.id for e in whole] == sorted({e.id for e in whole})
    assert plan_text(whole) == rest[-2].data["plan"]
    assert plan_text(replay) == plan_text(first_part)
    last_plan = max(i for i, e in enumerate(replay) if e.event == "plan")
    assert not [e for e in replay[:last_plan] if e.event == "draft"]

    # ?after= works like Last-Event-ID; a client that has seen the end is told to stop (204).
    after = server.events(accepted["run_id"], headers={}, until=None)
    assert after[-1].event == "end"
    with server.client() as http:
        tail = http.get(url, params={"after": rest[-3].id})
        done = http.get(url, headers={"Last-Event-ID": str(rest[-1].id)})
    assert [line for line in tail.text.splitlines() if line.startswith("event:")] == [
        "event: result",
        "event: end",
    ]
    assert done.status_code == 204


def test_a_server_killed_mid_plan_marks_the_run_interrupted_on_start(
    make_server: ServerFactory, double: DoubleControl, tmp_path
) -> None:
    data = tmp_path / "kept"
    web = make_server(data_dir=data)
    done = web.plan("3 days in Porto from 2027-06-01")
    web.events(done["run_id"])
    double.use("slow")
    cut = web.plan(LISBON)
    seen = web.events(cut["run_id"], until=_writing)
    web.stop(signal.SIGKILL)

    double.use("tools")
    web.start()
    with web.client() as http:
        trip = http.get(f"/api/trips/{cut['id']}").json()
        kept = http.get(f"/api/trips/{done['id']}").json()
        listed = [t["id"] for t in http.get("/api/trips").json()["items"]]
    events = web.events(cut["run_id"])

    assert trip["runs"][0]["status"] == "interrupted" and trip["active_run_id"] is None
    assert trip["runs"][0]["error"]["code"] == "interrupted"
    assert kept["plan"]["trip"]["destination"] == "Porto"
    assert listed == [cut["id"], done["id"]]
    # What was stored before the kill is replayed, then how the run ended.
    assert [e.event for e in events[-2:]] == ["error", "end"]
    assert events[-2].data["code"] == "interrupted" and events[-1].data["status"] == "interrupted"
    steps = [e for e in events if e.event == "step"]
    assert steps and steps[0].id == next(e.id for e in seen if e.event == "step")


def test_stopping_the_server_interrupts_running_plans(
    make_server: ServerFactory, double: DoubleControl, tmp_path
) -> None:
    web = make_server(data_dir=tmp_path / "kept")
    double.use("slow")
    accepted = web.plan(LISBON)
    web.events(accepted["run_id"], until=_writing)
    # uvicorn exits by the signal it caught, once it has shut down in order.
    assert web.stop(signal.SIGTERM) in (0, -signal.SIGTERM)

    web.start()
    with web.client() as http:
        run = http.get(f"/api/runs/{accepted['run_id']}").json()
    assert run["status"] == "interrupted"
    assert web.events(accepted["run_id"])[-1].data == {"status": "interrupted"}
