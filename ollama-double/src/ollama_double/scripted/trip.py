"""Trip facts read from a request: places, dates, duration, travellers, interests, budget."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ollama_double.scripted.vocabulary import (
    CITY_COUNTRY,
    COUNTRIES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    INTERESTS,
    ISO_CURRENCIES,
    MONTH_ABBR,
    MONTHS,
    NOT_PLACES,
    NUMBER_WORDS,
    WEEKDAYS,
)

_NUM = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PLACE_RE = re.compile(
    r"\b(?:in|to|at|visit|visiting|around|near|of|from|for)\s+"
    r"((?:[A-Z][\w'’-]+)(?:\s+(?:de|da|do|del|di|la|le|am|upon|[A-Z][\w'’-]+))*)"
)
_CAPITALISED_RE = re.compile(r"\b([A-Z][a-z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]+)*)")


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _is_place_word(candidate: str) -> bool:
    first = candidate.split()[0]
    return (
        first not in NOT_PLACES
        and first.lower() not in MONTHS
        and first.lower() not in MONTH_ABBR
        and first.lower() not in WEEKDAYS
        and candidate.upper() not in ISO_CURRENCIES
    )


def find_places(text: str) -> list[str]:
    """Place-like names, most likely first (after a preposition, then any capitalised words)."""
    places: list[str] = []
    for match in _PLACE_RE.finditer(text):
        candidate = match.group(1).strip()
        words = candidate.split()
        while words and not _is_place_word(" ".join(words)):
            words = words[1:]
        # Drop trailing month/weekday words ("Japan In October" never happens, but
        # "Lisbon Monday" might).
        while words and (words[-1].lower() in MONTHS or words[-1].lower() in WEEKDAYS):
            words = words[:-1]
        if words:
            name = " ".join(words)
            if name not in places:
                places.append(name)
    for match in _CAPITALISED_RE.finditer(text):
        name = match.group(1)
        known = name in CITY_COUNTRY or name in COUNTRIES
        if known and _is_place_word(name) and name not in places:
            places.append(name)
    return places


_REQUEST_LABEL = re.compile(r"^\s*(?:request|user request|message)\s*:\s*", re.I | re.M)
# Facts that only a trip request has (a destination, dates, a length, who, a budget...).
_TRIP_FACTS = (
    "destination", "start_date", "month", "duration_days", "travellers", "interests",
    "budget_amount",
)  # fmt: skip


def request_part(text: str) -> str:
    """The request a structured-output prompt quotes after a "Request:" line, or the whole
    text. A real model tells the instructions from the request; a scripted one reading the
    instructions would take their "Today is 2027-03-10" for the trip's start."""
    labels = list(_REQUEST_LABEL.finditer(text))
    return text[labels[-1].end() :].strip() if labels else text


def is_trip_request(facts: dict[str, Any]) -> bool:
    """What a structured answer's ``is_trip_request`` says: the request named something a
    trip has ("Tell me a joke" names nothing)."""
    return any(facts.get(key) for key in _TRIP_FACTS)


def extract_trip(text: str, *, today: date | None = None) -> dict[str, Any]:
    """Trip facts named like the trip-understanding schema's properties."""
    facts: dict[str, Any] = {
        "destination": None,
        "country": None,
        "start_date": None,
        "end_date": None,
        "month": None,
        "duration_days": None,
        "travellers": None,
        "interests": [],
        "budget_amount": None,
        "budget_currency": None,
        "home_currency": None,
    }
    lowered = text.lower()

    places = find_places(text)
    countries = [p for p in places if p in COUNTRIES]
    cities = [p for p in places if p not in COUNTRIES]
    if cities:
        facts["destination"] = cities[0]
        facts["country"] = countries[0] if countries else CITY_COUNTRY.get(cities[0])
    elif countries:
        facts["destination"] = countries[0]
        facts["country"] = countries[0]

    dates: list[date] = []
    for y, m, d in _DATE_RE.findall(text):
        try:
            dates.append(date(int(y), int(m), int(d)))
        except ValueError:
            continue
    if dates:
        facts["start_date"] = dates[0].isoformat()
        facts["month"] = dates[0].month
    if len(dates) > 1:
        facts["end_date"] = dates[1].isoformat()

    duration: int | None = None
    m = re.search(_NUM + r"[\s-]+(day|night|week)s?\b", lowered)
    if m:
        n = _number(m.group(1))
        if n is not None:
            unit = m.group(2)
            duration = n * 7 if unit == "week" else (n + 1 if unit == "night" else n)
    elif "fortnight" in lowered:
        duration = 14
    elif "long weekend" in lowered:
        duration = 3
    elif "weekend" in lowered:
        duration = 2
    if duration is None and len(dates) > 1 and dates[1] >= dates[0]:
        duration = (dates[1] - dates[0]).days + 1
    facts["duration_days"] = duration
    if dates and len(dates) == 1 and duration:
        facts["end_date"] = (dates[0] + timedelta(days=duration - 1)).isoformat()

    if facts["month"] is None:
        for word in re.findall(r"[a-z]+", lowered):
            if word in MONTHS:
                facts["month"] = MONTHS[word]
                break

    m = re.search(
        _NUM + r"\s+(?:people|persons|travell?ers|adults|friends|guests|of us)\b", lowered
    )
    if m:
        facts["travellers"] = _number(m.group(1))
    elif m2 := re.search(r"family of " + _NUM, lowered):
        facts["travellers"] = _number(m2.group(1))
    elif re.search(r"\b(couple|my (wife|husband|partner|girlfriend|boyfriend))\b", lowered):
        facts["travellers"] = 2
    elif re.search(r"\b(solo|alone|by myself|just me)\b", lowered):
        facts["travellers"] = 1

    interests: list[str] = []
    for word in INTERESTS:
        if re.search(r"\b" + re.escape(word) + r"\b", lowered):
            canonical = {"museum": "museums", "beach": "beaches"}.get(word, word)
            if canonical not in interests and not any(canonical in i for i in interests):
                interests.append(canonical)
    facts["interests"] = interests

    amount: float | None = None
    currency: str | None = None
    m = re.search(r"([€$£¥])\s?(\d[\d,.]*)", text)
    if m:
        currency = CURRENCY_SYMBOLS[m.group(1)]
        amount = _parse_amount(m.group(2))
    else:
        for m in re.finditer(r"(\d[\d,.]*)\s?(k)?\s*([A-Za-z]{3,7})\b", text):
            word = m.group(3)
            code = (
                word.upper() if word.upper() in ISO_CURRENCIES else CURRENCY_WORDS.get(word.lower())
            )
            if code:
                currency = code
                amount = _parse_amount(m.group(1))
                if amount is not None and m.group(2):
                    amount *= 1000
                break
    facts["budget_amount"] = amount
    facts["budget_currency"] = currency

    m = re.search(
        r"(?:home currency|my currency|convert(?: it| prices| costs)? (?:in)?to|"
        r"(?:prices|costs|amounts) in)\s*(?:is\s*)?:?\s*([A-Za-z]{3})\b",
        text,
        re.IGNORECASE,
    )
    if m and m.group(1).upper() in ISO_CURRENCIES:
        facts["home_currency"] = m.group(1).upper()
    return facts


def _parse_amount(raw: str) -> float | None:
    cleaned = raw.rstrip(".,")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value
