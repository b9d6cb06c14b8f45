"""What code renders: figures from the facts, in the traveller's language; developer detail
only under Sources; advice from every fact."""

import re
from datetime import date

import pytest

from tests.plan.samples import lisbon_facts, lisbon_normals_facts, lisbon_trip, sun
from travel_planner.facts import Facts
from travel_planner.plan import DayPlan, PlanWriter, Words, budget_lines, render_day
from travel_planner.plan.advice import noon_sun_elevation, packing_list, practical_tips
from travel_planner.plan.render import render_header, weather_summary
from travel_planner.trip import Notice, Trip

pytestmark = pytest.mark.unit

EN = Words("en")


def whole_plan(trip: Trip, facts: Facts) -> str:
    writer = PlanWriter(trip, facts)
    return writer.finish([])


def test_budget_in_local_and_home_currency_per_day_and_per_person() -> None:
    lines = budget_lines(lisbon_trip(), lisbon_facts(), EN)
    assert lines[0] == "Total budget: €1,500.00 = $1,623.45"
    assert "Per day (3 days): €500.00 = $541.15" in lines
    assert "Per person per day (2 travellers): €250.00 = $270.58" in lines
    assert any("1 EUR = 1.0823 USD" in line and "2026-11-20" in line for line in lines)


def test_per_person_split_follows_the_number_of_travellers() -> None:
    lines = budget_lines(lisbon_trip(travellers=4), lisbon_facts(), EN)
    assert "Per person per day (4 travellers): €125.00 = $135.29" in lines
    single = budget_lines(lisbon_trip(travellers=1), lisbon_facts(), EN)
    assert not any(line.startswith("Per person") for line in single)


def test_no_exchange_needed_is_said_once_when_home_is_local() -> None:
    trip = lisbon_trip(budget=None, home_currency="EUR")
    plan = whole_plan(trip, lisbon_facts(conversions=[]))
    assert plan.count("no exchange needed") == 1


def test_the_plan_in_spanish_localises_labels_dates_numbers_and_amounts() -> None:
    trip = lisbon_trip(language="es")
    plan = whole_plan(trip, lisbon_facts())
    assert plan.startswith("# 3 días en Lisbon, Portugal")  # the place as the trip names it
    assert "miércoles, 9 de junio de 2027" in plan
    assert "### Día 1 — miércoles, 9 de junio de 2027" in plan
    assert "2 viajeros" in plan
    assert "Presupuesto total: 1.500,00\xa0€ = 1.623,45\xa0US$" in plan
    assert "15,5–21,3 °C" in plan and "lluvia 6,2 mm" in plan
    assert "## Qué llevar" in plan and "## Fuentes" in plan
    assert "Idiomas: portugués" in plan and "Moneda: euro (EUR)" in plan
    for english in ("Packing list", "Morning", "Total budget", "travellers"):
        assert english not in plan


@pytest.mark.parametrize(
    ("language", "heading", "daylight"),
    [
        ("fr", "### Jour 1 — mercredi 9 juin 2027", "lever 06:11, coucher 21:02 (14,85 h)"),
        ("de", "### Tag 1 — Mittwoch, 9. Juni 2027", "Sonnenuntergang 21:02 (14,85 h)"),
        ("pt", "### Dia 1 — quarta-feira, 9 de junho de 2027", "pôr do sol 21:02 (14,85 h)"),
        ("it", "### Giorno 1 — mercoledì 9 giugno 2027", "alba 06:11, tramonto 21:02 (14,85 h)"),
    ],
)  # fmt: skip
def test_every_language_gets_its_own_day_headings(
    language: str, heading: str, daylight: str
) -> None:
    day = render_day(
        1, date(2027, 6, 9), DayPlan(source="default"), lisbon_facts(), Words(language)
    )
    assert day.startswith(heading)
    assert daylight in day


def test_climate_normals_are_said_once_in_the_outlook_not_on_every_day() -> None:
    trip = lisbon_trip()
    plan = whole_plan(trip, lisbon_normals_facts())
    outlook = weather_summary(trip, lisbon_normals_facts(), EN)
    assert (
        "Usual weather in June (climate averages, not a forecast): typically 16.3–25.1 °C"
        in outlook
    )
    assert "16 mm of rain over 2 days in the month" in outlook
    days = plan[plan.index("### Day 1") : plan.index("## Budget")]
    assert "°C" not in days and "*Weather:*" not in days


def test_developer_detail_is_only_under_sources() -> None:
    plan = whole_plan(lisbon_trip(), lisbon_normals_facts())
    before, sources = plan.split("## Sources")
    assert "Daily values repeat" not in before and "Station Lisboa" not in before
    assert "Station Lisboa" in sources
    for tool in ("resolve_place", "sun_times", "public_holidays", "convert_currency"):
        assert tool not in plan


def test_assumptions_and_briefs_are_in_the_header() -> None:
    trip = lisbon_trip(
        assumptions=[Notice(code="default_dates", text="No dates given: planned from 9 June.")]
    )
    header = render_header(
        trip, "- Stay in Baixa near the river.", "Mostly dry.", lisbon_facts(), EN
    )
    assert "> No dates given: planned from 9 June." in header
    assert "- Stay in Baixa near the river." in header and "Mostly dry." in header
    assert "Forecast: lows 15.5–17 °C, highs 21.3–27.8 °C." in header
    assert "Day 2 looks wet: keep it for museums and indoor sights." in header


