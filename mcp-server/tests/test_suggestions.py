"""suggest_destinations: climate-normals stations ranked for a month, band, rain and region."""

from __future__ import annotations

from typing import Any

import pytest

from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.suggestions import DestinationFinder

pytestmark = pytest.mark.unit


def test_warm_in_march_gives_three_countries_with_figures(destinations: DestinationFinder) -> None:
    result = destinations.suggest(month=3, min_temp_c=22)
    assert result.month == 3 and len(result.suggestions) == 3
    assert len({s.place.country_code for s in result.suggestions}) == 3
    for suggestion in result.suggestions:
        assert suggestion.temp_max_c is not None and suggestion.temp_max_c >= 22
        assert suggestion.station and suggestion.why.startswith("In March:")
        assert f"{suggestion.temp_max_c:.0f} °C" in suggestion.why
    assert "World Weather Information Service" in result.source


def test_band_rain_and_region_are_all_honoured(destinations: DestinationFinder) -> None:
    result = destinations.suggest(
        month=7, min_temp_c=20, max_temp_c=26, max_rain_days=8, region="Europa", limit=5
    )
    assert result.suggestions
    for suggestion in result.suggestions:
        assert 20 <= (suggestion.temp_max_c or 0) <= 26
        assert suggestion.rain_days is not None and suggestion.rain_days <= 8
        assert suggestion.place.country_code in {
            "PT",
            "GB",
            "FR",
            "ES",
            "IT",
            "DE",
            "IE",
            "NL",
            "BE",
            "CH",
            "AT",
            "PL",
            "CZ",
            "HU",
            "DK",
            "SE",
            "NO",
            "FI",
            "IS",
            "GR",
            "HR",
            "RO",
            "BG",
            "RS",
            "SK",
            "SI",
            "LT",
            "LV",
            "EE",
            "UA",
            "BY",
            "RU",
            "MT",
            "CY",
            "LU",
            "MK",
            "AL",
            "BA",
            "ME",
            "MD",
        }


def test_ranking_prefers_the_middle_of_the_band(destinations: DestinationFinder) -> None:
    highs = [s.temp_max_c for s in destinations.suggest(7, 18, 22, limit=5).suggestions]
    assert highs and all(h is not None and abs(h - 20) <= 2 for h in highs)


def test_a_country_in_any_language(destinations: DestinationFinder) -> None:
    result = destinations.suggest(month=12, region="Japón", limit=3)
    assert {s.place.country_code for s in result.suggestions} == {"JP"}


def test_nothing_fits_is_an_answer_not_an_error(destinations: DestinationFinder) -> None:
    result = destinations.suggest(month=1, min_temp_c=45)
    assert result.suggestions == [] and "widen the temperature band" in (result.note or "")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"month": 0}, "1-12"),
        ({"month": 5, "min_temp_c": 30, "max_temp_c": 20}, "swap them"),
        ({"month": 5, "max_rain_days": 40}, "0-31"),
        ({"month": 5, "limit": 11}, "between 1 and 10"),
        ({"month": 5, "region": "Atlantis"}, "Unknown region"),
    ],
)
def test_bad_criteria_say_what_to_fix(
    destinations: DestinationFinder, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ToolInputError, match=message):
        destinations.suggest(**kwargs)
