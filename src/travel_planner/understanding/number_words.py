"""Numbers as people write them: digits, or words in any supported language ("drei", "cinq",
"twenty one"), read with text2num."""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

from travel_planner.i18n import SUPPORTED_LANGUAGES, Language

# Articles that mean "one" before a unit ("a week", "une semaine", "eine Woche").
ONE_WORDS = frozenset({"a", "an", "one", "un", "une", "una", "uma", "um", "uno"})
ONE_WORDS |= {"ein", "eine", "einen", "einem", "einer"}
# Plural articles that mean "some", never "one" ("unos días", "umas noites"), though text2num
# reads them as 1.
SOME_WORDS = frozenset({"unos", "unas", "uns", "umas"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=4096)
def _word_value(words: str, language: str) -> int | None:
    try:
        value = text2num(words, language)
    except (ValueError, TypeError):
        return None
    return value if isinstance(value, int) and value > 0 else None


def word_number(words: str, language: Language) -> int | None:
    """The number that `words` spell, in `language` first and then in the others."""
    lowered = words.lower().strip()
    if lowered.isdigit():
        return int(lowered)
    if lowered in ONE_WORDS:
        return 1
    if lowered in SOME_WORDS:
        return None
    for candidate in (language, *SUPPORTED_LANGUAGES):
        value = _word_value(lowered, candidate)
        if value is not None:
            return value
    return None


def number_before(text: str, end: int, language: Language) -> tuple[int, int] | None:
    """The number written just before position `end` of `text` (digits, or up to three
    number words) and where it starts; None when there is none."""
    head = text[:end].rstrip()
    digits = re.search(r"(\d+)$", head)
    if digits:
        return int(digits[1]), digits.start(1)
    words = list(_WORD.finditer(head[-60:]))
    offset = len(head) - len(head[-60:])
    for count in (3, 2, 1):
        if len(words) < count:
            continue
        chunk = words[-count:]
        if head[offset + chunk[-1].end() :].strip():
            return None
        span = head[offset + chunk[0].start() : offset + chunk[-1].end()]
        value = word_number(span, language)
        if value is not None:
            return value, offset + chunk[0].start()
    return None


def number_after(text: str, start: int, language: Language) -> tuple[int, int] | None:
    """The number written just after position `start` and where it ends."""
    tail = text[start:]
    digits = re.match(r"\s*(\d+)\b", tail)
    if digits:
        return int(digits[1]), start + digits.end(1)
    words = list(_WORD.finditer(tail[:60]))
    for count in (3, 2, 1):
        if len(words) < count or tail[: words[0].start()].strip():
            continue
        span = tail[words[0].start() : words[count - 1].end()]
        value = word_number(span, language)
        if value is not None:
            return value, start + words[count - 1].end()
    return None
