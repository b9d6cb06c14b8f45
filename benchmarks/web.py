"""Web app benchmark: 1, 8 and 32 travellers at once against the Ollama-API double.

For each level every user POSTs a trip and follows its event stream to the end. Measured:
time to the POST's answer, time from the POST to the first event (apart by the status the
stream starts with: `running`, or `queued` for a run still waiting when its client
connected; a replay keeps only the latest status), time to the first plan token (the first
`draft` or `plan` event), plans per minute, the server's resident memory (peak, sampled
every 50 ms) and whether every accepted run ended as done, failed or cancelled and was
stored. The goal "first event when a slot is free" is measured one user at a time. In the
same run the same plan goes through the Planner API in this process (the path the CLI
takes) to give the server's overhead per plan. The double answers without model cost
(`--cost-model none`), so what is measured is the orchestrator and the web app, not a model.

    uv run python -m benchmarks.web [--out bench-results/web.json] [--users 1,8,32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from ollama_double.launcher import running_ollama_double
from travel_mcp_server.process import running_mcp_server
from travel_planner.config import Settings
from travel_planner.planner import Planner
from travel_planner.web.process import WebAppProcess, planner_environment, running_web_app

DEFAULT_OUT = Path("bench-results/web.json")
SLOTS = 2
PAIRED_PLANS = 16
DEAD_COLLECTOR = "http://127.0.0.1:9"
ENDED = ("done", "failed", "cancelled")
GOALS = {
    "first_event_free_slot_ms": 100.0,
    "overhead_ms": 50.0,
    "peak_rss_mb_at_32": 250.0,
}


@dataclass
class RunTiming:
    accepted_ms: float  # the POST's answer (the trip, its message and run stored)
    first_event_ms: float
    first_event: str
    first_token_ms: float | None
    total_ms: float
    status: str
    stored_status: str = ""


def _request() -> str:
    start = date.today() + timedelta(days=30)
    return f"3 days in Lisbon from {start.isoformat()}, food and museums"


async def _follow(http: httpx.AsyncClient, request: str) -> RunTiming:
    posted = time.perf_counter()
    response = await http.post("/api/trips", json={"request": request})
    response.raise_for_status()
    accepted = (time.perf_counter() - posted) * 1000
    run_id = response.json()["run_id"]
    first: tuple[float, str] | None = None
    token: float | None = None
    status = "unknown"
    kind = ""
    async with http.stream("GET", f"/api/runs/{run_id}/events") as stream:
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
                now = (time.perf_counter() - posted) * 1000
                first = first or (now, kind)
                if token is None and kind in ("draft", "plan"):
                    token = now
            elif line.startswith("data:") and kind == "end":
                status = json.loads(line.split(":", 1)[1])["status"]
                break
            elif line.startswith("data:") and kind == "status" and first and first[1] == "status":
                # Which status came first: running (a free slot) or queued.
                first = (first[0], json.loads(line.split(":", 1)[1])["status"])
    total = (time.perf_counter() - posted) * 1000
    stored = (await http.get(f"/api/runs/{run_id}")).json()["status"]
    assert first is not None
    return RunTiming(accepted, first[0], first[1], token, total, status, stored)


@contextmanager
def _peak_memory(app: WebAppProcess) -> Iterator[dict[str, int]]:
    """Samples the server's resident memory while the block runs (peak RSS in KiB)."""
    seen = {"peak_rss_kib": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss = app.memory_kib().get("VmRSS", 0)
            seen["peak_rss_kib"] = max(seen["peak_rss_kib"], rss)
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        done.set()
        thread.join()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _level(app: WebAppProcess, users: int, request: str) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=users * 2 + 4)
    async with httpx.AsyncClient(base_url=app.url, timeout=600, limits=limits) as http:
        with _peak_memory(app) as memory:
            started = time.perf_counter()
            runs = await asyncio.gather(*(_follow(http, request) for _ in range(users)))
            wall = time.perf_counter() - started
    free = [r.first_event_ms for r in runs if r.first_event == "running"]
    queued = [r.first_event_ms for r in runs if r.first_event == "queued"]
    tokens = [r.first_token_ms for r in runs if r.first_token_ms is not None]
    return {
        "users": users,
        "wall_s": round(wall, 3),
        "plans_per_minute": round(users / wall * 60, 1),
        "accepted_ms": _summary([r.accepted_ms for r in runs]),
        "first_event_free_slot_ms": _summary(free),
        "first_event_queued_ms": _summary(queued),
        "first_plan_token_ms": _summary(tokens),
        "total_ms": _summary([r.total_ms for r in runs]),
        "peak_rss_mb": round(memory["peak_rss_kib"] / 1024, 1),
        "ended": sum(r.status in ENDED for r in runs),
        "stored": sum(r.stored_status == r.status and r.status in ENDED for r in runs),
        "statuses": sorted({r.status for r in runs}),
        "runs": [asdict(r) for r in runs],
    }


def _summary(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 1),
        "p95": round(_percentile(values, 0.95), 1),
        "max": round(max(values), 1),
    }


async def _paired(settings: Settings, app: WebAppProcess, request: str) -> dict[str, list[float]]:
    """One plan at a time, alternately through the Planner API in this process (the path the
    CLI takes) and through the web app (POST to the end event), so that a busy machine
    weighs on both alike. The first pair only warms up."""
    times: dict[str, list[float]] = {
        "planner_api": [],
        "web": [],
        "accepted": [],
        "first_event": [],
    }
    async with (
        Planner(settings) as planner,
        httpx.AsyncClient(base_url=app.url, timeout=600) as http,
    ):
        for _ in range(PAIRED_PLANS + 1):
            started = time.perf_counter()
            stream = planner.plan(request)
            async for _event in stream:
                pass
            times["planner_api"].append((time.perf_counter() - started) * 1000)
            web = await _follow(http, request)
            times["web"].append(web.total_ms)
            times["accepted"].append(web.accepted_ms)
            times["first_event"].append(web.first_event_ms)
    return {name: values[1:] for name, values in times.items()}


