"""How the travel tools' resolve_place answer becomes the trip's place: whole-name matches
only, every field of the best place, the comparable places named as alternatives, a region or
country read as its base city, and answers that are not a place."""

from __future__ import annotations

from typing import Any

import pytest

from travel_planner.understanding.places import Place, _accepted, _spoken_first

pytestmark = pytest.mark.unit

CORDOBA_AR = {
    "name": "Córdoba",
    "ascii_name": "Cordoba",
    "country_code": "AR",
    "country": "Argentina",
    "admin1": "Cordoba",
    "latitude": -31.4135,
    "longitude": -64.18105,
    "timezone": "America/Argentina/Cordoba",
    "population": 1428214,
    "geonameid": 3860259,
}
CORDOBA_ES = {
    **CORDOBA_AR,
    "country_code": "ES",
    "country": "Spain",
    "admin1": "Andalusia",
    "geonameid": 2519240,
    "match": "exact",
}
CORDOBA_MX = {**CORDOBA_ES, "country_code": "MX", "admin1": "Veracruz", "geonameid": 3530240}
CORDOBA_CO = {**CORDOBA_ES, "name": "Córdoba", "country_code": "CO", "admin1": "07", "geonameid": 1}


def answer(**fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "query": "Córdoba",
        "best": CORDOBA_AR,
        "candidates": [{**CORDOBA_AR, "match": "exact"}],
        "ambiguous": False,
        "match": "exact",
        "area": None,
        "source": "GeoNames",
    }
    result.update(fields)
    return result


def test_every_field_of_the_best_place() -> None:
    assert _accepted("Córdoba", answer()) == Place(
        written="Córdoba",
        name="Córdoba",
        country_code="AR",
        country="Argentina",
        region="Cordoba",
        latitude=-31.4135,
        longitude=-64.18105,
        timezone="America/Argentina/Cordoba",
        geonameid=3860259,
        area=None,
        alternatives=(),
        source="GeoNames",
    )


def test_an_ambiguous_name_keeps_three_alternatives_without_codes_for_regions() -> None:
    place = _accepted(
        "Córdoba",
        answer(
            ambiguous=True,
            candidates=[
                {**CORDOBA_AR, "match": "exact"},
                CORDOBA_ES,
                CORDOBA_MX,
                CORDOBA_CO,
                CORDOBA_CO,
            ],
        ),
    )
    assert place is not None
    assert place.alternatives == (
        ("Córdoba", "Andalusia", "ES"),
        ("Córdoba", "Veracruz", "MX"),
        ("Córdoba", None, "CO"),
    )


def test_a_name_that_is_not_ambiguous_names_no_alternatives() -> None:
    place = _accepted("Córdoba", answer(candidates=[{**CORDOBA_AR, "match": "exact"}, CORDOBA_ES]))
    assert place is not None and place.alternatives == ()


@pytest.mark.parametrize("match", ["alternate", "area"])
def test_a_city_that_has_the_name_as_its_own_is_named_when_another_was_chosen(match: str) -> None:
    place = _accepted(
        "Córdoba", answer(match=match, candidates=[{**CORDOBA_AR, "match": match}, CORDOBA_ES])
    )
    assert place is not None
    assert place.alternatives == (("Córdoba", "Andalusia", "ES"),)


def test_another_alternate_name_is_not_named() -> None:
    alternate = {**CORDOBA_ES, "match": "alternate"}
    place = _accepted(
        "Córdoba",
        answer(match="alternate", candidates=[CORDOBA_ES | {"match": "alternate"}, alternate]),
    )
    assert place is not None and place.alternatives == ()


def test_an_area_that_is_not_a_record_is_no_area() -> None:
    place = _accepted("Córdoba", answer(area="Tuscany"))
    assert place is not None and (place.area, place.region) == (None, "Cordoba")


def test_an_exact_match_is_not_contested() -> None:
    place = _accepted("Córdoba", answer(candidates=[{**CORDOBA_AR, "match": "exact"}, CORDOBA_ES]))
    assert place is not None and place.alternatives == ()


@pytest.mark.parametrize(
    ("written", "kind", "city", "admin1", "code", "region"),
    [
        # A region is the region of its base city; a country names the city's own region.
        ("Tuscany", "region", "Florence", "16", "IT", "Tuscany"),
        ("Portugal", "country", "Lisbon", "Lisbon District", "PT", "Lisbon District"),
    ],
)
def test_an_area_is_read_as_its_base_city(
    written: str, kind: str, city: str, admin1: str, code: str, region: str
) -> None:
    area = {"name": written, "kind": kind, "base_city": city, "reason": "capital"}
    best = {**CORDOBA_AR, "name": city, "admin1": admin1, "country_code": code}
    place = _accepted(written, answer(best=best, match="area", area=area, candidates=[]))
    assert place is not None
    assert (place.name, place.region, place.area) == (city, region, area)


