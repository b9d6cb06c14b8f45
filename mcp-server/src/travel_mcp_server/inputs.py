"""Argument checks shared by every tool; failures carry a message that says what to fix."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, timedelta

MAX_TEXT_LENGTH = 200
MAX_DAYS_PER_DAY_TOOL = 31
# Trip dates outside these years are mistakes; the calendar libraries also fail near the ends
# of Python's date range (0001-01-01, 9999-12-31).
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Bidirectional-text and invisible formatting characters: they can make a reply read differently
# from what it says. Joiners (U+200C/U+200D) stay: Persian and Indic names need them.
_FORMATTING = dict.fromkeys(
    [0x061C, 0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


class ToolInputError(ValueError):
    """A caller mistake; the message is shown to the model verbatim."""


class DataUnavailableError(RuntimeError):
    """The question is valid but no data source can answer it; the message says why."""


def clean_text(value: str) -> str:
    """Drop control characters (NUL, escapes) and bidi/invisible formatting characters;
    line breaks and tabs become spaces. What remains is safe to echo in a message."""
    text = value.translate(_FORMATTING)
    if text.isprintable():
        return text
    return "".join(
        " " if ch in "\t\n\r" else ch
        for ch in text
        if ch in "\t\n\r" or unicodedata.category(ch) != "Cc"
    )


def require_text(value: str | None, field: str) -> str:
    """Return a cleaned, stripped, non-empty string of at most MAX_TEXT_LENGTH characters."""
    if value is None:
        raise ToolInputError(f"'{field}' is required.")
    text = clean_text(value).strip()
    if not text:
        raise ToolInputError(f"'{field}' must not be empty.")
    if len(text) > MAX_TEXT_LENGTH:
        raise ToolInputError(
            f"'{field}' is {len(text)} characters long; send at most {MAX_TEXT_LENGTH}."
        )
    return text


def optional_text(value: str | None, field: str) -> str | None:
    """Like require_text, but None or blank means 'not given'."""
    if value is None or not value.strip():
        return None
    return require_text(value, field)


_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for name matching ("Zürich" == "zurich")."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def parse_date(value: str | None, field: str) -> date:
    """Parse a calendar date written exactly as YYYY-MM-DD (no week dates, no compact form)."""
    text = require_text(value, field)
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise ToolInputError(
            f"'{field}' must be a date in YYYY-MM-DD form (got {text!r})."
        ) from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ToolInputError(
            f"'{field}' {text} is outside the supported dates ({FIRST_DATE.isoformat()} to "
            f"{LAST_DATE.isoformat()})."
        )
    return day


def parse_date_range(
    start: str | None, end: str | None, *, max_days: int | None = MAX_DAYS_PER_DAY_TOOL
) -> tuple[date, date]:
    """Parse start/end dates, check order and (optionally) the number of days covered."""
    first = parse_date(start, "start_date")
    last = parse_date(end, "end_date")
    if last < first:
        raise ToolInputError(
            f"end_date {last.isoformat()} is before start_date {first.isoformat()}; "
            "swap them or fix the range."
        )
    days = (last - first).days + 1
    if max_days is not None and days > max_days:
        raise ToolInputError(
            f"The range covers {days} days; ask for at most {max_days} days per call "
            "(split longer trips into several calls)."
        )
    return first, last


def each_day(first: date, last: date) -> list[date]:
    """All dates from first to last inclusive."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def require_positive_amount(value: float | int | None, field: str) -> float:
    """A finite number greater than zero."""
    if value is None or isinstance(value, bool):
        raise ToolInputError(f"'{field}' must be a number greater than 0.")
    amount = float(value)
    if not math.isfinite(amount):
        raise ToolInputError(f"'{field}' must be a finite number (got {value!r}).")
    if amount <= 0:
        raise ToolInputError(f"'{field}' must be greater than 0 (got {value!r}).")
    if amount > 1e15:
        raise ToolInputError(f"'{field}' is unrealistically large (got {value!r}).")
    return amount
