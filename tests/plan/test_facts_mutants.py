"""Which tools the facts come from and with what arguments, what is kept of their answers, and
the words the figures become (warm, showers, short days) at the thresholds that define them."""

from datetime import date
from typing import Any

import pytest

from tests.plan.samples import (
    DAYS,
    LisbonTools,
    forecast,
    lisbon_facts,
    lisbon_tool_results,
    lisbon_trip,
)
from travel_planner.facts import Weather, decode, gather_facts
from travel_planner.facts.outlook import (
    day_outlooks,
    rain_chance,
    season_rain,
    temperatures,
    warmth,
)
from travel_planner.trip import Trip

pytestmark = pytest.mark.unit

WHERE = {"place": "Lisbon", "country": "PT", "start_date": DAYS[0], "end_date": DAYS[2]}


async def gather(tools: LisbonTools, trip: Trip) -> Any:
    return await gather_facts(tools, trip)


async def test_each_tool_is_asked_about_the_trips_place_and_dates() -> None:
    tools = LisbonTools()
    await gather(tools, lisbon_trip(home_currency="GBP"))
    assert tools.sorted_calls() == [
        ("convert_currency", {"amount": 1500.0, "from_currency": "EUR", "to_currency": "GBP"}),
        ("country_facts", {"country": "PT"}),
        ("local_time", WHERE),
        (
            "public_holidays",
            {"country": "PT", "language": "en", "start_date": DAYS[0], "end_date": DAYS[2]},
        ),
        ("sun_times", WHERE),
        ("weather", WHERE),
    ]


async def test_a_budget_is_converted_to_local_and_home_currency_once_each() -> None:
    tools = LisbonTools()
    facts = await gather(tools, lisbon_trip(budget_currency="USD", home_currency="USD"))
    conversions = [args for tool, args in tools.calls if tool == "convert_currency"]
    assert conversions == [{"amount": 1500.0, "from_currency": "USD", "to_currency": "EUR"}]
    assert len(facts.conversions) == 1
    tools = LisbonTools()
    await gather(tools, lisbon_trip(budget_currency="GBP", home_currency="USD"))
    conversions = [args for tool, args in tools.calls if tool == "convert_currency"]
    assert conversions == [
        {"amount": 1500.0, "from_currency": "GBP", "to_currency": "EUR"},
        {"amount": 1500.0, "from_currency": "GBP", "to_currency": "USD"},
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"budget": None}, [{"amount": 100.0, "from_currency": "USD", "to_currency": "EUR"}]),
        # A currency without an amount is no budget: the reference amount is converted.
        ({"budget": None, "budget_currency": "GBP"},
         [{"amount": 100.0, "from_currency": "USD", "to_currency": "EUR"}]),
        ({"budget": None, "home_currency": "EUR"}, []),
    ],
)  # fmt: skip
async def test_without_a_budget_a_reference_amount_is_converted(
    changes: dict[str, Any], expected: list[dict[str, Any]]
) -> None:
    tools = LisbonTools()
    await gather(tools, lisbon_trip(**changes))
    assert [args for tool, args in tools.calls if tool == "convert_currency"] == expected


async def test_without_country_facts_only_the_home_currency_is_a_target() -> None:
    tools = LisbonTools(broken=("country_facts",))
    facts = await gather(tools, lisbon_trip(budget_currency="GBP", home_currency="USD"))
    assert [args for tool, args in tools.calls if tool == "convert_currency"] == [
        {"amount": 1500.0, "from_currency": "GBP", "to_currency": "USD"}
    ]
    assert facts.country_facts is None and facts.local_currency is None
    assert [(w.code, w.text) for w in facts.warnings] == [
        ("facts_unavailable", "Country facts (currency, languages) are unavailable.")
    ]
    assert facts.warnings[0].detail == "country_facts: country_facts failed: upstream said no"


async def test_a_conversion_without_a_rate_is_left_out() -> None:
    answer = {**lisbon_tool_results()["conversions"][0], "rate": None}
    facts = await gather(LisbonTools(convert_currency=answer), lisbon_trip())
    assert facts.conversions == []


async def test_the_place_fact_is_the_trips_resolved_destination() -> None:
    trip = lisbon_trip(region="Lisboa", place_source="GeoNames cities (offline)")
    facts = await gather(LisbonTools(), trip)
    assert facts.place.model_dump(exclude_none=True) == {
        "name": "Lisbon",
        "country": "Portugal",
        "country_code": "PT",
        "admin1": "Lisboa",
        "latitude": 38.72,
        "longitude": -9.13,
        "timezone": "Europe/Lisbon",
        "source": "GeoNames cities (offline)",
    }
    assert facts.local_time is not None and facts.local_time.timezone == "Europe/Lisbon"


