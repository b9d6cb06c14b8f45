"""MCP tool-call latency: real tools next to a trivial `echo` baseline, at several client counts.

Starts the real server (offline mode, echo enabled) on loopback, then for each concurrency level
opens that many MCP clients over streamable HTTP and spreads a fixed number of calls per tool
across them. Prints p50/p99 latency and calls/s per tool with the ratio to echo measured in the
same run (absolute numbers vary with the machine), and writes the numbers as JSON.

    python -m benchmarks.mcp_tools [--output bench-results/mcp_tools.json] [--calls 128]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastmcp import Client

from travel_mcp_server.process import running_mcp_server

LEVELS = (1, 16, 64)


def tool_calls() -> dict[str, dict[str, Any]]:
    start = datetime.now(UTC).date() + timedelta(days=60)
    return {
        "echo": {"text": "ping"},
        "resolve_place": {"name": "Santiago", "limit": 5},
        "convert_currency": {"amount": 120.0, "from_currency": "USD", "to_currency": "JPY"},
        "weather": {
            "place": "Rome",
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=6)).isoformat(),
        },
        "sun_times": {
            "place": "Reykjavik",
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=6)).isoformat(),
        },
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


async def _client_worker(
    client: Client[Any], tool: str, args: dict[str, Any], count: int, out: list[float]
) -> None:
    for _ in range(count):
        began = time.perf_counter()
        result = await client.call_tool(tool, args, raise_on_error=False)
        out.append(time.perf_counter() - began)
        if result.is_error:
            raise RuntimeError(f"{tool} failed during the benchmark: {result.content}")


async def measure_level(url: str, clients_count: int, calls: int) -> list[dict[str, Any]]:
    clients = [Client(url, timeout=60) for _ in range(clients_count)]
    await asyncio.gather(*(c.__aenter__() for c in clients))
    rows = []
    try:
        for tool, args in tool_calls().items():
            await asyncio.gather(*(c.call_tool(tool, args) for c in clients))  # warm-up
            base, extra = divmod(calls, clients_count)
            shares = [base + (i < extra) for i in range(clients_count)]
            latencies: list[float] = []
            began = time.perf_counter()
            await asyncio.gather(
                *(
                    _client_worker(c, tool, args, share, latencies)
                    for c, share in zip(clients, shares, strict=True)
                    if share
                )
            )
            wall = time.perf_counter() - began
            rows.append(
                {
                    "clients": clients_count,
                    "tool": tool,
                    "calls": len(latencies),
                    "p50_ms": round(statistics.median(latencies) * 1000, 2),
                    "p99_ms": round(percentile(latencies, 99) * 1000, 2),
                    "calls_per_s": round(len(latencies) / wall, 1),
                }
            )
    finally:
        await asyncio.gather(*(c.__aexit__(None, None, None) for c in clients))
    echo = next(r for r in rows if r["tool"] == "echo")
    for row in rows:
        row["p50_vs_echo"] = round(row["p50_ms"] / echo["p50_ms"], 2)
        row["throughput_vs_echo"] = round(row["calls_per_s"] / echo["calls_per_s"], 2)
    return rows


def render(rows: list[dict[str, Any]]) -> str:
    header = (
        f"{'clients':>7}  {'tool':<17}{'calls':>6}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'calls/s':>9}{'p50/echo':>10}{'tput/echo':>10}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r['clients']:>7}  {r['tool']:<17}{r['calls']:>6}"
            f"{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}{r['calls_per_s']:>9.1f}"
            f"{r['p50_vs_echo']:>10.2f}{r['throughput_vs_echo']:>10.2f}"
        )
    return "\n".join(lines)


async def run(calls: int, levels: tuple[int, ...]) -> list[dict[str, Any]]:
    extra_env = {"TRAVEL_TOOLS_ENABLE_ECHO": "1", "LOG_LEVEL": "WARNING"}
    with running_mcp_server(data_mode="offline", extra_env=extra_env) as url:
        rows: list[dict[str, Any]] = []
        for level in levels:
            rows += await measure_level(url, level, calls)
        return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="bench-results/mcp_tools.json", type=Path)
    parser.add_argument("--calls", default=128, type=int, help="calls per tool per level")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)))
    args = parser.parse_args(argv)
    levels = tuple(int(v) for v in args.levels.split(","))
    rows = asyncio.run(run(args.calls, levels))
    print(render(rows))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {
                "benchmark": "mcp_tools",
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {"python": platform.python_version(), "platform": platform.platform()},
                "transport": "streamable HTTP on loopback, stateless server, offline data mode",
                "results": rows,
            },
            indent=2,
        )
    )
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
