"""MCP tool calls under load: every tool beside the trivial `echo` baseline, at N clients.

Starts the real server (offline mode, echo enabled) on loopback and opens N MCP clients over
streamable HTTP, each on its own connection. Each round measures, for every tool, a burst of
echo calls and a burst of that tool's calls back to back (which goes first alternates between
rounds), spread over the N clients, so both see the same load on a shared machine. The ratios
to echo are medians over the rounds of each round's ratio. The server's own CPU time per call
(from /proc) is reported too: on a busy machine it is the steadiest figure.

The load comes from a lean MCP caller (one keep-alive HTTP/1.1 connection per client, h11,
the requests FastMCP's client sends). A full MCP client validates every result against the
tool's output schema and spends more CPU per call than the server does, so on a small machine
it would measure itself; `--client fastmcp` uses FastMCP's client all the same.

    python -m benchmarks.mcp_tools [--levels 16,64] [--calls 256] [--rounds 9]
        [--client caller|fastmcp] [--output bench-results/mcp_tools.json]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import h11
from fastmcp import Client
from mcp_types import (
    CLIENT_CAPABILITIES_META_KEY,
    CLIENT_INFO_META_KEY,
    LATEST_PROTOCOL_VERSION,
    PROTOCOL_VERSION_META_KEY,
)

from travel_mcp_server.process import mcp_server_process

LEVELS = (16, 64)
BASELINE = "echo"
GOAL_THROUGHPUT_VS_ECHO = 0.8
GOAL_P99_VS_ECHO = 1.5


def tool_calls() -> dict[str, dict[str, Any]]:
    """One typical call per tool, as the planner makes them (dates two months ahead)."""
    start = datetime.now(UTC).date() + timedelta(days=60)
    week = {"start_date": start.isoformat(), "end_date": (start + timedelta(days=6)).isoformat()}
    return {
        BASELINE: {"text": "ping"},
        "resolve_place": {"name": "Santiago", "limit": 5},
        "country_facts": {"country": "JP"},
        "convert_currency": {"amount": 120.0, "from_currency": "USD", "to_currency": "JPY"},
        "weather": {"place": "Rome", **week},
        "sun_times": {"place": "Reykjavik", **week},
        "local_time": {"place": "Lisbon", **week},
        "public_holidays": {"country": "FR", **week},
        "travel_distance": {"from_place": "Lisbon", "to_place": "Madrid"},
        "suggest_destinations": {"month": 3, "min_temp_c": 22.0, "region": "Europe"},
    }


class Caller(Protocol):
    async def call(self, tool: str, arguments: dict[str, Any]) -> None: ...
    async def close(self) -> None: ...


class LeanCaller:
    """An MCP client reduced to what a tool call needs: one JSON-RPC POST per call on a
    keep-alive connection, in the stateless 2026-07-28 form (no session, no handshake)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self._address = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._path = parts.path or "/"
        self._ids = itertools.count(1)
        self._meta = {
            PROTOCOL_VERSION_META_KEY: LATEST_PROTOCOL_VERSION,
            CLIENT_INFO_META_KEY: {"name": "mcp-tools-benchmark", "version": "1"},
            CLIENT_CAPABILITIES_META_KEY: {},
        }

    async def open(self) -> LeanCaller:
        self._reader, self._writer = await asyncio.open_connection(*self._address)
        self._http = h11.Connection(h11.CLIENT)
        await self._request("server/discover", {})
        return self

    async def call(self, tool: str, arguments: dict[str, Any]) -> None:
        result = await self._request("tools/call", {"name": tool, "arguments": arguments}, tool)
        if result.get("isError") or "structuredContent" not in result:
            raise RuntimeError(f"{tool} failed during the benchmark: {result.get('content')}")

    async def close(self) -> None:
        self._writer.close()
        await self._writer.wait_closed()

    async def _request(
        self, method: str, params: dict[str, Any], name: str | None = None
    ) -> dict[str, Any]:
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "id": next(self._ids),
                "method": method,
                "params": {**params, "_meta": self._meta},
            }
        ).encode()
        headers = [
            ("Host", "{}:{}".format(*self._address)),
            ("Content-Type", "application/json"),
            ("Accept", "application/json, text/event-stream"),
            ("Content-Length", str(len(body))),
            ("MCP-Protocol-Version", LATEST_PROTOCOL_VERSION),
            ("Mcp-Method", method),
            *([("Mcp-Name", name)] if name else []),
        ]
        if self._http.our_state is h11.DONE:
            self._http.start_next_cycle()
        request = h11.Request(method="POST", target=self._path, headers=headers)
        self._writer.write(
            self._http.send(request)
            + (self._http.send(h11.Data(data=body)) or b"")
            + (self._http.send(h11.EndOfMessage()) or b"")
        )
        status, text = await self._response()
        # A JSON answer, or (servers that stream) the data line of one server-sent event.
        if text.startswith("event:") or text.startswith("data:"):
            text = next(line[5:] for line in text.splitlines() if line.startswith("data:"))
        message = json.loads(text)
        if status != 200 or "result" not in message:
            raise RuntimeError(f"{method} answered HTTP {status}: {text[:300]}")
        answer: dict[str, Any] = message["result"]
        return answer

    async def _response(self) -> tuple[int, str]:
        status, chunks = 0, []
        while True:
            event = self._http.next_event()
            if event is h11.NEED_DATA:
                self._http.receive_data(await self._reader.read(65536))
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.Data):
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                return status, b"".join(chunks).decode()
            elif isinstance(event, h11.ConnectionClosed):
                raise RuntimeError("the server closed the connection")


