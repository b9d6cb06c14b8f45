"""Argument checks shared by every tool; failures carry a message that says what to fix."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, timedelta

MAX_TEXT_LENGTH = 200
MAX_DAYS_PER_DAY_TOOL = 31


class ToolInputError(ValueError):
    """A caller mistake; the message is shown to the model verbatim."""


class DataUnavailableError(RuntimeError):
    """The question is valid but no data source can answer it; the message says why."""


def require_text(value: str | None, field: str) -> str:
    """Return a stripped, non-empty string of at most MAX_TEXT_LENGTH characters."""
    if value is None:
        raise ToolInputError(f"'{field}' is required.")
    text = value.strip()
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
    """Parse an ISO date (YYYY-MM-DD)."""
    text = require_text(value, field)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ToolInputError(
            f"'{field}' must be a date in YYYY-MM-DD form (got {text!r})."
        ) from None


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
