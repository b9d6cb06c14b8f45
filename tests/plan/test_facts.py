"""Tool results are validated once, into typed facts: a bad field is missing data and a notice,
never a crash, and `--json` still shows what each tool returned."""

import pytest

from tests.plan.samples import LisbonTools, lisbon_facts, lisbon_tool_results, lisbon_trip
from travel_planner.facts import Facts, Weather, decode, gather_facts
from travel_planner.facts.outlook import day_outlooks, forecast_rain, season_outlooks
from travel_planner.trip import Trip

pytestmark = pytest.mark.unit


async def gather(tools: LisbonTools, trip: Trip | None = None) -> Facts:
    return await gather_facts(tools, trip or lisbon_trip())  # type: ignore[arg-type]


async def test_every_fact_arrives_typed() -> None:
    facts = await gather(LisbonTools())
    day = lisbon_trip().days[1]
    assert facts.weather_on(day) is not None and facts.weather_on(day).temp_max_c == 21.3
    assert facts.holidays_on(day) == ["Portugal Day"]
    assert facts.sun_on(day) is not None and facts.sun_on(day).sunset == "21:02"
    assert facts.local_currency == "EUR"
    assert facts.conversions[0].converted == 1623.45
    assert facts.warnings == []


async def test_a_bad_field_is_missing_data_and_a_notice_not_a_crash() -> None:
    weather = lisbon_tool_results()["weather"]
    weather["days"][0]["temp_max_c"] = "hot"  # a string where a number belongs
    weather["days"][1]["precipitation_mm"] = True  # a boolean is not 1 mm
    weather["days"].append("garbage")  # not a day at all
    facts = await gather(LisbonTools(weather=weather))
    first, second = (facts.weather_on(d) for d in lisbon_trip().days[:2])
    assert first is not None and first.temp_max_c is None and first.temp_min_c == 16.1
    assert second is not None and second.precipitation_mm is None
    assert facts.weather is not None and len(facts.weather.days) == 3  # the junk is dropped
    [notice] = facts.warnings
    assert notice.code == "facts_incomplete"
    assert notice.text == "Some facts could not be read and are left out of the plan."
    assert "weather" in notice.detail and "temp_max_c" in notice.detail


async def test_a_failing_tool_becomes_a_notice_in_the_travellers_language() -> None:
    trip = lisbon_trip().model_copy(update={"language": "es"})
    facts = await gather(LisbonTools(broken=("weather", "sun_times")), trip)
    assert facts.weather is None and facts.sun_times is None
    codes = {n.code for n in facts.warnings}
    assert codes == {"facts_unavailable"}
    texts = " ".join(n.text for n in facts.warnings)
    assert "tiempo" in texts and "weather" not in texts  # tool names stay in `detail`
    assert any(n.detail.startswith("weather:") for n in facts.warnings)


async def test_budget_is_converted_to_local_and_home_currency() -> None:
    tools = LisbonTools()
    await gather(tools)
    conversions = [args for tool, args in tools.calls if tool == "convert_currency"]
    assert conversions == [{"amount": 1500.0, "from_currency": "EUR", "to_currency": "USD"}]


async def test_without_a_budget_a_reference_amount_is_converted_only_when_needed() -> None:
    tools = LisbonTools()
    await gather(tools, lisbon_trip(budget=None).model_copy(update={"home_currency": "EUR"}))
    assert not [t for t, _ in tools.calls if t == "convert_currency"]


def test_facts_round_trip_through_json_and_keep_the_tool_shape() -> None:
    facts = lisbon_facts()
    again = Facts.model_validate_json(facts.model_dump_json())
    assert again == facts
    shown = facts.as_json()
    assert list(shown) == [
        "resolve_place",
        "weather",
        "sun_times",
        "local_time",
        "public_holidays",
        "country_facts",
        "convert_currency",
    ]
    assert shown["weather"]["days"][1] == {
        "date": "2027-06-10",
        "temp_max_c": 21.3,
        "temp_min_c": 15.5,
        "precipitation_mm": 6.2,
    }


def test_unknown_fields_are_kept_for_json() -> None:
    weather, problems = decode(Weather, {"kind": "forecast", "days": [], "model_run": "06z"})
    assert problems == []
    assert weather is not None and weather.model_dump(exclude_unset=True)["model_run"] == "06z"


def test_not_an_object_is_no_result() -> None:
    weather, problems = decode(Weather, ["not", "an", "object"])
    assert weather is None and problems


def test_forecast_days_get_words_normals_get_a_season() -> None:
    trip = lisbon_trip()
    outlooks = day_outlooks(trip, lisbon_facts())
    assert [(o.warmth, o.rain) for o in outlooks] == [
        ("warm", "dry"),
        ("mild", "wet"),
        ("warm", "dry"),
    ]
    assert outlooks[1].holidays == ("Portugal Day",)
    rain = forecast_rain(trip, lisbon_facts())
    assert rain is not None and (rain.wet_days, rain.days, rain.most_mm) == (1, 3, 6.2)

    from tests.plan.samples import lisbon_normals_facts

    normals = lisbon_normals_facts()
    assert all(o.rain is None and o.warmth is None for o in day_outlooks(trip, normals))
    [season] = season_outlooks(trip, normals)
    assert (season.month, season.warmth, season.rain) == (6, "warm", "mostly dry")
    assert forecast_rain(trip, normals) is None
