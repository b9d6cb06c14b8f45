"""Imported once by mutmut's fork server for the MCP tools (scripts/mutation.py): the bundled
datasets are loaded here, before the server forks one process per mutant, and every mutant's
test session gets these copies instead of building its own (tens of seconds each on a small
machine).

The libraries every test session imports (pytest and its plugins, the MCP framework, the HTTP
mocks) and the server module are imported here too: each mutant's session would otherwise spend
seconds importing them again.

The price: code that only runs while the datasets load (the name index of `places.py`) runs
here, unmutated, so its mutants are reported as reached by no test.

The destination finder's pairing of climate stations with cities (seconds per test session
under mutmut's trampolines) is made here once too, and a finder built from the shared datasets
copies it - unless the mutant under test is in that pairing or in what it calls: then the
finder is built as usual, so those mutants are tested as before."""

from __future__ import annotations

from typing import Any

import fastmcp  # noqa: F401
import httpx  # noqa: F401
import jsonschema  # noqa: F401
import pytest  # noqa: F401
import pytest_asyncio  # noqa: F401
import pytest_timeout  # noqa: F401
import respx  # noqa: F401
from mutmut.mutation.trampoline import get_mutant_under_test

from travel_mcp_server import climate_normals, countries, place_lookup, places, suggestions

_countries = countries.CountryDirectory.load()
_index = places.PlaceIndex(_countries)
_normals = climate_normals.ClimateNormals.load()


def _loaded_index(directory: countries.CountryDirectory) -> Any:
    return _index if directory is _countries else _BuildIndex(directory)


_BuildIndex = places.PlaceIndex
countries.CountryDirectory.load = classmethod(lambda cls: _countries)
climate_normals.ClimateNormals.load = classmethod(lambda cls: _normals)
places.PlaceIndex = _loaded_index

# The code that pairs stations with cities: the finder's construction and what it calls.
_PAIRING = (
    "travel_mcp_server.suggestions.xǁDestinationFinderǁ__init__",
    "travel_mcp_server.distance.x_haversine_km_",
    "travel_mcp_server.places.xǁPlaceIndexǁin_country_",
)
_build_finder = suggestions.DestinationFinder.__init__
_finder = suggestions.DestinationFinder(
    _normals, _index, place_lookup.PlaceLookup(_countries, _index)
)


def _paired_finder(
    self: suggestions.DestinationFinder,
    normals: climate_normals.ClimateNormals,
    index: places.PlaceIndex,
    lookup: place_lookup.PlaceLookup,
) -> None:
    mutant = get_mutant_under_test()
    # Only for a mutant's tests: the clean run and the coverage statistics build as usual.
    if (
        normals is _normals
        and index is _index
        and "__mutmut_" in mutant
        and not mutant.startswith(_PAIRING)
    ):
        vars(self).update(vars(_finder), lookup=lookup, countries=lookup.countries)
    else:
        _build_finder(self, normals, index, lookup)


suggestions.DestinationFinder.__init__ = _paired_finder  # type: ignore[method-assign]

# After the patches: the server binds PlaceIndex by name when it is imported.
from travel_mcp_server import server  # noqa: E402, F401
