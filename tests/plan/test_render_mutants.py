"""Every line the plan renders from the facts, exactly: time zone and clock changes, country
facts, sources, budget splits and exchange rates, the weather outlook, header and footer.

Exact lines, not fragments: a changed word, figure, order or a dropped line is a failure."""

from datetime import date
from typing import Any

import pytest

from tests.plan.samples import DAYS, forecast, lisbon_facts, lisbon_trip, normals
from travel_planner.plan import Words, budget_lines
from travel_planner.plan.render import (
    day_fact_lines,
    practical_lines,
    render_footer,
    render_header,
    sources_lines,
    weather_summary,
)
from travel_planner.trip import Notice

pytestmark = pytest.mark.unit

EN = Words("en")
HOLIDAY_TIP = (
    "Day 2 (June 10, 2027) is a public holiday, Portugal Day: shops and museums may close or "
    "keep shorter hours."
)
LONG_DAYS_TIP = "Long days: there is light for sights until late in the evening."
# The sample trip's practical facts end with its tips.
TIPS = [HOLIDAY_TIP, LONG_DAYS_TIP]
CLOCKS: dict[str, Any] = {
    "timezone": "Atlantic/Madeira",
    "days": [{"date": DAYS[0], "utc_offset": "+00:00", "is_dst": True}],
    "dst_changes": [
        {"date": "2027-06-10", "change": "clocks go forward", "local_time_before": "01:00",
         "local_time_after": "02:00"},
        {"date": "2027-06-11", "change": "clocks go back", "local_time_before": "02:00",
         "local_time_after": "01:00"},
        # Incomplete: not shown.
        {"date": "2027-06-11", "change": "clocks go back", "local_time_before": "02:00"},
        {"change": "clocks go back", "local_time_before": "02:00", "local_time_after": "01:00"},
        {"date": "2027-06-11", "change": "clocks go back", "local_time_after": "01:00"},
    ],
    "source": "IANA tz database",
}  # fmt: skip
COUNTRY: dict[str, Any] = {
    "code": "PT",
    "currencies": [{"name": "No code"}, {"code": "EUR", "name": "Euro"}, {"code": "CVE"}],
    "languages": ["Portuguese", "Mirandese", "Klingon"],
    "driving_side": "left",
    "source": "REST Countries snapshot",
}


def test_practical_facts_of_the_sample_trip() -> None:
    assert practical_lines(lisbon_trip(), lisbon_facts(), EN) == [
        "Time zone: Europe/Lisbon (UTC+01:00, WEST)",
        "Currency: Euro (EUR)",
        "Languages: Portuguese",
        "Calling code: +351",
        "Capital: Lisbon",
        *TIPS,
    ]


def clocks_and_country(words: Words) -> list[str]:
    """The practical facts of the sample trip with CLOCKS and COUNTRY from the tools."""
    facts = lisbon_facts(local_time=CLOCKS, country_facts=COUNTRY)
    return practical_lines(lisbon_trip(interests=[]), facts, words)


def test_the_tools_time_zone_wins_and_each_complete_clock_change_is_one_line() -> None:
    assert clocks_and_country(EN) == [
        "Time zone: Atlantic/Madeira (UTC+00:00)",
        "Clocks go forward on June 10, 2027: 01:00 becomes 02:00.",
        "Clocks go back on June 11, 2027: 02:00 becomes 01:00.",
        "Currency: Euro (EUR), Cape Verdean Escudo (CVE)",
        "Languages: Portuguese, Mirandese, Klingon",
        "Traffic drives on the left.",
        *TIPS,
    ]


def test_practical_facts_in_spanish() -> None:
    assert clocks_and_country(Words("es"))[:6] == [
        "Zona horaria: Atlantic/Madeira (UTC+00:00)",
        "Los relojes se adelantan el 10 de junio de 2027: las 01:00 pasan a ser las 02:00.",
        "Los relojes se atrasan el 11 de junio de 2027: las 02:00 pasan a ser las 01:00.",
        "Moneda: euro (EUR), escudo de Cabo Verde (CVE)",
        "Idiomas: portugués, mirandés, klingon",
        "Se circula por la izquierda.",
    ]


