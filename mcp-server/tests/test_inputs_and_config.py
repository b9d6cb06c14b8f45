"""Argument checks and settings: every user mistake gets a message that says what to fix."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from travel_mcp_server.config import ConfigError, DataMode, load_settings
from travel_mcp_server.inputs import (
    ToolInputError,
    fold,
    parse_date_range,
    require_positive_amount,
    require_text,
)

pytestmark = pytest.mark.unit


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("Zürich") == fold("ZURICH") == "zurich"
    assert fold("São  Paulo") == "sao paulo"
    assert fold("Saint-Étienne") == "saint etienne"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_text_is_required(value: str | None) -> None:
    with pytest.raises(ToolInputError, match="'name'"):
        require_text(value, "name")


def test_text_is_capped_at_200_characters() -> None:
    assert require_text("x" * 200, "name") == "x" * 200
    with pytest.raises(ToolInputError, match="201 characters long; send at most 200"):
        require_text("x" * 201, "name")


def test_date_range_checks_format_order_and_length() -> None:
    first, last = parse_date_range("2027-01-01", "2027-01-31")
    assert (last - first).days == 30
    with pytest.raises(ToolInputError, match="YYYY-MM-DD"):
        parse_date_range("01/02/2027", "2027-01-31")
    with pytest.raises(ToolInputError, match="before start_date"):
        parse_date_range("2027-01-05", "2027-01-01")
    with pytest.raises(ToolInputError, match="32 days; ask for at most 31"):
        parse_date_range("2027-01-01", "2027-02-01")


@pytest.mark.parametrize(
    ("value", "message"),
    [(0, "greater than 0"), (-5, "greater than 0"), (math.inf, "finite"), (math.nan, "finite")],
)
def test_amount_must_be_finite_and_positive(value: float, message: str) -> None:
    with pytest.raises(ToolInputError, match=message):
        require_positive_amount(value, "amount")


def test_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MCP_HOST", "MCP_PORT", "TRAVEL_TOOLS_DATA_MODE", "OTEL_EXPORTER_OTLP_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert (settings.host, settings.port, settings.data_mode) == ("0.0.0.0", 8090, DataMode.AUTO)
    assert settings.otlp_endpoint is None
    assert settings.service_name == "travel-mcp-server"


def test_bad_settings_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCP_PORT", "99999")
    monkeypatch.setenv("TRAVEL_TOOLS_DATA_MODE", "sometimes")
    with pytest.raises(ConfigError) as excinfo:
        load_settings()
    message = str(excinfo.value)
    assert "MCP_PORT='99999'" in message
    assert "TRAVEL_TOOLS_DATA_MODE='sometimes'" in message


def test_bad_settings_exit_2_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "travel_mcp_server"],
        env={"PATH": "/usr/bin:/bin", "MCP_PORT": "not-a-port"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "MCP_PORT='not-a-port'" in result.stderr
    assert "Traceback" not in result.stderr
