"""Imported once by mutmut's fork server for the MCP tools (scripts/mutation.py): the bundled
datasets are loaded here, before the server forks one process per mutant, and every mutant's
test session gets these copies instead of building its own (tens of seconds each on a small
machine).

The libraries every test session imports (pytest and its plugins, the MCP framework, the HTTP
mocks) and the server module are imported here too: each mutant's session would otherwise spend
seconds importing them again.

The price: code that only runs while the datasets load (the name index of `places.py`) runs
here, unmutated, so its mutants are reported as reached by no test."""

from __future__ import annotations

from typing import Any

import fastmcp  # noqa: F401
import httpx  # noqa: F401
import jsonschema  # noqa: F401
import pytest  # noqa: F401
import pytest_asyncio  # noqa: F401
import pytest_timeout  # noqa: F401
import respx  # noqa: F401

from travel_mcp_server import climate_normals, countries, places

_countries = countries.CountryDirectory.load()
_index = places.PlaceIndex(_countries)
_normals = climate_normals.ClimateNormals.load()


def _loaded_index(directory: countries.CountryDirectory) -> Any:
    return _index if directory is _countries else _BuildIndex(directory)


_BuildIndex = places.PlaceIndex
countries.CountryDirectory.load = classmethod(lambda cls: _countries)
climate_normals.ClimateNormals.load = classmethod(lambda cls: _normals)
places.PlaceIndex = _loaded_index

# After the patches: the server binds PlaceIndex by name when it is imported.
from travel_mcp_server import server  # noqa: E402, F401
