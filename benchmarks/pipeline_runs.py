"""One plan by one pipeline, measured the same way for both.

Counts and model time come from the Ollama-API double's `/_double/stats` (reset before each
plan): every call's tokens and its wall-clock interval (`received_at`..`finished_at`). Model
time is the union of those intervals, so calls served side by side (parallel slots) count
once; the same holds for tool calls. Orchestration overhead is what is left of the wall time.

Our pipeline runs in one long-lived `Planner`, as the web app runs it (HTTP clients and the
MCP session kept between plans; the first, warm-up plan pays the imports). The naive pipeline
builds everything per plan, as written.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from benchmarks.cost_models import CostModel
from benchmarks.pipeline_baseline import day_list, run_baseline
from benchmarks.pipeline_checks import check_plan, trip_dates

MODEL = "phi4-mini"


@dataclass(frozen=True)
class BenchRequest:
    id: str
    text: str


def empty_prompt_caches(host: str, num_ctx: int) -> None:
    """Unload and load the model again (Ollama's empty requests), so that every slot's prompt
    cache is empty: a measured plan must not reuse the prompts of the run before it, which
    planned the same trip (a real server holds another traveller's trip there)."""
    for keep_alive in (0, "30m"):
        httpx.post(
            f"{host}/api/chat",
            json={
                "model": MODEL,
                "messages": [],
                "stream": False,
                "keep_alive": keep_alive,
                "options": {"num_ctx": num_ctx},
            },
            timeout=120,
        ).raise_for_status()


def reset(host: str) -> None:
    httpx.post(f"{host}/_double/reset", timeout=10).raise_for_status()


def stats(host: str) -> dict[str, Any]:
    response = httpx.get(f"{host}/_double/stats", timeout=10)
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    return data


def union_seconds(spans: Sequence[tuple[float, float]]) -> float:
    """Total length of the union of intervals."""
    total, reached = 0.0, float("-inf")
    for start, end in sorted(spans):
        if end > reached:
            total += end - max(start, reached)
            reached = end
    return total


@dataclass(frozen=True)
class ModelUse:
    """What the double saw between a reset and now."""

    llm_calls: int
    prompt_tokens: int
    evaluated_tokens: int
    completion_tokens: int
    busy: tuple[tuple[float, float], ...]  # wall-clock intervals the model was serving

    @property
    def busy_s(self) -> float:
        return union_seconds(self.busy)

    def busy_before(self, moment: float) -> float:
        return union_seconds([(s, min(e, moment)) for s, e in self.busy if s < moment])


def model_use(data: dict[str, Any]) -> ModelUse:
    records = [r for r in data.get("records") or [] if "finished_at" in r]
    return ModelUse(
        llm_calls=int(data.get("calls", len(records))),
        prompt_tokens=int(data.get("prompt_tokens", 0)),
        evaluated_tokens=int(data.get("evaluated_tokens", data.get("prompt_tokens", 0))),
        completion_tokens=int(data.get("generated_tokens", 0)),
        busy=tuple((float(r["received_at"]), float(r["finished_at"])) for r in records),
    )


def project(record: dict[str, Any], use: ModelUse, scale: float) -> dict[str, Any]:
    """Times as they would be at the cost model's published speed: model time divided by the
    scale; orchestration and tool time are measured, never scaled."""
    stretch = 1.0 / scale - 1.0
    wall = record["wall_s"] + use.busy_s * stretch
    first = None
    if record.get("first_plan_token_s") is not None:
        moment = record["started_at"] + record["first_plan_token_s"]
        first = record["first_plan_token_s"] + use.busy_before(moment) * stretch
    overhead = max(record["wall_s"] - use.busy_s - record["tool_s"], 0.0)
    return {
        "wall_s": wall,
        "first_plan_token_s": first,
        "model_s": use.busy_s / scale,
        "overhead_s": overhead,
        "overhead_pct": 100.0 * overhead / wall if wall > 0 else None,
    }


class OurPipeline:
    """Our planner in one event loop and one Planner for a whole benchmark section."""

    def __init__(self, host: str, mcp_url: str, num_parallel: int = 1) -> None:
        from travel_planner.config import load_settings
        from travel_planner.planner import Planner

        self.settings = load_settings(
            ollama_host=host,
            mcp_server_url=mcp_url,
            ollama_model_id=MODEL,
            otel_exporter_otlp_endpoint="http://127.0.0.1:9",
            # The same value as the double's slots, as the stack sets both.
            ollama_num_parallel=num_parallel,
        )
        self.runner = asyncio.Runner()
        self.planner = Planner(self.settings)

    def __enter__(self) -> OurPipeline:
        self.runner.run(self.planner.__aenter__())
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.runner.run(self.planner.__aexit__(None, None, None))
        self.runner.close()

    async def _plan(self, text: str) -> Any:
        stream = self.planner.plan(text)
        async for _ in stream:
            pass
        return stream.outcome

    def run(self, request: BenchRequest) -> dict[str, Any]:
        started_at = time.time()
        started = time.perf_counter()
        result = self.runner.run(self._plan(request.text))
        wall = time.perf_counter() - started
        data = result.to_json()
        timings = dict(result.timings)
        return {
            "started_at": started_at,
            "wall_s": wall,
            "first_plan_token_s": timings.get("first_plan_token_s"),
            "tool_s": float(timings.get("tools_s") or 0.0),
            "plan": data["plan"],
            "checks": check_plan(data["plan"], data["trip"], data["facts"], request.text).to_dict(),
            "timings": timings,
            "usage": data["usage"],
            "trip": {
                k: data["trip"].get(k)
                for k in ("destination", "country", "start_date", "end_date", "source")
            },
            "trip_days": [d.isoformat() for d in trip_dates(data["trip"])],
        }


def run_naive(
    request: BenchRequest, host: str, mcp_url: str, settings: Any, days: Sequence[date] = ()
) -> dict[str, Any]:
    # The same load-time options as the planner, so neither pipeline makes the model reload.
    options = {
        "num_ctx": settings.ollama_num_ctx,
        "temperature": settings.ollama_temperature,
        "keep_alive": settings.ollama_keep_alive,
    }
    started_at = time.time()
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
    trip = {"start_date": days[0].isoformat(), "end_date": days[-1].isoformat()} if days else {}
    return {
        "started_at": started_at,
        "wall_s": result.total_s,
        "first_plan_token_s": result.first_plan_token_s,
        "tool_s": result.tool_s,
        "plan": result.plan,
        "checks": check_plan(result.plan, trip, facts).to_dict(),
        "tool_calls": [call.name for call in result.tool_calls],
    }


def measure_plan(
    pipeline: str,
    request: BenchRequest,
    host: str,
    mcp_url: str,
    cost: CostModel,
    ours: OurPipeline,
    days: Sequence[date] = (),
) -> dict[str, Any]:
    """One plan by one pipeline; ``days`` (the baseline only) are the days its Planner plans."""
    empty_prompt_caches(host, ours.settings.ollama_num_ctx)
    reset(host)
    if pipeline == "ours":
        record = ours.run(request)
    else:
        record = run_naive(request, host, mcp_url, ours.settings, days)
    use = model_use(stats(host))
    projected = project(record, use, cost.scale)
    return {
        "request_id": request.id,
        "pipeline": pipeline,
        "cost_model": cost.name,
        "llm_calls": use.llm_calls,
        "prompt_tokens": use.prompt_tokens,
        "evaluated_tokens": use.evaluated_tokens,
        "completion_tokens": use.completion_tokens,
        "model_s": use.busy_s,
        "overhead_s": projected["overhead_s"],
        "calls": [
            {
                "format": r.get("format"),
                "prompt_tokens": r.get("prompt_tokens"),
                "evaluated_tokens": r.get("evaluated_tokens"),
                "generated_tokens": r.get("generated_tokens"),
                "tool_calls": r.get("tool_calls"),
                "seconds": round(float(r["finished_at"]) - float(r["received_at"]), 3),
            }
            for r in stats(host).get("records") or []
            if "finished_at" in r
        ],
        "projected": projected,
        **{k: v for k, v in record.items() if k != "plan"},
        "plan_chars": len(record["plan"]),
        "plan_head": record["plan"][:400],
    }