@pytest.mark.parametrize(
    ("language", "capital", "shown"),
    [("es", "Lisbon", "Capital: Lisboa"), ("de", "Mexico City", "Hauptstadt: Mexiko-Stadt"),
     ("it", "Athens", "Capitale: Atene"), ("fr", "Washington", "Capitale\u202f: Washington"),
     ("es", "Praia", "Capital: Praia"),
     # European Portuguese, as the catalogue is written (Brazil's CLDR says "Madri").
     ("pt", "Madrid", "Capital: Madrid")],
)  # fmt: skip
def test_the_capital_is_named_as_the_plan_language_writes_it(
    language: str, capital: str, shown: str
) -> None:
    """A capital that is a time zone's city has its CLDR name; any other stays as given."""
    facts = lisbon_facts(country_facts={"capital": capital}, local_time=None)
    lines = practical_lines(lisbon_trip(interests=[], timezone=None), facts, Words(language))
    assert shown in lines


@pytest.mark.parametrize(
    ("local_time", "trip_zone", "expected"),
    [
        ({"days": [], "dst_changes": []}, "Europe/Lisbon", ["Time zone: Europe/Lisbon"]),
        ({"timezone": "Europe/Lisbon", "days": []}, None, ["Time zone: Europe/Lisbon"]),
        (None, "Europe/Lisbon", ["Time zone: Europe/Lisbon"]),
        (None, None, []),
        ({"timezone": "Europe/Lisbon", "days": [{"abbreviation": "WEST"}]}, None,
         ["Time zone: Europe/Lisbon"]),
    ],
)  # fmt: skip
def test_time_zone_from_the_tool_or_the_trip(
    local_time: dict[str, Any] | None, trip_zone: str | None, expected: list[str]
) -> None:
    facts = lisbon_facts(local_time=local_time, country_facts=None, public_holidays=None)
    trip = lisbon_trip(interests=[], timezone=trip_zone)
    assert practical_lines(trip, facts, EN) == [*expected, LONG_DAYS_TIP]


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ({"driving_side": "right"}, ["Traffic drives on the right."]),
        ({"driving_side": "both", "languages": [], "calling_code": ""}, []),
        ({"capital": "Praia", "currencies": [{"name": "Escudo"}]}, ["Capital: Praia"]),
    ],
)
def test_country_facts_say_only_what_the_tool_gave(
    country: dict[str, Any], expected: list[str]
) -> None:
    facts = lisbon_facts(local_time=None, country_facts=country, public_holidays=None)
    trip = lisbon_trip(interests=[], timezone=None)
    assert practical_lines(trip, facts, EN) == [*expected, LONG_DAYS_TIP]


def test_sources_name_each_tool_with_its_date_and_notes() -> None:
    weather = {**forecast(("2027-06-09", 24.6, 16.1, 0.0)), "label": "weather forecast."}
    weather["note"] = "Model run 06Z."
    conversions = [
        {"from_currency": "EUR", "to_currency": "USD", "rate": 1.1, "rate_date": "2026-11-20",
         "source": "ECB", "mode": "offline"},
        {"source": "ECB", "as_of": "2026-11-21"},
        {"rate": 1.1, "mode": "offline"},
    ]  # fmt: skip
    facts = lisbon_facts(weather=weather, sun_times=None, conversions=conversions)
    assert sources_lines(facts, EN) == [
        "Place: GeoNames cities (offline)",
        "Weather: Open-Meteo forecast (as of 2027-06-01T10:00Z); weather forecast. Model run 06Z",
        "Local time: IANA tz database",
        "Public holidays: python-holidays",
        "Country facts: REST Countries snapshot",
        "Exchange rate: ECB (as of 2026-11-20); offline",
        "Exchange rate: ECB (as of 2026-11-21)",
    ]


def test_sources_leave_out_tools_that_gave_nothing() -> None:
    facts = lisbon_facts(
        weather={"days": [], "source": "Open-Meteo"},
        local_time=None,
        public_holidays=None,
        country_facts=None,
        conversions=[],
    )
    assert sources_lines(facts, EN) == [
        "Place: GeoNames cities (offline)",
        "Weather: Open-Meteo",
        "Daylight: astral",
    ]
    assert sources_lines(lisbon_facts(weather=None, sun_times=None, conversions=[]), EN)[:2] == [
        "Place: GeoNames cities (offline)",
        "Local time: IANA tz database",
    ]


