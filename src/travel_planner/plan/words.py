"""The plan's words and numbers in the traveller's language (catalogue domain "plan")."""

from __future__ import annotations

from datetime import date
from functools import cache
from zoneinfo import available_timezones

from babel import Locale
from babel.dates import get_timezone_location
from babel.numbers import get_currency_name

from travel_planner.i18n import (
    cldr_locale,
    country_name,
    format_date,
    format_money,
    format_number,
    language_name,
    month_name,
    translator,
)

_ENGLISH_LANGUAGES = {name.casefold(): code for code, name in Locale.parse("en").languages.items()}


@cache
def _exemplar_zones() -> dict[str, str]:
    """English exemplar city -> its time zone, for every zone CLDR names a city for."""
    # CLDR lists a city only where it differs from the zone's own last part ("Mexico_City").
    named = Locale.parse("en").time_zones
    zones: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        if "/" in zone and not zone.startswith("Etc/"):
            city = named.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            zones.setdefault(str(city).casefold(), zone)
    return zones


def num(value: float, language: str = "en", decimals: int = 1) -> str:
    """A figure as the plan shows it: the locale's separators, at most `decimals` decimals."""
    return format_number(value, language, decimals=decimals)


def money(amount: float, currency: str, language: str = "en") -> str:
    return format_money(amount, currency, language)


class Words:
    """Translations and locale formatting for one plan."""

    def __init__(self, language: str) -> None:
        self.language = language
        catalogue = translator(language, "plan")
        self._ = catalogue.gettext
        self.n_ = catalogue.ngettext

    def label(self, text: str) -> str:
        """`Morning:`; French puts a narrow no-break space before the colon."""
        return self._("{label}:").format(label=text)

    def num(self, value: float, decimals: int = 1) -> str:
        return num(value, self.language, decimals)

    def temps(self, low: float | None, high: float | None) -> str:
        """`13–22 °C`, or one value when low and high are the same."""
        shown = [self.num(v) for v in (low, high) if v is not None]
        if len(shown) == 2 and shown[0] == shown[1]:
            shown = shown[:1]
        return "–".join(shown) + " °C" if shown else "?"

    def money(self, amount: float, currency: str) -> str:
        return money(amount, currency, self.language)

    def date(self, day: date, format: str = "full") -> str:
        return format_date(day, self.language, format)

    def month(self, month: int) -> str:
        return month_name(month, self.language)

    def country(self, code: str, fallback: str) -> str:
        name = country_name(code, self.language) if code else fallback
        return fallback if name == code else name

    def currency(self, code: str, fallback: str | None = None) -> str:
        try:
            name = str(get_currency_name(code, locale=cldr_locale(self.language)))
        except (ValueError, LookupError):
            name = code
        # Babel answers a code it does not know with the code itself.
        return fallback if name == code and fallback else name

    def spoken(self, english_name: str, code: str | None = None) -> str:
        """A language named by the tools in English ("Portuguese", "Modern Greek (1453-)"), in
        the plan's language: by its ISO code where CLDR names it, else by its English name."""
        for known in (code, _ENGLISH_LANGUAGES.get(english_name.casefold())):
            if known and (name := language_name(known, self.language)) != known:
                return name
        return english_name

    def city(self, english_name: str) -> str:
        """A city named by the tools in English ("Lisbon"), as CLDR writes it in the plan's
        language ("Lisboa"), when it is the exemplar city of a time zone (most capitals);
        otherwise as given."""
        zone = _exemplar_zones().get(english_name.casefold())
        if zone is None:
            return english_name
        return str(get_timezone_location(zone, locale=cldr_locale(self.language), return_city=True))

    def days_list(self, days: list[int]) -> str:
        return ", ".join(str(d) for d in days)
