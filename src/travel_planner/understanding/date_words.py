"""The written forms the date reader looks for, in every supported language: dates and
ranges of dates, months, duration units and seasons, and the words that make a month or a
weekday name a date ("in May", "on Friday")."""

from __future__ import annotations

import re
from functools import cache

from travel_planner.understanding import lexicon

# Between the two dates of a range: "from X to Y", "del X al Y", "du X au Y", "vom X bis Y".
RANGE_JOIN = re.compile(
    r"\s*(?:-|–|—|to|till|until|through|al|a|au|hasta|bis|ate|and|y|et|und|e)\s*"
    r"(?:(?:el|le|la|dem|den|o|the)\s+)?"
)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    month = _alternation(list(lexicon.months()))
    units = _alternation(list(lexicon.duration_units()))
    day = r"(\d{1,2})(?:st|nd|rd|th|er|º|°|o|\.)?"
    year = r"(?:,?\s+(?:de\s+|del\s+)?(\d{4}))?"
    joiner = r"(?:\s+(?:of|de|di|del)\s+|\s+)"
    upto = r"\s*(?:-|–|to|until|till|al|au|bis|a|ate|y|et|und|e|and)\s*(?:el\s+|le\s+|dem\s+)?"
    return {
        "iso": re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"),
        "numeric": re.compile(r"(?<![\d.,/-])\d{1,2}[./]\d{1,2}(?:[./]\d{4})?(?![\d.,/-]*\d)"),
        "day_range": re.compile(rf"\b{day}{upto}{day}{joiner}({month})\b{year}"),
        "day_month": re.compile(rf"\b{day}{joiner}({month})\b{year}"),
        "month_range": re.compile(rf"\b({month})\s+{day}{upto}{day}(?!\d){year}"),
        "month_day": re.compile(rf"\b({month})\s+{day}(?!\d)(?!\s*(?:{units})\b){year}"),
        "month": re.compile(rf"\b({month})\b(?:\s+(?:de\s+)?(\d{{4}}))?"),
        "unit": re.compile(rf"(?<![\w-])({units})\b"),
        # A day of the month alone after a start word and its article: "from the 15th",
        # "desde el 15", "à partir du 15", "ab dem 15.", "a partir do dia 15", "dal 15".
        "day_alone": re.compile(
            r"\b(?:(?:from|starting(?: on)?|arriving(?: on)?) the (\d{1,2})(?:st|nd|rd|th)"
            r"|(?:desde el|a partir del) (\d{1,2})|(?:a partir du|des le|du) (\d{1,2})"
            r"|(?:ab|vom) dem (\d{1,2})\.?|(?:a partir|desde) do dia (\d{1,2})"
            r"|(?:dal|a partire dal) (\d{1,2}))"
            rf"(?!\s*(?:[./]\d|{month}|{units}|[-–]|\d))\b"
        ),
        "season": re.compile(
            rf"\b({_alternation(list(lexicon.SEASONS))}|(?<=the |his |ext )fall)\b"
            r"(?:\s+(?:de\s+)?(\d{4}))?"
        ),
    }


# "may" (English verb) and "mai" (Italian "never") are months only after a cue word.
MONTH_CUES = lexicon.NEXT_WORDS | frozenset(
    {"in", "im", "en", "em", "a", "ad", "au", "of", "this", "early", "late", "mid", "from", "until"}
    | {"anfang", "ende", "mitte", "bis", "ab", "no", "para", "de"}
)


WEEKDAY_CUES = lexicon.NEXT_WORDS | frozenset(
    {"on", "this", "el", "este", "esta", "le", "ce", "am", "diesen", "ab", "na", "no", "nesta"}
    | {"neste", "il", "questo", "from", "desde"}
)
