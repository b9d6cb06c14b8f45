"""Every user-facing error: what the user typed or configured, what they see, the exit code."""

import re

import pytest

from ollama_double.launcher import free_port, running_ollama_double
from tests.orchestrator.conftest import Double, planner_env, run_planner

pytestmark = pytest.mark.integration


def assert_clean_failure(result, code: int) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_ollama_down_exits_3_naming_host_wait_and_fix(mcp_server_url: str) -> None:
    host = f"http://127.0.0.1:{free_port()}"
    env = planner_env(
        OLLAMA_HOST=host, MCP_SERVER_URL=mcp_server_url, OLLAMA_READY_TIMEOUT_SECONDS="3"
    )
    result = run_planner("3 days in Madrid", env=env)
    assert_clean_failure(result, 3)
    # Progress while it waits, in the traveller's words; where and why in the error.
    assert "Waiting for the model server to start… (2 s of 3 s)" in result.stderr
    assert "Waiting for Ollama at" not in result.stderr
    assert f"Ollama is not available at {host}" in result.stderr
    waited = float(re.search(r"waited ([\d.]+)s", result.stderr).group(1))
    assert waited >= 3
    assert "Fix:" in result.stderr and "OLLAMA_HOST" in result.stderr


def test_the_wait_speaks_the_request_language_and_verbose_logs_where(
    mcp_server_url: str,
) -> None:
    host = f"http://127.0.0.1:{free_port()}"
    env = planner_env(
        OLLAMA_HOST=host, MCP_SERVER_URL=mcp_server_url, OLLAMA_READY_TIMEOUT_SECONDS="3"
    )
    result = run_planner("3 días en Madrid desde el 2027-05-10", "--verbose", env=env)
    assert result.returncode == 3 and result.stdout == ""
    assert "Esperando a que arranque el servidor del modelo… (2 s de 3 s)" in result.stderr
    assert f"Waiting for Ollama at {host} and model phi4-mini" in result.stderr  # the log


def test_model_missing_exits_3_with_ollama_pull(mcp_server_url: str) -> None:
    with running_ollama_double(models=()) as url:
        env = planner_env(
            OLLAMA_HOST=url, MCP_SERVER_URL=mcp_server_url, OLLAMA_READY_TIMEOUT_SECONDS="1"
        )
        result = run_planner("3 days in Madrid", env=env)
    assert_clean_failure(result, 3)
    assert "The model 'phi4-mini'" in result.stderr
    assert url in result.stderr
    assert "ollama pull phi4-mini" in result.stderr


def test_mcp_server_down_exits_3_with_its_url(tools_double: Double) -> None:
    url = f"http://127.0.0.1:{free_port()}/mcp"
    env = planner_env(OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=url)
    result = run_planner("3 days in Madrid", env=env)
    assert_clean_failure(result, 3)
    assert f"MCP travel tools server is not available at {url}" in result.stderr
    assert "Fix:" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [("OLLAMA_NUM_CTX", "huge"), ("OLLAMA_HOST", "ollama"), ("TRAVEL_HOME_CURRENCY", "dollars")],
)
def test_bad_configuration_exits_2_naming_the_variable(variable: str, value: str) -> None:
    result = run_planner("3 days in Madrid", env=planner_env(**{variable: value}))
    assert_clean_failure(result, 2)
    assert variable in result.stderr
    assert "Invalid configuration" in result.stderr


@pytest.mark.parametrize(
    ("request_text", "says"),
    [
        ("plan me 3 days of food and museums next week", "Where would you like to go?"),
        ("3 days in Madrid from 2020-05-01", "in the past"),
        ("Madrid from 2027-05-10 to 2027-05-02", "before it starts"),
        ("40 days in Madrid from 2027-05-10", "at most 21 days"),
        ("   ", "empty"),
    ],
)
def test_invalid_requests_exit_2_saying_what_to_add(
    tools_double: Double, mcp_server_url: str, request_text: str, says: str
) -> None:
    env = planner_env(OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url)
    result = run_planner(request_text, env=env)
    assert_clean_failure(result, 2)
    assert says in result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    result = run_planner("--frobnicate", env=planner_env())
    assert result.returncode == 2
    assert "No such option: --frobnicate" in result.stderr
    assert "travel-planner --help" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_every_option_with_a_readable_placeholder() -> None:
    result = run_planner("--help", env=planner_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: travel-planner [OPTIONS] [REQUEST]")
    for option in ("--json", "-l, --language CODE", "--wait-ready", "--answer-timeout SECONDS"):
        assert option in result.stdout
    # Flags take no value, so none is shown; no box drawing for terminals without it.
    assert "<bool>" not in result.stdout and "╭" not in result.stdout


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    result = run_planner("--version", "3 days in Madrid", env=planner_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"travel-planner {version('travel-planner')}\n"


def test_verbose_shows_debug_logs(tools_double: Double, mcp_server_url: str) -> None:
    env = planner_env(OLLAMA_HOST=tools_double.url, MCP_SERVER_URL=mcp_server_url)
    result = run_planner("3 days in Madrid from 2020-05-01", "--verbose", env=env)
    assert result.returncode == 2
    assert "DEBUG" in result.stderr
