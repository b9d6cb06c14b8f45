"""Settings for the travel tools server, read from the environment (one place for every knob)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class DataMode(StrEnum):
    """Where live-capable tools get their data."""

    OFFLINE = "offline"
    ONLINE = "online"
    AUTO = "auto"


class Settings(BaseSettings):
    """Server configuration. Every field maps to one environment variable."""

    model_config = SettingsConfigDict(extra="ignore", case_sensitive=False)

    host: str = Field(default="0.0.0.0", validation_alias="MCP_HOST", min_length=1)
    port: int = Field(default=8090, validation_alias="MCP_PORT", ge=1, le=65535)
    data_mode: DataMode = Field(default=DataMode.AUTO, validation_alias="TRAVEL_TOOLS_DATA_MODE")
    live_timeout_seconds: float = Field(
        default=3.0, validation_alias="TRAVEL_TOOLS_LIVE_TIMEOUT_SECONDS", gt=0, le=60
    )
    enable_echo: bool = Field(default=False, validation_alias="TRAVEL_TOOLS_ENABLE_ECHO")
    forecast_url: str = Field(
        default="https://api.open-meteo.com/v1/forecast",
        validation_alias="TRAVEL_TOOLS_FORECAST_URL",
    )
    rates_url: str = Field(
        default="https://api.frankfurter.dev/v1/latest",
        validation_alias="TRAVEL_TOOLS_RATES_URL",
    )
    # The collector's base URL (traces go to its /v1/traces) or, taking precedence, the full
    # URL of its traces endpoint, as OpenTelemetry defines the two variables.
    otlp_endpoint: str | None = Field(default=None, validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT")
    otlp_traces_endpoint: str | None = Field(
        default=None, validation_alias="OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
    )
    service_name: str = Field(default="travel-mcp-server", validation_alias="OTEL_SERVICE_NAME")
    log_level: str = Field(default="INFO", validation_alias="LOG_LEVEL")

    @field_validator("data_mode", mode="before")
    @classmethod
    def _normalise_mode(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("otlp_endpoint", "otlp_traces_endpoint")
    @classmethod
    def _blank_endpoint_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @property
    def traces_url(self) -> str | None:
        """Where spans are sent; None: no export."""
        if self.otlp_traces_endpoint:
            return self.otlp_traces_endpoint
        if self.otlp_endpoint:
            return self.otlp_endpoint.rstrip("/") + "/v1/traces"
        return None


class ConfigError(Exception):
    """Raised with a one-line, user-facing description of bad configuration."""


_ENV_NAMES = {
    "host": "MCP_HOST",
    "port": "MCP_PORT",
    "data_mode": "TRAVEL_TOOLS_DATA_MODE",
    "live_timeout_seconds": "TRAVEL_TOOLS_LIVE_TIMEOUT_SECONDS",
    "enable_echo": "TRAVEL_TOOLS_ENABLE_ECHO",
    "forecast_url": "TRAVEL_TOOLS_FORECAST_URL",
    "rates_url": "TRAVEL_TOOLS_RATES_URL",
    "otlp_endpoint": "OTEL_EXPORTER_OTLP_ENDPOINT",
    "otlp_traces_endpoint": "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "service_name": "OTEL_SERVICE_NAME",
    "log_level": "LOG_LEVEL",
}


def load_settings() -> Settings:
    """Read settings from the environment, turning validation errors into a short message."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            env = _ENV_NAMES.get(field, field)
            problems.append(f"{env}={error.get('input')!r}: {error['msg']}")
        raise ConfigError("invalid configuration: " + "; ".join(problems)) from None
