"""resolve_place: the refusal of a name it does not know, word for word (where it looked: the
country given, or the one a US state names, with the state; what to try instead), and when a
name is ambiguous."""

from __future__ import annotations

import pytest

from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.place_lookup import PlaceLookup

pytestmark = pytest.mark.unit

ADVICE = (
    "Check the spelling, try the English or local name, or name a nearby city (only cities "
    "with about 15,000+ inhabitants are known)."
)


@pytest.mark.parametrize(
    ("name", "country", "where"),
    [
        ("Qwxzzyplok", None, ""),
        ("Qwxzzyplok", "FR", " in France"),
        ("Qwxzzyplok, Texas", None, " in United States (Texas)"),
    ],
)
def test_an_unknown_name_says_where_it_was_looked_for(
    places: PlaceLookup, name: str, country: str | None, where: str
) -> None:
    for ask in (places.lookup, places.resolve):
        with pytest.raises(ToolInputError) as refused:
            ask(name, country)
        assert str(refused.value) == f"No place named 'Qwxzzyplok' found{where}. {ADVICE}"


@pytest.mark.parametrize(
    ("name", "ambiguous"),
    [
        # Two readings of comparable prominence (Aden's other name is Adana).
        ("Adana", True),
        ("Halifax", False),
        # Namesakes matched by another of their names count too.
        ("Santiago", True),
        # A region read as its base city, a name begun: no namesake question.
        ("Tuscany", False),
        ("Sao Pau", False),
    ],
)
def test_a_name_is_ambiguous_when_its_readings_are_comparable(
    places: PlaceLookup, name: str, ambiguous: bool
) -> None:
    assert places.lookup(name).ambiguous is ambiguous
