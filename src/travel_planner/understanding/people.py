"""How many travel: "3 people", "wir sind zu zweit", "avec ma femme et nos trois enfants"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from travel_planner.i18n import Language
from travel_planner.understanding import lexicon
from travel_planner.understanding.number_words import number_after, number_before, word_number

MAX_TRAVELLERS = 30


@dataclass
class PeopleReading:
    count: int | None = None
    # True when the text states the number ("4 people", "we are 3", "for two"); a count
    # added up from companions ("my wife and our 2 kids") is a reading the model may beat.
    stated: bool = False
    # Companions named without a number ("the kids", "my family"): a count only the model
    # can give, even one that equals another number of the text ("the kids ... 4 days").
    open: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


_WORD = re.compile(r"[\w'-]+")


def _plausible(count: int | None) -> int | None:
    return count if count is not None and 1 <= count <= MAX_TRAVELLERS else None


class _Reader:
    def __init__(self, text: str, language: Language) -> None:
        self.text = text
        self.folded = lexicon.fold(text)
        self.language = language
        self.words = list(_WORD.finditer(self.folded))
        self.reading = PeopleReading()
        # "mit einem Kind": the German "Kind" only in German (it is the English "kind").
        self.children = lexicon.CHILDREN | lexicon.CHILDREN_IN.get(language, frozenset())

    def take(self, start: int, end: int) -> None:
        self.reading.spans.append((start, end))

    def stated(self, count: int | None) -> None:
        if self.reading.count is None and _plausible(count):
            self.reading.count, self.reading.stated = count, True

    def nouns(self) -> tuple[int, int, int, int]:
        """Explicit groups ("3 people"), and the adults, friends, children and partners named."""
        adults = friends = children = partners = 0
        for i, m in enumerate(self.words):
            word = m[0]
            if word in lexicon.FAMILY:
                self.reading.open = True
            if word in lexicon.PEOPLE or word in lexicon.FRIENDS or word in self.children:
                found = number_before(self.text, m.start(), self.language)
                if found is None:
                    self.reading.open = True
                    continue
                value, start = found
                self.take(start, m.end())
                previous = self.words[i - 2][0] if i >= 2 else ""
                if word in lexicon.ADULTS:
                    adults += value
                elif word in lexicon.PEOPLE:
                    self.stated(value)
                elif word in self.children:
                    children += value
                elif (
                    previous in lexicon.FOR_WORDS
                    or previous in lexicon.POSSESSIVES  # "me and my 2 friends": 3 travel
                    or self._after_with(start)
                ):
                    friends += value
                else:
                    self.stated(value)  # "we are 4 friends", "4 friends going to ..."
            elif word in lexicon.PARTNERS and i and self.words[i - 1][0] in lexicon.POSSESSIVES:
                partners = max(partners, 1)
                self.take(self.words[i - 1].start(), m.end())
            elif word in lexicon.PARENTS and i and self.words[i - 1][0] in lexicon.POSSESSIVES:
                partners += 2
                self.take(self.words[i - 1].start(), m.end())
        return adults, friends, children, partners

    def _after_with(self, position: int) -> bool:
        before = _WORD.findall(self.folded[:position])
        return bool(before) and before[-1] in {"with", "con", "avec", "mit", "com"}

    def _count_after(self, phrases: Iterable[str]) -> None:
        """A count written after one of `phrases`: "we are 4", "a group of 6"."""
        for phrase in phrases:
            for m in re.finditer(rf"\b{re.escape(phrase)}\b", self.folded):
                found = number_after(self.text, m.end(), self.language)
                if found is not None and not self._adults_at(found[1]):
                    self.take(m.start(), found[1])
                    self.stated(found[0])

    def _adults_at(self, position: int) -> bool:
        """ "we are 2 adults and 1 child": the number counts the adults only."""
        following = _WORD.findall(self.folded[position:])
        return bool(following) and following[0] in lexicon.ADULTS

    def groups(self) -> None:
        f = self.folded
        self._count_after(lexicon.WE_ARE)
        for m in re.finditer(r"\b([^\W\d_]+|\d+) of us\b", f):
            value = number_before(self.text, m.start(1) + len(m[1]), self.language)
            if value is not None:
                self.take(m.start(), m.end())
                self.stated(value[0])
        self._count_after(lexicon.GROUP_OF[1:])
        for m in re.finditer(r"\bzu (zweit|dritt|viert|funft|sechst)\b", f):
            self.take(m.start(), m.end())
            self.stated(lexicon.GROUP_ORDINALS[m[1]])
        units = set(lexicon.duration_units()) | lexicon.PEOPLE | self.children
        for m in self.words:
            if m[0] not in lexicon.FOR_WORDS:
                continue
            found = number_after(self.text, m.end(), self.language)
            if found is None:
                continue
            rest = _WORD.findall(f[found[1] :])
            if rest and rest[0] in units | lexicon.FRIENDS | set(lexicon.months()):
                continue
            if re.match(r"\s*[\d.,]", f[found[1] :]):
                continue
            self.take(m.start(), found[1])
            self.stated(found[0])

    def phrases(self) -> bool:
        f = self.folded
        pairs = [rf"\b{re.escape(phrase)}\b" for phrase in lexicon.PAIRS]
        at_end = r"(?=\s*(?:[,.;:!?)]|$))"
        pairs += [rf"\b{re.escape(phrase)}{at_end}" for phrase in lexicon.PAIRS_AT_END]
        for pattern in pairs:
            if m := re.search(pattern, f):
                self.take(m.start(), m.end())
                self.stated(2)
        for phrase in lexicon.COUPLE_PHRASES:
            if m := re.search(rf"\b{re.escape(phrase)}\b", f):
                self.take(m.start(), m.end())
                return True
        return False

    def solo(self) -> bool:
        for m in self.words:
            if m[0] in lexicon.SOLO:
                self.take(m.start(), m.end())
                return True
        return False


def read_travellers(text: str, language: Language) -> PeopleReading:
    reader = _Reader(text, language)
    reader.groups()
    adults, friends, children, partners = reader.nouns()
    couple = reader.phrases()
    alone = reader.solo()
    reading = reader.reading
    if reading.count is None:
        if adults:
            reader.stated(adults + children)  # "2 adults and 2 kids": 4
        elif friends or children or partners:
            reading.count = _plausible(1 + friends + children + partners)
        elif couple:
            reading.count, reading.stated = 2, True
        elif alone:
            reading.count, reading.stated = 1, True
    return reading


_NUMBER = re.compile(r"\d+|[^\W\d_]+")


def count_taken_from_elsewhere(
    text: str,
    count: int,
    language: Language,
    *,
    dates: list[tuple[int, int]],
    amounts: list[tuple[int, int]],
) -> bool:
    """Whether a count (a model's) is written only as part of a date, a length or an
    amount: "3 días" or "900 EUR" (read as 9) state no traveller count."""
    inside = outside = False
    for m in _NUMBER.finditer(text):
        in_date = any(a <= m.start() < b for a, b in dates)
        in_amount = any(a <= m.start() < b for a, b in amounts)
        if m[0].isdigit():
            same = int(m[0]) == count
            part = in_amount and m[0].startswith(str(count))
        else:
            same = part = word_number(m[0], language) == count
        if in_date or in_amount:
            inside = inside or same or part
        else:
            outside = outside or same
    return inside and not outside
