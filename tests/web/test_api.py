"""The HTTP API against the real app, the Ollama-API double and the real MCP server: plan in
the background, stream with ids, refine in the same trip, exports, errors as JSON."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from icalendar import Calendar

from ollama_double.launcher import DoubleControl
from tests.web.servers import SseEvent, WebServer, plan_text

pytestmark = pytest.mark.integration

LISBON = "4 days in Lisbon from 2027-05-10, food and museums"


def _planned(server: WebServer, request: str = LISBON) -> tuple[dict, list[SseEvent]]:
    accepted = server.plan(request)
    return accepted, server.events(accepted["run_id"])


def test_a_trip_is_planned_in_the_background_and_streamed_with_ids(
    server: WebServer, double: DoubleControl
) -> None:
    accepted, events = _planned(server)

    ids = [e.id for e in events]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    kinds = [e.event for e in events]
    assert kinds[0] == "status" and events[0].data == {"status": "running"}
    assert {"step", "draft", "plan", "result"} <= set(kinds)
    assert kinds[-2:] == ["result", "end"] and events[-1].data == {"status": "done"}
    steps = {(e.data["step"], e.data["state"]) for e in events if e.event == "step"}
    assert ("understand", "done") in steps and ("planner", "done") in steps
    result = events[-2].data
    assert result["kind"] == "plan" and result["trip"]["destination"] == "Lisbon"
    # The streamed deltas add up to the plan that was saved.
    assert plan_text(events) == result["plan"]

    with server.client() as http:
        trip = http.get(f"/api/trips/{accepted['id']}").json()
        listed = http.get("/api/trips").json()["items"]
    assert trip["status"] == "done" and trip["active_run_id"] is None
    assert trip["title"].startswith("4 days in Lisbon")
    assert [(m["seq"], m["role"], m["kind"]) for m in trip["messages"]] == [
        (1, "traveller", "request"),
        (2, "planner", "plan"),
    ]
    assert trip["plan"]["plan"] == result["plan"]
    assert trip["plan"]["trip"]["start_date"] == "2027-05-10"
    run = trip["runs"][0]
    assert run["status"] == "done" and run["usage"]["llm_calls"] >= 1
    assert run["timings"]["total_s"] > 0 and run["started_at"] and run["finished_at"]
    assert listed[0]["id"] == accepted["id"] and listed[0]["has_plan"] is True


def test_the_latest_plan_exports_as_markdown_json_and_a_calendar(
    server: WebServer, double: DoubleControl
) -> None:
    accepted, events = _planned(server)
    plan = events[-2].data
    base = f"/api/trips/{accepted['id']}"
    with server.client() as http:
        markdown = http.get(f"{base}/plan.md")
        as_json = http.get(f"{base}/plan.json")
        ics = http.get(f"{base}/plan.ics")

    assert markdown.text == plan["plan"]
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "attachment" in markdown.headers["content-disposition"]
    assert as_json.json()["trip"] == plan["trip"] and "facts" in as_json.json()

    assert ics.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    days = [e for e in calendar.walk("VEVENT")]
    start = date(2027, 5, 10)
    assert [e.decoded("dtstart") for e in days] == [start + timedelta(n) for n in range(4)]
    for n, event in enumerate(days):
        # All-day: a date, not a date-time, ending the next day.
        assert type(event.decoded("dtstart")) is date
        assert event.decoded("dtend") == start + timedelta(n + 1)
        assert "Lisbon" in str(event["summary"])
        description = str(event["description"])
        assert "°C" in description and "Morning" in description
        assert "*" not in description  # plain text, not Markdown
    assert len({str(e["uid"]) for e in days}) == 4


def test_a_refinement_continues_the_trip_in_order(server: WebServer, double: DoubleControl) -> None:
    accepted, _ = _planned(server)
    with server.client() as http:
        response = http.post(
            f"/api/trips/{accepted['id']}/messages", json={"text": "make day 2 more relaxed"}
        )
        assert response.status_code == 202
        follow_up = response.json()
        events = server.events(follow_up["run_id"])
        trip = http.get(f"/api/trips/{accepted['id']}").json()

    assert follow_up["seq"] == 3 and follow_up["id"] == accepted["id"]
    assert events[-1].data == {"status": "done"} and events[-2].data["kind"] == "plan"
    assert [(m["seq"], m["role"]) for m in trip["messages"]] == [
        (1, "traveller"),
        (2, "planner"),
        (3, "traveller"),
        (4, "planner"),
    ]
    assert trip["messages"][2]["text"] == "make day 2 more relaxed"
    assert [r["status"] for r in trip["runs"]] == ["done", "done"]
    assert trip["plan"]["run_id"] == follow_up["run_id"]


def test_a_request_that_is_not_a_trip_gets_a_question_answered_in_the_same_trip(
    server: WebServer, double: DoubleControl
) -> None:
    accepted, events = _planned(server, "hello, how are you?")
    result = events[-2].data
    assert result["kind"] == "clarification"
    assert result["clarification"]["message"]
    with server.client() as http:
        trip = http.get(f"/api/trips/{accepted['id']}").json()
        assert trip["clarification"]["reason"] == result["clarification"]["reason"]
        assert trip["plan"] is None
        answer = http.post(f"/api/trips/{accepted['id']}/messages", json={"text": LISBON}).json()
        answered = server.events(answer["run_id"])
        trip = http.get(f"/api/trips/{accepted['id']}").json()
    assert answered[-2].data["kind"] == "plan"
    assert trip["messages"][2]["kind"] == "answer" and trip["clarification"] is None
    assert trip["plan"]["trip"]["destination"] == "Lisbon"


def test_errors_are_small_json_bodies_with_stable_codes(server: WebServer) -> None:
    with server.client() as http:
        missing = http.get("/api/trips/nope")
        empty = http.post("/api/trips", json={"request": "   "})
        not_json = http.post(
            "/api/trips", content=b"{", headers={"content-type": "application/json"}
        )
        too_big = http.post("/api/trips", json={"request": "x" * 70_000})
        foreign = http.post(
            "/api/trips", json={"request": LISBON}, headers={"Origin": "https://example.com"}
        )
        no_plan_run = http.post("/api/runs/nope/cancel")
        unknown_route = http.get("/api/nothing-here")
    expected = {
        missing: (404, "trip_not_found"),
        empty: (422, "invalid_request"),
        not_json: (422, "invalid_request"),
        too_big: (413, "too_large"),
        foreign: (403, "cross_origin"),
        no_plan_run: (404, "run_not_found"),
        unknown_route: (404, "not_found"),
    }
    for response, (status, code) in expected.items():
        body = response.json()
        assert (response.status_code, body["error"]["code"]) == (status, code), body
        assert body["error"]["message"] and "Traceback" not in response.text


def test_rename_list_and_delete(server: WebServer, double: DoubleControl) -> None:
    first, _ = _planned(server, "3 days in Porto from 2027-06-01")
    second, _ = _planned(server, "2 days in Madrid from 2027-06-10")
    with server.client() as http:
        renamed = http.patch(f"/api/trips/{first['id']}", json={"title": "Porto with Ana"})
        page = http.get("/api/trips", params={"limit": 1}).json()
        next_page = http.get("/api/trips", params={"limit": 1, "offset": 1}).json()
        deleted = http.delete(f"/api/trips/{second['id']}")
        gone = http.get(f"/api/trips/{second['id']}")
        export_gone = http.get(f"/api/trips/{second['id']}/plan.md")
        kept = http.get(f"/api/trips/{first['id']}").json()
    assert renamed.json()["title"] == "Porto with Ana"
    assert page["items"][0]["id"] == second["id"] and page["next_offset"] == 1
    assert next_page["items"][0]["id"] == first["id"]
    assert deleted.status_code == 204 and gone.status_code == 404
    assert export_gone.status_code == 404
    assert kept["title"] == "Porto with Ana"


def test_health_ready_and_the_openapi_document(server: WebServer) -> None:
    with server.client() as http:
        health = http.get("/health")
        ready = http.get("/ready")
        openapi = http.get("/openapi.json").json()
    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert {k: v["ok"] for k, v in ready.json()["checks"].items()} == {
        "database": True,
        "ollama": True,
        "mcp": True,
    }
    assert {"/api/trips", "/api/runs/{run_id}/events", "/api/trips/{trip_id}/plan.ics"} <= set(
        openapi["paths"]
    )


def test_ready_names_what_is_missing(make_server, deps) -> None:
    web = make_server(OLLAMA_MODEL_ID="no-such-model", MCP_SERVER_URL="http://127.0.0.1:9/mcp")
    response = httpx.get(f"{web.url}/ready")
    checks = response.json()["checks"]
    assert response.status_code == 503 and response.json()["status"] == "not_ready"
    assert checks["database"]["ok"] is True
    assert checks["ollama"]["ok"] is False and "no-such-model" in checks["ollama"]["detail"]
    assert checks["mcp"]["ok"] is False
