"""Which words are too short or too common to be read as a place on their own.

Two rules, both about the name a caller sends:
* A name needs three letters (two in scripts where one character is a syllable or a word:
  Chinese, Japanese, Korean). "Je", "Is", "LA" are never places, and a name is never read
  as a two-letter country code.
* A frequent word of a supported language ("tell", "hola", "the", "mar") is a `common word`.
  It names a place only through a big city's own name ("Nice", "Reading", "Split": 100,000+
  inhabitants) or when the caller also gives the country; an alternate name or a small town
  that happens to be spelled like it is never the best match."""

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


@dataclass(frozen=True)
class CommonWords:
    """Frequent words of the supported languages (derived table, see scripts/)."""

    words: dict[str, frozenset[str]]
    source: str

    @classmethod
    def load(cls) -> CommonWords:
        path = files("travel_mcp_server.data").joinpath("common_words.json")
        document = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            words={lang: frozenset(words) for lang, words in document["words"].items()},
            source=str(document["source"]),
        )

    def languages_of(self, text: str) -> list[str]:
        """Languages in which the (folded) text is a frequent word; [] when it is none."""
        key = fold(text)
        return sorted(lang for lang, words in self.words.items() if key in words)
