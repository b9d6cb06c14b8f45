"""Shared fixtures: the bundled datasets are loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tool_cases import FORECAST_URL, RATES_URL, TODAY

from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.config import DataMode, Settings
from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.currency import RatesSnapshot
from travel_mcp_server.live import LiveClient
from travel_mcp_server.places import PlaceIndex
from travel_mcp_server.server import ToolDependencies


@pytest.fixture(scope="session")
def countries() -> CountryDirectory:
    return CountryDirectory.load()


@pytest.fixture(scope="session")
def places(countries: CountryDirectory) -> PlaceIndex:
    return PlaceIndex(countries)


@pytest.fixture(scope="session")
def rates() -> RatesSnapshot:
    return RatesSnapshot()


@pytest.fixture(scope="session")
def normals() -> ClimateNormals:
    return ClimateNormals.load()


@pytest.fixture(scope="session")
def base_deps(
    countries: CountryDirectory, places: PlaceIndex, rates: RatesSnapshot, normals: ClimateNormals
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
        today=lambda: TODAY,
    )


@pytest.fixture
def offline_deps(base_deps: ToolDependencies) -> Iterator[ToolDependencies]:
    yield base_deps
