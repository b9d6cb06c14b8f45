"""resolve_place: the refusal of a name it does not know, word for word (where it looked: the
country given, or the one a US state names, with the state; what to try instead), and when a
name is ambiguous, with the note that says so."""

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


SEVERAL = (
    "Several places have this name; chose {} (the best known). Others: {}. Pass 'country' to "
    "pick another."
)


@pytest.mark.parametrize(
    ("name", "ambiguous", "note"),
    [
        # Two readings of comparable prominence (Aden's other name is Adana).
        ("Adana", True, SEVERAL.format("Adana, Turkey", "Aden, Yemen")),
        ("Halifax", False, None),
        # Namesakes matched by another of their names count too.
        (
            "Santiago",
            True,
            SEVERAL.format(
                "Santiago, Chile",
                "Santiago de los Caballeros, Dominican Republic; Santiago de Cuba, Cuba",
            ),
        ),
        # A region read as its base city, a name begun: no namesake question.
        (
            "Tuscany",
            False,
            "Tuscany is a region of Italy; Florence is its main city and the usual base. Name a "
            "city to choose another base.",
        ),
        ("Sao Pau", False, "No place has exactly this name; São Paulo, Brazil starts with it."),
    ],
)
def test_a_name_is_ambiguous_when_its_readings_are_comparable(
    places: PlaceLookup, name: str, ambiguous: bool, note: str | None
) -> None:
    found = places.lookup(name)
    assert (found.ambiguous, found.note) == (ambiguous, note)
