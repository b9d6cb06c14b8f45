"""The structured-output call: a bounded schema, the prompt, and a checked reading of the
answer.

Small models loop, truncate and wrap JSON in prose; json-repair salvages what they wrote.
Every field is then checked on its own, and one that fails is dropped (never the whole
answer): the destination must be written in the request, dates must exist and lie ahead,
counts must be plausible, the amount must appear in the request.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import json_repair

from travel_planner.i18n import SUPPORTED_LANGUAGES, Language, as_language
from travel_planner.understanding import lexicon
from travel_planner.understanding.number_words import number_before
from travel_planner.understanding.people import MAX_TRAVELLERS

logger = logging.getLogger(__name__)

# (prompt, JSON schema) -> the model's raw answer, or None when the call failed.
StructuredModel = Callable[[str, dict[str, Any]], Awaitable[str | None]]

MAX_DAYS_AHEAD = 730
MAX_NAME = 80
MAX_INTEREST = 30
MAX_INTEREST_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _nullable(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], **extra}


_ISO = {"pattern": r"^\d{4}-\d{2}-\d{2}$", "maxLength": 10}


@dataclass(frozen=True)
class Question:
    """Fields of the answer that belong together, and what the prompt says about them."""

    fields: dict[str, Any]
    guide: str


# Flat, bounded, no $refs: small models follow the schema under constrained decoding.
QUESTIONS: dict[str, Question] = {
    "trip": Question(
        {"is_trip_request": {"type": "boolean"}},
        "- is_trip_request: true only if the person asks to plan a trip or visit somewhere.",
    ),
    "language": Question(
        {"language": {"type": "string", "enum": [*SUPPORTED_LANGUAGES, "other"]}},
        "- language: the language the request is written in.",
    ),
    "place": Question(
        {
            "destination_as_written": _nullable("string", maxLength=MAX_NAME),
            "country": _nullable("string", maxLength=60),
        },
        "- destination_as_written: the city, region or country exactly as written in the\n"
        "  request (null if none is named); country: the destination's country in English.",
    ),
    "dates": Question(
        {
            "start_date": _nullable("string", **_ISO),
            "end_date": _nullable("string", **_ISO),
            "month": _nullable("integer", minimum=1, maximum=12),
            "duration_days": _nullable("integer", minimum=1, maximum=60),
        },
        "- start_date/end_date: YYYY-MM-DD only when the request gives days; month: 1-12 when\n"
        "  it names a month; duration_days: the trip length in days when it says one.",
    ),
    "travellers": Question(
        {"travellers": _nullable("integer", minimum=1, maximum=MAX_TRAVELLERS)},
        "- travellers: how many people travel, when the request says it.",
    ),
    "interests": Question(
        {
            "interests": {
                "type": "array",
                "items": {"type": "string", "maxLength": MAX_INTEREST},
                "maxItems": 6,
            }
        },
        "- interests: what the person wants to see or do, a word or two each, in the request's\n"
        "  words.",
    ),
    "budget": Question(
        {
            "budget_amount": _nullable("number", minimum=0),
            "budget_currency": _nullable("string", maxLength=3),
        },
        "- budget_amount/budget_currency: the budget and its ISO 4217 code, when given.",
    ),
    "climate": Question(
        {"climate_wish": _nullable("string", enum=["warm", "cool", None])},
        '- climate_wish: "warm" or "cool" when the request wishes for that weather.',
    ),
}


def _asked(questions: Iterable[str] | None) -> list[Question]:
    names = set(QUESTIONS if questions is None else questions)
    return [question for name, question in QUESTIONS.items() if name in names]


def understanding_schema(questions: Iterable[str] | None = None) -> dict[str, Any]:
    """The answer's schema: the fields of `questions` (every question when None)."""
    properties = {k: v for q in _asked(questions) for k, v in q.fields.items()}
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


PROMPT = """You read travel requests. Today is {today}.
Answer with one JSON object that follows the schema, nothing else.
{guides}
Use null for anything the request does not say. Never invent a place.

Request: {request}"""


def model_prompt(request: str, today: date, questions: Iterable[str] | None = None) -> str:
    """The prompt for `questions` only: a shorter prompt and a shorter answer when the
    request's own words already said the rest."""
    guides = "\n".join(q.guide for q in _asked(questions))
    return PROMPT.format(today=today.isoformat(), guides=guides, request=request)


@dataclass
class ModelReading:
    """The fields of the model's answer that passed their checks."""

    is_trip: bool | None = None
    language: Language | None = None
    written: str | None = None
    country: str | None = None
    start: date | None = None
    end: date | None = None
    month: int | None = None
    days: int | None = None
    travellers: int | None = None
    interests: list[str] = field(default_factory=list)
    budget_amount: float | None = None
    budget_currency: str | None = None
    climate: str | None = None
    # Dates the model gave that are in the past or do not exist (the traveller's or its own).
    bad_dates: list[str] = field(default_factory=list)


def salvage(answer: str | None) -> dict[str, Any] | None:
    """The JSON object in a model answer: strict first, then repaired; None for prose."""
    if not answer or "{" not in answer:
        return None
    text = answer[answer.find("{") :]
    try:
        data = json.loads(text)
    except ValueError:
        try:
            data = json_repair.loads(text)
        except Exception:  # json-repair gives up on some inputs with its own errors
            logger.debug("unrepairable model answer", exc_info=True)
            return None
    return data if isinstance(data, dict) and data else None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = value.strip()
    if not cleaned or cleaned.lower() in {"null", "none", "unknown", "n/a", "string"}:
        return None
    if len(cleaned) > MAX_NAME or re.search(r"(.{3,})\1\1", cleaned):
        return None  # a looping answer ("Tokyo_Japan_Japan_Japan")
    return cleaned


