"""resolve_place: a name in any language or script -> the city it means, or why none.

Order of reading, for "Córdoba, Argentina" or "Japón" or "東京":
1. Qualifiers after commas narrow the search: a country name in any language, a US state
   (name or two-letter code), or a travel region (its country). A qualifier the server does
   not know is an error, never silently dropped.
2. A country or region name means its base city (`match: "area"`), unless a city of that own
   name is meant instead (Luxembourg, Singapore, Granada, Salvador: see areas.py).
3. Cities by own name or alternate name, ranked by population weighted by how many languages
   name the city (`prominence`). A city's own name comes before another city's alternate
   name ("Cancún" is Cancún, Mexico, although GeoNames lists it as a name of Changchun,
   a bigger city) unless that other city outclasses every city of that own name: more
   inhabitants and named in 2.5 times as many languages ("Florencia" is Florence, Italy:
   367,150 inhabitants and 74 names against Florencia, Colombia's 168,346 and 20;
   Changchun's 58 names are under 2.5 times Cancún's 30).
4. Only when nothing matches: cities whose own name starts with the text (5+ letters).
See name_rules.py for the words that never name a place on their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from travel_mcp_server.areas import Area, AreaDirectory, AreaInfo
from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.distance import haversine_km
from travel_mcp_server.inputs import ToolInputError, fold, optional_text, require_text
from travel_mcp_server.name_rules import CommonWords, too_short
from travel_mcp_server.places import NameKind, Place, PlaceIndex

MAX_CANDIDATES = 20
MIN_PREFIX_LETTERS = 5
# An alternate name weighs this much against a city's own name ("Victoria" is Victoria, BC,
# before it is an old name of Hong Kong).
ALTERNATE_WEIGHT = 0.1
# GeoNames sometimes lists a district under its own name and as an alternate name of the city
# around it ("Victoria", Hong Kong): an alternate match this close to an own-name match in
# the same country is the same place.
SAME_PLACE_KM = 30.0
# An alternate name beats a city's own name only for a city with more inhabitants, named in
# this many times as many languages.
OUTCLASS_NAMES = 2.5
# Candidates are "comparable" (the name is ambiguous) when the less prominent has at least this
# share of the other's prominence: Córdoba (Argentina, Spain: 0.13) is ambiguous; Barcelona
# (Spain, Venezuela: 0.07), Portland (Oregon, Maine: 0.08) and Paris (France, Texas) are not.
AMBIGUOUS_PROMINENCE_SHARE = 0.1

MatchKind = Literal["exact", "alternate", "qualified", "prefix", "area"]


class Candidate(Place):
    """A place that the name can mean, with how it matched."""

    match: Literal["exact", "alternate", "prefix", "area"]
    common_word: bool = False


class PlaceResult(BaseModel):
    query: str
    best: Place
    candidates: list[Candidate]
    ambiguous: bool
    match: MatchKind
    area: AreaInfo | None
    note: str | None
    source: str


@dataclass(frozen=True)
class _Filter:
    country_code: str | None = None
    admin1: str | None = None

    def keeps(self, place: Place) -> bool:
        return (self.country_code is None or place.country_code == self.country_code) and (
            self.admin1 is None or fold(place.admin1 or "") == fold(self.admin1)
        )

    @property
    def given(self) -> bool:
        return self.country_code is not None or self.admin1 is not None


class PlaceLookup:
    """Everything resolve_place reads; build once and share."""

    def __init__(self, countries: CountryDirectory, index: PlaceIndex) -> None:
        self.countries = countries
        self.index = index
        self.areas = AreaDirectory(countries, index)
        self.common = CommonWords.load()
        self._states = {fold(name): name for name in index.us_states.values()}
        self.source = f"{index.source}; {self.areas.source}"
        # Every per-day tool reads its place through here, for dates the server has not seen:
        # places (not errors) are remembered. resolve_place answers are remembered by the tool.
        self.resolve = lru_cache(maxsize=8192)(self._resolve)  # type: ignore[method-assign]

    def _qualifier(self, text: str, where: _Filter) -> _Filter:
        upper, key = text.strip().upper(), fold(text)
        state = self.index.us_states.get(upper) if len(upper) == 2 else self._states.get(key)
        if state is not None:
            return _Filter("US", state) if where.country_code in (None, "US") else where
        code: str | None = None
        if len(upper) >= 3:  # two letters are never a country code inside a name
            code = self.countries.by_name.get(key) or (
                self.countries.by_alpha3.get(upper) if len(upper) == 3 else None
            )
            area = self.areas.find(key)
            code = code or (area.info.country_code if area else None)
        if code is None:
            raise ToolInputError(
                f"Unknown qualifier {text.strip()!r}: after the comma write a country "
                "('Paris, France') or a US state ('Paris, Texas'), or pass 'country'."
            )
        if where.country_code not in (None, code):
            raise ToolInputError(
                f"{text.strip()!r} is not in {self.countries.name_of(where.country_code or '')}."
            )
        return _Filter(code, where.admin1)

    def _parse(self, name: str, country: str | None) -> tuple[str, _Filter]:
        query = require_text(name, "name")
        where = _Filter(self.countries.lookup(country) if country else None)
        head, *qualifiers = (part.strip() for part in query.split(","))
        for qualifier in reversed([q for q in qualifiers if q]):
            where = self._qualifier(qualifier, where)
        if not fold(head):
            raise ToolInputError("'name' must contain letters.")
        if too_short(head):
            raise ToolInputError(
                f"{head!r} is too short to be a place name; write the city's full name."
            )
        return head, where

    def _score(self, place: Place, kind: NameKind) -> float:
        weight = ALTERNATE_WEIGHT if kind == "alternate" else 1.0
        return self.index.prominence(place) * weight

    def _area(self, key: str, where: _Filter) -> Area | None:
        area = self.areas.meant(key) if where.admin1 is None else None
        if area is None or where.country_code not in (None, area.info.country_code):
            return None
        return area

    def _outclasses(self, place: Place, own: list[Place]) -> bool:
        """Whether a city matched by an alternate name is far better known than every city
        that has the name as its own."""
        names = self.index.name_count
        return all(
            place.population > o.population
            and names.get(place.geonameid, 0) >= OUTCLASS_NAMES * names.get(o.geonameid, 0)
            for o in own
        )

    def _ranked(self, matches: list[tuple[Place, NameKind]]) -> list[tuple[Place, NameKind]]:
        """By score, except that the first is an own-name match unless an alternate-name
        match outclasses every own-name one."""
        ranked = sorted(matches, key=lambda pk: -self._score(*pk))
        own = [p for p, kind in ranked if kind == "exact"]
        first = next(
            (pk for pk in ranked if pk[1] == "exact" or self._outclasses(pk[0], own)), None
        )
        if first is None:
            return ranked
        return [first, *(pk for pk in ranked if pk is not first)]

    def candidates(self, head: str, where: _Filter) -> tuple[list[Candidate], Area | None]:
        """Ranked candidates (usable first) and the area the name means, if any."""
        key = fold(head)
        common = bool(self.common.languages_of(key))
        matches = self._ranked(_distinct(p for p in self.index.named(key) if where.keeps(p[0])))
        ranked = [
            Candidate(
                **p.model_dump(),
                match=k,
                common_word=common
                and (
                    k == "alternate"
                    or not self.common.names_city(
                        head, p.population, self.index.name_count.get(p.geonameid, 0)
                    )
                ),
            )
            for p, k in matches
        ]
        area = self._area(key, where)
        if area is not None:
            base = Candidate(**area.base.model_dump(), match="area")
            ranked = [base, *(c for c in ranked if c.geonameid != base.geonameid)]
        elif not ranked and not common and len(key) >= MIN_PREFIX_LETTERS:
            found = sorted(self.index.starting_with(key), key=self.index.prominence, reverse=True)
            ranked = [Candidate(**p.model_dump(), match="prefix") for p in found if where.keeps(p)]
        if where.given:  # the caller said where: an everyday word is meant as that place
            return ranked, area
        usable = [c for c in ranked if not c.common_word]
        return usable + [c for c in ranked if c.common_word], area

    def comparable(self, ranked: list[Candidate]) -> list[Candidate]:
        """Other readings of the same name comparable in prominence to the best one."""
        if len(ranked) < 2 or ranked[0].match in ("area", "prefix"):
            return []
        best = self.index.prominence(ranked[0])

        def close(other: float) -> bool:
            return min(best, other) >= AMBIGUOUS_PROMINENCE_SHARE * max(best, other)

        return [
            c
            for c in ranked[1:]
            if not c.common_word
            and c.match in ("exact", "alternate")
            and close(self.index.prominence(c))
        ]

    def _not_found(self, head: str, where: _Filter, ranked: list[Candidate]) -> ToolInputError:
        if ranked:  # only everyday-word readings
            first = ranked[0]
            return ToolInputError(
                f"{head!r} is an everyday word, not read as a place name. If you mean "
                f"{first.label}, pass country={first.country_code!r}."
            )
        scope = f" in {self.countries.name_of(where.country_code)}" if where.country_code else ""
        scope += f" ({where.admin1})" if where.admin1 else ""
        return ToolInputError(
            f"No place named {head!r} found{scope}. Check the spelling, try the English or "
            "local name, or name a nearby city (only cities with about 15,000+ inhabitants "
            "are known)."
        )

    def _resolve(self, name: str, country: str | None = None) -> Place:
        """The place a name means (a country or region gives its base city), or an error."""
        head, where = self._parse(name, country)
        ranked, _ = self.candidates(head, where)
        if not ranked or (ranked[0].common_word and not where.given):
            raise self._not_found(head, where, ranked)
        return Place(**ranked[0].model_dump(include=set(Place.model_fields)))

    def lookup(self, name: str, country: str | None = None, limit: int = 5) -> PlaceResult:
        """Tool logic: the best reading, ranked candidates and how the name matched."""
        if isinstance(limit, bool) or not 1 <= limit <= MAX_CANDIDATES:
            raise ToolInputError(f"'limit' must be between 1 and {MAX_CANDIDATES} (got {limit!r}).")
        head, where = self._parse(name, optional_text(country, "country"))
        ranked, area = self.candidates(head, where)
        if not ranked or (ranked[0].common_word and not where.given):
            raise self._not_found(head, where, ranked)
        best = ranked[0]
        comparable = self.comparable(ranked)
        ambiguous = bool(comparable)
        match: MatchKind = best.match
        if match in ("exact", "alternate") and "," in name:
            match = "qualified"
        return PlaceResult(
            query=require_text(name, "name"),
            best=Place(**best.model_dump(include=set(Place.model_fields))),
            candidates=ranked[:limit],
            ambiguous=ambiguous,
            match=match,
            area=area.info if area else None,
            note=_note(best, comparable, area),
            source=self.source,
        )


def _distinct(matches: Iterable[tuple[Place, NameKind]]) -> list[tuple[Place, NameKind]]:
    """Drop alternate-name matches that are an own-name match's surroundings."""
    found = list(matches)
    own = [p for p, kind in found if kind == "exact"]

    def beside_own(place: Place) -> bool:
        return any(
            o.country_code == place.country_code
            and haversine_km(o.latitude, o.longitude, place.latitude, place.longitude)
            < SAME_PLACE_KM
            for o in own
        )

    return [(p, k) for p, k in found if k == "exact" or not beside_own(p)]


def _note(best: Candidate, comparable: list[Candidate], area: Area | None) -> str | None:
    if area is not None:
        return area.info.reason
    if comparable:
        others = "; ".join(c.label for c in comparable[:3])
        return (
            f"Several places have this name; chose {best.label} (the best known). Others: "
            f"{others}. Pass 'country' to pick another."
        )
    if best.match == "prefix":
        return f"No place has exactly this name; {best.label} starts with it."
    return None
