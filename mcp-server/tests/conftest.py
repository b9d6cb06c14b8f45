"""Shared fixtures: the bundled datasets are loaded once per test session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tool_cases import FORECAST_URL, RATES_URL, TODAY

from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.config import DataMode, Settings
from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.currency import RatesSnapshot
from travel_mcp_server.live import LiveClient
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.places import PlaceIndex
from travel_mcp_server.server import ToolDependencies
from travel_mcp_server.suggestions import DestinationFinder

# The loopback OTLP receiver (tests/support) is shared with the orchestrator's tests.
REPOSITORY = Path(__file__).resolve().parents[2]
if str(REPOSITORY) not in sys.path:
    sys.path.append(str(REPOSITORY))


@pytest.fixture(scope="session")
def countries() -> CountryDirectory:
    return CountryDirectory.load()


@pytest.fixture(scope="session")
def place_index(countries: CountryDirectory) -> PlaceIndex:
    return PlaceIndex(countries)


@pytest.fixture(scope="session")
def places(countries: CountryDirectory, place_index: PlaceIndex) -> PlaceLookup:
    return PlaceLookup(countries, place_index)


@pytest.fixture(scope="session")
def rates() -> RatesSnapshot:
    return RatesSnapshot()


@pytest.fixture(scope="session")
def normals() -> ClimateNormals:
    return ClimateNormals.load()


@pytest.fixture(scope="session")
def destinations(
    normals: ClimateNormals, place_index: PlaceIndex, places: PlaceLookup
) -> DestinationFinder:
    return DestinationFinder(normals, place_index, places)


@pytest.fixture(scope="session")
def base_deps(
    countries: CountryDirectory,
    places: PlaceLookup,
    rates: RatesSnapshot,
    normals: ClimateNormals,
    destinations: DestinationFinder,
) -> ToolDependencies:
    settings = Settings(
        TRAVEL_TOOLS_DATA_MODE="offline",
        TRAVEL_TOOLS_FORECAST_URL=FORECAST_URL,
        TRAVEL_TOOLS_RATES_URL=RATES_URL,
        TRAVEL_TOOLS_ENABLE_ECHO=True,
    )
    return ToolDependencies(
        settings=settings,
        countries=countries,
        places=places,
        rates=rates,
        normals=normals,
        live=LiveClient(DataMode.OFFLINE, 3.0),
        destinations=destinations,
        today=lambda: TODAY,
    )


@pytest.fixture
def offline_deps(base_deps: ToolDependencies) -> Iterator[ToolDependencies]:
    yield base_deps