def _environment(ollama: str, mcp: str, data: Path) -> dict[str, str]:
    return dict(
        planner_environment(
            OLLAMA_HOST=ollama,
            MCP_SERVER_URL=mcp,
            OTEL_EXPORTER_OTLP_ENDPOINT=DEAD_COLLECTOR,
            OLLAMA_NUM_PARALLEL=str(SLOTS),
            TRAVEL_PLANNER_DATA_DIR=str(data),
            LOG_LEVEL="WARNING",
        )
    )


def run(users: list[int]) -> dict[str, Any]:
    request = _request()
    extra = ["--cost-model", "none", "--num-parallel", str(SLOTS)]
    with (
        running_ollama_double(behaviour="tools", extra_args=extra) as ollama,
        running_mcp_server(data_mode="offline") as mcp,
        tempfile.TemporaryDirectory(prefix="bench-web-") as tmp,
    ):
        settings = Settings(
            ollama_host=ollama,
            mcp_server_url=mcp,
            otel_exporter_otlp_endpoint=DEAD_COLLECTOR,
            _env_file=None,  # type: ignore[call-arg]
        )
        env = _environment(ollama, mcp, Path(tmp) / "data")
        with running_web_app(env, Path(tmp) / "web.log") as app:
            paired = asyncio.run(_paired(settings, app, request))
            levels = [asyncio.run(_level(app, n, request)) for n in users]
    overhead = statistics.median(paired["web"]) - statistics.median(paired["planner_api"])
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "slots": SLOTS,
        "request": request,
        "baseline_planner_api_ms": _summary(paired["planner_api"]),
        "web_single_user_ms": _summary(paired["web"]),
        "overhead_ms": round(overhead, 1),
        "levels": levels,
        "accepted_one_user_ms": _summary(paired["accepted"]),
        "first_event_one_user_ms": _summary(paired["first_event"]),
        "goals": _goals(overhead, paired["first_event"], levels),
    }


def _cpus() -> int:
    return len(os.sched_getaffinity(0))


def _goals(overhead: float, alone: list[float], levels: list[dict[str, Any]]) -> dict[str, Any]:
    # "When a slot is free": one user at a time (the paired plans). With 8 or 32 arriving at
    # once, the POSTs first queue behind each other on the server; the table shows those.
    at_32 = [lv["peak_rss_mb"] for lv in levels if lv["users"] == 32]
    results = {
        "first_event_free_slot_ms": round(_percentile(alone, 0.95), 1) if alone else None,
        "overhead_ms": round(overhead, 1),
        "peak_rss_mb_at_32": at_32[0] if at_32 else None,
    }
    goals: dict[str, Any] = {
        name: {
            "value": value,
            "goal": GOALS[name],
            "met": value is not None and value <= GOALS[name],
        }
        for name, value in results.items()
    }
    ended = all(lv["ended"] == lv["users"] == lv["stored"] for lv in levels)
    goals["every_run_ended_and_stored"] = {"value": ended, "goal": True, "met": ended}
    return goals


def render(result: dict[str, Any]) -> str:
    def ms(summary: dict[str, float] | None) -> str:
        return f"{summary['p50']:.0f} / {summary['p95']:.0f}" if summary else "–"

    lines = [
        f"Web app benchmark ({result['slots']} planner slots, {result['machine']['cpus']} CPUs, "
        "double without model cost)",
        "",
        f"{'users':>5}  {'plans/min':>9}  {'POST answered':>13}  {'1st event running':>18}  "
        f"{'1st event queued':>17}  {'1st plan token':>15}  {'peak RSS':>9}  ended/stored",
        f"{'':>5}  {'':>9}  {'p50 / p95 ms':>13}  {'p50 / p95 ms':>18}  {'p50 / p95 ms':>17}  "
        f"{'p50 / p95 ms':>15}",
    ]
    for lv in result["levels"]:
        lines.append(
            f"{lv['users']:>5}  {lv['plans_per_minute']:>9.1f}  {ms(lv['accepted_ms']):>13}  "
            f"{ms(lv['first_event_free_slot_ms']):>18}  {ms(lv['first_event_queued_ms']):>17}  "
            f"{ms(lv['first_plan_token_ms']):>15}  {lv['peak_rss_mb']:>6.0f} MB  "
            f"{lv['ended']}/{lv['stored']} of {lv['users']}"
        )
    base, single = result["baseline_planner_api_ms"], result["web_single_user_ms"]
    lines += [
        "",
        f"One plan, median of {base['n']}: Planner API (CLI path) {base['p50']:.0f} ms, "
        f"web app POST to end {single['p50']:.0f} ms: overhead {result['overhead_ms']:.0f} ms; "
        f"POST answered p50 / p95 {ms(result['accepted_one_user_ms'])} ms, "
        f"first event p50 / p95 {ms(result['first_event_one_user_ms'])} ms",
        "",
        "Goals:",
    ]
    for name, goal in result["goals"].items():
        mark = "met" if goal["met"] else "NOT met"
        lines.append(f"  {name}: {goal['value']} (goal {goal['goal']}) {mark}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--users", default="1,8,32", help="concurrent users per level")
    args = parser.parse_args()
    result = run([int(n) for n in args.users.split(",")])
    print(render(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"\nJSON: {args.out}")


if __name__ == "__main__":
    main()
