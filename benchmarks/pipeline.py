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
import asyncio
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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from benchmarks.cost_models import COST_MODELS, CostModel
from benchmarks.pipeline_baseline import day_list, run_baseline
from benchmarks.pipeline_checks import check_plan, trip_dates
from benchmarks.pipeline_report import evaluate_goals, goals_to_json, render

DEFAULT_OUT = Path("bench-results/pipeline.json")
# The CPU model runs 10x faster than published so a full run fits in a few minutes on a
# small machine; model time is scaled back up in the report (see `_project`).
DEFAULT_SCALES = {"cpu": 0.1, "gpu": 1.0}
DEFAULT_LOAD_N = (1, 2, 4)
MODEL = "phi4-mini"


@dataclass(frozen=True)
class BenchRequest:
    id: str
    text: str


def representative_requests(today: date) -> list[BenchRequest]:
    """A short city break, a two-week trip and a vague-but-answerable request."""
    start = today + timedelta(days=21)
    return [
        BenchRequest("city-break", f"3 days in Lisbon from {start.isoformat()}, food"),
        BenchRequest(
            "two-weeks", "two weeks in Japan in October, temples and food, budget 3000 EUR"
        ),
        BenchRequest("vague", "a relaxing few days in Barcelona sometime next spring"),
    ]


def _reset(host: str) -> None:
    httpx.post(f"{host}/_double/reset", timeout=10).raise_for_status()


def _stats(host: str) -> dict[str, Any]:
    response = httpx.get(f"{host}/_double/stats", timeout=10)
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    return data


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


@dataclass(frozen=True)
class ModelUse:
    """What the double saw between a reset and now."""

    llm_calls: int
    prompt_tokens: int
    completion_tokens: int
    model_s: float  # time the double spent serving (load + prompt + generation)
    # Both pipelines end with the planner's call, so the first plan token comes after
    # every earlier call and the last call's load and prompt processing.
    before_last_call_s: float
    last_prompt_s: float
    raw: dict[str, Any]


def model_use(stats: dict[str, Any]) -> ModelUse:
    """Counts and serving time from the double's stats.

    The double records tokens and load time per call and sleeps ``prompt_token_ms`` per
    evaluated prompt token (the part not reused from a slot's prompt cache) and
    ``gen_token_ms`` per generated token, so each call's serving time is its load time
    plus its tokens priced by the stats' own cost model.
    """
    cost = stats.get("cost_model") or {}
    prompt_ms = float(cost.get("prompt_token_ms", 0.0))
    gen_ms = float(cost.get("gen_token_ms", 0.0))
    records = [r for r in stats.get("records") or [] if "prompt_tokens" in r]

    def prompt_part(record: dict[str, Any]) -> float:
        return (
            float(record.get("load_ms", 0.0))
            + float(record.get("evaluated_tokens", record["prompt_tokens"])) * prompt_ms
        ) / 1000

    service = [prompt_part(r) + r.get("generated_tokens", 0) * gen_ms / 1000 for r in records]
    return ModelUse(
        llm_calls=int(stats.get("calls", len(records))),
        prompt_tokens=int(stats.get("prompt_tokens", 0)),
        completion_tokens=int(stats.get("generated_tokens", 0)),
        model_s=sum(service),
        before_last_call_s=sum(service[:-1]),
        last_prompt_s=prompt_part(records[-1]) if records else 0.0,
        raw=stats,
    )


def _project(
    wall_s: float, first_s: float | None, use: ModelUse, tool_s: float, scale: float
) -> dict[str, Any]:
    """Times as they would be at the published speed (model time divided by the scale).

    Everything that is not model time (orchestration, tools) is measured, not scaled.
    """
    stretch = 1.0 / scale - 1.0
    wall = wall_s + use.model_s * stretch
    first = None
    if first_s is not None:
        first = first_s + (use.before_last_call_s + use.last_prompt_s) * stretch
    overhead = max(wall_s - use.model_s - tool_s, 0.0)
    return {
        "wall_s": wall,
        "first_plan_token_s": first,
        "model_s": use.model_s / scale,
        "overhead_pct": 100.0 * overhead / wall if wall > 0 else None,
    }


def _settings(host: str, mcp_url: str) -> Any:
    from travel_planner.config import load_settings

    return load_settings(ollama_host=host, mcp_server_url=mcp_url)


async def _plan(text: str, settings: Any) -> Any:
    from travel_planner.planner import Planner

    async with Planner(settings) as planner:
        stream = planner.plan(text)
        async for _ in stream:
            pass
    return stream.outcome


def run_ours(request: BenchRequest, host: str, mcp_url: str) -> dict[str, Any]:
    settings = _settings(host, mcp_url)
    started = time.perf_counter()
    result = asyncio.run(_plan(request.text, settings))
    wall = time.perf_counter() - started
    data = result.to_json()
    timings = dict(result.timings)
    return {
        "wall_s": wall,
        "first_plan_token_s": timings.get("first_plan_token_s"),
        "tool_s": float(timings.get("facts_s") or 0.0),
        "plan": data["plan"],
        "checks": check_plan(data["plan"], data["trip"], data["facts"], request.text).to_dict(),
        "timings": timings,
        "usage": data["usage"],
        "warnings": data["warnings"],
        "trip": {
            k: data["trip"].get(k)
            for k in ("destination", "country", "start_date", "end_date", "source")
        },
        "trip_days": [d.isoformat() for d in trip_dates(data["trip"])],
    }


def _trip_of(days: Sequence[date]) -> dict[str, Any]:
    if not days:
        return {}
    return {"start_date": days[0].isoformat(), "end_date": days[-1].isoformat()}


