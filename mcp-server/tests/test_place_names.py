"""Place names in many languages and scripts, qualifiers, areas, and words that are no place."""

from __future__ import annotations

from collections import Counter

import pytest
from place_names import NAMES

from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.place_lookup import PlaceLookup

pytestmark = pytest.mark.unit


def test_the_labelled_list_is_broad() -> None:
    assert len(NAMES) >= 100
    assert len(Counter(lang for _, lang, _ in NAMES)) >= 6


def test_every_labelled_name_resolves_to_its_country(places: PlaceLookup) -> None:
    wrong = []
    for name, language, country in NAMES:
        try:
            best = places.lookup(name).best.country_code
        except ToolInputError as exc:
            best = f"error: {exc}"
        if best != country:
            wrong.append((name, language, country, best))
    assert wrong == []


@pytest.mark.parametrize(
    ("name", "kind", "base", "country"),
    [
        ("Japón", "country", "Tokyo", "JP"),
        ("日本", "country", "Tokyo", "JP"),
        ("Australia", "country", "Sydney", "AU"),
        ("Patagonia", "region", "San Carlos de Bariloche", "AR"),
        ("Toscana", "region", "Florence", "IT"),
        ("Algarve", "region", "Faro", "PT"),
    ],
)
def test_countries_and_regions_give_a_stated_base_city(
    places: PlaceLookup, name: str, kind: str, base: str, country: str
) -> None:
    result = places.lookup(name)
    assert result.match == "area"
    assert result.area is not None
    assert (result.area.kind, result.area.base_city) == (kind, base)
    assert result.best.name == base and result.best.country_code == country
    assert base in result.area.reason and result.note == result.area.reason


def test_a_city_named_like_its_country_is_the_city(places: PlaceLookup) -> None:
    result = places.lookup("Luxembourg")
    assert (result.match, result.area, result.best.country_code) == ("exact", None, "LU")


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Paris, Texas", "Texas"), ("Paris, TX", "Texas"), ("Portland, Maine", "Maine")],
)
def test_us_state_qualifiers(places: PlaceLookup, name: str, admin1: str) -> None:
    result = places.lookup(name)
    assert (result.best.country_code, result.best.admin1) == ("US", admin1)
    assert result.match == "qualified"


def test_unknown_qualifier_is_an_error_not_ignored(places: PlaceLookup) -> None:
    with pytest.raises(ToolInputError, match="Unknown qualifier 'Narnia'"):
        places.lookup("London, Narnia")
    with pytest.raises(ToolInputError, match="Unknown qualifier 'FR'"):
        places.lookup("Paris, FR")  # two letters are never a country code inside a name


@pytest.mark.parametrize("word", ["Je", "Is", "LA", "x"])
def test_names_under_three_letters_are_refused(places: PlaceLookup, word: str) -> None:
    with pytest.raises(ToolInputError, match="too short to be a place name"):
        places.lookup(word)


@pytest.mark.parametrize(("word", "meant"), [("Tell", "SY"), ("Hola", "KE"), ("The", "BR")])
def test_everyday_words_are_never_the_best_match(
    places: PlaceLookup, word: str, meant: str
) -> None:
    with pytest.raises(ToolInputError, match=f"everyday word.*country='{meant}'"):
        places.lookup(word)
    # With the country, the caller means the place.
    result = places.lookup(word, country=meant)
    assert result.best.country_code == meant
    assert result.candidates[0].common_word is True


@pytest.mark.parametrize(("name", "country"), [("Nice", "FR"), ("Split", "HR"), ("Rom", "IT")])
def test_common_words_that_name_big_cities_still_resolve(
    places: PlaceLookup, name: str, country: str
) -> None:
    assert places.lookup(name).best.country_code == country


def test_two_letter_names_are_never_country_codes(places: PlaceLookup) -> None:
    with pytest.raises(ToolInputError):
        places.lookup("JE")
    assert places.lookup("Jersey").best.country_code == "JE"  # the country, by name


def test_other_tools_accept_areas_and_foreign_names(places: PlaceLookup) -> None:
    assert places.resolve("Toscana").name == "Florence"
    assert places.resolve("Lisboa").country_code == "PT"
    with pytest.raises(ToolInputError, match="everyday word"):
        places.resolve("Hola")
