"""Run the planner, break something at a chosen moment, and judge how it ended.

A run is watched through its own output: progress lines on stderr (`… STEP: …`) mark each
stage, and `### Day 1` on stdout marks a plan being streamed. At the mark the fault is
injected (a dependency killed, stalled or broken through a FaultProxy, or a signal sent), and
the run must then end within the configured bound plus one second, with the expected exit
code and no traceback.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MARK_TIMEOUT_S = 90.0
SLACK_S = 1.0


@dataclass
class Row:
    """One tried fault: what was expected and what happened."""

    name: str
    expected: tuple[int, ...]
    bound_s: float
    code: int | None = None
    after_fault_s: float | None = None
    traceback: bool = False
    hang: bool = False
    missed_mark: bool = False
    note: str = ""
    stdout: str = field(default="", repr=False)
    stderr: str = field(default="", repr=False)

    @property
    def verdict(self) -> str:
        if self.missed_mark:
            return "mark not reached"
        if self.hang:
            return "hang"
        if self.traceback:
            return "traceback"
        if self.code not in self.expected:
            return "wrong exit"
        if self.after_fault_s is not None and self.after_fault_s > self.bound_s + SLACK_S:
            return "too slow"
        return "clean"


ROWS: list[Row] = []


def _has_traceback(text: str) -> bool:
    return "Traceback (most recent call last)" in text


class Watched:
    """A CLI process whose stdout and stderr are read as they arrive."""

    def __init__(self, args: list[str], env: dict[str, str], stdin: str | None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "main.py", *args],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.changed = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.err), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        if stdin is not None:
            assert self.process.stdin is not None
            self.process.stdin.write(stdin)
            self.process.stdin.flush()

    def _read(self, stream: object, sink: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with self.changed:
                sink.append(line)
                self.changed.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    return predicate()
                self.changed.wait(min(left, 0.05))
        return True

    def stdout(self) -> str:
        return "".join(self.out)

    def stderr(self) -> str:
        return "".join(self.err)


def stage_mark(stage: str) -> Callable[[Watched], bool]:
    """The moment a stage is under way: `planner-stream` = the plan is arriving on stdout."""
    if stage == "planner-stream":
        return lambda run: "### Day 1" in run.stdout()
    if stage == "done":
        return lambda run: "Done in" in run.stderr()
    pattern = re.compile(rf"^… {re.escape(stage)}:", re.M)
    return lambda run: bool(pattern.search(run.stderr()))


def run_fault(
    name: str,
    args: list[str],
    env: dict[str, str],
    *,
    at: str | None,
    fault: Callable[[subprocess.Popen[str]], None],
    expected: tuple[int, ...],
    bound_s: float,
    stdin: str | None = None,
    after: Callable[[Watched], None] | None = None,
) -> Row:
    """Start the planner, wait for stage `at` (None: inject at once), inject `fault`, and
    record how the run ended."""
    row = Row(name, expected, bound_s)
    run = Watched(args, env, stdin)
    try:
        if at is not None and not run.wait_for(lambda: stage_mark(at)(run), MARK_TIMEOUT_S):
            row.missed_mark = run.process.poll() is None or at != "start"
        injected = time.monotonic()
        if not row.missed_mark:
            fault(run.process)
            if after is not None:
                after(run)
        try:
            row.code = run.process.wait(timeout=bound_s + SLACK_S + 15)
            row.after_fault_s = time.monotonic() - injected
        except subprocess.TimeoutExpired:
            row.hang = True
            run.process.kill()
            run.process.wait(timeout=10)
    finally:
        for reader in run._readers:
            reader.join(timeout=5)
        row.stdout, row.stderr = run.stdout(), run.stderr()
        row.traceback = _has_traceback(row.stdout + row.stderr)
        ROWS.append(row)
    return row


def send(signum: int) -> Callable[[subprocess.Popen[str]], None]:
    def fault(process: subprocess.Popen[str]) -> None:
        os.kill(process.pid, signum)

    return fault


def nothing(process: subprocess.Popen[str]) -> None:
    return None


SIGNALS = {"SIGINT": (signal.SIGINT, 130), "SIGTERM": (signal.SIGTERM, 143)}


def render_table(rows: list[Row]) -> str:
    """tried / clean exit / wrong exit / hang / traceback, then one line per row."""
    counts = {
        "tried": len(rows),
        "clean": sum(r.verdict == "clean" for r in rows),
        "wrong exit": sum(r.verdict in ("wrong exit", "mark not reached") for r in rows),
        "too slow": sum(r.verdict == "too slow" for r in rows),
        "hang": sum(r.verdict == "hang" for r in rows),
        "traceback": sum(r.verdict == "traceback" for r in rows),
    }
    lines = [" · ".join(f"{k}: {v}" for k, v in counts.items()), ""]
    lines.append(f"{'fault':58} {'exit':>5} {'want':>9} {'after':>7} {'bound':>6}  verdict")
    for r in rows:
        after = f"{r.after_fault_s:.2f}s" if r.after_fault_s is not None else "-"
        want = "/".join(map(str, r.expected))
        code = "-" if r.code is None else str(r.code)
        lines.append(
            f"{r.name[:58]:58} {code:>5} {want:>9} {after:>7} {r.bound_s:>5.1f}s  {r.verdict}"
        )
    return "\n".join(lines)
