"""The budget read from a request: the amount, its currency, the words it was read from (they
are not read again as anything else), and an amount that is not a budget, as written."""

from __future__ import annotations

import pytest

from travel_planner.understanding.money import read_budget

pytestmark = pytest.mark.unit

Spans = list[tuple[int, int]]


def reading(text: str, used: Spans | None = None) -> tuple[float | None, str | None, list[str]]:
    """The amount, the currency and the words read, as written."""
    got = read_budget(text, used or [])
    assert got.invalid is None
    return got.amount, got.currency, [text[a:b] for a, b in got.spans]


@pytest.mark.parametrize(
    ("text", "amount", "currency", "words"),
    [
        # A currency after the amount: symbol, code or name, any spacing.
        ("500 €", 500.0, "EUR", ["500 €"]),
        ("500  €", 500.0, "EUR", ["500  €"]),
        ("costs 500  USD", 500.0, "USD", ["500  USD"]),
        ("spend 700 USD budget", 700.0, "USD", ["700 USD"]),
        ("900 $CA", 900.0, "CAD", ["900 $CA"]),  # the longest symbol, not "$"
        ("800 US$", 800.0, "USD", ["800 US$"]),
        ("300 euros", 300.0, "EUR", ["300 euros"]),
        ("900 de euros", 900.0, "EUR", ["900 de euros"]),
        ("900 d'euros", 900.0, "EUR", ["900 d'euros"]),
        ("900 di euro", 900.0, "EUR", ["900 di euro"]),
        ("400 francs suisses", 400.0, "CHF", ["400 francs suisses"]),
        ("presupuesto de 2000 euros", 2000.0, "EUR", ["2000 euros"]),
        ("with 1200 eur", 1200.0, "EUR", ["1200 eur", "with"]),
        ("trip with 500 CHF total", 500.0, "CHF", ["500 CHF", "with"]),
        # A currency before the amount.
        ("spend USD 700", 700.0, "USD", ["USD 700"]),
        ("spend USD  700", 700.0, "USD", ["USD  700"]),
        ("€ 800", 800.0, "EUR", ["€ 800"]),
        ("£1,500 for food", 1500.0, "GBP", ["£1,500"]),
        ("US$800", 800.0, "USD", ["US$800"]),
        ("R$800", 800.0, "BRL", ["R$800"]),  # the longest symbol, not "$"
        ("CN¥800", 800.0, "CNY", ["CN¥800"]),  # not "¥" (yen)
        ("CA$ 900 budget", 900.0, "CAD", ["CA$ 900"]),
        # Thousands: "k", and separators as each language writes them.
        ("budget 2k", 2000.0, None, ["2k", "budget"]),
        ("budget 1.5k EUR", 1500.0, "EUR", ["1.5k EUR", "budget"]),
        ("budget 1,5k", 1500.0, None, ["1,5k", "budget"]),
        ("budget 1.234,50 EUR", 1234.5, "EUR", ["1.234,50 EUR", "budget"]),
        # No currency: only right after a budget word (or "budget of", "presupuesto de").
        ("budget 500", 500.0, None, ["500", "budget"]),
        ("Budget 7", 7.0, None, ["7", "Budget"]),
        ("budget of 500", 500.0, None, ["500"]),
        ("presupuesto 900", 900.0, None, ["900", "presupuesto"]),
        ("orcamento 900", 900.0, None, ["900", "orcamento"]),
        ("orcamento de 900", 900.0, None, ["900"]),
        ("a lot. budget: 300", 300.0, None, ["300", "budget"]),
        ("budget 900 abc", 900.0, None, ["900", "budget"]),
        # Numbers before it that are not the budget are passed over.
        ("costs 5 then budget 700", 700.0, None, ["700", "budget"]),
        ("with 2 kids, budget 900", 900.0, None, ["900", "budget"]),
        ("a 5 star hotel, budget 600 EUR", 600.0, "EUR", ["600 EUR", "budget"]),
        ("3 nights then 600 EUR", 600.0, "EUR", ["600 EUR"]),
        ("from 2027-05-01, 800 EUR", 800.0, "EUR", ["800 EUR"]),
        # The limits: the smallest and the largest amount read.
        ("budget 1 EUR", 1.0, "EUR", ["1 EUR", "budget"]),
        ("budget 10000000000 EUR", 1e10, "EUR", ["10000000000 EUR", "budget"]),
    ],
)
def test_a_budget_is_read(text: str, amount: float, currency: str | None, words: list[str]) -> None:
    assert reading(text) == (amount, currency, words)


@pytest.mark.parametrize(
    "text",
    [
        "500",
        "5 people",
        "12 cats with 300",  # "with" alone is not a budget word without a currency
        "presupuesto alto con 500",  # the budget word is too far from the amount
        "my budget is 500",
        "spend usd 700",  # a code is written in capitals
        "spend 500 abc EUR",
    ],
)
def test_no_budget_is_read(text: str) -> None:
    assert reading(text) == (None, None, [])


def test_words_already_read_are_passed_over() -> None:
    assert reading("budget 500 or 600 EUR", [(7, 10)]) == (600.0, "EUR", ["600 EUR"])
    # A span that ends where the amount starts does not cover it.
    assert reading("budget 500", [(0, 7)]) == (500.0, None, ["500", "budget"])
    assert reading("4 days, budget 900", [(0, 1)]) == (900.0, None, ["900", "budget"])


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("-500 EUR", "-500 EUR"),
        ("budget − 500 EUR", "− 500 EUR"),
        ("-€500", "-€500"),
        ("budget -500", "-500"),
        ("budget 0 EUR", "0 EUR"),
        ("budget 20000000000 EUR", "20000000000 EUR"),
    ],
)
def test_an_amount_that_is_not_a_budget_is_kept_as_written(text: str, written: str) -> None:
    got = read_budget(text, [])
    assert (got.amount, got.currency, got.invalid, got.spans) == (None, None, written, [])


def test_a_negative_amount_after_its_code_is_not_a_budget() -> None:
    got = read_budget("EUR -500", [])
    assert (got.amount, got.currency, got.spans) == (None, None, [])
    assert got.invalid is not None


def test_a_negative_amount_after_its_code_is_quoted_whole() -> None:
    got = read_budget("EUR -500", [])
    assert got.invalid is not None
    assert "-500" in got.invalid


def test_a_date_written_year_first_is_not_an_amount() -> None:
    assert read_budget("budget 2027-06-01 to 2027-06-05", []).amount is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # The budget word is looked for in the 20 characters before the amount...
        ("budget:        with 500", 500.0),
        ("budget: ------- with 500", None),
        # ... and must be one of the last two words there.
        ("budget, so, with 500", None),
    ],
)
def test_how_far_back_a_budget_word_counts(text: str, amount: float | None) -> None:
    assert read_budget(text, []).amount == amount