def cape_town(
    month_day: str = "2027-12-10", interests: tuple[str, ...] = ("beach", "hiking")
) -> tuple[Trip, Facts]:
    start = date.fromisoformat(month_day)
    trip = Trip(
        request="x", destination="Cape Town", country="South Africa", country_code="ZA",
        latitude=-33.92, longitude=18.42, start_date=start, end_date=start, home_currency="EUR",
        interests=list(interests),
    )  # fmt: skip
    facts = Facts.model_validate(
        {
            "place": {"name": "Cape Town", "latitude": -33.92},
            "weather": {
                "kind": "climate_normals",
                "days": [{"date": month_day, "temp_max_c": 24.0, "temp_min_c": 15.5}],
                "monthly_normals": {
                    str(start.month): {
                        "mean_daily_max_c": 24.0,
                        "mean_daily_min_c": 15.5,
                        "rain_days": 3,
                    }
                },
            },
            "sun_times": sun((month_day,), 14.4),
        }
    )
    return trip, facts


def reykjavik() -> tuple[Trip, Facts]:
    trip = Trip(
        request="x", destination="Reykjavík", country="Iceland", country_code="IS",
        latitude=64.14, longitude=-21.9, start_date=date(2027, 2, 8), end_date=date(2027, 2, 10),
        home_currency="EUR",
    )  # fmt: skip
    days = [d.isoformat() for d in trip.days]
    facts = Facts.model_validate(
        {
            "place": {"name": "Reykjavík", "latitude": 64.14},
            "weather": {
                "kind": "climate_normals",
                "days": [{"date": d, "temp_max_c": 3.0, "temp_min_c": -2.4} for d in days],
                "monthly_normals": {
                    "2": {"mean_daily_max_c": 3.0, "mean_daily_min_c": -2.4, "rain_days": 14}
                },
            },
            "sun_times": sun(tuple(days), 8.1),
        }
    )
    return trip, facts


def test_sun_protection_follows_latitude_and_month_not_temperature() -> None:
    trip, facts = cape_town()
    items = " | ".join(packing_list(trip, facts, EN))
    assert "Sunscreen, sunglasses and a sun hat" in items  # mild, but the December sun is high
    assert "Swimwear" in items and "Hiking shoes" in items
    trip, facts = reykjavik()
    items = " | ".join(packing_list(trip, facts, EN))
    assert "Sunscreen" not in items
    assert "Thermal layers" in items and "frost is likely (lows down to -2.4 °C)" in items
    assert "February usually has 14 days with rain" in items and "wet streets" in items
    tips = " | ".join(practical_tips(trip, facts, EN))
    assert "Days are short (about 8 h of daylight)" in tips


def test_noon_sun_height() -> None:
    assert noon_sun_elevation(-33.92, date(2027, 12, 21)) == pytest.approx(79.5, abs=1.5)
    assert noon_sun_elevation(64.14, date(2027, 2, 8)) == pytest.approx(10.5, abs=1.5)


def test_children_skiing_and_holidays_change_the_advice() -> None:
    trip, facts = cape_town(interests=("family", "skiing"))
    items = " | ".join(packing_list(trip, facts, EN))
    assert "first-aid kit for the children" in items and "Ski clothing" in items
    tips = practical_tips(lisbon_trip(), lisbon_facts(), EN)
    assert tips[0].startswith("Day 2 (June 10, 2027) is a public holiday, Portugal Day")


NNBSP = "\u202f"  # French puts a narrow no-break space before a colon


def test_french_labels_keep_a_no_break_space_before_the_colon() -> None:
    trip = lisbon_trip(language="fr", interests=["temples", "gardens"])
    plan = whole_plan(trip, lisbon_normals_facts(trip))
    assert f"centres d'intérêt{NNBSP}: temples, jardins" in plan
    assert f"- **Matin{NNBSP}:** " in plan and f"- **Soir{NNBSP}:** " in plan
    assert f"*Ensoleillement{NNBSP}:* lever 06:11" in plan
    assert f"- Lieu{NNBSP}: GeoNames cities (offline)" in plan
    assert f"(moyennes climatiques, pas une prévision){NNBSP}: en général" in plan
    assert not re.search(r"\S:[ *]", plan.replace("https:", "").replace("T10:00Z", ""))


@pytest.mark.parametrize(
    ("language", "as_of"),
    [
        ("en", "(as of 2026-11-29)"),
        ("es", "(a fecha de 2026-11-29)"),
        ("fr", "(à jour au 2026-11-29)"),
        ("de", "(Stand 2026-11-29)"),
        ("pt", "(atualizado em 2026-11-29)"),
        ("it", "(aggiornato al 2026-11-29)"),
    ],
)
def test_sources_say_how_recent_the_data_is_in_each_language(language: str, as_of: str) -> None:
    trip = lisbon_trip(language=language)
    plan = whole_plan(trip, lisbon_normals_facts(trip))
    sources = plan.split("\n## ")[-1]
    assert f"station Lisboa (1981-2010) {as_of}" in sources


def test_the_heading_names_the_place_as_the_traveller_wrote_it() -> None:
    written = lisbon_trip(language="es", destination_written="Lisboa")
    assert whole_plan(written, lisbon_facts()).startswith("# 3 días en Lisboa, Portugal")
    assert written.model_dump(mode="json")["destination"] == "Lisbon"
    chosen = lisbon_trip(language="es")  # not written by the traveller: the place's name
    assert whole_plan(chosen, lisbon_facts()).startswith("# 3 días en Lisbon, Portugal")
