"""Numbers next to a word, as digits or as up to three number words in any supported language:
the value and where it starts or ends in the text."""

from __future__ import annotations

import pytest

from travel_planner.i18n import Language
from travel_planner.understanding.number_words import number_after, number_before, word_number

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "start", "language", "found"),
    [
        ("with 3 friends", 4, "en", (3, 6)),
        ("x  12 y", 1, "en", (12, 5)),
        ("for twenty one days", 3, "en", (21, 14)),
        ("for sixty seven days", 3, "en", (67, 15)),
        ("a vingt-deux jours", 1, "fr", (22, 12)),
        ("plus deux amis", 4, "fr", (2, 9)),
        ("para dos semanas", 4, "es", (2, 8)),
        ("with friends", 4, "en", None),
        ("with friends 3", 4, "en", None),
    ],
)
def test_the_number_after(
    text: str, start: int, language: Language, found: tuple[int, int] | None
) -> None:
    assert number_after(text, start, language) == found


@pytest.mark.parametrize(
    ("text", "end", "language", "found"),
    [
        ("in 12 days", 5, "en", (12, 3)),
        ("twenty one days", 10, "en", (21, 0)),
        ("for twenty one days", 14, "en", (21, 4)),
        ("vingt et un jours", 11, "fr", (21, 0)),
        ("zwei Wochen", 4, "de", (2, 0)),
        ("the days", 3, "en", None),
    ],
)
def test_the_number_before(
    text: str, end: int, language: Language, found: tuple[int, int] | None
) -> None:
    assert number_before(text, end, language) == found


@pytest.mark.parametrize(
    ("words", "value"),
    [(" 12 ", 12), ("A", 1), ("une", 1), ("Treinta", 30), ("drei", 3), ("zero", None)],
)
def test_a_word_number_in_any_language(words: str, value: int | None) -> None:
    assert word_number(words, "en") == value
