"""What the reader tells the traveller, in the traveller's language (catalogue domain
"understanding"; English msgids, dates and amounts formatted for the language by CLDR)."""

from __future__ import annotations

from datetime import date
from typing import Any

from travel_planner.i18n import Language, format_date, format_money, format_number, translator
from travel_planner.trip import Clarification, ClarificationReason, Notice

DOMAIN = "understanding"

EXAMPLE = "4 days in Lisbon in May, food and museums"
NOT_A_TRIP = 'I plan trips. Tell me where and when you want to go, for example: "{example}".'
NO_DESTINATION = (
    'Where would you like to go? Name a city, a region or a country, for example: "{example}".'
)
SUGGESTIONS = (
    "Where would you like to go? In {month} these places match what you asked for: "
    "{places}. Pick one or name another place."
)
UNKNOWN_PLACE = 'I don\'t know a place called "{name}". Check the spelling or name a nearby city.'
IMPOSSIBLE_DATE = (
    '"{written}" is not a date that exists. Give the dates again, for example {example}.'
)
PAST_DATE = "The trip would start on {date}, which is in the past. Give a start date from today on."
FAR_DATE = "The trip would start on {date}, too far ahead. Give dates within the next two years."
END_BEFORE_START = "The trip would end on {end}, before it starts on {start}. Check the dates."
TOO_LONG = (
    "The trip would last {days} days; a plan covers at most {max} days. "
    "Ask for a shorter trip, or plan it in parts."
)
INVALID_BUDGET = (
    '"{written}" is not a budget: give a positive amount, for example "budget 800 EUR".'
)

DEFAULT_DATES = (
    "No dates given: planned from {date}, two weeks from today. Add dates to plan another week."
)
DEFAULT_LENGTH = "No trip length given: planned {days} days."
MONTH_START = "No exact dates given: the trip starts on {date}, the first day that fits in {month}."
SEASON_START = (
    'No exact dates given: "{phrase}" read as the season from {first} to {last} at your '
    "destination; the trip starts on {date}."
)
READ_AS = '"{phrase}" read as {date}.'
READ_AS_RANGE = '"{phrase}" read as {start} to {end}.'
HOME_CURRENCY = "The budget has no currency: read as {amount}, your home currency."
BUDGET_TOTAL = 'Budget for the whole trip: {amount} ("{written}").'
AMBIGUOUS_PLACE = "Several places are called {name}: planning for {chosen}. Others: {others}."
AREA_COUNTRY = "{area} is a country: the plan is based in {city}."
AREA_REGION = "{area} is a region: the plan is based in {city}."
SUGGESTION_ROW = (
    "{place} ({low} to {high} °C, {rain} rainy day)",
    "{place} ({low} to {high} °C, {rain} rainy days)",
)


def text(language: Language, message: str, **values: Any) -> str:
    """`message` in `language`, with `values` filled in."""
    translated = translator(language, DOMAIN).gettext(message)
    return translated.format(**values)


def plural(language: Language, forms: tuple[str, str], count: int, **values: Any) -> str:
    """The singular or plural of `forms` for `count`, in `language`, with `values` filled in."""
    translated = translator(language, DOMAIN).ngettext(forms[0], forms[1], count)
    return translated.format(**values)


def day(value: date, language: Language) -> str:
    return format_date(value, language, "full")


def notice(code: str, language: Language, message: str, detail: str = "", **values: Any) -> Notice:
    return Notice(code=code, text=text(language, message, **values), detail=detail)


def clarify(
    reason: ClarificationReason,
    language: Language,
    request: str,
    message: str,
    *,
    options: list[str] | None = None,
    suggestions: list[dict[str, Any]] | None = None,
    **values: Any,
) -> Clarification:
    if "example" not in values:
        values["example"] = text(language, EXAMPLE)
    return Clarification(
        reason=reason,
        message=text(language, message, **values),
        language=language,
        request=request,
        options=options or [],
        suggestions=suggestions or [],
    )


def money(amount: float, currency: str, language: Language) -> str:
    try:
        return format_money(amount, currency, language)
    except (KeyError, ValueError):  # a currency CLDR cannot format
        return f"{format_number(amount, language)} {currency}"
