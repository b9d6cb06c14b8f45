"""The destination: which words of a request may name a place, and which place they name.

Candidates come from where a destination is written ("in Rome", "nach Wien", "à Nice") and
from runs of words the other readers did not account for ("Zwei Wochen Japan"). A word is
never a candidate for being capitalised, and every name must be matched by the travel-tools
`resolve_place` tool as a whole name (its own, an alternate or qualified name, or a country
or region with a base city): prefix matches and words the server marks as common words are
refused, so no fuzzy guess ever becomes the destination.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from babel.languages import get_official_languages

from travel_planner.i18n import SUPPORTED_LANGUAGES, country_name
from travel_planner.mcp_client import ToolError
from travel_planner.understanding import lexicon

logger = logging.getLogger(__name__)

MAX_SPAN_WORDS = 4
MAX_LOOKUPS = 10
ACCEPTED_MATCHES = frozenset({"exact", "alternate", "qualified", "area"})


class PlaceLookup(Protocol):
    """The travel tools, as the workflow's MCP session offers them."""

    async def call(self, tool: str, /, **arguments: Any) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Place:
    """A destination the tools know, and how the request named it."""

    written: str
    name: str
    country_code: str
    country: str
    region: str | None
    latitude: float | None
    longitude: float | None
    timezone: str | None
    geonameid: int | None
    # A country or region read as its base city: {"name", "kind", "base_city", "reason"}.
    area: dict[str, Any] | None = None
    # Comparable places of the same name ("Córdoba, Argentina" vs "Córdoba, Spain"), as
    # (name, region, country code).
    alternatives: tuple[tuple[str, str | None, str], ...] = ()
    # Where the tools' answer comes from (the data set), for the plan's sources.
    source: str | None = None


@dataclass
class Candidate:
    text: str
    start: int
    end: int
    # After a word that introduces a destination ("in", "nach", "à").
    placed: bool


@dataclass
class PlaceSearch:
    """Every lookup of one request: answers are cached, the count is bounded."""

    places: PlaceLookup
    # The request's language: of comparable places, one where it is spoken comes first.
    language: str = "en"
    answers: dict[tuple[str, str | None], Place | None] = field(default_factory=dict)
    # Names looked up that the tools do not know, in the order tried.
    unknown: list[Candidate] = field(default_factory=list)

    async def resolve(self, name: str, country: str | None = None) -> Place | None:
        key = (lexicon.fold(name.strip()), country)
        if key in self.answers:
            return self.answers[key]
        place = None
        # One or two Latin letters name no place ("Je", "Is"); "東京" is two characters.
        if len(self.answers) < MAX_LOOKUPS and (len(key[0]) > 2 or not key[0].isascii()):
            try:
                result = await self.places.call("resolve_place", name=name.strip(), country=country)
            except ToolError as exc:
                logger.debug("resolve_place(%r): %s", name, exc)
                result = None
            if result and self.language != "en" and result.get("ambiguous"):
                result = _spoken_first(result, self.language)
            place = _accepted(name.strip(), result) if result else None
            if place is not None and _foreign_country_word(name.strip(), place, self.language):
                logger.debug("%r names %s in another language only", name, place.country)
                place = None
        self.answers[key] = place
        return place


def _foreign_country_word(written: str, place: Place, language: str) -> bool:
    """ "a Greek island": Iceland's name in German ("Island") written in lower case in an
    English request is an everyday word, not the country. A lower-case country name is read
    only when it is the country's name in the request's language ("japan", "japón") or in no
    supported language ("usa", "holland"); capitalised, in any language ("Island")."""
    area = place.area or {}
    if area.get("kind") != "country" or not written.islower():
        return False
    key = lexicon.fold(written)
    names = {
        str(lang): lexicon.fold(country_name(place.country_code, lang))
        for lang in SUPPORTED_LANGUAGES
    }
    return key in names.values() and key != names.get(language)


