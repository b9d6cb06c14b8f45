"""The bundled climate-normals dataset: real, attributed, and broad enough to be useful."""

from __future__ import annotations

import pytest

from travel_mcp_server.climate_normals import ClimateNormals

pytestmark = pytest.mark.unit

# Country codes of the stations by continent, to check worldwide coverage.
CONTINENT_SAMPLES = {
    "Africa": {"DZ", "ET", "MG", "SD", "TZ", "GM"},
    "Asia": {"CN", "IN", "JP", "LK", "MM", "SA"},
    "Europe": {"DE", "FR", "GB", "IT", "ES", "PL"},
    "North America": {"US", "PA", "JM"},
    "South America": {"AR", "BR", "PE"},
    "Oceania": {"AU", "NZ", "PG", "WS"},
}


def test_at_least_150_stations_with_provenance(normals: ClimateNormals) -> None:
    assert len(normals.stations) >= 150
    assert "World Meteorological Organization" in normals.source["name"]
    assert normals.source["licence"]
    ids = [s.record["wwis_city_id"] for s in normals.stations]
    assert len(ids) == len(set(ids))


def test_every_continent_is_covered(normals: ClimateNormals) -> None:
    present = {s.record["country_code"] for s in normals.stations}
    for continent, codes in CONTINENT_SAMPLES.items():
        assert present & codes, continent


def test_station_records_are_complete_and_plausible(normals: ClimateNormals) -> None:
    for station in normals.stations:
        record = station.record
        if record["wwis_city_id"] is not None:
            assert record["source_url"].endswith(f"cityId={record['wwis_city_id']}")
        assert len(record["months"]) == 12
        for number, month in enumerate(record["months"], start=1):
            assert month["month"] == number
            assert -40 < month["temp_min_c"] <= month["temp_max_c"] < 50
            if month["precipitation_mm"] is not None:
                assert 0 <= month["precipitation_mm"] < 2000
            if month["rain_days"] is not None:
                assert 0 <= month["rain_days"] <= 31
