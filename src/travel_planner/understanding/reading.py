"""Everything code reads from a request on its own: language, dates, travellers, budget,
interests, place candidates, and whether any word is left that only a model could read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from travel_planner.i18n import Language
from travel_planner.understanding import lexicon
from travel_planner.understanding.dates import DateReading, read_dates
from travel_planner.understanding.language import detect_language
from travel_planner.understanding.money import BudgetReading, read_budget
from travel_planner.understanding.people import PeopleReading, read_travellers
from travel_planner.understanding.places import Candidate, candidates, when_and_what_words

MAX_REQUEST_CHARS = 1000
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass
class TextReading:
    text: str
    language: Language
    # How sure the language detector is (0..1); an explicit language is 1.
    language_confidence: float
    dates: DateReading
    people: PeopleReading
    budget: BudgetReading
    interests: list[str]
    climate: str | None
    candidates: list[Candidate]
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def asks_for_trip(self) -> bool:
        """Words that only a travel request has: a trip word, dates, a length, a budget..."""
        words = {lexicon.fold(w) for w in _WORD.findall(self.text)}
        d = self.dates
        return bool(
            words & lexicon.TRIP_WORDS
            or d.has_start
            or d.days is not None
            or d.impossible
            or self.budget.amount is not None
            or self.budget.invalid
            or self.people.count is not None
        )

    @property
    def certainly_a_trip(self) -> bool:
        """What code read that only a trip request says: dates or a length ("3 days next
        week"), or interests asked for with a travel word ("plan me food and museums").
        A model's "not a trip" does not override it; a question about a museum stays one."""
        d = self.dates
        if d.has_start or d.days is not None or d.impossible:
            return True
        return bool(self.interests) and bool(set(self.words) & lexicon.TRIP_WORDS)

    @property
    def words(self) -> list[str]:
        return [lexicon.fold(w) for w in _WORD.findall(self.text)]


def read_text(text: str, today: date, language: Language | None) -> TextReading:
    text = text.strip()[:MAX_REQUEST_CHARS]
    detected, confidence = detect_language(text)
    if language is not None:
        detected, confidence = language, 1.0
    dates = read_dates(text, today, detected)
    people = read_travellers(text, detected)
    budget = read_budget(text, dates.spans)
    spans = [*dates.spans, *people.spans, *budget.spans]
    words = [lexicon.fold(w) for w in _WORD.findall(text)]
    interests = list(
        dict.fromkeys(lexicon.INTEREST_WORDS[w] for w in words if w in lexicon.INTEREST_WORDS)
    )
    climate = (
        "warm"
        if any(w in lexicon.WARM_WORDS for w in words)
        else "cool"
        if any(w in lexicon.COOL_WORDS for w in words)
        else None
    )
    return TextReading(
        text=text,
        language=detected,
        language_confidence=confidence,
        dates=dates,
        people=people,
        budget=budget,
        interests=interests,
        climate=climate,
        candidates=candidates(text, spans),
        spans=spans,
    )


def unread_words(reading: TextReading, place_text: str | None) -> list[str]:
    """Words no reader accounted for: they may hold what only the model can read."""
    text = reading.text
    covered = list(reading.spans)
    if place_text:
        at = lexicon.fold(text).find(lexicon.fold(place_text))
        if at >= 0:
            covered.append((at, at + len(place_text)))
    left = []
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        word = lexicon.fold(m[0])
        if word in lexicon.stop_words() or _known(word):
            continue
        left.append(m[0])
    return left


_FROM_WORDS = {"from", "starting", "desde", "partir", "ab", "dal", "del", "vom", "until"}


def _known(word: str) -> bool:
    return (
        word in when_and_what_words()
        or word in lexicon.LONG_WEEKEND
        or word in lexicon.PLACE_BEFORE
        or word in lexicon.BUDGET_WORDS
        or word in _FROM_WORDS
    )