def as_written(place: Place) -> str | None:
    """The destination in the traveller's words ("Lisboa" for Lisbon), when they named the
    place itself; None for a country or region read as its base city, or words that are
    the place's own name but for case and accents ("lisbon")."""
    written = place.written.split(",")[0].strip()
    if place.area or not written or lexicon.fold(written) == lexicon.fold(place.name):
        return None
    if written.islower():  # "rio de janeiro" -> "Rio de Janeiro"
        words = written.split()
        joiners = lexicon.NAME_JOINERS
        written = " ".join(
            w if lexicon.fold(w) in joiners else w[:1].upper() + w[1:] for w in words
        )
    return written


def _other(raw: dict[str, Any]) -> tuple[str, str | None, str]:
    return (
        str(raw.get("name") or ""),
        _region(raw.get("admin1")),
        str(raw.get("country_code") or ""),
    )


def _spoken_first(result: dict[str, Any], language: str) -> dict[str, Any]:
    """ "Toledo" written in Spanish is Toledo, Spain before Toledo, Ohio: of comparable
    places that all have the name as their own, one where the language is spoken comes first
    (English is spoken too widely to tell; an alternate name in another language, "Rome" for
    Lomé in French, never moves up)."""
    if result.get("match") != "exact":
        return result
    candidates = [
        c
        for c in result.get("candidates") or []
        if isinstance(c, dict) and c.get("match") == "exact"
    ]
    for candidate in candidates:
        code = str(candidate.get("country_code") or "")
        if code and language in get_official_languages(code, de_facto=True):
            if candidate.get("geonameid") == (result.get("best") or {}).get("geonameid"):
                return result
            return {
                **result,
                "best": candidate,
                "match": candidate.get("match", result.get("match")),
            }
    return result


def _accepted(query: str, result: dict[str, Any]) -> Place | None:
    """The best match when it matches the whole name; None for prefix or common-word hits."""
    best = result.get("best")
    if not isinstance(best, dict) or best.get("common_word"):
        return None
    match = result.get("match")
    if match is not None and match not in ACCEPTED_MATCHES:
        return None
    if match is None:
        # A server without match kinds: refuse what looks like a prefix match.
        names = {lexicon.fold(str(best.get(k) or "")) for k in ("name", "ascii_name")}
        wanted = lexicon.fold(query.split(",")[0].strip())
        if wanted not in names and any(n.startswith(wanted) for n in names):
            return None
    others = [
        c
        for c in result.get("candidates") or []
        if isinstance(c, dict) and c.get("geonameid") != best.get("geonameid")
    ]
    # Best by an alternate name, or read as a country, while another city has it as its own
    # name ("Granada", "Salvador"): the traveller may mean either, so the model is asked and
    # the plan names the other one.
    contested = match in ("alternate", "area") and any(c.get("match") == "exact" for c in others)
    # Only a place with the name as its own is "also called" so: Dayton, Ohio, which GeoNames
    # also lists as "Venice", is no other Venice for the traveller (a server without match
    # kinds sends none).
    named = result.get("ambiguous") or contested
    others = [c for c in others if named and c.get("match", "exact") == "exact"]
    alternatives = tuple(_other(c) for c in others)[:3]
    area = result.get("area") if isinstance(result.get("area"), dict) else None
    return Place(
        written=query,
        name=str(best.get("name")),
        country_code=str(best.get("country_code") or ""),
        country=str(best.get("country") or best.get("country_code") or ""),
        region=str(area["name"])
        if area and area.get("kind") == "region"
        else _region(best.get("admin1")),
        latitude=_float(best.get("latitude")),
        longitude=_float(best.get("longitude")),
        timezone=str(best["timezone"]) if best.get("timezone") else None,
        geonameid=int(best["geonameid"]) if isinstance(best.get("geonameid"), int) else None,
        area=area,
        alternatives=alternatives,
        source=str(result["source"]) if result.get("source") else None,
    )


def _region(admin1: Any) -> str | None:
    """A region's name; GeoNames codes ("07", "ESYE31") name nothing for a traveller."""
    text = str(admin1 or "")
    return text if re.search(r"[^\W\d_]{3}", text) and not re.search(r"\d", text) else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


_TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")


@cache
def when_and_what_words() -> frozenset[str]:
    """Words the date, length, trip and interest readers account for (folded)."""
    return frozenset().union(
        lexicon.months(),
        lexicon.duration_units(),
        lexicon.SEASONS,
        lexicon.NEXT_WORDS,
        lexicon.TOMORROW,
        lexicon.WEEKEND,
        lexicon.TRIP_WORDS,
        lexicon.INTEREST_WORDS,
    )


@cache
def _blocked_words() -> frozenset[str]:
    """Words that belong to what other readers understood, never to a place name."""
    people = (lexicon.PEOPLE, lexicon.FRIENDS, lexicon.CHILDREN, lexicon.PARTNERS)
    return when_and_what_words().union(
        lexicon.weekdays(), *people, lexicon.GREETINGS, lexicon.GENERIC_CURRENCIES
    )


def _blocked(word: str) -> bool:
    return word in _blocked_words()


def _stop(token: str) -> bool:
    """A common word written in lower case ("in", "me"); "New", "Faro", "Buenos" as names
    are capitalised, so they may start or continue a place name."""
    return lexicon.fold(token) in lexicon.stop_words() and not token[:1].isupper()


def candidates(
    text: str, used: list[tuple[int, int]], language: str | None = None
) -> list[Candidate]:
    """Runs of words that may name the destination: after "in"/"nach"/"à" first."""
    folded = lexicon.fold(text)
    tokens = [m for m in _TOKEN.finditer(text) if not any(a <= m.start() < b for a, b in used)]
    found: list[Candidate] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        while run and (_stop(run[-1][0]) or lexicon.fold(run[-1][0]) in lexicon.NAME_JOINERS):
            run.pop()
        if run:
            first, last = run[0], run[-1]
            found.append(
                Candidate(text[first.start() : last.end()], first.start(), last.end(), False)
            )
        run.clear()

    vague_before = False
    for token in tokens:
        word = lexicon.fold(token[0]).rstrip(".")
        if run and (text[run[-1].end() : token.start()].strip() or len(run) >= MAX_SPAN_WORDS):
            flush()
        capitalised = token[0][:1].isupper()
        # "somewhere nice", "un sitio tranquilo": a lower-case word right after a vague place
        # describes it; it is no place of its own ("Nice" written as a name still is).
        describes_vague, vague_before = vague_before and not capitalised, False
        if describes_vague:
            flush()
        elif run and capitalised and _blocked(word):
            run.append(token)  # "Santo Domingo", "Porto Alegre": a name, not a weekday
        elif _blocked(word) or (word in lexicon.VAGUE_PLACES and not capitalised):
            flush()
            vague_before = word in lexicon.VAGUE_PLACES and not capitalised
        elif _stop(token[0]):
            if run and word in lexicon.NAME_JOINERS:
                run.append(token)
            else:
                flush()
        else:
            run.append(token)
    flush()
    # "a" leads to a place in Spanish, Italian and Portuguese ("a Roma"), not in English
    # ("on a Greek island").
    place_words = lexicon.PLACE_BEFORE - {"a"} if language == "en" else lexicon.PLACE_BEFORE
    for candidate in found:
        before = re.findall(r"[\w']+", folded[: candidate.start])
        candidate.placed = bool(before) and before[-1] in place_words
    found.sort(key=lambda c: not c.placed)
    return found


def _qualified(text: str, candidate: Candidate) -> str | None:
    """ "Paris, Texas", "Córdoba, Argentina": the name with the words after its comma."""
    after = re.match(r",\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)", text[candidate.end :])
    if not after:
        return None
    words = after[1].split()
    while words and (
        lexicon.fold(words[-1]) in lexicon.stop_words() or _blocked(lexicon.fold(words[-1]))
    ):
        words.pop()
    if not words or not words[0][:1].isupper():
        return None
    return f"{candidate.text}, {' '.join(words)}"


