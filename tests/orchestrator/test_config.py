"""Configuration is validated at start; a bad value names the variable and what is allowed."""

import pytest

from tests.orchestrator.conftest import PLANNER_VARS
from travel_planner.config import Settings, env_name, load_settings
from travel_planner.errors import ConfigurationError

pytestmark = pytest.mark.unit

# The documented contract: every variable the planner reads.
ALL_VARS = set(PLANNER_VARS)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in ALL_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_match_the_contract() -> None:
    settings = load_settings()
    assert settings.ollama_host == "http://ollama:11434"
    assert settings.ollama_model_id == "phi4-mini"
    assert settings.mcp_server_url == "http://mcp-server:8090/mcp"
    assert settings.otel_exporter_otlp_endpoint == "http://aspire-dashboard:18890"
    assert settings.otel_service_name == "travel-planner"


def test_every_variable_has_a_meaning_and_the_values_it_accepts() -> None:
    fields = Settings.model_fields
    assert {env_name(name) for name in fields} == ALL_VARS
    for info in fields.values():
        assert info.description
        assert isinstance(info.json_schema_extra, dict) and info.json_schema_extra["allowed"]


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_HOST", "http://127.0.0.1:1234/")
    monkeypatch.setenv("OLLAMA_NUM_CTX", "8192")
    monkeypatch.setenv("TRAVEL_HOME_CURRENCY", "usd")
    settings = load_settings()
    assert settings.ollama_host == "http://127.0.0.1:1234"
    assert settings.ollama_num_ctx == 8192
    assert settings.travel_home_currency == "USD"


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("OLLAMA_HOST", "ollama:11434", "http"),
        ("MCP_SERVER_URL", "not a url", "http"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "grpc://x", "http"),
        ("OLLAMA_MODEL_ID", "  ", "model name"),
        ("OLLAMA_READY_TIMEOUT_SECONDS", "-1", "seconds"),
        ("OLLAMA_NUM_CTX", "lots", "integer"),
        ("OLLAMA_NUM_CTX", "100", "1024"),
        ("OLLAMA_KEEP_ALIVE", "forever", "duration"),
        ("OLLAMA_TEMPERATURE", "5", "0 to 2"),
        ("OLLAMA_REQUEST_TIMEOUT_SECONDS", "0", "seconds"),
        ("MCP_TIMEOUT_SECONDS", "abc", "seconds"),
        ("TRAVEL_HOME_CURRENCY", "euro", "ISO 4217"),
        ("LOG_LEVEL", "LOUD", "DEBUG"),
        ("OTEL_SERVICE_NAME", "", "non-empty"),
    ],
)
def test_bad_value_names_the_variable_and_what_is_allowed(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, allowed: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError) as info:
        load_settings()
    message = str(info.value)
    assert variable in message
    assert allowed in message
    assert info.value.exit_code == 2


def test_settings_is_the_single_list_of_knobs() -> None:
    assert {name.upper() for name in Settings.model_fields} == ALL_VARS
