"""An amount that cannot be a budget is quoted back whole, its currency code or symbol
before it included."""

from __future__ import annotations

import pytest

from travel_planner.understanding.money import read_budget

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "written"),
    [("EUR -500", "EUR -500"), ("EUR 0", "EUR 0"), ("budget €0 for Rome", "€0")],
)
def test_the_currency_before_an_amount_is_quoted_with_it(text: str, written: str) -> None:
    assert read_budget(text, []).invalid == written
