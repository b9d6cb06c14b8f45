"""Kill, stall and break each dependency at each stage, send signals at each stage, and feed
hostile input to every CLI path: every run must end with its documented exit code, within its
configured bound (+1 s), without a traceback. `make test-faults` prints the table."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from mcp import Client

from ollama_double.launcher import DoubleControl
from tests.faults.conftest import MODEL_TIMEOUT_S, READY_TIMEOUT_S, SLOW_FIRST_S, TOOLS_TIMEOUT_S
from tests.faults.harness import ROWS, SIGNALS, Row, nothing, run_fault, send
from tests.support.fault_proxy import FaultProxy, Mode
from tests.support.otlp_receiver import OtlpReceiver

pytestmark = [pytest.mark.faults, pytest.mark.integration]

# The reader leaves "somewhere quiet for our honeymoon" to the model: every stage has a model
# call to interrupt.
VAGUE = "a relaxing few days in Barcelona sometime next spring, somewhere quiet for our honeymoon"
EXPLICIT = "3 days in Madrid from 2027-04-30, art and food"
INCOMPLETE = "This plan is incomplete"
# One retry pause per model step (understand, briefs, planner) when every call fails.
RETRIES_S = 3.0


def assert_clean(row: Row) -> None:
    assert row.verdict == "clean", (
        f"{row.name}: {row.verdict} (exit {row.code}, {row.after_fault_s}s)\n"
        f"stderr:\n{row.stderr[-2500:]}\nstdout tail:\n{row.stdout[-800:]}"
    )


def break_with(proxy: FaultProxy, mode: Mode) -> Callable[[subprocess.Popen[str]], None]:
    def fault(process: subprocess.Popen[str]) -> None:
        proxy.set_mode(mode)

    return fault


def fault_at_stage(
    name: str,
    proxy: FaultProxy,
    env: dict[str, str],
    mode: Mode,
    stage: str,
    code: int,
    bound: float,
) -> Row:
    """The dependency behind `proxy` breaks in `mode` when a vague request reaches `stage`."""
    row = run_fault(
        f"{name} {mode} at {stage}",
        [VAGUE],
        env,
        at=stage,
        fault=break_with(proxy, mode),
        expected=(code,),
        bound_s=bound,
    )
    assert_clean(row)
    return row


def down_before_start(name: str, proxy: FaultProxy, env: dict[str, str], bound: float) -> Row:
    """The dependency behind `proxy` is down before the planner starts: exit 3."""
    proxy.set_mode("down")
    row = run_fault(
        f"{name} down before start",
        [EXPLICIT],
        env,
        at=None,
        fault=nothing,
        expected=(3,),
        bound_s=bound,
    )
    assert_clean(row)
    return row


# (dependency, fault, stage, expected exit, bound in seconds after the fault)
OLLAMA_FAULTS = [
    ("down", "understand", 3, 1.0),
    ("down", "researcher", 3, 1.0),
    ("down", "planner", 3, 1.0),
    ("down", "planner-stream", 3, 1.0),
    ("stall", "understand", 3, MODEL_TIMEOUT_S),
    ("stall", "researcher", 3, MODEL_TIMEOUT_S),
    ("stall", "planner", 3, MODEL_TIMEOUT_S),
    ("http500", "understand", 3, RETRIES_S),
    ("http500", "researcher", 3, RETRIES_S),
]


@pytest.mark.parametrize(("mode", "stage", "code", "bound"), OLLAMA_FAULTS)
def test_ollama_faults(
    fault_env: dict[str, str], ollama: FaultProxy, mode: Mode, stage: str, code: int, bound: float
) -> None:
    row = fault_at_stage("ollama", ollama, fault_env, mode, stage, code, bound)
    assert "Ollama" in row.stderr or "model" in row.stderr
    if stage == "planner-stream":
        assert INCOMPLETE in row.stdout


def test_ollama_down_before_start(fault_env: dict[str, str], ollama: FaultProxy) -> None:
    # The bound includes the interpreter's start.
    row = down_before_start("ollama", ollama, fault_env, READY_TIMEOUT_S + 2.0)
    assert row.stdout == ""


def test_ollama_stalls_mid_stream(fault_env: dict[str, str], ollama: FaultProxy) -> None:
    """Days the model finished are kept; the rest are marked as not planned by the model."""
    row = run_fault(
        "ollama stall at planner-stream",
        [VAGUE],
        fault_env,
        at="planner-stream",
        fault=break_with(ollama, "stall"),
        expected=(0, 3),
        bound_s=MODEL_TIMEOUT_S,
    )
    assert_clean(row)
    if row.code == 0:
        assert "the model did not plan" in row.stdout
    else:
        assert INCOMPLETE in row.stdout


# While the request is read, the understanding model call comes first: a fault of the tools
# server shows at the tool call that follows it (SLOW_FIRST_S + the answer later).
MODEL_ANSWER_S = SLOW_FIRST_S + 1.5
TOOLS_FAULTS = [
    ("down", "understand", 3, MODEL_ANSWER_S),
    ("down", "facts", 3, 1.0),
    ("stall", "understand", 3, MODEL_ANSWER_S + TOOLS_TIMEOUT_S),
    ("stall", "facts", 3, TOOLS_TIMEOUT_S),
    ("http500", "understand", 3, MODEL_ANSWER_S),
    ("http500", "facts", 3, 1.0),
]


@pytest.mark.parametrize(("mode", "stage", "code", "bound"), TOOLS_FAULTS)
def test_mcp_server_faults(
    fault_env: dict[str, str], tools: FaultProxy, mode: Mode, stage: str, code: int, bound: float
) -> None:
    row = fault_at_stage("mcp-server", tools, fault_env, mode, stage, code, bound)
    assert "MCP" in row.stderr


def test_mcp_server_down_before_start(fault_env: dict[str, str], tools: FaultProxy) -> None:
    # The bound includes the interpreter's start and the ready check.
    down_before_start("mcp-server", tools, fault_env, TOOLS_TIMEOUT_S + 4.0)


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A listener that accepts nothing (connections hang in the backlog)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(0)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.mark.parametrize("collector", ["refused", "black hole", "killed at the end"])
def test_telemetry_never_holds_the_exit(
    fault_env: dict[str, str], black_hole: str, collector: str, slow_double: DoubleControl
) -> None:
    """Measured from the plan's last line ("Done in …") to the process exit."""
    slow_double.use("tools")
    env = dict(fault_env)
    with OtlpReceiver() as receiver:
        if collector == "black hole":
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = black_hole
        elif collector == "killed at the end":
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.endpoint
        row = run_fault(
            f"otlp collector {collector}: exit after the plan",
            [EXPLICIT],
            env,
            at="done",
            fault=(lambda p: receiver.stop()) if collector == "killed at the end" else nothing,
            expected=(0,),
            bound_s=1.0,
        )
    assert_clean(row)


