"""Runtime configuration: every environment variable the planner reads, in one place.

`Settings` is the single source of truth for names, defaults and allowed values; the CLI
validates it at start and turns a bad value into a one-line message naming the variable.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from travel_planner.errors import ConfigurationError
from travel_planner.i18n import Language

_DURATION = re.compile(r"^-?\d+(\.\d+)?(ms|s|m|h)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _http_url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https?://[^\s/]+", value):
        raise ValueError("not an http(s) URL")
    return value.rstrip("/")


def _keep_alive(value: str) -> str:
    value = value.strip()
    if not _DURATION.match(value):
        raise ValueError("not a duration")
    return value


def _currency(value: str) -> str:
    from babel.numbers import list_currencies

    value = value.strip().upper()
    # X-codes are funds, metals and test codes (XXX = "no currency"), never a home currency.
    if not _CURRENCY.match(value) or value.startswith("X") or value not in list_currencies():
        raise ValueError("not a currency code")
    return value


def _log_level(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def _language(value: Any) -> Any:
    from travel_planner.i18n import as_language

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    language = as_language(str(value))
    if language is None:
        raise ValueError("not a supported language")
    return language


def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("empty")
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def _seconds(default: float, most: int, description: str) -> Any:
    """A duration field: more than 0 and at most `most` seconds."""
    return Field(
        default,
        gt=0,
        le=most,
        description=description,
        json_schema_extra={"allowed": f"a number of seconds, more than 0 and at most {most}"},
    )


class Settings(BaseSettings):
    """Planner settings, read from the environment (and a `.env` file if present)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    ollama_host: HttpUrl = Field(
        "http://ollama:11434",
        description="Base URL of the Ollama server.",
        json_schema_extra={"allowed": "an http:// or https:// URL, e.g. http://ollama:11434"},
    )
    ollama_model_id: Annotated[str, AfterValidator(_non_empty)] = Field(
        "phi4-mini",
        description="Ollama model used by every agent (must already be pulled).",
        json_schema_extra={"allowed": "a model name as `ollama list` shows it, e.g. phi4-mini"},
    )
    mcp_server_url: HttpUrl = Field(
        "http://mcp-server:8090/mcp",
        description="Streamable-HTTP endpoint of the travel tools MCP server.",
        json_schema_extra={"allowed": "an http:// or https:// URL ending in /mcp"},
    )
    otel_exporter_otlp_endpoint: HttpUrl = Field(
        "http://aspire-dashboard:18890",
        description="OTLP/HTTP endpoint that receives traces (an unreachable one is ignored).",
        json_schema_extra={
            "allowed": "an http:// or https:// URL, e.g. http://aspire-dashboard:18890"
        },
    )
    otel_service_name: Annotated[str, AfterValidator(_non_empty)] = Field(
        "travel-planner",
        description="Service name on exported traces.",
        json_schema_extra={"allowed": "a non-empty name"},
    )
    ollama_ready_timeout_seconds: float = _seconds(
        60.0,
        # A day: the compose model-ready gate uses this wait for a first pull of a big model.
        86400,
        "How long to wait at start for Ollama to answer and list the model.",
    )
    ollama_num_ctx: int = Field(
        4096,
        ge=1024,
        le=131072,
        description="Context window sent on every call (one value for all calls avoids reloads).",
        json_schema_extra={"allowed": "an integer from 1024 to 131072"},
    )
    ollama_keep_alive: Annotated[str, AfterValidator(_keep_alive)] = Field(
        "30m",
        description="How long Ollama keeps the model loaded after a call (-1 = forever).",
        json_schema_extra={"allowed": "a duration such as 30m, 1h, 600s, 0 or -1"},
    )
    ollama_temperature: float = Field(
        0.3,
        ge=0,
        le=2,
        description="Sampling temperature for the narrative agents.",
        json_schema_extra={"allowed": "a number from 0 to 2"},
    )
    ollama_request_timeout_seconds: float = _seconds(
        300.0,
        3600,
        "Timeout of one model call (CPU inference of a long plan can take minutes).",
    )
    mcp_timeout_seconds: float = _seconds(
        20.0,
        600,
        "Timeout of one MCP tool call.",
    )
    travel_home_currency: Annotated[str, AfterValidator(_currency)] = Field(
        "EUR",
        description="Currency the budget is also shown in, unless the request names one.",
        json_schema_extra={"allowed": "a three-letter ISO 4217 code such as EUR, USD, GBP"},
    )
    log_level: Annotated[LogLevel, BeforeValidator(_log_level)] = Field(
        "WARNING",
        description="Log level on stderr (--verbose forces DEBUG).",
        json_schema_extra={"allowed": "one of DEBUG, INFO, WARNING, ERROR, CRITICAL (any case)"},
    )
    travel_language: Annotated[Language | None, BeforeValidator(_language)] = Field(
        None,
        description="Language of the plan; unset = the language the request is written in.",
        json_schema_extra={"allowed": "one of en, es, fr, de, pt, it (or unset)"},
    )
    ollama_num_parallel: int = Field(
        1,
        ge=1,
        le=64,
        description="Ollama's parallel slots; the web app runs at most this many plans at once.",
        json_schema_extra={"allowed": "an integer from 1 to 64 (the same value as Ollama's)"},
    )
    web_host: Annotated[str, AfterValidator(_non_empty)] = Field(
        "127.0.0.1",
        description="Address `travel-planner serve` listens on.",
        json_schema_extra={"allowed": "an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0"},
    )
    web_port: int = Field(
        8080,
        ge=1,
        le=65535,
        description="Port `travel-planner serve` listens on.",
        json_schema_extra={"allowed": "a port number from 1 to 65535"},
    )
    travel_planner_data_dir: str = Field(
        "~/.local/share/travel-planner",
        description="Folder for the web app's SQLite database (a volume in containers).",
        json_schema_extra={"allowed": "a folder path"},
    )
    database_url: str | None = Field(
        None,
        description="Database of the web app; unset = SQLite in TRAVEL_PLANNER_DATA_DIR.",
        json_schema_extra={
            "allowed": "sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER:PASSWORD@HOST/DB"
        },
    )
    web_auth_token: str | None = Field(
        None,
        description="Bearer token for the web API and page login; unset = no login.",
        json_schema_extra={"allowed": "a secret of at least 16 characters, or unset"},
    )
    web_allow_anonymous: bool = Field(
        False,
        description="Allow a non-loopback web bind without WEB_AUTH_TOKEN.",
        json_schema_extra={"allowed": "true or false"},
    )


def env_name(field: str) -> str:
    """The environment variable that sets `field`."""
    return field.upper()


def _allowed(field: str) -> str:
    info = Settings.model_fields.get(field)
    extra = info.json_schema_extra if info is not None else None
    if isinstance(extra, dict) and isinstance(extra.get("allowed"), str):
        return str(extra["allowed"])
    return "see docs/orchestrator.md"


def load_settings(**overrides: Any) -> Settings:
    """Read and validate the settings; a bad value raises `ConfigurationError` naming it."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            value = error.get("input")
            shown = f"={value!r}" if isinstance(value, str | int | float) else ""
            problems.append(f"{env_name(field)}{shown} is not valid: use {_allowed(field)}.")
        raise ConfigurationError("Invalid configuration: " + " ".join(problems)) from exc