def run_naive(
    request: BenchRequest, host: str, mcp_url: str, days: Sequence[date] = ()
) -> dict[str, Any]:
    settings = _settings(host, mcp_url)
    # The same load-time options as the planner, so neither pipeline makes the model reload.
    options = {
        "num_ctx": settings.ollama_num_ctx,
        "temperature": settings.ollama_temperature,
        "keep_alive": settings.ollama_keep_alive,
    }
    result = asyncio.run(
        run_baseline(
            request.text,
            ollama_host=host,
            model=MODEL,
            mcp_url=mcp_url,
            options=options,
            planner_task=day_list(days) if days else None,
        )
    )
    facts = [call.result for call in result.tool_calls]
    return {
        "wall_s": result.total_s,
        "first_plan_token_s": result.first_plan_token_s,
        "tool_s": result.tool_s,
        "plan": result.plan,
        "checks": check_plan(result.plan, _trip_of(days), facts).to_dict(),
        "tool_calls": [call.name for call in result.tool_calls],
    }


def measure_plan(
    pipeline: str,
    request: BenchRequest,
    host: str,
    mcp_url: str,
    cost: CostModel,
    days: Sequence[date] = (),
) -> dict[str, Any]:
    """One plan by one pipeline; ``days`` (the baseline only) are the days its Planner plans."""
    _reset(host)
    if pipeline == "ours":
        record = run_ours(request, host, mcp_url)
    else:
        record = run_naive(request, host, mcp_url, days)
    use = model_use(_stats(host))
    overhead = max(record["wall_s"] - use.model_s - record["tool_s"], 0.0)
    return {
        "request_id": request.id,
        "pipeline": pipeline,
        "cost_model": cost.name,
        "llm_calls": use.llm_calls,
        "prompt_tokens": use.prompt_tokens,
        "completion_tokens": use.completion_tokens,
        "model_s": use.model_s,
        "overhead_s": overhead,
        "calls": [
            {
                "messages": r.get("message_count"),
                "tools_offered": len(r.get("tool_names") or []),
                "tool_calls": r.get("tool_calls"),
                "format": r.get("format"),
                "prompt_tokens": r.get("prompt_tokens"),
                "generated_tokens": r.get("generated_tokens"),
            }
            for r in use.raw.get("records") or []
        ],
        "projected": _project(
            record["wall_s"], record["first_plan_token_s"], use, record["tool_s"], cost.scale
        ),
        **{k: v for k, v in record.items() if k != "plan"},
        "plan_chars": len(record["plan"]),
        "plan_head": record["plan"][:400],
    }


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

    def timed(cmd: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
        return time.perf_counter() - started

    out: dict[str, Any] = {
        "python_bare_s": timed([sys.executable, "-c", "pass"]),
        "cli_help_s": timed(_planner_cmd("--help")),
    }
    _reset(host)
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
    arrivals = [r["received_at"] for r in _stats(host)["records"] if "received_at" in r]
    if arrivals:
        # The double stamps each request on arrival (wall clock, same machine).
        out["start_to_first_model_request_s"] = min(arrivals) - launched
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


def image_sizes() -> list[dict[str, str]]:
    """Sizes of the product's images, if a Docker engine answers here."""
    if shutil.which("docker") is None:
        return []
    try:
        done = subprocess.run(
            ["docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}\t{{.Size}}"],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    images = []
    for line in done.stdout.splitlines():
        name, _, size = line.partition("\t")
        if name.startswith("travel-planner/"):
            images.append({"name": name, "size": size})
    return images


def measure_load(
    host: str, mcp_url: str, request: BenchRequest, ns: Sequence[int], scale: float
) -> dict[str, Any]:
    """N one-shot planner processes at once against one double (a burst of Kubernetes Jobs)."""
    env = _planner_env(host, mcp_url)
    runs: list[dict[str, Any]] = []
    for n in ns:
        _reset(host)
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
        use = model_use(_stats(host))
        runs.append(
            {
                "n": n,
                "makespan_s": makespan,
                "mean_plan_s": sum(walls) / len(walls),
                "max_plan_s": max(walls),
                "ok": ok,
                "llm_calls": use.llm_calls,
                "model_s": use.model_s,
                # The double serves one call at a time, so all model time lies end to end.
                "makespan_x1_s": makespan + use.model_s * (1.0 / scale - 1.0),
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


@contextlib.contextmanager
def _services(cost: CostModel) -> Iterator[str]:
    from ollama_double.launcher import running_ollama_double

    # One call served at a time, as Ollama does with OLLAMA_NUM_PARALLEL=1.
    args = (*cost.double_args(), "--num-parallel", "1")
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
    num_ctx = _settings("http://127.0.0.1:1", "http://127.0.0.1:1/mcp").ollama_num_ctx
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
            with _services(cost) as host:
                _warm(host, num_ctx)
                for request in requests:
                    print(f"  {cost.name:4} {request.id:10} ours", file=sys.stderr)
                    ours = _median_of(
                        args.repeat, partial(measure_plan, "ours", request, host, mcp_url, cost)
                    )
                    # The baseline plans the same days, so both write the same itinerary.
                    days = [date.fromisoformat(d) for d in ours["trip_days"]]
                    print(f"  {cost.name:4} {request.id:10} baseline", file=sys.stderr)
                    baseline = _median_of(
                        args.repeat,
                        partial(measure_plan, "baseline", request, host, mcp_url, cost, days),
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
                        "time (--num-parallel 1)"
                    )
                    result["load"] = load
    result["images"] = image_sizes()
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
