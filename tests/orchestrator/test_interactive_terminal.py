"""The interactive session in a real pseudo-terminal: a request, a follow-up, then quit."""

import os
import pty
import re
import select
import subprocess
import threading
import time

import pytest

from tests.orchestrator.conftest import Double, planner_env, start_planner

pytestmark = pytest.mark.integration

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


class Terminal:
    def __init__(self, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = start_planner(
            env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
        )
        os.close(slave)
        self.screen = ""

    def expect(self, pattern: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            plain = ANSI.sub("", self.screen)
            if re.search(pattern, plain):
                return plain
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536).decode(errors="replace")
                except OSError:
                    break
        raise AssertionError(f"{pattern!r} not seen; screen:\n{ANSI.sub('', self.screen)[-3000:]}")

    def send(self, line: str) -> None:
        os.write(self.master, (line + "\r").encode())

    def close(self) -> int:
        try:
            return self.process.wait(timeout=30)
        finally:
            os.close(self.master)


def test_request_follow_up_and_quit_in_a_terminal(
    tools_double: Double, mcp_server_url: str
) -> None:
    env = planner_env(
        OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url, TERM="xterm", COLUMNS="120"
    )
    term = Terminal(env)
    try:
        term.expect(r"You>")
        term.send("3 days in Madrid from 2027-04-30, art")
        screen = term.expect(r"Ask for a change")
        assert "Day 3" in screen and "Packing list" in screen
        before = len(screen)
        term.send("make day 2 more relaxed")
        screen = term.expect(r"(?s)Ask for a change.*Ask for a change")
        assert "Day 2" in screen[before:]
        assert "planner:" in screen[before:]
        term.send("exit")
        assert term.close() == 0
    finally:
        if term.process.poll() is None:
            term.process.kill()


def test_one_shot_on_a_terminal_with_stdout_redirected_keeps_the_plan_on_stdout(
    tools_double: Double, mcp_server_url: str
) -> None:
    env = planner_env(
        OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url, TERM="xterm", COLUMNS="120"
    )
    master, slave = pty.openpty()
    process = start_planner(
        "2 days in Madrid from 2027-04-30",
        env=env,
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    screen: list[bytes] = []

    def drain() -> None:  # keep the terminal's buffer from filling up
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            screen.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        stdout, _ = process.communicate(timeout=120)
    finally:
        reader.join(timeout=5)
        os.close(master)
    shown = ANSI.sub("", b"".join(screen).decode(errors="replace"))
    assert "planner" in shown
    plan = stdout.decode()
    assert process.returncode == 0
    assert plan.startswith("# 2 days in Madrid, Spain")
    assert "### Day 2 " in plan
    assert "\x1b[" not in plan  # no terminal styling in the redirected plan
