"""Pipeline benchmark: the travel planner against the naive three-agent chain.

Runs the real orchestrator and, in the same run, the naive SequentialBuilder pipeline
(``benchmarks.pipeline_baseline``) against one Ollama-API double that charges the time a
real phi4-mini deployment would (``benchmarks.cost_models``), with the real MCP server in
offline mode. Counts come from the double's ``/_double/stats`` (reset before every plan),
so both pipelines are measured the same way. Prints a table and writes JSON.

    uv run python -m benchmarks.pipeline [--out bench-results/pipeline.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from benchmarks.cost_models import COST_MODELS, CostModel
from benchmarks.pipeline_report import evaluate_goals, goals_to_json, render
from benchmarks.pipeline_runs import (
    MODEL,
    BenchRequest,
    OurPipeline,
    measure_plan,
    model_use,
    reset,
    stats,
)

DEFAULT_OUT = Path("bench-results/pipeline.json")
# The CPU model runs 10x faster than published so a full run fits in a few minutes on a
# small machine; model time is scaled back up in the report (see `_project`).
DEFAULT_SCALES = {"cpu": 0.1, "gpu": 1.0}
DEFAULT_LOAD_N = (1, 2, 4)


def representative_requests(today: date) -> list[BenchRequest]:
    """A short city break, a two-week trip, a vague-but-answerable request that code reads
    whole, and one with a wish only the model can read (the understanding call)."""
    start = today + timedelta(days=21)
    return [
        BenchRequest("city-break", f"3 days in Lisbon from {start.isoformat()}, food"),
        BenchRequest(
            "two-weeks", "two weeks in Japan in October, temples and food, budget 3000 EUR"
        ),
        BenchRequest(
            "vague",
            "a relaxing few days in Barcelona sometime next spring, somewhere quiet for our "
            "honeymoon",
        ),
        BenchRequest(
            "model-read",
            "a few days in Barcelona sometime next spring for our honeymoon, nothing too touristy",
        ),
    ]


def _warm(host: str, num_ctx: int) -> None:
    """Load the model the way the pipelines will use it, so no measured plan pays the load."""
    httpx.post(
        f"{host}/api/chat",
        json={
            "model": MODEL,
            "messages": [{"role": "user", "content": "hello"}],
            "stream": False,
            "options": {"num_ctx": num_ctx},
            "keep_alive": "30m",
        },
        timeout=120,
    ).raise_for_status()


def _planner_env(host: str, mcp_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        OLLAMA_HOST=host,
        MCP_SERVER_URL=mcp_url,
        OLLAMA_MODEL_ID=MODEL,
        # Nothing listens here: spans are exported and refused, as with an absent dashboard.
        OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:9",
    )
    return env


def _planner_cmd(*args: str) -> list[str]:
    """The installed `travel-planner` console script, as users run it."""
    script = Path(sys.executable).with_name("travel-planner")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "main.py", *args]


def measure_startup(host: str, mcp_url: str, request: BenchRequest) -> dict[str, Any]:
    """Process start to ready and ready to exit, for `--help` and a full one-shot run.

    The one-shot run's JSON line is read as soon as it is printed, so the time the process
    takes to exit after the plan (flushing telemetry, closing connections) shows separately.
    """
    env = _planner_env(host, mcp_url)
    # The images ship compiled byte code for what a plan imports (scripts/build-venv.sh); a
    # first, unmeasured run writes it here too, so that no measured start compiles sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def timed(cmd: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
        return time.perf_counter() - started

    timed(_planner_cmd("--json", request.text))
    out: dict[str, Any] = {
        "python_bare_s": timed([sys.executable, "-c", "pass"]),
        # The median of five: one start is noise on a shared machine.
        "cli_help_s": sorted(timed(_planner_cmd("--help")) for _ in range(5))[2],
    }
    reset(host)
    first_line: list[float] = []
    launched = time.time()
    started = time.perf_counter()
    with subprocess.Popen(
        _planner_cmd("--json", request.text),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        progress = proc.stderr

        def watch() -> None:
            for _ in progress:
                if not first_line:
                    first_line.append(time.perf_counter() - started)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        line = proc.stdout.readline()
        printed = time.perf_counter() - started
        proc.stdout.read()
        code = proc.wait(timeout=600)
        watcher.join(timeout=10)
    ended = time.perf_counter() - started
    out["one_shot_process_s"] = ended
    if first_line:
        out["first_progress_line_s"] = first_line[0]
    seen = stats(host)
    arrivals = [r["received_at"] for r in seen["records"] if "received_at" in r]
    if arrivals:
        # The double stamps each request on arrival (wall clock, same machine).
        out["start_to_first_model_request_s"] = min(arrivals) - launched
    loads = [r["received_at"] for r in seen.get("load_requests", [])]
    if loads:
        # The empty request that has the model loaded while the planner starts.
        out["start_to_model_load_request_s"] = min(loads) - launched
    with contextlib.suppress(ValueError, KeyError, TypeError):
        timings = json.loads(line)["timings"]
        out["reported_startup_s"] = timings.get("startup_s")
        out["reported_ready_wait_s"] = timings.get("ready_wait_s")
        out["reported_total_s"] = timings.get("total_s")
        # Process start to the plan's start: interpreter, imports, configuration, telemetry.
        out["start_to_plan_s"] = printed - float(timings.get("total_s") or 0.0)
    out["plan_printed_to_exit_s"] = ended - printed
    out["exit_code"] = code
    return out


def image_sizes() -> list[dict[str, Any]]:
    """The product images' sizes (scripts/image-sizes.sh), if a Docker engine answers here."""
    if shutil.which("docker") is None:
        return []
    try:
        done = subprocess.run(
            ["bash", "scripts/image-sizes.sh"], capture_output=True, text=True, timeout=60
        )
        images = (json.loads(done.stdout) or {}).get("images") or {}
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return []
    return [
        {
            "image": name,
            "size_mb": round(info["bytes"] / 1e6),
            "added_mb": round(info["added_bytes"] / 1e6) if info.get("added_bytes") else None,
            "goal_mb": round(info["goal_bytes"] / 1e6),
        }
        for name, info in images.items()
        if isinstance(info, dict) and info.get("bytes")
    ]


