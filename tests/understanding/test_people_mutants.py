"""How many travel, read from the text: the count, whether the text states it, whether
companions are named without a number, and the words it was read from; and whether a
model's count is only a date's or an amount's number."""

from __future__ import annotations

import pytest

from travel_planner.i18n import Language
from travel_planner.understanding.people import (
    PeopleReading,
    count_taken_from_elsewhere,
    read_travellers,
)

pytestmark = pytest.mark.unit


def words_read(text: str, got: PeopleReading) -> list[str]:
    return [text[a:b] for a, b in got.spans]


@pytest.mark.parametrize(
    ("text", "language", "count", "words"),
    [
        ("we are 4", "en", 4, ["we are 4"]),
        ("somos cinco", "es", 5, ["somos cinco"]),
        ("nous sommes 3 amis", "fr", 3, ["nous sommes 3", "3 amis"]),
        ("wir sind zu zweit", "de", 2, ["zu zweit"]),
        ("the 3 of us", "en", 3, ["3 of us"]),
        ("for 2", "en", 2, ["for 2"]),
        ("4 days for 2", "en", 2, ["for 2"]),
        ("for 2 in May", "en", 2, ["for 2"]),
        ("for two people", "en", 2, ["two people"]),
        ("3 people", "en", 3, ["3 people"]),
        ("4 friends going to Rome", "en", 4, ["4 friends"]),
        ("honeymoon", "en", 2, ["honeymoon"]),
        ("solo trip", "en", 1, ["solo"]),
        # The first count stated wins.
        ("we are 4, for 2", "en", 4, ["we are 4", "for 2"]),
        # Between 1 and 30 travellers.
        ("1 person", "en", 1, ["1 person"]),
        ("30 people", "en", 30, ["30 people"]),
        ("we are 30", "en", 30, ["we are 30"]),
    ],
)
def test_a_stated_count(text: str, language: Language, count: int, words: list[str]) -> None:
    got = read_travellers(text, language)
    assert (got.count, got.stated, got.open) == (count, True, False)
    assert words_read(text, got) == words


@pytest.mark.parametrize(
    ("text", "language", "count", "words"),
    [
        ("with 2 friends", "en", 3, ["2 friends"]),
        ("con 3 amigos", "es", 4, ["3 amigos"]),
        ("avec 2 amis", "fr", 3, ["2 amis"]),
        ("mit 2 Freunden", "de", 3, ["2 Freunden"]),
        ("com 2 amigos", "pt", 3, ["2 amigos"]),
        ("my wife and our 2 kids", "en", 4, ["my wife", "2 kids"]),
        ("with my parents", "en", 3, ["my parents"]),
    ],
)
def test_companions_come_in_addition_to_the_traveller(
    text: str, language: Language, count: int, words: list[str]
) -> None:
    got = read_travellers(text, language)
    assert (got.count, got.stated, got.open) == (count, False, False)
    assert words_read(text, got) == words


@pytest.mark.parametrize("text", ["with the kids", "my family"])
def test_companions_without_a_number_leave_the_count_open(text: str) -> None:
    got = read_travellers(text, "en")
    assert (got.count, got.stated, got.open, got.spans) == (None, False, True, [])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("for 3 days", []),
        ("40 people", ["40 people"]),
        ("we are 31", ["we are 31"]),
        ("0 people", ["0 people"]),
    ],
)
def test_no_count_from_a_length_or_outside_1_to_30(text: str, words: list[str]) -> None:
    got = read_travellers(text, "en")
    assert (got.count, got.stated, got.open) == (None, False, False)
    assert words_read(text, got) == words


def test_me_and_my_friends_counts_the_traveller() -> None:
    assert read_travellers("me and my 2 friends", "en").count == 3


Spans = list[tuple[int, int]]


@pytest.mark.parametrize(
    ("text", "count", "language", "dates", "amounts", "elsewhere"),
    [
        ("3 days", 3, "en", [(0, 6)], [], True),
        ("3 days for 3", 3, "en", [(0, 6)], [], False),
        ("tres días", 3, "es", [(0, 9)], [], True),
        ("tres días, somos tres", 3, "es", [(0, 9)], [], False),
        ("900 EUR", 9, "en", [], [(0, 7)], True),  # 9 is only the start of an amount
        ("900 EUR, 2 people", 9, "en", [], [(0, 7)], True),
        ("900 EUR nine", 9, "en", [], [(0, 7)], False),
        ("30 May", 3, "en", [(0, 6)], [], False),  # only an amount's digits count as a start
        ("days 3", 3, "en", [(0, 5)], [], False),  # a span's end is outside it
        ("x 3 EUR", 3, "en", [], [(0, 2)], False),
        ("4 people", 4, "en", [], [], False),
        ("no numbers", 3, "en", [], [], False),
    ],
)
def test_a_count_taken_from_a_date_or_an_amount(
    text: str,
    count: int,
    language: Language,
    dates: Spans,
    amounts: Spans,
    elsewhere: bool,
) -> None:
    got = count_taken_from_elsewhere(text, count, language, dates=dates, amounts=amounts)
    assert got is elsewhere
