"""The words no reader accounted for (they may hold what only the model can read): the place
as written, dates, counts and amounts are accounted for, known small words too."""

from __future__ import annotations

import pytest

from tests.understanding.conftest import TODAY
from travel_planner.understanding.reading import read_text, unread_words

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "place", "left"),
    [
        ("Lisbon with kayaking", "Lisbon", ["kayaking"]),
        ("Lisbon kayaking", "Lisbon", ["kayaking"]),  # the place at the very start
        ("kayaking in Lisbon", "Lisbon", ["kayaking"]),
        ("Lisbon 4 days zorbing", "Lisbon", ["zorbing"]),
        ("4 days zorbing", None, ["zorbing"]),
        ("Lisbon kayaking", None, ["Lisbon", "kayaking"]),
        ("Lisbon kayaking", "Porto", ["Lisbon", "kayaking"]),
        # The place is its first mention; another mention is left.
        ("lisbon kayaking Lisbon", "Lisbon", ["kayaking", "Lisbon"]),
        ("4 days in Lisbon", "Lisbon", []),
    ],
)
def test_the_words_left_unread(text: str, place: str | None, left: list[str]) -> None:
    assert unread_words(read_text(text, TODAY, "en"), place) == left
