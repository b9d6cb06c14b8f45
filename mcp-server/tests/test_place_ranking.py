"""Through the MCP client: which city a contested name means, when a name is ambiguous, and
which capitalised everyday words are read as the city of that own name."""

from __future__ import annotations

from typing import Any

import pytest
from fastmcp import Client

from travel_mcp_server.server import ToolDependencies, build_server

pytestmark = pytest.mark.unit


async def resolve_all(deps: ToolDependencies, names: list[str]) -> dict[str, Any]:
    """name -> the structured answer, or the error text when the tool refused."""
    answers: dict[str, Any] = {}
    async with Client(build_server(deps)) as client:
        for name in names:
            result = await client.call_tool("resolve_place", {"name": name}, raise_on_error=False)
            answers[name] = result.content[0].text if result.is_error else result.structured_content
    return answers


def where(answer: Any) -> tuple[str, str, str]:
    assert isinstance(answer, dict), answer
    return answer["best"]["name"], answer["best"]["country_code"], answer["match"]


async def test_a_city_s_own_name_beats_another_city_s_alternate_name(
    base_deps: ToolDependencies,
) -> None:
    answers = await resolve_all(base_deps, ["Cancún", "Cancun", "Florencia", "Pekín"])
    # GeoNames lists "Cancun" among Changchun's names; Changchun is bigger, not better known.
    assert where(answers["Cancún"]) == ("Cancún", "MX", "exact")
    assert where(answers["Cancun"]) == ("Cancún", "MX", "exact")
    assert answers["Cancún"]["ambiguous"] is False
    # A world-known city's foreign name still beats a small town's own name.
    assert where(answers["Florencia"]) == ("Florence", "IT", "alternate")
    assert where(answers["Pekín"]) == ("Beijing", "CN", "alternate")


async def test_a_big_city_s_own_name_beats_a_country_s_foreign_name(
    base_deps: ToolDependencies,
) -> None:
    answers = await resolve_all(
        base_deps, ["Granada", "Salvador", "Grenada", "El Salvador", "Armenia", "Luxembourg"]
    )
    assert where(answers["Granada"]) == ("Granada", "ES", "exact")
    assert answers["Granada"]["area"] is None
    assert where(answers["Salvador"]) == ("Salvador", "BR", "exact")
    assert answers["Salvador"]["area"] is None
    # The countries' own names still name them; a city smaller than the country's base
    # city gives way to the country.
    assert where(answers["Grenada"])[1:] == ("GD", "area")
    assert where(answers["El Salvador"])[1:] == ("SV", "area")
    assert where(answers["Armenia"]) == ("Yerevan", "AM", "area")
    assert where(answers["Luxembourg"]) == ("Luxembourg", "LU", "exact")


async def test_capitalised_own_names_of_known_cities_are_places_not_words(
    base_deps: ToolDependencies,
) -> None:
    names = ["Venezia", "Faro", "Versailles", "Nice", "Split", "tell", "hola", "mar", "faro"]
    answers = await resolve_all(base_deps, names)
    assert where(answers["Venezia"])[:2] == ("Venice", "IT")
    assert where(answers["Faro"]) == ("Faro", "PT", "exact")
    assert where(answers["Versailles"]) == ("Versailles", "FR", "exact")
    assert where(answers["Nice"]) == ("Nice", "FR", "exact")
    assert where(answers["Split"]) == ("Split", "HR", "exact")
    # Written in lower case, an everyday word stays a word.
    for word in ("tell", "hola", "mar", "faro"):
        assert isinstance(answers[word], str) and "everyday word" in answers[word], word


async def test_ambiguous_means_comparable_candidates(base_deps: ToolDependencies) -> None:
    expected = {
        "Barcelona": ("ES", False),
        "Paris": ("FR", False),
        "Portland": ("US", False),
        "Córdoba": ("AR", True),
        "San José": ("US", True),
        "Valencia": ("ES", True),
    }
    answers = await resolve_all(base_deps, list(expected))
    got = {name: (a["best"]["country_code"], a["ambiguous"]) for name, a in answers.items()}
    assert got == expected
    assert answers["Portland"]["best"]["admin1"] == "Oregon"
    assert answers["Barcelona"]["note"] is None
    # The note names the comparable readings only, not every town of that name.
    note = answers["Córdoba"]["note"]
    assert "Córdoba, Spain" in note and "Mexico" not in note
