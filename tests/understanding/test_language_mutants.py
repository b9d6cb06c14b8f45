"""Which language a text is in, and how sure: below 12 letters the words that belong to one
language vote (greetings, month and weekday names, day/week/night units; the most votes win);
from 12 letters the n-gram model decides; no letter at all is the default, unsure."""

from __future__ import annotations

import pytest

from travel_planner.understanding.language import detect_language

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "language", "confidence"),
    [
        ("", "en", 0.0),
        ("123 456", "en", 0.0),
        # A place name alone says nothing.
        ("Lisboa", "en", 0.3),
        # A word two languages share decides nothing either.
        ("mai", "en", 0.3),
        ("lunes", "es", 0.9),
        ("Tage", "de", 0.9),
        ("settimane", "it", 0.9),
        ("noites", "pt", 0.9),
        ("Oi Lisboa", "pt", 0.9),
        # The most votes win, whichever language voted first.
        ("ciao ja ja", "de", 0.9),
        ("ja ciao ciao", "it", 0.9),
        # Eleven letters vote; twelve go to the n-gram model, whose unsure guess ("en", 0.40)
        # gives way to the word of one language, the confidence staying low.
        ("merci Madrid", "fr", 0.9),
        ("hola Abcdefgh", "es", 0.4027),
        ("Quiero ir a Lisboa en mayo con mi familia", "es", 0.9895),
    ],
)
def test_the_language_of_a_text(text: str, language: str, confidence: float) -> None:
    found, sure = detect_language(text)
    assert (found, round(sure, 4)) == (language, confidence)
