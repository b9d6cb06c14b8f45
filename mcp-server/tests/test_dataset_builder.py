"""The dataset rebuild script's parsing, on documents shaped like the live sources' answers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytestmark = pytest.mark.unit

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_climate_normals.py"


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_climate_normals", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wwis_document(**overrides: Any) -> dict[str, Any]:
    months = [
        {"month": m, "maxTemp": str(10 + m), "minTemp": str(m), "rainfall": "50.5", "raindays": "9"}
        for m in range(1, 13)
    ]
    city = {
        "cityId": 194,
        "cityName": "Paris",
        "cityLatitude": "48.821667",
        "cityLongitude": "2.337778",
        "member": {"memName": "France"},
        "climate": {"datab": "1971", "datae": "2000", "climateMonth": months},
    }
    city.update(overrides)
    return {"city": city}


def test_wwis_document_becomes_a_station(builder: ModuleType) -> None:
    station = builder.station_from_wwis(wwis_document())
    assert station["wwis_city_id"] == 194
    assert station["country_code"] == "FR"
    assert station["period"] == "1971-2000"
    assert station["months"][0] == {
        "month": 1,
        "temp_max_c": 11.0,
        "temp_min_c": 1.0,
        "precipitation_mm": 50.5,
        "rain_days": 9.0,
    }
    assert station["source_url"].endswith("cityId=194")


def test_incomplete_wwis_table_is_rejected_not_filled(builder: ModuleType) -> None:
    document = wwis_document()
    document["city"]["climate"]["climateMonth"] = document["city"]["climate"]["climateMonth"][:11]
    with pytest.raises(ValueError, match="no complete monthly climate table"):
        builder.station_from_wwis(document)
    document = wwis_document()
    document["city"]["climate"]["climateMonth"][3]["maxTemp"] = ""
    with pytest.raises(ValueError, match="lacks max/min"):
        builder.station_from_wwis(document)


def test_archive_series_are_averaged_into_monthly_normals(builder: ModuleType) -> None:
    days = ["2001-01-01", "2001-01-02", "2002-01-01", "2002-01-02"]
    months = [(m, f"2001-{m:02d}-15") for m in range(2, 13)]
    payload = {
        "daily": {
            "time": days + [d for _, d in months],
            "temperature_2m_max": [4.0, 6.0, 8.0, 10.0] + [20.0] * 11,
            "temperature_2m_min": [0.0, 2.0, -2.0, 0.0] + [10.0] * 11,
            "precipitation_sum": [3.0, 0.2, 5.0, 5.0] + [0.0] * 11,
        }
    }
    station = builder.station_from_archive(payload, "Munich", "de", 48.137, 11.575)
    january = station["months"][0]
    assert (january["temp_max_c"], january["temp_min_c"]) == (7.0, 0.0)
    assert january["precipitation_mm"] == pytest.approx((3.2 + 10.0) / 2, abs=0.05)
    assert january["rain_days"] == 1.5  # 1 wet day in 2001, 2 in 2002
    assert station["country_code"] == "DE"
    assert "ERA5" in station["period"] and "Open-Meteo" in station["source"]
