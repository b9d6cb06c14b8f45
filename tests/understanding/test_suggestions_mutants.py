"""A request without a destination: the question asks where, and a wish for warm or cool
weather brings up to three places whose usual weather in the wished month fits."""

from datetime import date
from typing import Any

import pytest

from travel_planner.mcp_client import ToolError
from travel_planner.trip import Clarification
from travel_planner.understanding import understand

pytestmark = pytest.mark.unit

TODAY = date(2027, 3, 10)
ASK = (
    'Where would you like to go? Name a city, a region or a country, for example: "4 days in '
    'Lisbon in May, food and museums".'
)
ROWS: list[Any] = [
    {"place": {"name": "Seville", "country_code": "ES"}, "temp_min_c": 11.4,
     "temp_max_c": 22.6, "rain_days": 5.5},
    {"place": {"name": "Luxor", "country_code": "EG"}, "temp_min_c": "mild"},
    {"place": {"name": "Atlantis", "country_code": ""}, "temp_min_c": 10, "temp_max_c": 20,
     "rain_days": 2},
    {"place": {"name": "Fourth", "country_code": "PT"}, "temp_min_c": 1, "temp_max_c": 2,
     "rain_days": 3},
]  # fmt: skip


class Places:
    """No place matches the request's words; suggestions answer with `rows` (or fail)."""

    def __init__(self, rows: list[Any] | None = None, fail: bool = False) -> None:
        self.rows = ROWS if rows is None else rows
        self.fail = fail
        self.suggest_calls: list[dict[str, Any]] = []

    async def call(self, tool: str, /, **arguments: Any) -> dict[str, Any]:
        if tool != "suggest_destinations":
            raise ToolError(f"no place called {arguments.get('name')!r}")
        self.suggest_calls.append(arguments)
        if self.fail:
            raise ToolError("suggest_destinations failed")
        return {"month": arguments["month"], "suggestions": self.rows}


async def ask(request: str, places: Places, **kwargs: Any) -> Clarification:
    outcome = await understand(
        request, today=TODAY, places=places, model=None, home_currency="EUR", **kwargs
    )
    assert isinstance(outcome, Clarification)
    return outcome


async def test_a_warm_wish_brings_three_places_for_the_month() -> None:
    places = Places()
    outcome = await ask("somewhere warm in May for a week", places)
    assert places.suggest_calls == [{"month": 5, "limit": 3, "min_temp_c": 22.0}]
    assert outcome.reason == "no_destination"
    assert outcome.message == (
        "Where would you like to go? In May these places match what you asked for: "
        "Seville, Spain (11 to 23 °C, 6 rainy days); Luxor, Egypt; Atlantis (10 to 20 °C, "
        "2 rainy days). Pick one or name another place."
    )
    assert outcome.options == ["Seville", "Luxor", "Atlantis"]
    assert outcome.suggestions == ROWS[:3]


@pytest.mark.parametrize(
    ("request_text", "arguments"),
    [
        ("somewhere cool in summer", {"month": 6, "limit": 3, "max_temp_c": 20.0}),
        ("somewhere warm in winter", {"month": 12, "limit": 3, "min_temp_c": 22.0}),
        # No month said: the month two weeks from today.
        ("a week somewhere warm", {"month": 3, "limit": 3, "min_temp_c": 22.0}),
        ("somewhere warm from 2027-08-02 for a week", {"month": 8, "limit": 3,
                                                       "min_temp_c": 22.0}),
    ],
)  # fmt: skip
async def test_the_wished_month_and_climate_are_asked_for(
    request_text: str, arguments: dict[str, Any]
) -> None:
    places = Places()
    await ask(request_text, places)
    assert places.suggest_calls == [arguments]


async def test_late_in_the_month_the_default_month_is_the_next() -> None:
    places = Places()
    outcome = await understand(
        "a week somewhere warm",
        today=date(2027, 3, 25),
        places=places,
        model=None,
        home_currency="EUR",
    )
    assert isinstance(outcome, Clarification)
    assert places.suggest_calls[0]["month"] == 4


@pytest.mark.parametrize(
    "places",
    [
        Places(fail=True),
        Places(rows=[]),
        Places(rows=["junk", {"place": "Seville"}, {"place": {"country_code": "ES"}}]),
    ],
)
async def test_without_usable_suggestions_the_question_just_asks_where(places: Places) -> None:
    outcome = await ask("somewhere warm in May", places)
    assert (outcome.message, outcome.options, outcome.suggestions) == (ASK, [], [])


async def test_without_a_climate_wish_no_suggestions_are_looked_up() -> None:
    places = Places()
    outcome = await ask("a trip in May", places)
    assert places.suggest_calls == []
    assert outcome.message == ASK


async def test_suggestions_in_the_travellers_language() -> None:
    outcome = await ask("algún sitio cálido en mayo", Places(), language="es")
    assert "Seville, España (11 a 23 °C, 6 días de lluvia)" in outcome.message
    assert "mayo" in outcome.message


async def test_one_rainy_day_is_singular_in_spanish() -> None:
    rows = [{"place": {"name": "Luxor", "country_code": "EG"}, "temp_min_c": 15,
             "temp_max_c": 30, "rain_days": 1}]  # fmt: skip
    outcome = await ask("algún sitio cálido en mayo", Places(rows=rows), language="es")
    assert "Luxor, Egipto (15 a 30 °C, 1 día de lluvia)" in outcome.message


async def test_one_rainy_day_is_singular() -> None:
    rows = [{"place": {"name": "Luxor", "country_code": "EG"}, "temp_min_c": 15,
             "temp_max_c": 30, "rain_days": 1}]  # fmt: skip
    outcome = await ask("somewhere warm in May", Places(rows=rows))
    assert "(15 to 30 °C, 1 rainy day)" in outcome.message
