"""Countries and travel regions named instead of a city, each with a stated base city.

Countries are known by their names in every CLDR language ("Japan", "Japón", "日本"); the base
is the capital, or the largest city when the capital is less than half its size (Australia:
Sydney, not Canberra). Regions come from a curated table (data/regions.json: "Tuscany" ->
Florence, "Patagonia" -> San Carlos de Bariloche) with their names in the supported
languages.

A city whose own name is also a country's name is the city, not the country, when
* it lies in that country ("Luxembourg", "Singapore");
* or it has 100,000+ inhabitants and, when the name is the country's name in a language the
  planner writes (English, Spanish, French, German, Portuguese, Italian), at least as many as
  the country's base city. "Granada" (Spain, 233,532) is the city, not Grenada (Saint
  George's, 7,500); "Salvador" (Brazil, 2.7 million) the city, not El Salvador; "Armenia"
  (Colombia, 304,314) gives way to the country (Yerevan, 1.1 million), "Santa Lucía" (Spain,
  71,863) to Saint Lucia; "Male", Mali's name in other languages only, is Malé, Maldives."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Literal

from pydantic import BaseModel

from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.inputs import fold
from travel_mcp_server.places import Place, PlaceIndex

# The largest city is the base when the capital has less than this share of its people.
CAPITAL_SHARE_OF_LARGEST = 0.5
# A city keeps its own name against a country's name only with this many inhabitants.
BIG_CITY_POPULATION = 100_000


class AreaInfo(BaseModel):
    """What a country or region name was read as."""

    name: str
    kind: Literal["country", "region"]
    country_code: str
    base_city: str
    reason: str


@dataclass(frozen=True)
class Area:
    info: AreaInfo
    base: Place


def _read(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        files("travel_mcp_server.data").joinpath(name).read_text(encoding="utf-8")
    )
    return document


def _city_named(index: PlaceIndex, name: str, country_code: str) -> Place | None:
    matches = [p for p, _ in index.named(fold(name)) if p.country_code == country_code]
    return max(matches, key=lambda p: p.population, default=None)


class AreaDirectory:
    """Area names (folded) -> Area; build once and share."""

    def __init__(self, countries: CountryDirectory, index: PlaceIndex) -> None:
        self._areas: dict[str, Area] = {}
        self._index = index
        names = _read("country_names.json")
        # Folded name -> the countries it names in a language the planner writes.
        self._main_names: dict[str, set[str]] = {}
        for code, main_names in names["main_language_names"].items():
            for name in main_names:
                self._main_names.setdefault(fold(str(name)), set()).add(code)
        for code, record in countries.records.items():
            area = self._country(code, str(record["name"]), str(record.get("capital") or ""), index)
            if area is not None:
                for name in [record["name"], *names["countries"].get(code, [])]:
                    self._areas.setdefault(fold(str(name)), area)
        for region in _read("regions.json")["regions"]:
            area = self._region(region, countries, index)
            for name in region["names"]:
                # A region never hides a country of the same name.
                self._areas.setdefault(fold(name), area)
        self.source = f"{names['source']}; travel regions curated for this server"

    @staticmethod
    def _country(code: str, name: str, capital_name: str, index: PlaceIndex) -> Area | None:
        largest = max(index.in_country(code), key=lambda p: p.population, default=None)
        capital = _city_named(index, capital_name, code) if capital_name else None
        if largest is None:
            return None
        if capital is not None and capital.population >= CAPITAL_SHARE_OF_LARGEST * (
            largest.population
        ):
            base, why = capital, f"its capital, {capital.name}"
        elif capital is not None:
            base = largest
            why = f"its largest city, {largest.name} (the capital, {capital.name}, is smaller)"
        else:
            base, why = largest, f"its largest city, {largest.name}"
        reason = f"{name} is a country; planning around {why}. Name a city to choose another base."
        return Area(
            AreaInfo(
                name=name, kind="country", country_code=code, base_city=base.name, reason=reason
            ),
            base,
        )

    @staticmethod
    def _region(record: dict[str, Any], countries: CountryDirectory, index: PlaceIndex) -> Area:
        code = str(record["country_code"])
        base = _city_named(index, str(record["base_city"]), code)
        if base is None:  # the curated table names a city the city table lacks
            raise ValueError(f"region {record['key']}: no city {record['base_city']!r} in {code}")
        name = str(record["names"][0])
        reason = (
            f"{name} is a region of {countries.name_of(code)}; {base.name} is its main city and "
            "the usual base. Name a city to choose another base."
        )
        return Area(
            AreaInfo(
                name=name, kind="region", country_code=code, base_city=base.name, reason=reason
            ),
            base,
        )

    def find(self, key: str) -> Area | None:
        """The area a folded name means, if any."""
        return self._areas.get(key)

    def meant(self, key: str) -> Area | None:
        """The area a folded name means when read on its own, or None where a city of that own
        name is meant instead (see the module's rules)."""
        area = self._areas.get(key)
        if area is None:
            return None
        own = [p for p, kind in self._index.named(key) if kind == "exact"]
        if any(p.country_code == area.info.country_code for p in own):
            return None
        if area.info.kind == "region":
            return area
        needed = BIG_CITY_POPULATION
        if area.info.country_code in self._main_names.get(key, set()):
            needed = max(needed, area.base.population)
        return None if any(p.population >= needed for p in own) else area