SIGNAL_STAGES = ["understand", "facts", "researcher", "planner", "planner-stream"]


@pytest.mark.parametrize("stage", SIGNAL_STAGES)
@pytest.mark.parametrize("name", sorted(SIGNALS))
def test_signals_stop_the_run(
    fault_env: dict[str, str], tools: FaultProxy, name: str, stage: str
) -> None:
    signum, code = SIGNALS[name]
    env = dict(fault_env)
    if stage == "facts":
        # Every tool answer comes late (and within a longer timeout): the facts stage stays
        # open for the signal.
        tools.delay_s = 0.3
        tools.set_mode("slow")
        env["MCP_TIMEOUT_SECONDS"] = "20"
    row = run_fault(
        f"{name} at {stage}",
        [EXPLICIT if stage == "facts" else VAGUE],
        env,
        at=stage,
        fault=send(signum),
        expected=(code,),
        bound_s=1.0,
    )
    assert_clean(row)
    assert row.stderr.strip().splitlines()[-1].startswith("Stopped")
    if stage == "planner-stream":
        assert INCOMPLETE in row.stdout


def test_ctrl_c_in_a_session_returns_to_the_prompt(fault_env: dict[str, str]) -> None:
    def then_quit(run: object) -> None:
        from tests.faults.harness import Watched

        assert isinstance(run, Watched)
        run.wait_for(lambda: "cancelled" in run.stderr(), 10)
        assert run.process.stdin is not None
        run.process.stdin.write("exit\n")
        run.process.stdin.flush()

    row = run_fault(
        "SIGINT during a session's plan, then exit",
        [],
        fault_env,
        at="planner",
        fault=send(signal.SIGINT),
        expected=(0,),
        bound_s=2.0,
        stdin=f"{VAGUE}\n",
        after=then_quit,
    )
    assert_clean(row)
    assert "cancelled" in row.stderr


