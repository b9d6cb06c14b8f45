"""The page's own words (buttons, headings, messages) in the traveller's language: English
msgids translated in `locales/<lang>/LC_MESSAGES/web.po`, read at first use."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from travel_planner.i18n import SUPPORTED_LANGUAGES, as_language

LOCALES = Path(__file__).parent / "locales"


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def page_labels(language: str) -> dict[str, str]:
    """msgid -> translation for a supported language; {} for English (the msgids)."""
    code = as_language(language)
    path = LOCALES / str(code) / "LC_MESSAGES" / "web.po"
    if code is None or not path.is_file():
        return {}
    with path.open("rb") as po:
        catalog = read_po(po, locale=code, domain="web")
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }
