"""Packing list and tips, item by item, at the thresholds the advice is defined by: the noon
sun at 30° and 50°, frost below 0 °C, cold below 8 °C, cool below 15 °C, heat from 30 °C,
rain from 1 mm, short days up to 9 h, long days from 14 h, light nights from 17 h."""

from datetime import date, timedelta
from typing import Any

import pytest

from tests.plan.samples import forecast, lisbon_facts, lisbon_trip, normals
from travel_planner.facts import Facts
from travel_planner.plan import Words
from travel_planner.plan.advice import noon_sun_elevation, packing_list, practical_tips
from travel_planner.trip import Trip

pytestmark = pytest.mark.unit

EN = Words("en")
SHOES = "Comfortable walking shoes"
DOCUMENTS = "Travel documents, cards and a phone charger"
JUST_IN_CASE = "A compact umbrella, just in case"
# 2027-03-22 is day 81 of the year: the sun is over the equator, so the noon sun stands at
# 90° minus the latitude.
EQUINOX = date(2027, 3, 22)


def trip_on(day: date, latitude: float | None, days: int = 1, **changes: Any) -> Trip:
    changes.setdefault("interests", [])
    return lisbon_trip(
        days=days,
        start_date=day,
        end_date=day + timedelta(days=days - 1),
        latitude=latitude,
        **changes,
    )


def facts_for(
    trip: Trip, *days: tuple[float | None, float | None, float | None], **more: Any
) -> Facts:
    """Forecast figures (high, low, rain mm) for the trip's first days; no daylight times."""
    weather = forecast(
        *(
            (d.isoformat(), high, low, mm)
            for d, (high, low, mm) in zip(trip.days, days, strict=False)
        )
    )
    place = {"name": "Somewhere", "latitude": more.pop("place_latitude", None)}
    return lisbon_facts(weather=weather, sun_times=None, public_holidays=None, place=place, **more)


@pytest.mark.parametrize(
    ("latitude", "day", "height"),
    [
        (23.44, date(2027, 6, 21), 90.0),  # overhead on the tropic at the June solstice
        (0.0, EQUINOX, 90.0),  # overhead on the equator at the equinox
        (60.0, date(2027, 12, 21), 6.56),
        (-33.92, date(2027, 12, 21), 79.5),
        (51.5, date(2027, 9, 1), 46.5),
    ],
)
def test_noon_sun_height_matches_the_sky(latitude: float, day: date, height: float) -> None:
    assert noon_sun_elevation(latitude, day) == pytest.approx(height, abs=0.5)


@pytest.mark.parametrize(
    ("latitude", "expected"),
    [
        (40.0, ["Sunscreen, sunglasses and a sun hat: the midday sun is strong here in March"]),
        (40.5, ["Sunglasses and sunscreen for long hours outdoors"]),
        (60.0, ["Sunglasses and sunscreen for long hours outdoors"]),
        (60.5, []),
        (None, []),
    ],
)
def test_sun_protection_at_the_thresholds(latitude: float | None, expected: list[str]) -> None:
    trip = trip_on(EQUINOX, latitude)
    facts = facts_for(trip, (12.0, 16.0, 0.0))
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, JUST_IN_CASE, *expected]


def test_the_places_latitude_is_used_when_the_trip_has_none() -> None:
    trip = trip_on(EQUINOX, None)
    facts = facts_for(trip, (20.0, 16.0, 0.0), place_latitude=40.0)
    assert packing_list(trip, facts, EN)[-1].startswith("Sunscreen, sunglasses and a sun hat")
    trip = trip_on(EQUINOX, 70.0)
    facts = facts_for(trip, (20.0, 16.0, 0.0), place_latitude=0.0)
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, JUST_IN_CASE]


