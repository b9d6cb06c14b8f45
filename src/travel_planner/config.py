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
Name = Annotated[str, AfterValidator(_non_empty)]

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def _setting(default: Any, description: str, allowed: str, **constraints: Any) -> Any:
    """A settings field; `allowed` says which values it takes, in the error for a bad one."""
    return Field(
        default, description=description, json_schema_extra={"allowed": allowed}, **constraints
    )


def _url(default: str, description: str, allowed: str = "") -> Any:
    """An http(s) URL field; by default its allowed values are shown with the default."""
    return _setting(default, description, allowed or f"an http:// or https:// URL, e.g. {default}")


def _seconds(default: float, most: int, description: str) -> Any:
    """A duration field: more than 0 and at most `most` seconds."""
    allowed = f"a number of seconds, more than 0 and at most {most}"
    return _setting(default, description, allowed, gt=0, le=most)


def _between(default: float, least: float, most: float, description: str, allowed: str = "") -> Any:
    """A number field from `least` to `most`."""
    kind = "an integer" if isinstance(default, int) else "a number"
    allowed = allowed or f"{kind} from {least} to {most}"
    return _setting(default, description, allowed, ge=least, le=most)


class Settings(BaseSettings):
    """Planner settings, read from the environment (and a `.env` file if present)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    ollama_host: HttpUrl = _url("http://ollama:11434", "Base URL of the Ollama server.")
    ollama_model_id: Name = _setting(
        "phi4-mini",
        "Ollama model used by every agent (must already be pulled).",
        "a model name as `ollama list` shows it, e.g. phi4-mini",
    )
    mcp_server_url: HttpUrl = _url(
        "http://mcp-server:8090/mcp",
        "Streamable-HTTP endpoint of the travel tools MCP server.",
        "an http:// or https:// URL ending in /mcp",
    )
    otel_exporter_otlp_endpoint: HttpUrl = _url(
        "http://aspire-dashboard:18890",
        "OTLP/HTTP endpoint that receives traces (an unreachable one is ignored).",
    )
    otel_service_name: Name = _setting(
        "travel-planner", "Service name on exported traces.", "a non-empty name"
    )
    ollama_ready_timeout_seconds: float = _seconds(
        60.0,
        # A day: the compose model-ready gate uses this wait for a first pull of a big model.
        86400,
        "How long to wait at start for Ollama to answer and list the model.",
    )
    ollama_num_ctx: int = _between(
        4096,
        1024,
        131072,
        "Context window sent on every call (one value for all calls avoids reloads).",
    )
    ollama_keep_alive: Annotated[str, AfterValidator(_keep_alive)] = _setting(
        "30m",
        "How long Ollama keeps the model loaded after a call (-1 = forever).",
        "a duration such as 30m, 1h, 600s, 0 or -1",
    )
    ollama_temperature: float = _between(
        0.3, 0, 2, "Sampling temperature for the narrative agents."
    )
    ollama_request_timeout_seconds: float = _seconds(
        300.0, 3600, "Timeout of one model call (CPU inference of a long plan can take minutes)."
    )
    mcp_timeout_seconds: float = _seconds(20.0, 600, "Timeout of one MCP tool call.")
    travel_home_currency: Annotated[str, AfterValidator(_currency)] = _setting(
        "EUR",
        "Currency the budget is also shown in, unless the request names one.",
        "a three-letter ISO 4217 code such as EUR, USD, GBP",
    )
    log_level: Annotated[LogLevel, BeforeValidator(_log_level)] = _setting(
        "WARNING",
        "Log level on stderr (--verbose forces DEBUG).",
        "one of DEBUG, INFO, WARNING, ERROR, CRITICAL (any case)",
    )
    travel_language: Annotated[Language | None, BeforeValidator(_language)] = _setting(
        None,
        "Language of the plan; unset = the language the request is written in.",
        "one of en, es, fr, de, pt, it (or unset)",
    )
    ollama_num_parallel: int = _between(
        1,
        1,
        64,
        "Ollama's parallel slots; the web app runs at most this many plans at once.",
        "an integer from 1 to 64 (the same value as Ollama's)",
    )
    web_host: Name = _setting(
        "127.0.0.1",
        "Address `travel-planner serve` listens on.",
        "an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0",
    )
    web_port: int = _between(
        8080, 1, 65535, "Port `travel-planner serve` listens on.", "a port number from 1 to 65535"
    )
    travel_planner_data_dir: str = _setting(
        "~/.local/share/travel-planner",
        "Folder for the web app's SQLite database (a volume in containers).",
        "a folder path",
    )
    database_url: str | None = _setting(
        None,
        "Database of the web app; unset = SQLite in TRAVEL_PLANNER_DATA_DIR.",
        "sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER:PASSWORD@HOST/DB",
    )
    web_auth_token: str | None = _setting(
        None,
        "Bearer token for the web API and page login; unset = no login.",
        "a secret of at least 16 characters, or unset",
    )
    web_allow_anonymous: bool = _setting(
        False, "Allow a non-loopback web bind without WEB_AUTH_TOKEN.", "true or false"
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
