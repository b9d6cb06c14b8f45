"""Figures in model prose (dates, durations, prices, temperatures, times, counts) and whether
the trip's facts back them. "This 1-day itinerary" for a 4-day trip is a figure the facts
contradict; "built in 1755" is one they cannot confirm: both are unmatched.

Works for every language the plan is written in: month names come from CLDR (Babel), unit and
number words from the small tables below (the words a travel text uses for durations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale

from travel_planner.facts import Facts
from travel_planner.i18n import SUPPORTED_LANGUAGES
from travel_planner.trip import Trip

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "trece": 13, "catorce": 14,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "vierzehn": 14,
    "dois": 2, "duas": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
    "dieci": 10, "undici": 11, "dodici": 12, "quattordici": 14,
}  # fmt: skip
# Articles count as "1" only before a week or a month ("a week in Lisbon"); "a day trip"
# is not a duration of the trip.
ARTICLES = ("a", "an", "un", "une", "ein", "eine", "einen", "um", "uma", "uno", "una")
UNITS = {
    "day": ("day", "days", "día", "días", "dia", "dias", "jour", "jours", "journée", "journées",
            "tag", "tage", "tagen", "giorno", "giorni"),
    "night": ("night", "nights", "noche", "noches", "nuit", "nuits", "nacht", "nächte",
              "noite", "noites", "notte", "notti"),
    "week": ("week", "weeks", "semana", "semanas", "semaine", "semaines", "woche", "wochen",
             "settimana", "settimane", "fortnight"),
    "month": ("month", "months", "mes", "meses", "mois", "monat", "monate", "mês", "mese",
              "mesi"),
    "hour": ("hour", "hours", "hora", "horas", "heure", "heures", "stunde", "stunden", "ora",
             "ore"),
}  # fmt: skip
WEEKEND_WORDS = ("weekend", "week-end", "fin de semana", "wochenende", "fim de semana",
                 "fine settimana")  # fmt: skip
DAY_WORDS = ("day", "día", "dia", "jour", "tag", "giorno")
CURRENCY_WORDS = (
    "eur", "euro", "euros", "usd", "dollar", "dollars", "dólar", "dólares", "dollari", "gbp",
    "pound", "pounds", "libra", "libras", "sterline", "yen", "jpy", "chf", "franc", "francs",
    "franken", "franchi", "real", "reais", "peso", "pesos",
)  # fmt: skip
DEGREE_WORDS = r"°|º|degrees?|grados?|degrés?|grad|graus?|gradi"
PERCENT_WORDS = r"%|percent|per cent|por ciento|pour cent|prozent|por cento|per cento"
MEASURE_WORDS = r"mm|cm|km|kms|kilomet\w*|miles?|meilen|millas?|metres?|meters?|minutes?|min"

_NUM = r"\d+(?:[.,]\d+)*"
_WORD_NUM = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
_ALL_UNITS = "|".join(sorted({u for us in UNITS.values() for u in us}, key=len, reverse=True))
_ARTICLE = "|".join(ARTICLES)


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in SUPPORTED_LANGUAGES:
        months = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    key = name.lower().rstrip(".")
                    if len(key) >= 3 and key not in ARTICLES:
                        names.setdefault(key, int(number))
    return names


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    months = "|".join(sorted(map(re.escape, _month_names()), key=len, reverse=True))
    money_words = "|".join(CURRENCY_WORDS)
    flags = re.I | re.U
    # Order matters: an earlier pattern claims its text before a later one looks at it.
    return [
        ("date", re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b", flags)),
        ("money", re.compile(rf"[€$£¥]\s?{_NUM}|{_NUM}\s?(?:[€$£¥]|(?:{money_words})\b)", flags)),
        ("money", re.compile(rf"\b(?:{money_words})\s?{_NUM}", flags)),
        ("temperature", re.compile(rf"-?{_NUM}\s?(?:{DEGREE_WORDS})", flags)),
        ("percent", re.compile(rf"{_NUM}\s?(?:{PERCENT_WORDS})", flags)),
        ("time", re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)", flags)),
        ("time", re.compile(r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}h\b", flags)),
        ("measure", re.compile(rf"{_NUM}\s?(?:{MEASURE_WORDS})\b", flags)),
        (
            "day_date",
            re.compile(
                rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+|of\s+)?({months})\b"
                rf"|\b({months})\.?\s+(\d{{1,2}})\b",
                flags,
            ),
        ),
        ("day_ref", re.compile(rf"\b(?:{'|'.join(DAY_WORDS)})\s+(\d{{1,2}})\b", flags)),
        (
            "duration",
            re.compile(
                rf"\b(\d+|{_WORD_NUM}|{_ARTICLE})[\s-]*({_ALL_UNITS})\b"
                rf"|\b(\d+|{_WORD_NUM})[\s-]?(tägig|wöchig)\w*",
                flags,
            ),
        ),
        ("year", re.compile(r"\b(1\d{3}|2\d{3})\b")),
        ("number", re.compile(r"\d+(?:[.,]\d+)*")),
    ]


@dataclass(frozen=True)
class Figure:
    kind: str
    text: str
    start: int


def to_number(text: str) -> float | None:
    """ "1,500", "1.500,50", "4.2" or "4,2" as a float."""
    digits = re.sub(r"[^\d.,-]", "", text)
    if not digits:
        return None
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        digits = digits.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in digits:
        whole, _, tail = digits.rpartition(",")
        digits = digits.replace(",", "") if len(tail) == 3 and whole else digits.replace(",", ".")
    elif digits.count(".") == 1 and len(digits.rpartition(".")[2]) == 3 and len(digits) > 4:
        digits = digits.replace(".", "")
    try:
        return float(digits.rstrip(".,"))
    except ValueError:
        return None


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, each claimed by the first pattern that matches it."""
    taken = [False] * len(text)
    found: list[Figure] = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            if kind == "duration" and match.group(1) and match.group(1).lower() in ARTICLES:
                unit = _unit(match.group(2))
                if unit not in ("week", "month"):
                    continue
            taken[start:end] = [True] * (end - start)
            found.append(Figure(kind, match.group(0), start))
    for word in WEEKEND_WORDS:
        for match in re.finditer(rf"\b{re.escape(word)}\b", text, re.I):
            found.append(Figure("weekend", match.group(0), match.start()))
    return sorted(found, key=lambda f: f.start)