class FastMcpCaller:
    """FastMCP's own client (validates each result against the tool's output schema)."""

    def __init__(self, url: str) -> None:
        self._client: Client[Any] = Client(url, timeout=60)
        self._session = AsyncExitStack()

    async def open(self) -> FastMcpCaller:
        await self._session.enter_async_context(self._client)
        return self

    async def call(self, tool: str, arguments: dict[str, Any]) -> None:
        await self._client.call_tool(tool, arguments)

    async def close(self) -> None:
        await self._session.aclose()


CALLERS: dict[str, Callable[[str], LeanCaller | FastMcpCaller]] = {
    "caller": LeanCaller,
    "fastmcp": FastMcpCaller,
}


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (all its threads), or None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Burst:
    """`calls` calls of one tool spread over every client at once."""

    latencies: list[float]
    wall_s: float
    server_cpu_s: float | None

    @property
    def calls_per_s(self) -> float:
        return len(self.latencies) / self.wall_s

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 99)

    @property
    def cpu_ms_per_call(self) -> float | None:
        if self.server_cpu_s is None:
            return None
        return self.server_cpu_s * 1000 / len(self.latencies)


async def burst(
    callers: list[Caller], tool: str, arguments: dict[str, Any], calls: int, pid: int
) -> Burst:
    base, extra = divmod(calls, len(callers))
    latencies: list[float] = []

    async def client(caller: Caller, count: int) -> None:
        for _ in range(count):
            began = time.perf_counter()
            await caller.call(tool, arguments)
            latencies.append(time.perf_counter() - began)

    cpu_before, began = cpu_seconds(pid), time.perf_counter()
    await asyncio.gather(*(client(caller, base + (i < extra)) for i, caller in enumerate(callers)))
    wall, cpu_after = time.perf_counter() - began, cpu_seconds(pid)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return Burst(latencies, wall, cpu)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summarise(
    clients: int, tool: str, bursts: list[Burst], pairs: list[tuple[Burst, Burst]]
) -> dict[str, Any]:
    """One row: pooled latencies, median rates, and medians of the per-round ratios to echo."""
    latencies = [value for b in bursts for value in b.latencies]
    cpu = [c for b in bursts if (c := b.cpu_ms_per_call) is not None]
    row: dict[str, Any] = {
        "clients": clients,
        "tool": tool,
        "calls": len(latencies),
        "p50_ms": _ms(statistics.median(latencies)),
        "p99_ms": _ms(percentile(latencies, 99)),
        "calls_per_s": round(statistics.median(b.calls_per_s for b in bursts), 1),
        "server_cpu_ms_per_call": round(statistics.median(cpu), 2) if cpu else None,
    }
    if tool == BASELINE:
        return row
    rates = [round(t.calls_per_s / e.calls_per_s, 2) for e, t in pairs]
    row["throughput_vs_echo"] = round(statistics.median(rates), 2)
    row["throughput_vs_echo_per_round"] = rates  # the spread shows how noisy the machine was
    row["p50_vs_echo"] = round(
        statistics.median(
            statistics.median(t.latencies) / statistics.median(e.latencies) for e, t in pairs
        ),
        2,
    )
    row["p99_vs_echo"] = round(statistics.median(t.p99 / e.p99 for e, t in pairs), 2)
    cpu_ratios = [
        tc / ec for e, t in pairs if (ec := e.cpu_ms_per_call) and (tc := t.cpu_ms_per_call)
    ]
    row["server_cpu_vs_echo"] = round(statistics.median(cpu_ratios), 2) if cpu_ratios else None
    row["meets_goal"] = (
        row["throughput_vs_echo"] >= GOAL_THROUGHPUT_VS_ECHO
        and row["p99_vs_echo"] <= GOAL_P99_VS_ECHO
    )
    return row


