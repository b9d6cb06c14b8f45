"""Text in the traveller's language: message catalogues and locale-aware formatting.

Messages are English msgids translated in `locales/<lang>/LC_MESSAGES/<domain>.po`, one
domain per area (`plan`, `understanding`, `ui`). Catalogues are read from the `.po` files at
first use, so the repository holds no compiled files. Dates, numbers, amounts, country and
language names come from CLDR through Babel.
"""

from __future__ import annotations

import gettext
import io
import os
import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, get_args

if TYPE_CHECKING:
    from babel import Locale

# Babel is imported where it is used: `travel-planner --help` and the start of a plan do not
# pay for it.

Language = Literal["en", "es", "fr", "de", "pt", "it"]
SUPPORTED_LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"
LOCALES_DIR = Path(__file__).parent / "locales"


class Translator(Protocol):
    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


def as_language(value: str | None) -> Language | None:
    """A supported language from a code such as "es", "es-AR" or "pt_BR"; None otherwise."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    for language in SUPPORTED_LANGUAGES:
        if language == code:
            return language
    return None


def system_language() -> Language | None:
    """The supported language of the terminal's locale, read as POSIX does (LC_ALL, then
    LC_MESSAGES, then LANG): "es_ES.UTF-8" -> "es"; None for "C", "POSIX" or another one."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return as_language(value.split(".")[0])
    return None


# Frequent words of travel requests (accents removed), for `guess_language`. A word several
# languages share counts for each of them.
_FREQUENT: dict[Language, str] = {
    "en": "the and in from for to of with day days week weeks night nights trip i we my me "
    "want would like tell about",
    "es": "el los las la del de y en con para desde dia dias semana semanas noche noches "
    "viaje quiero queremos me gusta gustaria al una un",
    "fr": "le les la des du de et en au aux avec pour jour jours semaine semaines nuit "
    "nuits voyage je veux voudrais nous une un",
    "de": "der die das und in mit fur nach ab im am tag tage tagen woche wochen nacht "
    "nachte reise ich wir mochte mochten eine ein",
    "pt": "o os as do da dos das de e em no na com para desde dia dias semana semanas "
    "noite noites viagem quero queremos gosto uma um",
    "it": "il lo gli la le del della di e in al con per da giorno giorni settimana "
    "settimane notte notti viaggio voglio vorrei vogliamo una un",
}
_FREQUENT_WORDS = {language: frozenset(words.split()) for language, words in _FREQUENT.items()}


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions match the original)."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)[:1] or char
        out.append(base.lower()[:1] or char)
    return "".join(out)


def guess_language(text: str) -> Language | None:
    """A quick guess at the language of a request from its frequent words ("días", "desde",
    "Tage"); None when no language has more of them than every other. The request reader's
    own detector decides; this only lets the first progress lines speak the request's
    language before that detector is loaded."""
    words = re.findall(r"[^\W\d_]+", fold(text))
    votes = {lang: sum(w in table for w in words) for lang, table in _FREQUENT_WORDS.items()}
    ranked = sorted(votes.values(), reverse=True)
    if not ranked[0] or ranked[0] == ranked[1]:
        return None
    return max(votes, key=lambda lang: votes[lang])


@lru_cache(maxsize=64)
def translator(language: str, domain: str = "plan") -> Translator:
    """The catalogue of `domain` in `language`; English (the msgids) when there is none."""
    path = LOCALES_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if language == DEFAULT_LANGUAGE or not path.is_file():
        # The standard library's: an English line needs no catalogue machinery.
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=domain)


# The catalogues' Portuguese is Portugal's ("A verificar o servidor"); CLDR's plain "pt" is
# Brazil's ("€ 1.500,00", "Madri"), so formatting uses pt_PT to match the words around it.
CLDR_LOCALES: dict[str, str] = {"pt": "pt_PT"}


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse(CLDR_LOCALES.get(language, language))


def cldr_locale(language: str) -> Locale:
    """The CLDR locale the texts of `language` are formatted with."""
    return _locale(language)


def format_date(day: date, language: str, format: str = "full") -> str:
    """A date as people write it in `language` ("lunes, 10 de mayo de 2027")."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(day, format=format, locale=_locale(language)))


def format_number(value: float, language: str, *, decimals: int = 2) -> str:
    """A number with the locale's separators and at most `decimals` decimals."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_locale(language)))


def format_money(amount: float, currency: str, language: str) -> str:
    """An amount with its currency as the locale writes it ("1.200,00 €", "US$1,200.00")."""
    from babel.numbers import format_currency

    return str(format_currency(amount, currency, locale=_locale(language)))


def country_name(code: str, language: str) -> str:
    """A country's name in `language` from its ISO 3166 alpha-2 code; the code if unknown."""
    return str(_locale(language).territories.get(code.upper(), code))


def language_name(code: str, language: str) -> str:
    """A language's name in `language` ("español" for es in es); the code if unknown."""
    return str(_locale(language).languages.get(code, code))


def weekday_name(day: date, language: str) -> str:
    return format_date(day, language, format="EEEE")


def month_name(month: int, language: str) -> str:
    """The month's stand-alone name ("mayo", "Mai")."""
    names = _locale(language).months["stand-alone"]["wide"]
    return str(names[month])


__all__ = [
    "DEFAULT_LANGUAGE",
    "SUPPORTED_LANGUAGES",
    "Language",
    "Translator",
    "as_language",
    "country_name",
    "format_date",
    "format_money",
    "format_number",
    "guess_language",
    "language_name",
    "month_name",
    "translator",
    "weekday_name",
]
