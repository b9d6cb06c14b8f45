"""Where one plan's time goes at GPU speed, sampled with pyinstrument.

The same request is planned the way a one-shot process plans it (a new `Planner` per plan:
new HTTP clients, TLS context, MCP session) and the way the web app and the benchmark plan it
(one long-lived `Planner`), alternately, against the Ollama-API double with the GPU cost model
and the real MCP server in offline mode. The first plan of each way only warms up (imports).

Each sample's time is given to the innermost frame of ours or of a library that the stack
passes through, grouped into stages: waiting on the event loop (the model and the tools at
work), the workflow runner and agent framework, the MCP client, HTTP to the model, TLS set-up,
telemetry, and our own code by package. Prints a table of milliseconds per plan for each way
and writes JSON.

    uv run python -m benchmarks.profile_plan [--plans 6] [--out bench-results/profile.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.cost_models import COST_MODELS
from benchmarks.pipeline_runs import MODEL, reset

DEFAULT_OUT = Path("bench-results/profile.json")
REQUEST = "3 days in Lisbon from 2027-05-10, food and museums"
SLOTS = 2
# (stage, what a frame's file path contains), first match wins: the innermost frame that
# belongs to one of these names the stage of a sample.
STAGES: tuple[tuple[str, str], ...] = (
    ("waiting (model, tools)", "[await]"),
    ("waiting (model, tools)", "selectors.py"),
    ("TLS set-up", "/ssl.py"),
    ("TLS set-up", "certifi"),
    ("telemetry", "opentelemetry"),
    ("MCP client", "/mcp/"),
    ("MCP client", "travel_planner/mcp_client.py"),
    ("HTTP to the model", "/httpx"),
    ("HTTP to the model", "/httpcore"),
    ("HTTP to the model", "/h11/"),
    ("HTTP to the model", "/anyio/"),
    ("agent framework", "agent_framework"),
    ("pydantic", "/pydantic"),
    ("understanding", "travel_planner/understanding/"),
    ("facts", "travel_planner/facts/"),
    ("plan writing and rendering", "travel_planner/plan/"),
    ("plan writing and rendering", "travel_planner/prose/"),
    ("i18n", "travel_planner/i18n/"),
    ("i18n", "/babel/"),
    ("workflow and planner", "travel_planner/"),
    ("asyncio", "/asyncio/"),
)


def stage_of(stack: list[str]) -> str:
    """The stage of a sample, from its frames' file paths, innermost first."""
    for path in stack:
        for stage, part in STAGES:
            if part in path:
                return stage
    return "other"


def _walk(frame: Any, stack: list[str]) -> Iterator[tuple[list[str], float]]:
    """(the frames' paths innermost first, seconds) for each leaf: a leaf holds a sample's
    time; `[self]` is its parent's own time, `[await]` time the task spent awaiting."""
    name = str(frame.identifier or "")
    here = stack if name.startswith("[self]") else [frame.file_path or name, *stack]
    if not frame.children:
        yield here, float(frame.time)
    for child in frame.children:
        yield from _walk(child, here)


def stages(session: Any) -> dict[str, float]:
    """Seconds per stage in a pyinstrument session."""
    root = session.root_frame()
    totals: dict[str, float] = defaultdict(float)
    if root is None:
        return totals
    for stack, seconds in _walk(root, []):
        totals[stage_of(stack)] += seconds
    return totals


async def _plan(planner: Any, text: str) -> None:
    stream = planner.plan(text)
    async for _ in stream:
        pass
    assert stream.outcome is not None


async def _fresh(settings: Any, text: str) -> None:
    from travel_planner.planner import Planner

    async with Planner(settings) as planner:
        await _plan(planner, text)


def run(plans: int) -> dict[str, Any]:
    from pyinstrument import Profiler

    from ollama_double.launcher import running_ollama_double
    from travel_mcp_server.process import running_mcp_server
    from travel_planner.config import load_settings
    from travel_planner.planner import Planner

    cost = COST_MODELS["gpu"]
    args = (*cost.double_args(), "--num-parallel", str(SLOTS))
    per_way: dict[str, list[dict[str, float]]] = {
        "new planner per plan": [],
        "long-lived planner": [],
    }
    walls: dict[str, list[float]] = {name: [] for name in per_way}
    with (
        running_mcp_server(data_mode="offline") as mcp_url,
        running_ollama_double(behaviour="tools", extra_args=args) as host,
    ):
        settings = load_settings(
            ollama_host=host,
            mcp_server_url=mcp_url,
            ollama_model_id=MODEL,
            otel_exporter_otlp_endpoint="http://127.0.0.1:9",
            ollama_num_parallel=SLOTS,
        )
        with asyncio.Runner() as runner:
            long_lived = Planner(settings)
            runner.run(long_lived.__aenter__())
            runner.run(_fresh(settings, REQUEST))
            runner.run(_plan(long_lived, REQUEST))
            for _ in range(plans):
                for way in per_way:
                    reset(host)
                    profiler = Profiler(interval=0.0005, async_mode="enabled")
                    started = time.perf_counter()
                    profiler.start()
                    if way == "long-lived planner":
                        runner.run(_plan(long_lived, REQUEST))
                    else:
                        runner.run(_fresh(settings, REQUEST))
                    session = profiler.stop()
                    walls[way].append(time.perf_counter() - started)
                    per_way[way].append(stages(session))
            runner.run(long_lived.__aexit__(None, None, None))
    names = sorted({name for runs in per_way.values() for c in runs for name in c})
    return {
        "request": REQUEST,
        "cost_model": cost.name,
        "slots": SLOTS,
        "plans": plans,
        "wall_ms": {way: round(statistics.median(w) * 1000, 1) for way, w in walls.items()},
        "stages_ms": {
            way: {
                name: round(statistics.median(c.get(name, 0.0) for c in runs) * 1000, 1)
                for name in names
            }
            for way, runs in per_way.items()
        },
    }


def _median_ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 1)


def render(result: dict[str, Any]) -> str:
    ways = list(result["wall_ms"])
    lines = [
        f"Where one plan's time goes ({result['cost_model']} cost model, {result['slots']} slots; "
        f"median of {result['plans']} plans each, milliseconds per plan)",
        f"request: {result['request']}",
        "",
        f"{'stage':<28}" + "".join(f"{way:>24}" for way in ways),
    ]
    names = sorted(result["stages_ms"][ways[0]], key=lambda n: -result["stages_ms"][ways[0]][n])
    for name in names:
        lines.append(
            f"{name:<28}" + "".join(f"{result['stages_ms'][way][name]:>24.1f}" for way in ways)
        )
    lines.append(f"{'wall':<28}" + "".join(f"{result['wall_ms'][way]:>24.1f}" for way in ways))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=6, help="measured plans per way")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    result = run(args.plans)
    print(render(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nwritten {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