async def test_every_dropped_field_is_named_in_one_notice() -> None:
    weather = lisbon_tool_results()["weather"]
    weather["days"][0]["temp_max_c"] = "hot"
    sun = {"days": [{"date": DAYS[0], "daylight_hours": "long"}]}
    facts = await gather(LisbonTools(weather=weather, sun_times=sun), lisbon_trip())
    [notice] = facts.warnings
    assert (notice.code, notice.text) == (
        "facts_incomplete",
        "Some facts could not be read and are left out of the plan.",
    )
    assert notice.detail == (
        "weather: WeatherDay.temp_max_c='hot'; sun_times: SunDay.daylight_hours='long'"
    )


async def test_notices_are_in_the_travellers_language() -> None:
    tools = LisbonTools(broken=("weather",))
    facts = await gather(tools, lisbon_trip(language="es"))
    [notice] = facts.warnings
    assert notice.code == "facts_unavailable"
    assert notice.text != "No weather data is available for these dates."
    assert notice.detail == "weather: weather failed: upstream said no"


def test_json_keeps_each_conversion_as_the_tool_sent_it() -> None:
    conversion = {"amount": 100, "from_currency": "USD", "to_currency": "EUR", "converted": 92.5,
                  "rate": 0.925, "rate_date": "2026-11-20"}  # fmt: skip
    facts = lisbon_facts(conversions=[conversion])
    assert facts.as_json()["convert_currency"] == [
        {"amount": 100.0, "from_currency": "USD", "to_currency": "EUR", "converted": 92.5,
         "rate": 0.925, "rate_date": "2026-11-20"}
    ]  # fmt: skip
    assert "convert_currency" not in lisbon_facts(conversions=[]).as_json()


def test_not_an_object_names_the_model_and_what_came() -> None:
    assert decode(Weather, ["a list"]) == (None, ["Weather: not an object (list)"])
    assert decode(Weather, None) == (None, ["Weather: not an object (NoneType)"])


@pytest.mark.parametrize(
    ("high", "word"),
    [(30.0, "hot"), (29.9, "warm"), (22.0, "warm"), (21.9, "mild"), (15.0, "mild"),
     (14.9, "cool"), (8.0, "cool"), (7.9, "cold"), (None, None)],
)  # fmt: skip
def test_warmth_thresholds(high: float | None, word: str | None) -> None:
    assert warmth(high) == word


@pytest.mark.parametrize(
    ("mm", "chance", "word"),
    [
        (None, None, None),
        (None, 69.9, "showers"),
        (None, 70.0, "wet"),
        (None, 39.9, "dry"),
        (None, 40.0, "showers"),
        (4.9, None, "showers"),
        (5.0, None, "wet"),
        (0.9, None, "dry"),
        (1.0, None, "showers"),
        (0.0, 0.0, "dry"),
    ],
)
def test_rain_thresholds(mm: float | None, chance: float | None, word: str | None) -> None:
    assert rain_chance(mm, chance) == word


@pytest.mark.parametrize(
    ("days", "word"),
    [(None, None), (5.9, "mostly dry"), (6.0, "some showers"), (11.9, "some showers"),
     (12.0, "often wet")],
)  # fmt: skip
def test_season_rain_thresholds(days: float | None, word: str | None) -> None:
    assert season_rain(days) == word


def test_day_words_use_the_chance_of_rain_and_daylight_thresholds() -> None:
    weather = forecast(*((d, 20.0, 12.0, 0.0) for d in DAYS))
    weather["days"][1]["precipitation_probability_pct"] = 80.0
    sun = {
        "days": [
            {"date": DAYS[0], "daylight_hours": 14.0},
            {"date": DAYS[1], "daylight_hours": 10.0, "polar": "polar_day"},
            {"date": DAYS[2], "daylight_hours": 10.0},
        ]
    }
    facts = lisbon_facts(weather=weather, sun_times=sun)
    assert [(o.rain, o.daylight) for o in day_outlooks(lisbon_trip(), facts)] == [
        ("dry", "long"),
        ("wet", "polar_day"),
        ("dry", "short"),
    ]
    sun = {
        "days": [
            {"date": DAYS[0], "daylight_hours": 13.9},
            {"date": DAYS[1], "polar": "polar_night"},
            {"date": DAYS[2], "daylight_hours": 10.1},
        ]
    }
    facts = lisbon_facts(weather=weather, sun_times=sun)
    assert [o.daylight for o in day_outlooks(lisbon_trip(), facts)] == [
        "normal",
        "polar_night",
        "normal",
    ]


def test_temperatures_skip_days_without_figures() -> None:
    weather = forecast(("2027-06-10", 21.0, 15.0, 0.0), ("2027-06-11", 25.0, None, 0.0))
    temps = temperatures(lisbon_trip(), lisbon_facts(weather=weather))
    assert (temps.lows, temps.highs) == ([15.0], [21.0, 25.0])
    assert (
        temperatures(lisbon_trip(start_date=date(2027, 6, 9)), lisbon_facts(weather=None)).highs
        == []
    )