@pytest.mark.parametrize(
    ("best", "region"),
    [({"admin1": "07"}, None), ({"admin1": "ESYE31"}, None), ({"admin1": None}, None),
     ({"admin1": "Île-de-France"}, "Île-de-France")],
)  # fmt: skip
def test_a_region_code_names_no_region(best: dict[str, Any], region: str | None) -> None:
    place = _accepted("Córdoba", answer(best={**CORDOBA_AR, **best}))
    assert place is not None and place.region == region


def test_missing_fields_are_left_empty() -> None:
    bare = {"name": "Córdoba", "latitude": True, "longitude": "x", "geonameid": "3860259"}
    place = _accepted("Córdoba", answer(best=bare, source=None))
    empty = dict.fromkeys(("region", "latitude", "longitude", "timezone", "geonameid", "source"))
    assert place == Place(written="Córdoba", name="Córdoba", country_code="", country="", **empty)


def test_the_country_code_names_the_country_when_the_name_is_missing() -> None:
    place = _accepted("Córdoba", answer(best={**CORDOBA_AR, "country": None}))
    assert place is not None and place.country == "AR"


@pytest.mark.parametrize(
    "result",
    [
        answer(match="prefix"),
        answer(best=None),
        answer(best={**CORDOBA_AR, "common_word": True}),
        answer(match=None, best={**CORDOBA_AR, "name": "Córdoba Capital", "ascii_name": ""}),
    ],
)
def test_answers_that_are_not_the_place_written(result: dict[str, Any]) -> None:
    assert _accepted("Córdoba", result) is None


@pytest.mark.parametrize(
    ("query", "best", "accepted"),
    [
        ("Córdoba", {"name": "Córdoba"}, True),
        ("cordoba, Argentina", {"name": "Córdoba"}, True),
        ("Córd", {"name": "Córdoba Capital"}, False),
        ("Córd, Argentina", {"name": "Córdoba"}, False),
        ("Koben", {"name": "København", "ascii_name": "Kobenhavn"}, False),
        ("XX", {"name": "Córdoba", "ascii_name": None}, True),  # no ASCII name is no prefix
    ],
)
def test_an_answer_without_match_kinds_is_a_whole_name(
    query: str, best: dict[str, Any], accepted: bool
) -> None:
    place = _accepted(query, answer(match=None, best={**CORDOBA_AR, "ascii_name": "", **best}))
    assert (place is not None) is accepted


def spoken(result: dict[str, Any], language: str) -> tuple[str, Any]:
    got = _spoken_first(result, language)
    return got["best"]["country_code"], got["match"]


TOLEDO_US = {**CORDOBA_AR, "name": "Toledo", "country_code": "US", "geonameid": 5174035}
TOLEDO_ES = {**TOLEDO_US, "country_code": "ES", "geonameid": 2510409, "match": "exact"}
TOLEDO_MX = {**TOLEDO_US, "country_code": "MX", "geonameid": 7, "match": "exact"}


def toledo(*candidates: dict[str, Any], match: str = "exact") -> dict[str, Any]:
    return answer(
        best=TOLEDO_US, match=match, candidates=[{**TOLEDO_US, "match": "exact"}, *candidates]
    )


@pytest.mark.parametrize(
    ("result", "language", "best"),
    [
        (toledo(TOLEDO_ES), "es", ("ES", "exact")),
        (toledo(TOLEDO_MX), "es", ("MX", "exact")),  # spoken there, if not by law
        (toledo(TOLEDO_ES), "fr", ("US", "exact")),
        (toledo({**TOLEDO_ES, "match": "alternate"}), "es", ("US", "exact")),
        (toledo({**TOLEDO_ES, "country_code": None}), "es", ("US", "exact")),
        (toledo(TOLEDO_ES, match="qualified"), "es", ("US", "qualified")),
    ],
)
def test_a_place_where_the_language_is_spoken_comes_first(
    result: dict[str, Any], language: str, best: tuple[str, Any]
) -> None:
    assert spoken(result, language) == best


def test_the_best_place_already_spoken_there_is_kept_as_it_is() -> None:
    result = answer(best=TOLEDO_ES | {"match": None}, candidates=[TOLEDO_ES])
    assert _spoken_first(result, "es") == result


def test_an_alternative_without_a_name_or_country_is_left_empty() -> None:
    place = _accepted("Córdoba", answer(ambiguous=True, candidates=[{"geonameid": 9}]))
    assert place is not None and place.alternatives == (("", None, ""),)