HOSTILE = [
    ("empty request", [""], (2,)),
    ("blank request", ["   \t "], (2,)),
    ("bidi override", ["4 days in \u202eLisbon\u202c from 2027-05-10"], (0, 2)),
    ("only emoji", ["🏖️🌞🍹"], (2,)),
    ("100 KB request", ["4 days in Lisbon " + "very " * 20000], (2,)),
    ("date past the calendar", ["3 days in Lisbon from 9999-12-30"], (2,)),
    ("impossible date", ["3 days in Lisbon from 2027-02-30"], (2,)),
    ("negative budget", ["3 days in Lisbon from 2027-05-10, budget -500 EUR"], (2,)),
    ("unknown option", ["--bogus", "4 days in Lisbon"], (2,)),
    ("unsupported --language", ["--language", "xx", "4 days in Lisbon"], (2,)),
    ("--wait-ready with a request", ["--wait-ready", "4 days in Lisbon"], (2,)),
]


@pytest.mark.parametrize(("name", "args", "codes"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input(
    fault_env: dict[str, str],
    slow_double: DoubleControl,
    name: str,
    args: list[str],
    codes: tuple[int, ...],
) -> None:
    slow_double.use("tools")
    row = run_fault(
        f"hostile input: {name}",
        args,
        fault_env,
        at=None,
        fault=nothing,
        expected=codes,
        bound_s=30.0,
    )
    assert_clean(row)
    if row.code == 2:
        assert "Error" in row.stderr or row.stderr.strip(), row.stderr


def test_hostile_input_in_a_session(fault_env: dict[str, str], slow_double: DoubleControl) -> None:
    """NUL bytes and control characters typed into a session (a terminal can send them)."""
    slow_double.use("tools")
    row = run_fault(
        "hostile input: NUL and escape bytes in a session",
        [],
        fault_env,
        at=None,
        fault=nothing,
        expected=(0,),
        bound_s=30.0,
        stdin="4 days in Lisbon\x00\x1b[2J from 2027-05-10\n\x00\x00\nexit\n",
    )
    assert_clean(row)
    assert "# 4 days in Lisbon" in row.stdout


HOSTILE_VALUES = {
    "string": ["\x00\u202e" + "A" * 5000, 12345],
    "number": [True, "100", float("inf")],
    "integer": [True, "3", 2.5],
    "date": ["9999-12-31", "2027-W19-1", "20270510", "0001-01-01"],
}
LEAKS = ("call[", "Traceback", "\x00", "\u202e", "_tool")


def _hostile_calls(tool: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Per tool: no arguments, then each argument in turn replaced by a hostile value."""
    schema = tool["inputSchema"]
    props: dict[str, Any] = schema.get("properties", {})
    valid = {
        name: ("2027-05-10" if "date" in name else 100 if spec.get("type") == "number" else
               3 if spec.get("type") == "integer" else "Lisbon")
        for name, spec in props.items()
    }  # fmt: skip
    if schema.get("required"):
        yield "no arguments", {}
    for name, spec in props.items():
        kind = "date" if "date" in name else spec.get("type", "string")
        for value in HOSTILE_VALUES.get(kind, []):
            yield f"{name}={str(value)[:12]!r}", {**valid, name: value}


def test_hostile_tool_calls(mcp_server_url: str) -> None:
    """Every tool, every argument, hostile values: a clean error each time, no internal
    names, no echo of control characters, and the server still healthy."""

    async def sweep() -> list[Row]:
        rows = []
        async with Client(mcp_server_url) as client:
            tools = [t.model_dump(by_alias=True) for t in (await client.list_tools()).tools]
            for tool in tools:
                for case, arguments in _hostile_calls(tool):
                    row = Row(f"tool {tool['name']}: {case}", (1,), TOOLS_TIMEOUT_S)
                    started = time.monotonic()
                    try:
                        result = await client.call_tool(tool["name"], arguments)
                        text = " ".join(getattr(c, "text", "") for c in result.content)
                        row.code = 1 if result.is_error else 0
                    except Exception as exc:  # a protocol-level refusal is clean too
                        text, row.code = str(exc), 1
                    row.after_fault_s = time.monotonic() - started
                    row.traceback = any(leak in text for leak in LEAKS)
                    row.stderr = text
                    rows.append(row)
        return rows

    rows = asyncio.run(sweep())
    ROWS.extend(rows)
    health = httpx.get(mcp_server_url.removesuffix("/mcp") + "/health", timeout=5)
    assert health.status_code == 200
    dirty = [f"{r.name}: {r.verdict}: {r.stderr[:200]!r}" for r in rows if r.verdict != "clean"]
    assert not dirty, "\n".join(dirty)