def _sub_spans(candidate: Candidate) -> list[str]:
    """Longest first, then left to right: "Rome nice" -> "Rome nice", "Rome", "nice"."""
    words = candidate.text.split()
    spans = []
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            part = words[first : first + size]
            edges = (part[0], part[-1])
            if any(lexicon.fold(w) in lexicon.NAME_JOINERS or _stop(w) for w in edges):
                continue
            spans.append(" ".join(part))
    return spans


async def _known(
    search: PlaceSearch, text: str, candidate: Candidate, country: str | None, reply: bool
) -> Place | None:
    qualified = _qualified(text, candidate)
    if qualified and (place := await search.resolve(qualified)):
        return place
    for name in _sub_spans(candidate):
        if not reply and _a_word_of_the_request(name, candidate):
            continue
        for where in dict.fromkeys((country, None)):
            place = await search.resolve(name, where)
            if place is not None:
                return place
    return None


def _a_word_of_the_request(written: str, candidate: Candidate) -> bool:
    """ "something nice", "des tours et des musées", "a spa trip with a bath": in a request,
    a lower-case word that no "in", "à" or "nach" leads to is the request's own word, not a
    place (planned, it would be a trip nobody asked for; a model, when asked, may still name
    it). A name at the start ("lisbon 4 days") or after such a word still counts."""
    at_the_start = candidate.start == 0 and candidate.text.startswith(written)
    return written.islower() and not candidate.placed and not at_the_start


async def find_place(
    search: PlaceSearch,
    text: str,
    spans: list[Candidate],
    country: str | None = None,
    *,
    reply: bool = False,
) -> Place | None:
    """The first candidate the tools know as a whole name (in `country` first, if given).
    For a country or region, a city the request names in it comes first: "two weeks in
    Croatia, Split and around" is a trip to Split, not to Croatia's capital. `reply`: a
    message after a plan, where a lower-case name anywhere names a place ("what about
    porto")."""
    for index, candidate in enumerate(spans):
        place = await _known(search, text, candidate, country, reply)
        if place is None:
            search.unknown.append(candidate)
        elif place.area is None:
            return place
        else:
            return await _city_inside(search, text, place, spans[index + 1 :], reply) or place
    return None


async def _city_inside(
    search: PlaceSearch, text: str, area: Place, spans: list[Candidate], reply: bool
) -> Place | None:
    folded = lexicon.fold(text)
    for candidate in spans:
        if lexicon.previous_word(folded, candidate.start) in lexicon.COMPANION_WORDS:
            continue  # "France with Nancy" names a person
        place = await _known(search, text, candidate, area.country_code, reply)
        if place is not None and place.area is None and place.country_code == area.country_code:
            return place
    return None


def _starts_a_name(word: str) -> bool:
    """Capitalised, or in a script without case."""
    letter = word[:1]
    return letter.isalpha() and (letter.isupper() or letter.lower() == letter.upper())


def looks_like_a_name(text: str) -> bool:
    """Written as a name (its first word starts a name and is not a common word) and not a
    wish such as "somewhere warm" or "la playa"."""
    words = text.split()
    if not words or any(lexicon.fold(w) in lexicon.VAGUE_PLACES for w in words):
        return False
    return _starts_a_name(words[0]) and lexicon.fold(words[0]) not in lexicon.stop_words()


def written_as_a_name(text: str) -> bool:
    """The whole text is a name: every word starts one or joins one ("Rio de Janeiro,
    Brasil"), however many words it has."""
    words = re.findall(r"[^\W\d_]+", text)
    return all(_starts_a_name(w) or lexicon.fold(w) in lexicon.NAME_JOINERS for w in words)


def unknown_name(search: PlaceSearch) -> str | None:
    """A name the traveller meant as the destination that the tools do not know: written
    where a destination goes ("in Xyzzyqwert") and as a name. Anything else is no
    destination at all."""
    for candidate in search.unknown:
        if candidate.placed and looks_like_a_name(candidate.text):
            return candidate.text
    return None
