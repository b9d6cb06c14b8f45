"""resolve_place's refusal of a name it does not know, word for word: where it looked (the
country given, or the one a US state names, with the state) and what to try instead."""

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
    with pytest.raises(ToolInputError) as refused:
        places.lookup(name, country)
    assert str(refused.value) == f"No place named 'Qwxzzyplok' found{where}. {ADVICE}"
