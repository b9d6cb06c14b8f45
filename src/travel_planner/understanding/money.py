"""The budget: an amount and its currency, written any way ("£1,500", "500000 ARS",
"presupuesto de 2000 euros", "400 francs suisses", "budget 500").

price-parser reads the amount (thousands and decimal separators as each locale writes
them); currencies are every ISO 4217 code, and the symbols and names CLDR gives in every
supported language (see `lexicon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from price_parser import Price

from travel_planner.understanding import lexicon

_AMOUNT = re.compile(
    r"(?P<sign>[-−]\s*)?"
    r"(?P<num>\d{1,3}(?:[.,\u202f\xa0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?P<k>\s?k\b)?",
    re.I,
)
# More than any trip costs: a typo or a test of the reader, not a budget.
MAX_BUDGET = 1e10


@dataclass
class BudgetReading:
    amount: float | None = None
    currency: str | None = None
    # The amount as written when it is not a positive amount ("-500 EUR").
    invalid: str | None = None
    # "100 euros per day", "200 por persona": the amount is for one day, for one traveller.
    per_day: bool = False
    per_person: bool = False
    # The amount with the words that make it per day or per person, as written.
    written: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def _symbol_before(text: str, start: int) -> tuple[str, int] | None:
    head = text[:start].rstrip()
    for symbol in sorted(lexicon.currency_symbols(), key=len, reverse=True):
        if head.endswith(symbol):
            return lexicon.currency_symbols()[symbol], len(head) - len(symbol)
    return None


def _code_or_name(text: str, position: int, after: bool) -> tuple[str, int] | None:
    """An ISO code (upper case as written), symbol or currency name next to an amount."""
    if after:
        rest = text[position:]
        stripped = rest.lstrip()
        gap = len(rest) - len(stripped)
        for symbol in sorted(lexicon.currency_symbols(), key=len, reverse=True):
            if stripped.startswith(symbol):
                return lexicon.currency_symbols()[symbol], position + gap + len(symbol)
        code = re.match(r"([A-Z]{3})\b", stripped)
        if code and code[1] in lexicon.currency_codes():
            return code[1], position + gap + 3
        words = re.match(r"(?:de\s+|d'|di\s+)?([^\W\d_]+)(?:\s+([^\W\d_]+))?", stripped)
        if words:
            names = lexicon.currency_names()
            for candidate in filter(
                None, (f"{words[1]} {words[2]}" if words[2] else None, words[1])
            ):
                code_for = names.get(lexicon.fold(candidate))
                if code_for:
                    return code_for, position + gap + words.start(1) + len(candidate)
        return None
    head = text[:position].rstrip()
    code = re.search(r"\b([A-Z]{3})$", head)
    if code and code[1] in lexicon.currency_codes():
        return code[1], code.start(1)
    return _symbol_before(text, position)


def _value(number: str, thousands: bool) -> float | None:
    price = Price.fromstring(number)
    if price.amount is None:
        return None
    return float(price.amount) * (1000 if thousands else 1)


def read_budget(text: str, used: list[tuple[int, int]]) -> BudgetReading:
    """The first amount that has a currency next to it, or follows a budget word."""
    reading = BudgetReading()
    folded = lexicon.fold(text)
    for m in _AMOUNT.finditer(text):
        start, end = m.start("num"), m.end()
        if any(a <= start < b for a, b in used) or re.match(r"\d{4}-\d", text[start:]):
            continue
        currency = _code_or_name(text, end, after=True)
        where = (start, currency[1]) if currency else None
        before = _code_or_name(text, m.start(), after=False)
        if currency is None and before is not None:
            currency, where = before, (before[1], end)
        if currency is None:
            words = re.findall(r"[^\W\d_]+", folded[max(0, start - 20) : start])
            if not (words and words[-1] in lexicon.BUDGET_WORDS | {"de", "of"}):
                continue
            if not any(w in ("budget", "presupuesto", "orcamento") for w in words[-2:]):
                continue
            where = (start, end)
        value = _value(m["num"], bool(m["k"]))
        if value is None:
            continue
        span = where or (start, end)
        sign_before = re.search(r"[-−]\s*$", text[: span[0]])  # "-EUR 500", "- 500 EUR"
        if m["sign"] or sign_before or value <= 0 or value > MAX_BUDGET:
            # Quoted whole, the sign included wherever it stands ("EUR -500", "-500 EUR").
            first = sign_before.start() if sign_before else min(span[0], m.start())
            reading.invalid = text[first : span[1]]
            return reading
        reading.amount = value
        reading.currency = currency[0] if currency else None
        reading.spans.append((span[0], span[1]))
        _per(reading, folded, text, span)
        budget_word = re.search(r"(\w+)\W*$", folded[: span[0]])
        if budget_word and budget_word[1] in lexicon.BUDGET_WORDS:
            reading.spans.append((budget_word.start(1), budget_word.end(1)))
        return reading
    return reading


def _per(reading: BudgetReading, folded: str, text: str, span: tuple[int, int]) -> None:
    """ "100 euros per day", "200 por persona y día", "80 € pro Tag und Person": what the
    amount counts, from the words that follow it at once, one after another."""
    end = span[1]
    while True:
        gap = re.match(r"\s*", folded[end:])
        at = end + (gap.end() if gap else 0)
        joiner = re.match(r"(\w+)\s+", folded[at:])
        found = _per_phrase(reading, folded, at)
        if found is None and joiner and joiner[1] in lexicon.PER_JOINERS:
            found = _per_phrase(reading, folded, at + joiner.end())
        if found is None:
            break
        end = found
    if end > span[1]:
        reading.spans.append((span[1], end))
        reading.written = text[span[0] : end]


def _per_phrase(reading: BudgetReading, folded: str, at: int) -> int | None:
    """Where a per-day or per-person phrase starting at `at` ends (setting its flag)."""
    for phrases, flag in ((lexicon.PER_DAY, "per_day"), (lexicon.PER_PERSON, "per_person")):
        if getattr(reading, flag):
            continue
        for phrase in sorted(phrases, key=len, reverse=True):
            if re.match(rf"{re.escape(phrase)}(?![\w])", folded[at:]):
                following = re.findall(r"\w+", folded[at + len(phrase) : at + len(phrase) + 20])
                if following and following[0] in lexicon.TRIP_WORDS:
                    return None  # "1000 euros and a day trip to Sintra"
                setattr(reading, flag, True)
                return at + len(phrase)
    return None