def measure_load(
    host: str, mcp_url: str, request: BenchRequest, ns: Sequence[int], scale: float
) -> dict[str, Any]:
    """N one-shot planner processes at once against one double (a burst of Kubernetes Jobs)."""
    env = _planner_env(host, mcp_url)
    runs: list[dict[str, Any]] = []
    for n in ns:
        reset(host)
        started = time.perf_counter()
        procs = [
            (
                time.perf_counter(),
                subprocess.Popen(
                    _planner_cmd("--json", request.text),
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
            for _ in range(n)
        ]
        walls, ok = [], 0
        for begun, proc in procs:
            _, _ = proc.communicate(timeout=900)
            walls.append(time.perf_counter() - begun)
            ok += proc.returncode == 0
        makespan = time.perf_counter() - started
        use = model_use(stats(host))
        runs.append(
            {
                "n": n,
                "makespan_s": makespan,
                "mean_plan_s": sum(walls) / len(walls),
                "max_plan_s": max(walls),
                "ok": ok,
                "llm_calls": use.llm_calls,
                "model_s": use.busy_s,
                "makespan_x1_s": makespan + use.busy_s * (1.0 / scale - 1.0),
            }
        )
    base = float(runs[0]["makespan_x1_s"]) if runs else 0.0
    for run in runs:
        run["makespan_vs_n1"] = float(run["makespan_x1_s"]) / base if base else None
    return {"request_id": request.id, "scale": scale, "runs": runs}


def _median_of(repeat: int, measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Measure ``repeat`` times; keep the run with the median wall time (and every wall)."""
    runs = sorted((measure() for _ in range(max(1, repeat))), key=lambda r: r["wall_s"])
    chosen = runs[(len(runs) - 1) // 2]
    chosen["wall_s_runs"] = [r["wall_s"] for r in runs]
    return chosen


# Ollama's parallel slots as the stack sets them: 1 on a CPU, 2 on a GPU (docs/performance.md).
NUM_PARALLEL = {"cpu": 1, "gpu": 2}


@contextlib.contextmanager
def _services(cost: CostModel) -> Iterator[str]:
    from ollama_double.launcher import running_ollama_double

    args = (*cost.double_args(), "--num-parallel", str(NUM_PARALLEL.get(cost.name, 1)))
    with running_ollama_double(behaviour="tools", extra_args=args) as host:
        yield host


def run_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    from travel_mcp_server.process import running_mcp_server

    requests = representative_requests(date.today())
    if args.requests:
        requests = [r for r in requests if r.id in args.requests]
    scales = dict(DEFAULT_SCALES)
    scales.update(args.scale or {})
    costs = [COST_MODELS[name].scaled(scales[name]) for name in args.cost_models]
    from travel_planner.config import load_settings

    num_ctx = load_settings().ollama_num_ctx
    plans: list[dict[str, Any]] = []
    result: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "model": MODEL,
        "requests": [{"id": r.id, "text": r.text} for r in requests],
        "cost_models": {c.name: c.to_dict() for c in costs},
        "scaling_note": (
            "Model times are run at the listed scale and reported at x1 (model time divided "
            "by the scale); orchestration and tool times are measured, never scaled."
        ),
        "plans": plans,
    }
    with running_mcp_server(data_mode="offline") as mcp_url:
        for cost in costs:
            slots = NUM_PARALLEL.get(cost.name, 1)
            with _services(cost) as host, OurPipeline(host, mcp_url, slots) as pipeline:
                _warm(host, num_ctx)
                # A first plan loads the planner (imports once per process), as a web app's
                # first plan after start does; it is not measured.
                pipeline.run(requests[0])
                for request in requests:
                    print(f"  {cost.name:4} {request.id:10} ours", file=sys.stderr)
                    ours = _median_of(
                        args.repeat,
                        partial(measure_plan, "ours", request, host, mcp_url, cost, pipeline),
                    )
                    # The baseline plans the same days, so both write the same itinerary.
                    days = [date.fromisoformat(d) for d in ours["trip_days"]]
                    print(f"  {cost.name:4} {request.id:10} baseline", file=sys.stderr)
                    baseline = _median_of(
                        args.repeat,
                        partial(
                            measure_plan, "baseline", request, host, mcp_url, cost, pipeline, days
                        ),
                    )
                    plans += [ours, baseline]
                if cost.name == costs[0].name and not args.skip_startup:
                    print("  startup", file=sys.stderr)
                    result["startup"] = measure_startup(host, mcp_url, requests[0])
                if cost.name == costs[0].name and args.load_n:
                    print(f"  load N={list(args.load_n)}", file=sys.stderr)
                    load = measure_load(host, mcp_url, requests[0], args.load_n, cost.scale)
                    load["note"] = (
                        f"{cost.name} model at x{cost.scale:g}; the double serves one call at a "
                        f"time (--num-parallel {NUM_PARALLEL['cpu']})"
                    )
                    result["load"] = load
    result["image_sizes"] = image_sizes()
    result["goals"] = goals_to_json(evaluate_goals(result))
    return result


def _scale_arg(text: str) -> dict[str, float]:
    name, _, value = text.partition("=")
    if name not in COST_MODELS or not value:
        raise argparse.ArgumentTypeError("use NAME=FACTOR, e.g. cpu=0.1")
    return {name: float(value)}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.pipeline",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument(
        "--request",
        dest="requests",
        action="append",
        choices=[r.id for r in representative_requests(date.today())],
        help="run only this request (repeatable)",
    )
    parser.add_argument(
        "--cost-model",
        dest="cost_models",
        action="append",
        choices=sorted(COST_MODELS),
        help="run only this cost model (repeatable; default cpu and gpu)",
    )
    parser.add_argument(
        "--scale",
        action="append",
        type=_scale_arg,
        metavar="NAME=FACTOR",
        help="multiply a cost model's times by FACTOR (default "
        + ", ".join(f"{k}={v:g}" for k, v in DEFAULT_SCALES.items())
        + ")",
    )
    parser.add_argument(
        "--load-n",
        type=lambda s: tuple(int(x) for x in s.split(",") if x),
        default=DEFAULT_LOAD_N,
        help="concurrent plans for the load test, e.g. 1,2,4 ('' skips it)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="plans per request, pipeline and cost model; the median wall time is kept",
    )
    parser.add_argument("--skip-startup", action="store_true", help="skip the startup timing")
    args = parser.parse_args(argv)
    args.cost_models = args.cost_models or ["cpu", "gpu"]
    merged: dict[str, float] = {}
    for item in args.scale or []:
        merged.update(item)
    args.scale = merged
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    result = run_benchmark(args)
    result["duration_s"] = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print(render(result))
    print(f"\nwritten {args.out} in {result['duration_s']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