def _unit(word: str) -> str | None:
    word = word.lower()
    return next((unit for unit, words in UNITS.items() if word in words), None)


def _count(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in ARTICLES:
        return 1
    return NUMBER_WORDS.get(word)


def _close(number: float, values: set[float]) -> bool:
    # "22 °C" for a fact of 21.7 is the fact, rounded.
    whole = number.is_integer()
    return any(abs(number - v) < 0.051 or (whole and round(v) == number) for v in values)


class FactFigures:
    """The figures the trip's facts back, by kind."""

    def __init__(self, trip: Trip, facts: Facts) -> None:
        self.length = trip.length_days
        self.dates = set(trip.days)
        if facts.public_holidays:
            self.dates |= {h.date for h in facts.public_holidays.holidays if h.date}
        self.years = {d.year for d in self.dates}
        values: dict[str, set[float]] = {"temperature": set(), "measure": set(), "percent": set()}
        for d in facts.weather.days if facts.weather else []:
            for temp in (d.temp_min_c, d.temp_max_c):
                if temp is not None:
                    values["temperature"].add(temp)
            if d.precipitation_mm is not None:
                values["measure"].add(d.precipitation_mm)
            if d.precipitation_probability_pct is not None:
                values["percent"].add(d.precipitation_probability_pct)
        money = {trip.budget_amount} if trip.budget_amount is not None else set()
        money |= {c.converted for c in facts.conversions if c.converted is not None}
        values["money"] = {m for m in money if m is not None}
        self.values = values
        sun_days = facts.sun_times.days if facts.sun_times else []
        self.times = {t for s in sun_days for t in (s.sunrise, s.sunset) if t}

    def backs(self, figure: Figure, text: str) -> bool:
        kind = figure.kind
        if kind in self.values:
            number = to_number(figure.text)
            return number is not None and _close(number, self.values[kind])
        if kind == "time":
            return figure.text.replace("h", ":").strip() in self.times
        if kind == "date":
            try:
                return date.fromisoformat(figure.text) in self.dates
            except ValueError:
                return False
        if kind == "day_date":
            return self._day_date(figure.text)
        if kind == "day_ref":
            n = int(re.findall(r"\d+", figure.text)[0])
            return 1 <= n <= self.length
        if kind == "duration":
            return self._duration(figure.text)
        if kind == "weekend":
            return self.length <= 3
        if kind == "year":
            return int(figure.text) in self.years
        if kind == "number":
            return self._name_number(figure, text)
        return False

    def _day_date(self, text: str) -> bool:
        number = int(re.findall(r"\d+", text)[0])
        words = re.findall(r"[^\W\d_]+", text.lower())
        months = _month_names()
        month = next((months[w] for w in words if w in months), None)
        return any(d.month == month and d.day == number for d in self.dates)

    def _duration(self, text: str) -> bool:
        parts = re.findall(r"\d+|[^\W\d_]+", text.lower())
        if not parts:
            return False
        count = _count(parts[0])
        unit = "day" if "tägig" in text.lower() else "week" if "wöchig" in text.lower() else None
        unit = unit or next((u for p in parts[1:] if (u := _unit(p))), None)
        if count is None or unit is None:
            return False
        if unit == "day":
            return count == self.length
        if unit == "night":
            return count in (self.length - 1, self.length)
        if unit == "week":
            days = 14 if parts[1:] and parts[-1] == "fortnight" else 7 * count
            return self.length >= 6 and abs(days - self.length) <= 1
        return False

    @staticmethod
    def _name_number(figure: Figure, text: str) -> bool:
        """A number that is part of a name ("Tram 28", "Pier 39"): after a capitalised word
        that does not start the sentence."""
        before = text[: figure.start].rstrip()
        words = before.split()
        if len(words) < 2 or not words[-1][:1].isupper() or words[-2].endswith((".", "!", "?")):
            return False
        return words[-1].lower().rstrip(".,") not in DAY_WORDS


def unmatched_figures(text: str, backed: FactFigures) -> list[str]:
    """The figures in `text` that the facts do not back."""
    return [f.text for f in find_figures(text) if not backed.backs(f, text)]