def test_snow_needs_sunglasses_even_under_a_low_sun() -> None:
    trip = trip_on(EQUINOX, 70.0, interests=["Skiing"])
    facts = facts_for(trip, (-2.0, -9.5, 0.0))
    assert packing_list(trip, facts, EN) == [
        SHOES,
        DOCUMENTS,
        "Thermal layers, a warm coat, hat and gloves: frost is likely (lows down to -9.5 °C)",
        JUST_IN_CASE,
        "Sunglasses and sunscreen for long hours outdoors",
        "Ski clothing, goggles and gloves: snow reflects the sun",
    ]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (-0.5, 5.0, ["Thermal layers, a warm coat, hat and gloves: frost is likely "
                     "(lows down to -0.5 °C)"]),
        (0.0, 5.0, ["A warm coat, hat and gloves (lows down to 0 °C)"]),
        (7.9, 12.0, ["A warm coat, hat and gloves (lows down to 7.9 °C)"]),
        (8.0, 12.0, ["A warm layer for the evenings (lows down to 8 °C)"]),
        (14.9, 25.0, ["A warm layer for the evenings (lows down to 14.9 °C)"]),
        (15.0, 29.9, []),
        (22.0, 30.0, ["Light, breathable clothes and a refillable water bottle "
                      "(highs up to 30 °C)"]),
        (None, None, []),
    ],
)  # fmt: skip
def test_clothes_at_the_temperature_thresholds(
    low: float | None, high: float | None, expected: list[str]
) -> None:
    trip = trip_on(EQUINOX, 70.0)
    facts = facts_for(trip, (high, low, 0.0))
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, *expected, JUST_IN_CASE]


def test_the_coldest_night_and_the_hottest_day_count() -> None:
    trip = trip_on(EQUINOX, 70.0, days=3)
    facts = facts_for(trip, (31.0, 16.0, 0.0), (34.5, 3.5, 0.0), (20.0, 12.0, 0.0))
    assert packing_list(trip, facts, EN) == [
        SHOES,
        DOCUMENTS,
        "A warm coat, hat and gloves (lows down to 3.5 °C)",
        "Light, breathable clothes and a refillable water bottle (highs up to 34.5 °C)",
        JUST_IN_CASE,
    ]
    assert practical_tips(trip, facts, EN) == [
        "Plan walks for the morning and evening; the afternoons are hot."
    ]


@pytest.mark.parametrize(
    ("rain", "expected"),
    [
        ((0.9, 0.0, None), JUST_IN_CASE),
        ((1.0, 0.0, None), "An umbrella or rain jacket (rain on 1 of 2 days)"),
        ((3.0, 12.0, 0.2), "An umbrella or rain jacket (rain on 2 of 3 days)"),
    ],
)
def test_rain_gear_from_the_forecast(rain: tuple[float | None, ...], expected: str) -> None:
    trip = trip_on(EQUINOX, 70.0, days=3)
    facts = facts_for(trip, *((20.0, 16.0, mm) for mm in rain))
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, expected]


def test_rain_gear_for_a_one_day_forecast() -> None:
    trip = trip_on(EQUINOX, 70.0)
    facts = facts_for(trip, (20.0, 16.0, 4.0))
    assert packing_list(trip, facts, EN)[2] == "An umbrella or rain jacket (rain on 1 of 1 day)"


def normals_facts(trip: Trip, months: dict[int, float | None]) -> Facts:
    days = [d.isoformat() for d in trip.days]
    weather = normals(days, 1, "January", 20.0, 16.0, 50.0, 0)
    weather["monthly_normals"] = {
        str(month): {"mean_daily_max_c": 20.0, "mean_daily_min_c": 16.0, "rain_days": rain_days}
        for month, rain_days in months.items()
    }
    return lisbon_facts(weather=weather, sun_times=None, public_holidays=None)


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ({3: 5.9}, [JUST_IN_CASE]),
        ({3: 6.0}, ["An umbrella or rain jacket (March usually has 6 days with rain)"]),
        ({3: 12.4}, ["An umbrella or rain jacket (March usually has 12 days with rain); "
                     "shoes that cope with wet streets"]),
        ({3: 2.0, 4: 9.0}, ["An umbrella or rain jacket (April usually has 9 days with rain)"]),
        ({3: 13.0, 4: 7.0}, ["An umbrella or rain jacket (March usually has 13 days with rain); "
                             "shoes that cope with wet streets"]),
        ({3: None, 4: 1.0}, [JUST_IN_CASE]),
        ({3: None}, []),
    ],
)  # fmt: skip
def test_rain_gear_from_the_months_usual_rain(
    months: dict[int, float | None], expected: list[str]
) -> None:
    trip = trip_on(date(2027, 3, 30), 70.0, days=4)
    facts = normals_facts(trip, months)
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, *expected]


def test_no_weather_at_all_means_layers_and_a_rain_jacket() -> None:
    trip = trip_on(EQUINOX, 70.0)
    facts = lisbon_facts(weather=None, sun_times=None, public_holidays=None)
    assert packing_list(trip, facts, EN) == [
        SHOES,
        DOCUMENTS,
        "Layers and a rain jacket (no weather data was available)",
    ]
    assert practical_tips(trip, facts, EN) == []


