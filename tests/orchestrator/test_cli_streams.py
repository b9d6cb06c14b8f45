"""Where the command line's output goes: plans alone on stdout, everything else on stderr in
the traveller's language; a reader that stops reading (`| head`) ends the run quietly with
exit code 141, as a shell reports a writer that SIGPIPE ended."""

import json
import re
import subprocess

import pytest

from tests.orchestrator.conftest import Double, planner_env, run_planner_ok, start_planner

pytestmark = pytest.mark.integration

REQUEST = "3 days in Madrid from 2027-04-30, art and food"
NOISE = ("rror", "Broken pipe", "Traceback", "Exception ignored", "Stopped")


def start_piped(args: list[str], env: dict[str, str], stderr: int) -> subprocess.Popen[str]:
    """The planner with stdin and stdout pipes; stderr a pipe or (STDOUT) the stdout pipe."""
    pipe = subprocess.PIPE
    return start_planner(*args, env=env, stdin=pipe, stdout=pipe, stderr=stderr, text=True)


def run_with_stdout_closed(
    args: list[str], env: dict[str, str], stdin: str = ""
) -> tuple[int, str]:
    """The planner with stdout a pipe whose reader has gone before the plan is written."""
    process = start_piped(args, env, subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(stdin, timeout=240)
    return process.returncode, stderr


@pytest.mark.parametrize(
    "args", [[REQUEST], [REQUEST, "--json"], []], ids=["plan", "json", "session"]
)
def test_a_reader_that_stops_reading_ends_the_run_quietly_with_141(
    tools_double: Double, mcp_server_url: str, args: list[str]
) -> None:
    env = planner_env(OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url)
    code, stderr = run_with_stdout_closed(args, env, stdin=f"{REQUEST}\nexit\n")
    assert code == 141, stderr
    assert "planner" in stderr  # it ran until the plan had to be written
    for noise in NOISE:
        assert noise not in stderr


@pytest.mark.parametrize("args", [[REQUEST], []], ids=["plan", "session"])
def test_a_reader_of_both_streams_that_stops_reading_ends_the_run_quietly_with_141(
    tools_double: Double, mcp_server_url: str, args: list[str]
) -> None:
    """`2>&1 | head`: stderr (the progress) is the closed pipe."""
    env = planner_env(OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url)
    process = start_piped(args, env, subprocess.STDOUT)
    assert process.stdout is not None and process.stdin is not None
    process.stdin.write(f"{REQUEST}\nexit\n")
    process.stdin.close()
    first = process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=240) == 141
    assert first.strip()  # it had started to write


def test_a_piped_session_writes_only_plans_to_stdout(
    tools_double: Double, mcp_server_url: str
) -> None:
    session = "3 days of food and art from 2027-04-30\nMadrid\nexit\n"
    result = run_planner_ok(tools_double, mcp_server_url, stdin=session)
    assert result.stdout.startswith("# 3 days in Madrid, Spain")
    for chatter in ("Travel planner", "You>", "Where would you like to go?", "Ask for a change"):
        assert chatter not in result.stdout
        assert chatter in result.stderr
    # The messages read from the pipe are shown after their prompt, as a terminal echoes them.
    assert "You> Madrid\n" in result.stderr


@pytest.mark.parametrize(
    ("locale", "banner"),
    [("C.UTF-8", "Describe your trip, e.g."), ("es_ES.UTF-8", "Describe tu viaje, p. ej.")],
)
def test_a_session_speaks_the_terminal_language_then_the_plan_language(
    tools_double: Double, mcp_server_url: str, locale: str, banner: str
) -> None:
    lines = ["4 días en Lisboa desde el 2027-05-10, comida y museos", "haz el día 2 más tranquilo"]
    session = "\n".join([*lines, "salir", ""])
    result = run_planner_ok(tools_double, mcp_server_url, stdin=session, LANG=locale)
    assert banner in result.stderr.splitlines()[1]
    # After a Spanish plan the session answers in Spanish, whatever the terminal's locale.
    assert result.stderr.count("Pide un cambio, describe otro viaje o escribe salir.") == 2
    assert "Tú> haz el día 2 más tranquilo\n" in result.stderr
    assert result.stdout.count("# 4 días en Lisboa, Portugal") == 2


LISBOA = (
    "Quiero pasar 4 días en Lisboa del 10 al 13 de mayo de 2027, me gusta la comida y los museos"
)


def test_every_line_of_a_spanish_run_is_in_spanish_and_names_the_place_as_written(
    tools_double: Double, mcp_server_url: str
) -> None:
    result = run_planner_ok(tools_double, mcp_server_url, LISBOA, "--json")
    lines = result.stderr.splitlines()
    assert lines[0] == "… ready: Comprobando el servidor del modelo…"
    assert "✓ ready: Modelo listo" in lines
    assert "✓ understand: 4 días en Lisboa desde el 10 may 2027" in lines
    assert re.fullmatch(
        r"Listo en \d+(,\d)?\xa0s · \d+ llamadas? al modelo · \d+ llamadas? a herramientas",
        lines[-1],
    ), lines[-1]
    data = json.loads(result.stdout)
    assert data["plan"].startswith("# 4 días en Lisboa, Portugal")
    assert data["trip"]["destination"] == "Lisbon"
    assert data["trip"]["destination_written"] == "Lisboa"


def test_an_english_run_ends_with_its_counts_in_english(
    tools_double: Double, mcp_server_url: str
) -> None:
    result = run_planner_ok(tools_double, mcp_server_url, REQUEST)
    lines = result.stderr.splitlines()
    assert lines[0] == "… ready: Checking the model server…"
    assert re.fullmatch(r"Done in \d+(\.\d)?s · 3 model calls · \d+ tool calls", lines[-1])
