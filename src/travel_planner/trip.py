"""The trip: what the model understood, what the request text says, and the resolved result.

Small models guess dates and numbers badly, so everything that can be read from the request
text with certainty (ISO dates, durations, relative dates such as "next May" or "in 3 weeks",
traveller counts, budgets) is parsed here, in code, and wins over the model's answer.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from travel_planner.errors import InvalidRequestError
from travel_planner.i18n import Language

MAX_TRIP_DAYS = 21
DEFAULT_TRIP_DAYS = 3
DEFAULT_LEAD_DAYS = 14

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS.pop("may", None)
MONTHS["may"] = 5
WEEKDAYS = {name.lower() for name in calendar.day_name}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "a couple of": 2, "couple of": 2,
}  # fmt: skip
CURRENCY_WORDS = {
    "€": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "dollar": "USD", "dollars": "USD",
    "usd": "USD", "£": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY", "yen": "JPY",
}  # fmt: skip
INTEREST_WORDS = (
    "food", "museums", "museum", "art", "history", "architecture", "hiking", "nature",
    "beaches", "beach", "nightlife", "shopping", "wine", "music", "culture", "parks",
    "family", "kids", "churches", "markets", "photography", "cycling", "surfing", "relaxing",
    "temples", "castles", "gardens", "festivals", "skiing", "theatre", "street food",
)  # fmt: skip
# Meteorological seasons: the month each starts in the northern hemisphere (the southern
# hemisphere's start six months later).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

_NUM = r"(\d+|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + r")"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\.?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I
)
_MONTH_ONLY = re.compile(
    rf"\b(next|this|in|during|for|early|late|mid)?\s*({_MONTH_NAMES})\b(?:\s+(\d{{4}}))?", re.I
)
_SEASON = re.compile(
    r"\b(?:(next|this|coming|in|during|for|early|late|mid)\s+)?(?:the\s+)?"
    r"(spring|summer|autumn|fall|winter)\b(?:\s+(\d{4}))?",
    re.I,
)
_DURATION = re.compile(rf"\b{_NUM}[\s-]*(day|days|night|nights|week|weeks)\b", re.I)
_IN_N = re.compile(rf"\bin\s+{_NUM}\s+(day|days|week|weeks|month|months)\b", re.I)
_TRAVELLERS = re.compile(
    rf"\b{_NUM}\s+(?:people|persons|travell?ers|adults|friends|of us|guests|pax)\b", re.I
)
_BUDGET_SYMBOL = re.compile(r"([€$£¥])\s?(\d[\d,]*(?:\.\d+)?)\s?(k)?\b", re.I)
_BUDGET_CODE = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?)\s?(k)?\s?([A-Z]{3}|euros?|dollars?|pounds?|yen)\b", re.I
)
_PLACE_AFTER = re.compile(
    r"\b(?:in|to|visit|visiting|around|explore|exploring|at|for|of)\s+"
    r"([\w'À-ÿ.-]+(?:[ -][\w'À-ÿ.-]+){0,4})",
    re.I,
)
_CAPITALISED = re.compile(r"\b([A-ZÀ-Þ][\w'À-ÿ-]+(?:\s+[A-ZÀ-Þ][\w'À-ÿ-]+){0,2})")
_NOT_PLACES = (
    WEEKDAYS
    | set(MONTHS)
    | {
        "i", "we", "my", "our", "the", "a", "an", "next", "this", "in", "from", "days", "day",
        "week", "weeks", "weekend", "plan", "trip", "please", "me", "us", "food", "museums",
        "tomorrow", "today", "budget", "with", "and", "for", "early", "late", "mid", "visit",
        "visiting", "go", "travel", "holiday", "vacation", "to", "on", "at", "of",
        "around", "explore", "by", "near", "some", "few", "couple", "people", "friends",
        "family", "kids", "wife", "husband", "partner", "nights", "night",
    }
)  # fmt: skip
_KNOWN_CODES = {
    "EUR", "USD", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "TRY", "MXN", "BRL", "INR", "CNY", "THB", "ZAR", "NZD", "SGD", "HKD", "KRW", "ISK", "MAD",
}  # fmt: skip


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 0)


def _clean_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or text.lower() in {"null", "none", "unknown", "n/a", "string"}:
        return None
    return text[:100]


class TripUnderstanding(BaseModel):
    """What the model extracted from the request (schema sent as Ollama's `format`).

    Every field tolerates junk: a value a small model gets wrong becomes null, never an error.
    """

    destination: str | None = None
    country: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    duration_days: int | None = Field(default=None, ge=1, le=366)
    travellers: int | None = Field(default=None, ge=1, le=50)
    interests: list[str] = Field(default_factory=list)
    budget_amount: float | None = Field(default=None, gt=0)
    budget_currency: str | None = None
    home_currency: str | None = None

    @field_validator("destination", "country", "budget_currency", "home_currency", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str | None:
        return _clean_text(value)

    @field_validator("start_date", "end_date", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> str | None:
        text = _clean_text(value)
        if text is None:
            return None
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None

    @field_validator("month", "duration_days", "travellers", mode="before")
    @classmethod
    def _int(cls, value: Any) -> int | None:
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, int | float) and value > 0:
            return int(value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        return None

    @field_validator("budget_amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> float | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float) and value > 0:
            return float(value)
        return None

    @field_validator("interests", mode="before")
    @classmethod
    def _interests(cls, value: Any) -> list[str]:
        if isinstance(value, str):
            value = re.split(r"[,;]", value)
        if not isinstance(value, list):
            return []
        cleaned = (v.strip().lower()[:40] for v in value if isinstance(v, str))
        return [v for v in cleaned if v and v not in {"string", "null", "none", "n/a"}][:8]

    @classmethod
    def lenient(cls, data: Any) -> TripUnderstanding:
        """Validate model output field by field, dropping any field that does not fit."""
        if not isinstance(data, dict):
            return cls()
        kept: dict[str, Any] = {}
        for name in cls.model_fields:
            if name in data:
                try:
                    cls.model_validate({name: data[name]})
                except ValueError:
                    continue
                kept[name] = data[name]
        return cls.model_validate(kept)


def understanding_schema() -> dict[str, Any]:
    """The JSON schema sent as Ollama `format`: flat, nullable, no $refs (small models cope)."""

    def nullable(kind: str, **extra: Any) -> dict[str, Any]:
        return {"type": [kind, "null"], **extra}

    return {
        "type": "object",
        "properties": {
            "destination": nullable("string", description="city or place to visit"),
            "country": nullable("string"),
            "start_date": nullable("string", description="YYYY-MM-DD"),
            "end_date": nullable("string", description="YYYY-MM-DD"),
            "month": nullable("integer", minimum=1, maximum=12),
            "duration_days": nullable("integer", minimum=1),
            "travellers": nullable("integer", minimum=1),
            "interests": {"type": "array", "items": {"type": "string"}},
            "budget_amount": nullable("number"),
            "budget_currency": nullable("string", description="ISO code, e.g. EUR"),
            "home_currency": nullable("string", description="ISO code, e.g. USD"),
        },
        "required": [
            "destination", "country", "start_date", "end_date", "month", "duration_days",
            "travellers", "interests", "budget_amount", "budget_currency", "home_currency",
        ],
    }  # fmt: skip


@dataclass(frozen=True)
class RequestHints:
    """Facts read from the request text by code; they override the model's guesses."""

    start: date | None = None
    end: date | None = None
    month: int | None = None
    month_year: int | None = None
    duration_days: int | None = None
    travellers: int | None = None
    budget_amount: float | None = None
    budget_currency: str | None = None
    interests: tuple[str, ...] = ()
    place_candidates: tuple[str, ...] = ()
    date_note: str | None = None
    season: str | None = None
    season_next: bool = False
    season_year: int | None = None
    season_text: str | None = None


def _next_month_start(month: int, today: date, year: int | None, force_next: bool) -> date:
    if year is not None:
        return date(year, month, 1)
    year = today.year
    if month < today.month or (month == today.month and force_next):
        year += 1
    return date(year, month, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit_dates(text: str, today: date) -> list[date]:
    found: list[tuple[int, date]] = []
    for m in _ISO_DATE.finditer(text):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d is None:
            raise InvalidRequestError(
                f"'{m[0]}' is not a real date. Use YYYY-MM-DD, e.g. {today + timedelta(days=30)}."
            )
        found.append((m.start(), d))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            month = MONTHS[m[month_group].lower()]
            day = int(m[day_group])
            year = int(m[3]) if m[3] else None
            if year is None:
                year = today.year
                candidate = _safe_date(year, month, day)
                if candidate is not None and candidate < today:
                    year += 1
            d = _safe_date(year, month, day)
            if d is not None and not any(abs(pos - m.start()) < 3 for pos, _ in found):
                found.append((m.start(), d))
    return [d for _, d in sorted(found)]


def _relative_start(text: str, today: date) -> tuple[date | None, str | None]:
    lowered = text.lower()
    if re.search(r"\btomorrow\b", lowered):
        return today + timedelta(days=1), "tomorrow"
    if re.search(r"\b(today|tonight)\b", lowered):
        return today, "today"
    if m := _IN_N.search(lowered):
        n, unit = _number(m[1]), m[2].rstrip("s")
        if unit == "day":
            return today + timedelta(days=n), m[0]
        if unit == "week":
            return today + timedelta(weeks=n), m[0]
        month = today.month - 1 + n
        year = today.year + month // 12
        day = min(today.day, calendar.monthrange(year, month % 12 + 1)[1])
        return date(year, month % 12 + 1, day), m[0]
    if m := re.search(r"\b(this|next)\s+weekend\b", lowered):
        return today + timedelta(days=(5 - today.weekday()) % 7), m[0]
    if re.search(r"\bnext\s+week\b", lowered):
        return today + timedelta(days=7 - today.weekday()), "next week"
    return None, None


def parse_request(text: str, today: date) -> RequestHints:
    """Read dates, duration, travellers, budget, interests and place names from the text."""
    dates = _explicit_dates(text, today)
    start = dates[0] if dates else None
    end = dates[1] if len(dates) > 1 else None
    note = None
    month = month_year = None
    if start is None:
        start, note = _relative_start(text, today)
    if start is None:
        for m in _MONTH_ONLY.finditer(text):
            word = m[2].lower()
            # "may" is also a verb; only take it as a month with a cue word or a year.
            if word == "may" and not (m[1] or m[3]) and not re.search(r"\bMay\b", m[0]):
                continue
            month = MONTHS[word]
            month_year = int(m[3]) if m[3] else None
            if month_year is None:
                month_year = _next_month_start(
                    month, today, None, (m[1] or "").lower() == "next"
                ).year
            break
    season = season_text = season_year = None
    season_next = False
    if start is None and month is None and (sm := _SEASON.search(text)):
        season = sm[2].lower()
        season_next = (sm[1] or "").lower() == "next"
        season_year = int(sm[3]) if sm[3] else None
        season_text = sm[0].strip()

    duration = None
    # "in 3 weeks" says when the trip starts, not how long it is.
    lengths = [m for m in _DURATION.finditer(text) if not re.search(r"\bin\s+$", text[: m.start()])]
    if lengths:
        dm = lengths[0]
        n, unit = _number(dm[1]), dm[2].lower()
        duration = n * 7 if unit.startswith("week") else n + 1 if unit.startswith("night") else n
    elif re.search(r"\bweekend\b", text, re.I):
        duration = 2
    elif re.search(r"\bday trip\b", text, re.I):
        duration = 1

    travellers = None
    if tm := _TRAVELLERS.search(text):
        travellers = _number(tm[1]) or None
    elif re.search(r"\b(couple|my (wife|husband|partner|girlfriend|boyfriend))\b", text, re.I):
        travellers = 2
    elif re.search(r"\b(solo|alone|by myself)\b", text, re.I):
        travellers = 1

    budget_amount = budget_currency = None
    if bm := _BUDGET_SYMBOL.search(text):
        budget_amount = float(bm[2].replace(",", "")) * (1000 if bm[3] else 1)
        budget_currency = CURRENCY_WORDS[bm[1]]
    else:
        for cm in _BUDGET_CODE.finditer(text):
            unit = cm[3]
            code = CURRENCY_WORDS.get(unit.lower()) or (
                unit.upper() if unit.upper() in _KNOWN_CODES else None
            )
            if code:
                budget_amount = float(cm[1].replace(",", "")) * (1000 if cm[2] else 1)
                budget_currency = code
                break

    lowered = text.lower()
    interests = tuple(w for w in INTEREST_WORDS if re.search(rf"\b{w}\b", lowered))
    return RequestHints(
        start=start,
        end=end,
        month=month,
        month_year=month_year,
        duration_days=duration,
        travellers=travellers,
        budget_amount=budget_amount,
        budget_currency=budget_currency,
        interests=interests,
        place_candidates=place_candidates(text),
        date_note=note,
        season=season,
        season_next=season_next,
        season_year=season_year,
        season_text=season_text,
    )


def season_start(
    season: str,
    today: date,
    *,
    southern: bool = False,
    force_next: bool = False,
    year: int | None = None,
) -> date:
    """The first day of the named meteorological season that is still ahead (or under way:
    then tomorrow). `force_next` ("next summer" said during summer) skips the current one.
    Southern-hemisphere seasons start six months later than northern ones."""
    month = SEASONS[season]
    if southern:
        month = (month + 5) % 12 + 1
    if year is not None:
        return max(date(year, month, 1), today + timedelta(days=1))
    for y in (today.year - 1, today.year, today.year + 1):
        first = date(y, month, 1)
        end_month = (month + 2) % 12 + 1  # the month after the season ends
        last = date(y + (1 if end_month < month else 0), end_month, 1) - timedelta(days=1)
        if last <= today:
            continue
        if first <= today:
            if force_next:
                continue
            return today + timedelta(days=1)
        return first
    return date(today.year + 1, month, 1)  # pragma: no cover - the loop always returns


def season_months(season: str, southern: bool) -> str:
    month = SEASONS[season]
    if southern:
        month = (month + 5) % 12 + 1
    names = [calendar.month_name[(month - 1 + i) % 12 + 1] for i in range(3)]
    return f"{names[0]} to {names[2]}"


_FILLER = set(NUMBER_WORDS) | {
    "i", "we", "me", "us", "my", "our", "you", "want", "would", "like", "to", "go", "going",
    "plan", "planning", "trip", "a", "an", "the", "in", "on", "at", "for", "from", "until",
    "till", "through", "and", "with", "of", "days", "day", "nights", "night", "week",
    "weeks", "weekend", "please", "budget", "people", "persons", "travellers", "travelers",
    "adults", "friends", "guests", "visit", "visiting", "holiday", "vacation", "city",
    "break", "around", "explore", "exploring", "into", "love", "enjoy", "interested",
    "interests", "some", "lots", "lot", "max", "about", "under", "total", "start",
    "starting", "next", "this", "coming", "early", "late", "mid", "by", "solo", "alone",
    "myself", "couple", "wife", "husband", "partner", "girlfriend", "boyfriend", "k", "is",
    "be", "can", "could", "make", "it", "there", "up",
}  # fmt: skip


def unread_words(text: str, hints: RequestHints, place_names: tuple[str, ...]) -> list[str]:
    """Words of the request that the parser did not account for: a dates/places/budget/
    interest phrase it read, a place it resolved, or plain filler. Anything left may carry
    something only the model can read ("a relaxing few days", "temples")."""
    rest = text
    patterns = [
        _ISO_DATE, _DAY_MONTH, _MONTH_DAY, _RELATIVE, _MONTH_ONLY, _SEASON, _DURATION,
        _TRAVELLERS, _BUDGET_SYMBOL, _BUDGET_CODE,
    ]  # fmt: skip
    for pattern in patterns:
        rest = pattern.sub(" ", rest)
    for phrase in (*hints.interests, *place_names):
        rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", rest, flags=re.I)
    words = re.findall(r"[\w'À-ÿ]+", rest.lower())
    return [w for w in words if w not in _FILLER and not w.isdigit()]


def fully_read(text: str, hints: RequestHints, place_names: tuple[str, ...]) -> bool:
    """Whether code has read everything the understanding model would add: when the trip
    starts and how long it is, and no unread words (interests, travellers, budget are
    either parsed or not mentioned)."""
    has_start = hints.start is not None or hints.month is not None or hints.season is not None
    has_length = hints.end is not None or hints.duration_days is not None
    return has_start and has_length and not unread_words(text, hints, place_names)


def place_candidates(text: str) -> tuple[str, ...]:
    """Place names that appear in the request, most likely first."""
    seen: list[str] = []

    def add(candidate: str) -> None:
        words = [w.strip(".,!?;:'\"") for w in re.split(r"\s+", candidate.strip())]
        while words and words[0].lower() in _NOT_PLACES:
            words.pop(0)
        kept: list[str] = []
        for word in words[:3]:
            if (
                not word
                or word.lower() in _NOT_PLACES
                or word[0].isdigit()
                or word.lower() in INTEREST_WORDS
            ):
                break
            kept.append(word)
        for name in (" ".join(kept), kept[0] if len(kept) > 1 else ""):
            known = {s.lower() for s in seen} | _NOT_PLACES | set(INTEREST_WORDS)
            if len(name) >= 2 and name.lower() not in known:
                seen.append(name)

    for m in _PLACE_AFTER.finditer(text):
        add(m[1])
    for m in _CAPITALISED.finditer(text):
        add(m[1])
    return tuple(seen[:6])


class Notice(BaseModel):
    """An assumption or note for the traveller: `text` is in the traveller's language, `code`
    a stable key for programs, `detail` developer detail (JSON output and logs only)."""

    code: str
    text: str
    detail: str = ""


class Trip(BaseModel):
    """The resolved trip every later step works from."""

    request: str
    language: Language = "en"
    destination: str
    country: str
    country_code: str
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    timezone: str | None = None
    start_date: date
    end_date: date
    travellers: int = 1
    interests: list[str] = Field(default_factory=list)
    budget_amount: float | None = None
    budget_currency: str | None = None
    home_currency: str
    assumptions: list[Notice] = Field(default_factory=list)
    # How the request was read: "parser" (code read all of it, no model call) or "model"
    # (the structured-output call filled what code could not read).
    source: Literal["parser", "model"] = "model"
    # Which reading gave each field: "text", "model" or "default" (JSON output only).
    readings: dict[str, str] = Field(default_factory=dict)
    place_source: str | None = None

    @property
    def days(self) -> list[date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=i) for i in range(count)]

    @property
    def length_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


ClarificationReason = Literal[
    "not_a_trip", "no_destination", "unknown_place", "ambiguous_place", "impossible_dates"
]


class Clarification(BaseModel):
    """The request cannot be planned as written: what is missing, asked in its language."""

    reason: ClarificationReason
    message: str
    language: Language = "en"
    request: str
    options: list[str] = Field(default_factory=list)
    suggestions: list[dict[str, Any]] = Field(default_factory=list)


class Refinement(BaseModel):
    """A follow-up that changes the current plan rather than asking for another trip."""

    instruction: str
    # Days to rewrite (1-based); empty means the planner may touch any day.
    days: list[int] = Field(default_factory=list)
    # "add a day trip to Sintra": the place of the day trip.
    day_trip: str | None = None


@dataclass
class TripDates:
    start: date
    end: date
    assumptions: list[str] = field(default_factory=list)


def _fmt(d: date) -> str:
    return f"{d.strftime('%A')} {d.isoformat()}"


def resolve_dates(
    hints: RequestHints,
    understood: TripUnderstanding,
    today: date,
    *,
    latitude: float | None = None,
) -> TripDates:
    """Pick the trip dates: text first, then the model, then defaults; reject impossible ones.

    A season ("next spring") uses the destination's hemisphere when its latitude is known."""
    assumptions: list[str] = []
    start = hints.start
    end = hints.end
    duration = hints.duration_days
    if duration is None and understood.duration_days and understood.duration_days <= 60:
        duration = understood.duration_days

    if start is None and hints.season is not None:
        southern = latitude is not None and latitude < 0
        start = season_start(
            hints.season, today, southern=southern, force_next=hints.season_next,
            year=hints.season_year,
        )  # fmt: skip
        half = "southern" if southern else "northern"
        assumptions.append(
            f"No exact dates given: '{hints.season_text}' read as the {half}-hemisphere "
            f"{hints.season} ({season_months(hints.season, southern)}); the trip starts "
            f"on {_fmt(start)}."
        )

    if start is None and hints.month is not None:
        year = hints.month_year or today.year
        start = max(date(year, hints.month, 1), today + timedelta(days=1))
        assumptions.append(
            f"No exact dates given: the trip starts on the first day that fits in "
            f"{calendar.month_name[hints.month]} {year}, {_fmt(start)}."
        )
    if start is None and understood.start_date:
        guess = date.fromisoformat(understood.start_date)
        if today <= guess <= today + timedelta(days=400):
            start = guess
            assumptions.append(f"Start date taken as {_fmt(start)}.")
    if start is None and understood.month:
        start = max(_next_month_start(understood.month, today, None, False), today)
        assumptions.append(
            f"No exact dates given: the trip starts on {_fmt(start)}, "
            f"the first day of {calendar.month_name[understood.month]}."
        )
    if start is None:
        start = today + timedelta(days=DEFAULT_LEAD_DAYS)
        assumptions.append(
            f"No dates given: planned for {_fmt(start)}, two weeks from today. "
            "Add dates to plan a different week."
        )
    elif hints.date_note:
        assumptions.append(f"'{hints.date_note}' read as {_fmt(start)}.")

    if end is None and duration is None and understood.end_date and not hints.start:
        guess = date.fromisoformat(understood.end_date)
        if guess >= start:
            end = guess
    if end is None:
        if duration is None:
            duration = DEFAULT_TRIP_DAYS
            assumptions.append(f"No trip length given: planned {DEFAULT_TRIP_DAYS} days.")
        end = start + timedelta(days=duration - 1)

    if start < today:
        raise InvalidRequestError(
            f"The trip would start on {start.isoformat()}, which is in the past "
            f"(today is {today.isoformat()}). Give a start date from today on."
        )
    if end < start:
        raise InvalidRequestError(
            f"The trip would end ({end.isoformat()}) before it starts ({start.isoformat()}). "
            "Check the dates."
        )
    length = (end - start).days + 1
    if length > MAX_TRIP_DAYS:
        raise InvalidRequestError(
            f"The trip is {length} days long; plans cover at most {MAX_TRIP_DAYS} days. "
            "Ask for a shorter trip, or plan it in parts."
        )
    return TripDates(start=start, end=end, assumptions=assumptions)


def stated_travellers(count: int | None, text: str) -> int | None:
    """The model's traveller count, only if the request states that number."""
    if count is None:
        return None
    words = [w for w, n in NUMBER_WORDS.items() if n == count and len(w) > 2]
    found = re.search(rf"\b({count}|{'|'.join(words) or 'x^'})\b", text, re.I)
    return count if found else None


def resolve_money(
    hints: RequestHints, understood: TripUnderstanding, default_home: str, text: str
) -> tuple[float | None, str | None, str]:
    """Budget amount, its currency and the home currency, preferring what the text says."""
    amount = hints.budget_amount
    currency = hints.budget_currency
    if amount is None and understood.budget_amount and str(int(understood.budget_amount)) in text:
        amount = understood.budget_amount
        currency = _code(understood.budget_currency)
    home = default_home
    model_home = _code(understood.home_currency)
    if model_home and model_home in text.upper():
        home = model_home
    if amount is not None and currency is None:
        currency = home
    return amount, currency, home


def _code(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    code = str(CURRENCY_WORDS.get(value.lower(), value.upper()))
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


_RELATIVE = re.compile(
    rf"\b(tomorrow|today|tonight|(this|next)\s+week(end)?|in\s+{_NUM}\s+(days?|weeks?|months?))\b",
    re.I,
)


def merge_follow_up(previous_request: str, message: str, today: date) -> str:
    """The request for a follow-up that changes the trip ("make it 5 days", "in March"):
    the new message first, and the old request without the parts the message replaces."""
    new = parse_request(message, today)
    old = previous_request
    if new.start is not None or new.month is not None or new.season is not None:
        for pattern in (_ISO_DATE, _DAY_MONTH, _MONTH_DAY, _RELATIVE, _MONTH_ONLY, _SEASON):
            old = pattern.sub(" ", old)
    if new.duration_days is not None:
        old = _DURATION.sub(" ", old)
        old = re.sub(r"\b(weekend|day trip)\b", " ", old, flags=re.I)
    old = re.sub(r"\s+([,.])", r"\1", re.sub(r"\s{2,}", " ", old)).strip(" ,.")
    return f"{message.strip().rstrip('.')}; {old}" if old else message