async def measure_level(
    url: str, pid: int, clients: int, calls: int, rounds: int, kind: str
) -> list[dict[str, Any]]:
    callers: list[Caller] = list(
        await asyncio.gather(*(CALLERS[kind](url).open() for _ in range(clients)))
    )
    calls_by_tool = tool_calls()
    tools = [t for t in calls_by_tool if t != BASELINE]
    bursts: dict[str, list[Burst]] = {t: [] for t in calls_by_tool}
    pairs: dict[str, list[tuple[Burst, Burst]]] = {t: [] for t in tools}
    try:
        for tool, arguments in calls_by_tool.items():  # warm-up: connections and answers
            await asyncio.gather(*(c.call(tool, arguments) for c in callers))
        for round_no in range(rounds):
            shift = round_no % len(tools)
            for tool in tools[shift:] + tools[:shift]:
                order = [BASELINE, tool] if round_no % 2 == 0 else [tool, BASELINE]
                done = {
                    name: await burst(callers, name, calls_by_tool[name], calls, pid)
                    for name in order
                }
                bursts[BASELINE].append(done[BASELINE])
                bursts[tool].append(done[tool])
                pairs[tool].append((done[BASELINE], done[tool]))
    finally:
        await asyncio.gather(*(c.close() for c in callers))
    return [summarise(clients, t, bursts[t], pairs.get(t, [])) for t in calls_by_tool]


def render(rows: list[dict[str, Any]]) -> str:
    header = (
        f"{'clients':>7}  {'tool':<21}{'calls':>6}{'p50 ms':>9}{'p99 ms':>9}{'calls/s':>9}"
        f"{'cpu ms':>8}{'tput/echo':>10}{'p99/echo':>9}{'cpu/echo':>9}  goal"
    )
    lines = [header, "-" * len(header)]

    def cell(value: float | None, width: int) -> str:
        return f"{value:>{width}.2f}" if value is not None else f"{'-':>{width}}"

    for r in rows:
        goal = "" if r["tool"] == BASELINE else ("met" if r["meets_goal"] else "MISSED")
        lines.append(
            f"{r['clients']:>7}  {r['tool']:<21}{r['calls']:>6}"
            f"{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}{r['calls_per_s']:>9.1f}"
            f"{cell(r['server_cpu_ms_per_call'], 8)}{cell(r.get('throughput_vs_echo'), 10)}"
            f"{cell(r.get('p99_vs_echo'), 9)}{cell(r.get('server_cpu_vs_echo'), 9)}  {goal}"
        )
    return "\n".join(lines)


async def run(calls: int, levels: tuple[int, ...], rounds: int, kind: str) -> list[dict[str, Any]]:
    extra_env = {"TRAVEL_TOOLS_ENABLE_ECHO": "1", "LOG_LEVEL": "WARNING"}
    with mcp_server_process(data_mode="offline", extra_env=extra_env) as (url, process):
        rows: list[dict[str, Any]] = []
        for level in levels:
            rows += await measure_level(url, process.pid, level, calls, rounds, kind)
        return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--output", default="bench-results/mcp_tools.json", type=Path)
    parser.add_argument("--calls", default=256, type=int, help="calls per burst")
    parser.add_argument("--rounds", default=9, type=int, help="echo/tool pairs per tool")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="client counts")
    parser.add_argument("--client", default="caller", choices=sorted(CALLERS))
    args = parser.parse_args(argv)
    levels = tuple(int(v) for v in args.levels.split(","))
    load_before = os.getloadavg()
    began = time.perf_counter()
    rows = asyncio.run(run(args.calls, levels, args.rounds, args.client))
    print(render(rows))
    missed = [f"{r['tool']}@{r['clients']}" for r in rows if r.get("meets_goal") is False]
    print(
        f"\ngoal: every tool >= {GOAL_THROUGHPUT_VS_ECHO}x echo's calls/s and p99 <= "
        f"{GOAL_P99_VS_ECHO}x echo's: " + (f"missed by {', '.join(missed)}" if missed else "met")
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {
                "benchmark": "mcp_tools",
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_average_before": [round(v, 2) for v in load_before],
                    "load_average_after": [round(v, 2) for v in os.getloadavg()],
                },
                "transport": "streamable HTTP on loopback, stateless server, offline data mode",
                "client": args.client,
                "settings": {"levels": levels, "calls": args.calls, "rounds": args.rounds},
                "goal": {
                    "throughput_vs_echo_min": GOAL_THROUGHPUT_VS_ECHO,
                    "p99_vs_echo_max": GOAL_P99_VS_ECHO,
                    "missed": missed,
                },
                "duration_s": round(time.perf_counter() - began, 1),
                "results": rows,
            },
            indent=2,
        )
    )
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