@pytest.mark.parametrize(
    ("interest", "item", "tip"),
    [
        ("Mountain trekking", "Hiking shoes, a small day pack and a water bottle",
         "Check trail conditions and the forecast the day before a hike."),
        ("PLAYA", "Swimwear, a beach towel and water shoes", None),
        ("old churches", "Clothes that cover shoulders and knees for churches and temples", None),
        ("Kinder", "Snacks, wet wipes and a small first-aid kit for the children",
         "With children, plan one main sight a day and a break in the afternoon."),
    ],
)  # fmt: skip
def test_each_interest_adds_its_item_and_tip(interest: str, item: str, tip: str | None) -> None:
    trip = trip_on(EQUINOX, 70.0, interests=["food", interest])
    facts = facts_for(trip, (20.0, 16.0, 0.0))
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, JUST_IN_CASE, item]
    assert practical_tips(trip, facts, EN) == ([tip] if tip else [])


def test_unrelated_interests_add_nothing() -> None:
    trip = trip_on(EQUINOX, 70.0, interests=["food", "museums", "opera"])
    facts = facts_for(trip, (20.0, 16.0, 0.0))
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, JUST_IN_CASE]


def with_daylight(trip: Trip, *days: dict[str, Any]) -> Facts:
    facts = facts_for(trip, *((20.0, 16.0, 0.0) for _ in trip.days))
    sun = {"days": [{"date": d.isoformat(), **x} for d, x in zip(trip.days, days, strict=True)]}
    return facts.model_copy(update={"sun_times": Facts.model_validate(
        {"place": {}, "sun_times": sun}).sun_times})  # fmt: skip


@pytest.mark.parametrize(
    ("hours", "mask", "tip"),
    [
        ((9.0, 12.0), False, "Days are short (about 9 h of daylight): plan outdoor sights "
                             "around midday."),
        ((9.1, 12.0), False, None),
        ((12.0, 14.0), False, "Long days: there is light for sights until late in the evening."),
        ((16.9, 13.9), False, "Long days: there is light for sights until late in the evening."),
        ((17.0, 13.0), True, "Long days: there is light for sights until late in the evening."),
        ((8.0, 17.5), True, "Days are short (about 8 h of daylight): plan outdoor sights "
                            "around midday."),
    ],
)  # fmt: skip
def test_daylight_advice_at_the_thresholds(
    hours: tuple[float, float], mask: bool, tip: str | None
) -> None:
    trip = trip_on(EQUINOX, 70.0, days=2)
    facts = with_daylight(trip, *({"daylight_hours": h} for h in hours))
    mask_item = ["A sleep mask: it stays light late into the night"] if mask else []
    assert packing_list(trip, facts, EN) == [SHOES, DOCUMENTS, JUST_IN_CASE, *mask_item]
    assert practical_tips(trip, facts, EN) == ([tip] if tip else [])


def test_polar_night_comes_before_short_days() -> None:
    trip = trip_on(date(2027, 12, 20), 70.0, days=2)
    facts = with_daylight(
        trip, {"polar": "polar_night", "daylight_hours": 0.0}, {"daylight_hours": 1.5}
    )
    assert practical_tips(trip, facts, EN) == [
        "The sun does not rise on some days (polar night): plan indoor sights and dress for "
        "the dark."
    ]
    facts = with_daylight(trip, {"polar": "polar_day"}, {})
    assert practical_tips(trip, facts, EN) == []


def test_every_holiday_of_the_trip_is_a_tip_with_its_day_number() -> None:
    trip = trip_on(date(2027, 12, 24), 70.0, days=3)
    holidays = {
        "holidays": [
            {"date": "2027-12-25", "name": "Christmas Day"},
            {"date": "2027-12-26", "name": "Boxing Day"},
            {"date": "2027-12-26", "name": "St Stephen's Day"},
            {"date": "2027-12-31", "name": "New Year's Eve"},
        ]
    }
    facts = facts_for(trip, (5.0, 1.0, 0.0)).model_copy(
        update={"public_holidays": Facts.model_validate(
            {"place": {}, "public_holidays": holidays}).public_holidays}
    )  # fmt: skip
    assert practical_tips(trip, facts, EN) == [
        "Day 2 (December 25, 2027) is a public holiday, Christmas Day: shops and museums may "
        "close or keep shorter hours.",
        "Day 3 (December 26, 2027) is a public holiday, Boxing Day: shops and museums may close "
        "or keep shorter hours.",
        "Day 3 (December 26, 2027) is a public holiday, St Stephen's Day: shops and museums may "
        "close or keep shorter hours.",
    ]
