"""Reading a request in the language the caller names, and which small words are known: a
budget, a start or a long-weekend word alone is no place nor anything only the model reads."""

from __future__ import annotations

from datetime import date

import pytest

from tests.understanding.conftest import TODAY
from travel_planner.i18n import Language
from travel_planner.understanding.reading import read_text, unread_words

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("en", date(2027, 10, 5)),  # month first
        ("fr", date(2027, 5, 10)),  # day first
    ],
)
def test_a_given_language_reads_the_dates_for_sure(language: Language, start: date) -> None:
    reading = read_text("10/05/2027 for 3 days", TODAY, language)
    assert (reading.language, reading.language_confidence) == (language, 1.0)
    assert reading.dates.start == start


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Lisbon starting", []),
        ("Lisbon budget", []),
        ("Lisbon langes", []),
        # The budget's span ends where the next word begins: that word is left.
        ("Lisbon 500€kayaking", ["kayaking"]),
    ],
)
def test_known_words_are_not_left(text: str, left: list[str]) -> None:
    assert unread_words(read_text(text, TODAY, "en"), "Lisbon") == left
