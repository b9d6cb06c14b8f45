"""Signals and process time for the command line: SIGINT and SIGTERM stop a run at once with
exit codes 130 and 143; a closed stdout ends it with 141, as SIGPIPE would."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
# 128 + SIGPIPE: what a shell reports for a pipe's writer whose reader went away. Python
# ignores SIGPIPE, so the write fails instead (BrokenPipeError) and the CLI exits with this.
CLOSED_STDOUT_EXIT = 128 + signal.SIGPIPE


def seconds_since_process_start() -> float:
    """Time since the interpreter started (Linux /proc), else since this module was loaded."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - started)
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _MODULE_LOADED


_MODULE_LOADED = time.monotonic()


class Interrupted(Exception):
    """A run stopped by SIGINT or SIGTERM."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return SIGNAL_EXIT.get(signal.Signals(self.signum), 130)


def discard_output() -> None:
    """Point stdout and stderr at /dev/null once a reader has gone: later writes and the
    interpreter's last flush then have nowhere to fail (no "Exception ignored ...
    BrokenPipeError")."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                os.dup2(devnull, stream.fileno())
        os.close(devnull)


def terminate(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def run_cancellable(runner: asyncio.Runner, coro: Coroutine[Any, Any, T]) -> T:
    """Run `coro`; SIGINT or SIGTERM cancel it at once (the model call in flight included)
    and raise Interrupted."""
    received: list[int] = []

    async def main() -> T:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None

        def on_signal(signum: int) -> None:
            received.append(signum)
            task.cancel()

        for sig in SIGNAL_EXIT:
            loop.add_signal_handler(sig, on_signal, sig)
        try:
            return await coro
        finally:
            for sig in SIGNAL_EXIT:
                loop.remove_signal_handler(sig)
            # asyncio restores the default SIGTERM action (kill); keep ours.
            signal.signal(signal.SIGTERM, terminate)

    try:
        return runner.run(main())
    except asyncio.CancelledError:
        raise Interrupted(received[0] if received else signal.SIGINT) from None