def test_budget_without_an_amount_shows_the_rate_with_the_converted_example() -> None:
    trip = lisbon_trip(budget=None)
    assert budget_lines(trip, lisbon_facts(), EN) == [
        'No budget given: add one (e.g. "budget 1500 EUR") to get it split per day.',
        "Exchange rate: 1 EUR = 1.0823 USD (rate of 2026-11-20): €1,500.00 = $1,623.45",
    ]


def test_one_traveller_one_day_at_home_needs_no_split_and_no_exchange() -> None:
    trip = lisbon_trip(days=1, home_currency="EUR", travellers=1)
    assert budget_lines(trip, lisbon_facts(conversions=[]), EN) == [
        "Total budget: €1,500.00",
        "Per day (1 day): €1,500.00",
        "The local currency is your home currency (EUR): no exchange needed.",
    ]


def test_a_budget_in_a_third_currency_says_which_conversion_is_missing() -> None:
    trip = lisbon_trip(home_currency="EUR", budget_currency="GBP")
    assert budget_lines(trip, lisbon_facts(conversions=[]), EN) == [
        "Total budget: £1,500.00",
        "Per day (3 days): £500.00",
        "Per person per day (2 travellers): £250.00",
        "Conversion to EUR unavailable.",
    ]
    trip = lisbon_trip(home_currency="JPY")
    failed = [{"from_currency": "EUR", "to_currency": "JPY", "amount": 1500.0}]
    assert budget_lines(trip, lisbon_facts(conversions=failed), EN) == [
        "Total budget: €1,500.00",
        "Per day (3 days): €500.00",
        "Per person per day (2 travellers): €250.00",
        "Conversion to JPY unavailable.",
    ]


def test_the_split_uses_every_converted_amount_and_skips_rates_without_figures() -> None:
    trip = lisbon_trip(travellers=3, home_currency="GBP")
    conversions = [
        {"amount": 1500.0, "from_currency": "EUR", "to_currency": "GBP", "converted": 1290.0,
         "rate": 0.86},
        {"from_currency": "EUR", "to_currency": "USD", "rate": None},
        {"from_currency": "EUR", "converted": 5.0, "rate": 2.0},
    ]  # fmt: skip
    assert budget_lines(trip, lisbon_facts(conversions=conversions), EN) == [
        "Total budget: €1,500.00 = £1,290.00",
        "Per day (3 days): €500.00 = £430.00",
        "Per person per day (3 travellers): €166.67 = £143.33",
        "Exchange rate: 1 EUR = 0.86 GBP",
    ]


def test_no_local_currency_means_no_exchange_sentence() -> None:
    trip = lisbon_trip(home_currency="EUR", travellers=1)
    assert budget_lines(trip, lisbon_facts(country_facts=None, conversions=[]), EN) == [
        "Total budget: €1,500.00",
        "Per day (3 days): €500.00",
    ]
    no_budget = lisbon_trip(budget=None, home_currency="EUR")
    assert budget_lines(no_budget, lisbon_facts(conversions=[]), EN) == [
        'No budget given: add one (e.g. "budget 1500 EUR") to get it split per day.',
        "The local currency is your home currency (EUR): no exchange needed.",
    ]


def test_forecast_summary_with_rain_and_without() -> None:
    trip = lisbon_trip()
    assert weather_summary(trip, lisbon_facts(), EN) == (
        "Forecast: lows 15.5–17 °C, highs 21.3–27.8 °C. Rain on 1 of 3 days (up to 6.2 mm). "
        "Day 2 looks wet: keep it for museums and indoor sights."
    )
    dry = forecast(("2027-06-09", 24.6, 16.1, None), ("2027-06-10", 21.3, 15.5, 0.2))
    assert weather_summary(trip, lisbon_facts(weather=dry), EN) == (
        "Forecast: lows 15.5–16.1 °C, highs 21.3–24.6 °C. No rain in the forecast."
    )
    unknown = forecast(("2027-06-09", 24.6, 16.1, None))
    assert weather_summary(trip, lisbon_facts(weather=unknown), EN) == (
        "Forecast: lows 16.1 °C, highs 24.6 °C."
    )


