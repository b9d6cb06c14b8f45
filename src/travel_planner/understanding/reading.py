"""Everything code reads from a request on its own: language, dates, travellers, budget,
interests, place candidates, and whether any word is left that only a model could read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from travel_planner.i18n import Language
from travel_planner.understanding import lexicon
from travel_planner.understanding.dates import DateReading, read_dates
from travel_planner.understanding.language import detect_language
from travel_planner.understanding.money import BudgetReading, read_budget
from travel_planner.understanding.people import PeopleReading, read_travellers
from travel_planner.understanding.places import Candidate, when_and_what_words
from travel_planner.understanding.places import candidates as place_candidates

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

    @cached_property
    def words(self) -> list[str]:
        return [lexicon.fold(w) for w in _WORD.findall(self.text)]

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Where the dates, travellers and budget stand in the text."""
        return [*self.dates.spans, *self.people.spans, *self.budget.spans]

    @cached_property
    def _wishes(self) -> list[tuple[str, bool]]:
        """Each interest word's key and whether a negation before it, in the same clause,
        turns it into something to avoid ("no museums", "pas trop de musées")."""
        folded = lexicon.fold(self.text)
        found = []
        for m in _WORD.finditer(folded):
            key = lexicon.INTEREST_WORDS.get(m[0])
            if key is not None:
                clause = re.split(r"[,.;:!?()]", folded[: m.start()])[-1]
                negated = bool(set(_WORD.findall(clause)[-3:]) & lexicon.NEGATIONS[self.language])
                found.append((key, negated))
        return found

    @cached_property
    def interests(self) -> list[str]:
        return list(dict.fromkeys(key for key, negated in self._wishes if not negated))

    @cached_property
    def avoided(self) -> list[str]:
        """Interests the request asks to avoid ("no museums please")."""
        wanted = set(self.interests)
        return list(dict.fromkeys(k for k, negated in self._wishes if negated and k not in wanted))

    @cached_property
    def climate(self) -> str | None:
        if any(w in lexicon.WARM_WORDS for w in self.words):
            return "warm"
        if any(w in lexicon.COOL_WORDS for w in self.words):
            return "cool"
        return None

    @cached_property
    def candidates(self) -> list[Candidate]:
        """Place names the text may hold, outside the words the other readers took."""
        return place_candidates(self.text, self.spans, self.language)

    @property
    def asks_for_trip(self) -> bool:
        """Words that only a travel request has: a trip word, dates, a length, a budget..."""
        d = self.dates
        return bool(
            set(self.words) & lexicon.TRIP_WORDS
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


def read_text(text: str, today: date, language: Language | None) -> TextReading:
    text = text.strip()[:MAX_REQUEST_CHARS]
    detected, confidence = detect_language(text)
    if language is not None:
        detected, confidence = language, 1.0
    dates = read_dates(text, today, detected)
    return TextReading(
        text=text,
        language=detected,
        language_confidence=confidence,
        dates=dates,
        people=read_travellers(text, detected),
        budget=read_budget(text, dates.spans),
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
