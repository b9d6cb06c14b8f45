"""Shared fixtures: the bundled datasets are loaded once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from travel_mcp_server.climate_normals import ClimateNormals
from travel_mcp_server.config import DataMode, Settings
from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.currency import RatesSnapshot
from travel_mcp_server.live import LiveClient
from travel_mcp_server.places import PlaceIndex
from travel_mcp_server.server import ToolDependencies

TODAY = date(2026, 11, 29)
FORECAST_URL = "https://forecast.test/v1/forecast"
RATES_URL = "https://rates.test/v1/latest"


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


def deps_for(base: ToolDependencies, mode: DataMode, timeout: float = 0.5) -> ToolDependencies:
    """The shared datasets with another data mode (and a fresh live client)."""
    settings = base.settings.model_copy(update={"data_mode": mode, "live_timeout_seconds": timeout})
    return replace(base, settings=settings, live=LiveClient(mode, timeout))


@pytest.fixture
def offline_deps(base_deps: ToolDependencies) -> Iterator[ToolDependencies]:
    yield base_deps