def _int(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and low <= value <= high else None


def _in_text(name: str, request: str) -> bool:
    folded = re.sub(r"\s+", " ", lexicon.fold(request))
    return re.sub(r"\s+", " ", lexicon.fold(name)) in folded


def _amount_in_text(amount: float, request: str) -> bool:
    digits = re.sub(r"(?<=\d)[.,\s\u202f\xa0](?=\d{3}\b)", "", request)
    whole = f"{amount:.0f}" if float(amount).is_integer() else str(amount)
    return bool(re.search(rf"(?<![\d]){re.escape(whole)}(?![\d])", digits)) or (
        float(amount) % 1000 == 0
        and bool(re.search(rf"\b{int(amount) // 1000}\s?k\b", request, re.I))
    )


def _says_today(request: str) -> bool:
    """Small models copy the prompt's "Today is ..." as the start date."""
    return bool(set(_WORD.findall(lexicon.fold(request))) & lexicon.TODAY)


def _interest(value: Any, request: str) -> str | None:
    """A known interest as its English key ("museos" -> "museums"), or a short phrase made
    of the request's own words, as written ("tapas y vino"); anything else is invented."""
    text = _text(value)
    if text is None or len(text) > MAX_INTEREST:
        return None
    folded = lexicon.fold(text)
    known = lexicon.INTEREST_WORDS.get(folded.strip())
    if known:
        return known
    words = _WORD.findall(folded)
    request_words = set(_WORD.findall(lexicon.fold(request)))
    if words and len(words) <= MAX_INTEREST_WORDS and set(words) <= request_words:
        return text.lower()
    return None


def _iso(value: Any) -> date | str | None:
    """A YYYY-MM-DD day; the text as written when it is no day; None when absent."""
    text = _text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def _check_dates(data: dict[str, Any], request: str, today: date, reading: ModelReading) -> None:
    for key in ("start_date", "end_date"):
        day = _iso(data.get(key))
        if day is None:
            continue
        if isinstance(day, str) or not today <= day <= today + timedelta(days=MAX_DAYS_AHEAD):
            reading.bad_dates.append(str(day))
        elif day == today and not _says_today(request):
            logger.debug("model %s %s is the prompt's today, not the request's", key, day)
        elif key == "start_date":
            reading.start = day
        else:
            reading.end = day
    if reading.start and reading.end and reading.end < reading.start:
        reading.end = None
    reading.month = _int(data.get("month"), 1, 12)
    start = _iso(data.get("start_date"))
    if reading.month and isinstance(start, date) and start.month != reading.month:
        logger.debug("model month %s contradicts its start %s", reading.month, start)
        reading.month = None


# Italian "qualche" (a few) takes the singular: "qualche giorno" is several days.
_FEW_SINGULAR = re.compile(r"\bqualche\s+(?:giorno|notte)\b")


def _check_one_day(request: str, reading: ModelReading) -> None:
    """ "unos días", "a few days": a one-day reading contradicts a request that speaks of days
    in the plural without a number (a small model answers 1 for "a few"); the trip then gets
    the default length and says so."""
    plural = lexicon.plural_day_words()
    if not _FEW_SINGULAR.search(lexicon.fold(request)) and not any(
        lexicon.fold(m[0]) in plural and number_before(request, m.start(), "en") is None
        for m in _WORD.finditer(request)
    ):
        return
    if reading.days == 1:
        logger.debug("model length of 1 day contradicts the plural days of the request")
        reading.days = None
    if reading.start is not None and reading.end == reading.start:
        logger.debug("model one-day range contradicts the plural days of the request")
        reading.end = None


def check_answer(data: dict[str, Any], request: str, today: date) -> ModelReading:
    """Keep each field of the answer that passes its check."""
    reading = ModelReading()
    if isinstance(data.get("is_trip_request"), bool):
        reading.is_trip = data["is_trip_request"]
    reading.language = as_language(_text(data.get("language")))
    written = _text(data.get("destination_as_written"))
    if written and _in_text(written, request):
        reading.written = written
        reading.country = _text(data.get("country"))
    elif written:
        logger.debug("model destination %r is not in the request", written)
    _check_dates(data, request, today, reading)
    reading.days = _int(data.get("duration_days"), 1, 60)
    _check_one_day(request, reading)
    reading.travellers = _int(data.get("travellers"), 1, MAX_TRAVELLERS)
    interests = data.get("interests")
    if isinstance(interests, list):
        checked = (_interest(i, request) for i in interests[:6])
        reading.interests = list(dict.fromkeys(i for i in checked if i))
    amount = data.get("budget_amount")
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        amount = None
    if amount is not None and amount > 0 and _amount_in_text(float(amount), request):
        reading.budget_amount = float(amount)
        code = (_text(data.get("budget_currency")) or "").upper()
        reading.budget_currency = code if code in lexicon.currency_codes() else None
    climate = _text(data.get("climate_wish"))
    reading.climate = climate if climate in ("warm", "cool") else None
    return reading
