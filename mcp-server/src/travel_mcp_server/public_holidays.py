"""Public holidays from the rules bundled in the `holidays` package (no network)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import version
from typing import Any

import holidays

from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.inputs import ToolInputError, optional_text, parse_date_range

MAX_HOLIDAY_RANGE_DAYS = 366
SOURCE = f"python-holidays {version('holidays')} (rules bundled with the package)"


@cache
def _supported() -> dict[str, list[str]]:
    return {code: list(subdivs) for code, subdivs in holidays.list_supported_countries().items()}


def _names_language(code: str, wanted: str | None) -> str | None:
    """The calendar's own language closest to `wanted` ("pt" -> "pt_PT"); None: English,
    the names the rules are written with."""
    if not wanted:
        return None
    base = wanted.strip().replace("-", "_").split("_")[0].lower()
    offered = holidays.country_holidays(code).supported_languages
    return next((lang for lang in offered if lang.split("_")[0].lower() == base), None)


def public_holidays(
    countries: CountryDirectory,
    country: str,
    start_date: str,
    end_date: str,
    subdivision: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Tool logic: holidays between two dates (inclusive) for a country and optional subdivision,
    named in `language` where the country's calendar has that language (else in English)."""
    code = countries.lookup(country)
    first, last = parse_date_range(start_date, end_date, max_days=MAX_HOLIDAY_RANGE_DAYS)
    supported = _supported()
    if code not in supported:
        raise ToolInputError(
            f"No public-holiday calendar is available for {countries.name_of(code)} ({code})."
        )
    subdiv = optional_text(subdivision, "subdivision")
    if subdiv is not None:
        options = {s.upper(): s for s in supported[code]}
        if subdiv.upper() not in options:
            listed = ", ".join(supported[code][:80]) or "none"
            raise ToolInputError(
                f"Unknown subdivision {subdiv!r} for {code}. Valid codes: {listed}."
            )
        subdiv = options[subdiv.upper()]
    names = _names_language(code, optional_text(language, "language"))
    calendar = holidays.country_holidays(
        code, subdiv=subdiv, years=range(first.year, last.year + 1), language=names or "en_US"
    )
    found = [
        {"date": day.isoformat(), "name": name}
        for day, name in sorted(calendar.items())
        if first <= day <= last
    ]
    return {
        "country": code,
        "country_name": countries.name_of(code),
        "subdivision": subdiv,
        "start_date": first.isoformat(),
        "end_date": last.isoformat(),
        "holidays": found,
        "language": names or "en_US",
        "source": SOURCE,
    }
