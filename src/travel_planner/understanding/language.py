"""Which supported language a request is written in, offline.

py3langid (a naive Bayes model over byte n-grams, restricted to the supported languages)
reads sentences well; a text of one or two words ("Hola", "Roma") carries too few n-grams,
so words that belong to one language only (greetings, months, weekdays) decide those.
"""

from __future__ import annotations

import re
import threading
from functools import cache

from babel import Locale
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from travel_planner.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, Language, as_language
from travel_planner.understanding import lexicon
from travel_planner.understanding.lexicon import fold

# Greetings and short replies no shared source lists per language.
_SHORT_WORDS: dict[str, Language] = {
    "hello": "en", "hi": "en", "thanks": "en", "yes": "en",
    "hola": "es", "gracias": "es", "buenas": "es", "si": "es",
    "bonjour": "fr", "salut": "fr", "merci": "fr", "oui": "fr",
    "hallo": "de", "danke": "de", "servus": "de", "ja": "de",
    "ola": "pt", "oi": "pt", "obrigado": "pt", "obrigada": "pt", "sim": "pt",
    "ciao": "it", "grazie": "it", "buongiorno": "it", "salve": "it",
}  # fmt: skip
# Below this many letters the n-gram model guesses; one-language words decide instead, and
# without one the default language is assumed (the model, when asked, may say otherwise).
SHORT_TEXT = 12
# Below this probability the n-gram guess is unsure: a word of one language outweighs it
# (and the model, when asked, is asked the language too: see `decide.open_questions`).
UNSURE = 0.6


_LOADING = threading.Lock()


def _identifier() -> LanguageIdentifier:
    # One load, whichever thread asks first (the planner warms it up in a thread of its own).
    with _LOADING:
        return _load_identifier()


def warm_up() -> None:
    """Load the n-gram model now. Most of the load is decompression, which runs outside the
    GIL: a thread doing it overlaps the planner's imports instead of adding to them."""
    _identifier()
    _calendar_words()


@cache
def _load_identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(SUPPORTED_LANGUAGES))
    # The model for all 97 languages (27 MB) is kept only to restrict it again; the six
    # languages' columns are a copy, so a long-lived process (the web app) lets it go.
    identifier._full_model = None  # type: ignore[assignment]
    return identifier


@cache
def _calendar_words() -> dict[str, Language | None]:
    """Month, weekday, duration-unit and holiday names -> their language (None when several
    languages share one)."""
    owners: dict[str, set[Language]] = {}
    for language in SUPPORTED_LANGUAGES:
        locale = Locale.parse(language)
        units = [w for unit in ("day", "week", "night") for w in lexicon.unit_words(language, unit)]
        holidays = "|".join(lexicon.HOLIDAY_WORDS[language].values()).split("|")
        names = [
            *locale.months["format"]["wide"].values(),
            *locale.days["format"]["wide"].values(),
            *units,
            *(name for name in holidays if " " not in name),
        ]
        for name in names:
            owners.setdefault(fold(str(name)), set()).add(language)
    return {w: next(iter(o)) if len(o) == 1 else None for w, o in owners.items()}


def _word_vote(text: str) -> Language | None:
    votes: dict[Language, int] = {}
    for word in re.findall(r"[^\W\d_]+", fold(text)):
        language = _SHORT_WORDS.get(word) or _calendar_words().get(word)
        if language is not None:
            votes[language] = votes.get(language, 0) + 1
    if not votes:
        return None
    return max(votes, key=lambda lang: votes[lang])


def detect_language(text: str) -> tuple[Language, float]:
    """The language of `text` and how sure the detector is (0..1)."""
    letters = sum(ch.isalpha() for ch in text)
    if not letters:
        return DEFAULT_LANGUAGE, 0.0
    if letters < SHORT_TEXT:
        voted = _word_vote(text)
        # A place name alone ("Lisbon", "Roma") says nothing about the language.
        return (voted, 0.9) if voted is not None else (DEFAULT_LANGUAGE, 0.3)
    code, probability = _identifier().classify(text)
    detected = as_language(str(code)) or DEFAULT_LANGUAGE
    if probability < UNSURE and (voted := _word_vote(text)) is not None:
        # "Christmas in Vienna": too few letters for the n-grams, a word of one language. Still
        # unsure: a model, when asked, may say otherwise.
        detected = voted
    return detected, float(probability)