def test_forecast_summary_with_showers_on_several_days() -> None:
    showers = forecast(
        ("2027-06-09", 18.0, 12.0, 7.0),
        ("2027-06-10", 17.0, 11.0, 2.5),
        ("2027-06-11", 16.0, 10.0, 9.0),
    )
    assert weather_summary(lisbon_trip(), lisbon_facts(weather=showers), EN) == (
        "Forecast: lows 10–12 °C, highs 16–18 °C. Rain on 3 of 3 days (up to 9 mm). "
        "Days 1, 3 look wet: keep them for museums and indoor sights."
    )
    one_day = forecast(("2027-06-09", 18.0, 12.0, 2.0))
    assert weather_summary(lisbon_trip(days=1), lisbon_facts(weather=one_day), EN) == (
        "Forecast: lows 12 °C, highs 18 °C. Rain on 1 of 1 day (up to 2 mm)."
    )


def test_no_weather_at_all() -> None:
    assert weather_summary(lisbon_trip(), lisbon_facts(weather=None), EN) == (
        "No weather data was available for these dates."
    )


def test_normals_summary_per_month_of_the_trip() -> None:
    trip = lisbon_trip(start_date=date(2027, 6, 29), end_date=date(2027, 7, 2))
    days = [d.isoformat() for d in trip.days]
    weather = normals(days, 6, "June", 25.1, 16.3, 16.0, 2)
    weather["monthly_normals"]["7"] = {"mean_daily_max_c": 27.0, "rain_days": 12}
    assert weather_summary(trip, lisbon_facts(weather=weather), EN) == (
        "Usual weather in June (climate averages, not a forecast): typically 16.3–25.1 °C, "
        "16 mm of rain over 2 days in the month. Most days are usually dry: good for outdoor "
        "plans, with an indoor option in reserve. "
        "Usual weather in July (climate averages, not a forecast): typically 27 °C. "
        "Rain is frequent: plan indoor sights for every day and take outdoor chances when they "
        "come."
    )
    weather["monthly_normals"] = {"6": {"rain_days": 7, "precipitation_mm_month": 40.0}}
    assert weather_summary(trip, lisbon_facts(weather=weather), EN) == (
        "Usual weather in June (climate averages, not a forecast): 40 mm of rain over 7 days in "
        "the month. Showers come on some days: keep an indoor option for each day and check the "
        "forecast a few days ahead."
    )
    weather["monthly_normals"] = {"6": {"mean_daily_min_c": 14.0, "precipitation_mm_month": 9.0}}
    assert weather_summary(trip, lisbon_facts(weather=weather), EN) == (
        "Usual weather in June (climate averages, not a forecast): typically 14 °C."
    )
    weather["monthly_normals"] = {"6": {"rain_days": 3.0}}
    assert weather_summary(trip, lisbon_facts(weather=weather), EN) == (
        "Usual weather in June (climate averages, not a forecast). Most days are usually dry: "
        "good for outdoor plans, with an indoor option in reserve."
    )


@pytest.mark.parametrize(
    ("interests", "avoid", "language", "shown"),
    [
        (["food"], ["museums"], "es", " · 2 viajeros · intereses: gastronomía · evitar: museos\n"),
        ([], ["shopping"], "en", " · 2 travellers · avoid: shopping\n"),
    ],
)
def test_the_header_says_what_to_avoid(
    interests: list[str], avoid: list[str], language: str, shown: str
) -> None:
    trip = lisbon_trip(interests=interests, avoid=avoid)
    assert shown in render_header(trip, "", "", lisbon_facts(), Words(language))


def test_header_with_assumptions_interests_and_briefs() -> None:
    trip = lisbon_trip(assumptions=[Notice(code="default_dates", text="Dates assumed: next week.")])
    header = render_header(trip, "Research.", "Weather brief.", lisbon_facts(), EN)
    assert header == (
        "# 3 days in Lisbon, Portugal\n\n"
        "**Wednesday, June 9, 2027 – Friday, June 11, 2027** · 2 travellers · "
        "interests: food, museums\n\n"
        "> Dates assumed: next week.\n\n"
        "## Overview\n\nResearch.\n\n"
        "## Weather outlook\n\n"
        "Forecast: lows 15.5–17 °C, highs 21.3–27.8 °C. Rain on 1 of 3 days (up to 6.2 mm). "
        "Day 2 looks wet: keep it for museums and indoor sights.\n\n"
        "Weather brief.\n\n"
        "## Day by day\n\n"
    )


def test_header_of_a_one_day_trip_without_briefs() -> None:
    trip = lisbon_trip(days=1, travellers=1, interests=[], country_code="")
    header = render_header(trip, "", "", lisbon_facts(weather=None), EN)
    assert header == (
        "# 1 day in Lisbon, Portugal\n\n"
        "**Wednesday, June 9, 2027 – Wednesday, June 9, 2027** · 1 traveller\n\n"
        "## Overview\n\n_No research brief: the model gave nothing usable._\n\n"
        "## Weather outlook\n\nNo weather data was available for these dates.\n\n"
        "## Day by day\n\n"
    )


def test_the_footer_lists_notes_once_after_the_extra_notes() -> None:
    notes = [Notice(code="a", text="Same note."), Notice(code="b", text="Same note.")]
    footer = render_footer(lisbon_trip(), lisbon_facts(), notes, EN, ["Day 3 is a default."])
    assert footer.endswith("## Notes\n\n- Day 3 is a default.\n- Same note.\n")
    assert footer.startswith("## Budget\n\n- Total budget: €1,500.00 = $1,623.45\n")
    for title in ("## Packing list\n\n- ", "## Practical facts\n\n- ", "## Sources\n\n- "):
        assert footer.count(title) == 1
    without_notes = render_footer(lisbon_trip(), lisbon_facts(), [], EN)
    assert "## Notes" not in without_notes
    assert without_notes.endswith("- Exchange rate: ECB reference rates (as of 2026-11-20); "
                                  "offline snapshot\n")  # fmt: skip


@pytest.mark.parametrize(
    ("sun", "expected"),
    [
        ({"date": DAYS[1], "polar": "polar_night"},
         "*Daylight:* polar night: the sun does not rise"),
        ({"date": DAYS[1], "polar": "polar_day", "sunrise": "00:00"},
         "*Daylight:* midnight sun: the sun does not set"),
        ({"date": DAYS[1], "sunset": "21:02"}, "*Daylight:* sunrise –, sunset 21:02"),
        ({"date": DAYS[1], "sunrise": "06:11", "daylight_hours": 14.5},
         "*Daylight:* sunrise 06:11, sunset – (14.5 h)"),
    ],
)  # fmt: skip
def test_daylight_line_of_a_day(sun: dict[str, Any], expected: str) -> None:
    facts = lisbon_facts(sun_times={"days": [sun]})
    assert day_fact_lines(facts, date(2027, 6, 10), EN) == [
        "*Weather:* 15.5–21.3 °C, rain 6.2 mm",
        expected,
        "*Public holiday:* Portugal Day",
    ]


def test_a_day_without_daylight_times_or_rain_figure() -> None:
    weather = forecast(("2027-06-10", 21.3, 15.5, 0.0))
    weather["days"][0]["precipitation_mm"] = None
    facts = lisbon_facts(weather=weather, sun_times={"days": [{"date": DAYS[1]}]})
    assert day_fact_lines(facts, date(2027, 6, 10), EN) == [
        "*Weather:* 15.5–21.3 °C",
        "*Public holiday:* Portugal Day",
    ]


@pytest.mark.parametrize(
    ("country", "shown"),
    [
        # ISO 639's English names with their codes: named by the code.
        (
            {
                "languages": ["Modern Greek (1453-)", "Occitan (post 1500)"],
                "language_codes": ["el", "oc"],
            },
            "Idiomas: griego, occitano",
        ),
        # Codes that do not match the names one for one are not trusted: names only.
        (
            {"languages": ["Modern Greek (1453-)", "English"], "language_codes": ["el"]},
            "Idiomas: Modern Greek (1453-), inglés",
        ),
        # A code CLDR does not name: the English name, as the tools wrote it.
        ({"languages": ["Sino-Tibetan languages"], "language_codes": ["sit"]},
         "Idiomas: Sino-Tibetan languages"),
    ],
)  # fmt: skip
def test_languages_are_named_by_their_codes(country: dict[str, object], shown: str) -> None:
    facts = lisbon_facts(country_facts=country, local_time=None)
    lines = practical_lines(lisbon_trip(interests=[], timezone=None), facts, Words("es"))
    assert shown in lines
