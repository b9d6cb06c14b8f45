"""The plan's figures and names: one decimal by default, a range shown once when both ends
round alike, names from the locale data with the tool's name as the fallback."""

import pytest

from travel_planner.plan.words import Words, money, num

pytestmark = pytest.mark.unit

EN = Words("en")


def test_figures_default_to_english_with_one_decimal() -> None:
    assert num(3.14159) == "3.1"
    assert num(1234.0) == "1,234"
    assert EN.num(3.14159) == "3.1"
    assert EN.num(3.14159, 2) == "3.14"
    assert money(5, "EUR") == "€5.00"
    assert Words("de").num(1234.5) == "1.234,5"


@pytest.mark.parametrize(
    ("low", "high", "shown"),
    [
        (10.0, 12.0, "10–12 °C"),
        (9.96, 10.04, "10 °C"),  # both ends round to the same figure
        (12.0, 12.0, "12 °C"),
        (None, 12.0, "12 °C"),
        (7.5, None, "7.5 °C"),
        (None, None, "?"),
    ],
)
def test_temperature_ranges(low: float | None, high: float | None, shown: str) -> None:
    assert EN.temps(low, high) == shown


def test_country_names_come_from_the_locale_data_or_the_tool() -> None:
    assert Words("es").country("DE", "Germany") == "Alemania"
    assert EN.country("", "Atlantis") == "Atlantis"
    assert EN.country("QQ", "Qland") == "Qland"  # a code the locale data does not know


def test_languages_named_in_english_by_the_tools_are_translated() -> None:
    assert Words("es").spoken("Portuguese") == "portugués"
    assert EN.spoken("PORTUGUESE") == "Portuguese"
    assert Words("es").spoken("Elvish") == "Elvish"


def test_currency_names_and_day_lists() -> None:
    assert Words("es").currency("EUR", "Euro") == "euro"
    assert EN.days_list([1, 3, 4]) == "1, 3, 4"


def test_a_currency_unknown_to_the_locale_data_keeps_the_tools_name() -> None:
    assert EN.currency("XYZ", "Xyz dollar") == "Xyz dollar"
