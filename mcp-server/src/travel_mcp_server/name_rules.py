"""Which words are too short or too common to be read as a place on their own.

Two rules, both about the name a caller sends:
* A name needs three letters (two in scripts where one character is a syllable or a word:
  Chinese, Japanese, Korean). "Je", "Is", "LA" are never places, and a name is never read
  as a two-letter country code.
* A frequent word of a supported language ("tell", "hola", "the", "mar") is a `common word`.
  It names a place only
  - through a big city's own name, however written ("Nice", "Reading", "Split": 100,000+
    inhabitants),
  - through a known city's own name written capitalised, as names are ("3 giorni a Faro",
    "Versailles", "Cannes": 50,000+ inhabitants, named in 10+ other languages), unless the
    word is one of the 1,000 most frequent of its language ("Tell", "Hola", "Como" stay
    words at the start of a sentence),
  - or when the caller also gives the country.
  An alternate name or a small town that happens to be spelled like it is never the best
  match."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from importlib.resources import files

from travel_mcp_server.inputs import fold

MIN_LETTERS = 3
MIN_LETTERS_LOGOGRAPHIC = 2
# A city this big is well known under its own name even when the name is an everyday word.
COMMON_WORD_CITY_POPULATION = 100_000
# A capitalised everyday word is the own name of a city this big, named in this many other
# languages ("Faro": 70,347 and 13; "Versailles": 85,416 and 21) ...
NAMED_CITY_POPULATION = 50_000
NAMED_CITY_NAMES = 10
# ... unless it is among this many most frequent words of a language ("Como": 17th in
# Spanish, "Tell": 257th in English; "Faro" is 1,567th in Italian).
VERY_FREQUENT_RANK = 1_000
_LOGOGRAPHIC_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def min_letters(text: str) -> int:
    """Letters a name in this script needs."""
    for ch in text:
        if ch.isalpha() and unicodedata.name(ch, "").startswith(_LOGOGRAPHIC_SCRIPTS):
            return MIN_LETTERS_LOGOGRAPHIC
    return MIN_LETTERS


def too_short(text: str) -> bool:
    return letter_count(text) < min_letters(text)


def written_as_name(text: str) -> bool:
    """Capitalised as names are ("Faro", "FARO"), not "faro"."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.isupper()


@dataclass(frozen=True)
class CommonWords:
    """Frequent words of the supported languages (derived table, see scripts/)."""

    # language -> folded word -> its rank in that language (0 = the most frequent)
    words: dict[str, dict[str, int]]
    source: str

    @classmethod
    def load(cls) -> CommonWords:
        path = files("travel_mcp_server.data").joinpath("common_words.json")
        document = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            words={
                lang: {word: rank for rank, word in enumerate(words)}
                for lang, words in document["words"].items()
            },
            source=str(document["source"]),
        )

    def languages_of(self, text: str) -> list[str]:
        """Languages in which the (folded) text is a frequent word; [] when it is none."""
        key = fold(text)
        return sorted(lang for lang, words in self.words.items() if key in words)

    def rank(self, text: str) -> int | None:
        """The word's best rank over the languages (0 = the most frequent); None: no word."""
        key = fold(text)
        return min((words[key] for words in self.words.values() if key in words), default=None)

    def names_city(self, text: str, population: int, names: int) -> bool:
        """Whether an everyday word, as written, is meant as a city of this own name with
        this many inhabitants and names in other languages."""
        if population >= COMMON_WORD_CITY_POPULATION:
            return True
        rank = self.rank(text)
        return (
            written_as_name(text)
            and population >= NAMED_CITY_POPULATION
            and names >= NAMED_CITY_NAMES
            and (rank is None or rank >= VERY_FREQUENT_RANK)
        )
