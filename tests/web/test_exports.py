"""The calendar export: one all-day event per day, with the day's plan and its weather worded
as the plan words it (forecast days, climate normals, a plan in Spanish, a plan whose days
cannot be found in its text)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from tests.plan.samples import lisbon_facts, lisbon_normals_facts, lisbon_trip
from travel_planner.facts import Facts
from travel_planner.plan import PlanWriter
from travel_planner.result import PlanDraft, PlanResult
from travel_planner.trip import Trip
from travel_planner.web.exports import plan_calendar

CREATED = datetime(2027, 6, 1, 12, tzinfo=UTC)


def _result(trip: Trip, facts: Facts, plan: str | None = None) -> PlanResult:
    writer = PlanWriter(trip, facts)
    markdown = plan if plan is not None else writer.header() + writer.finish([])
    draft = PlanDraft(plan=markdown, trip=trip, facts=facts, days=writer.days)
    return PlanResult(draft=draft, model="test")


def _days(result: PlanResult) -> list[tuple[date, str, str]]:
    calendar = Calendar.from_ical(plan_calendar(result, "t1", "Lisbon", CREATED))
    return [
        (e.decoded("dtstart"), str(e["summary"]), str(e["description"]))
        for e in calendar.walk("VEVENT")
    ]


def test_forecast_days_carry_their_own_weather_once() -> None:
    days = _days(_result(lisbon_trip(), lisbon_facts()))

    assert [d for d, _, _ in days] == [date(2027, 6, 9), date(2027, 6, 10), date(2027, 6, 11)]
    summaries = [s for _, s, _ in days]
    assert summaries[0].startswith("Lisbon: Day 1") and summaries[2].startswith("Lisbon: Day 3")
    first, second, _ = (text for _, _, text in days)
    assert first.count("°C") == 1 and "16.1–24.6 °C, rain 0 mm" in first
    assert "15.5–21.3 °C, rain 6.2 mm" in second and "Portugal Day" in second
    assert "sunrise 06:11" in first and "Morning" in first
    assert "usual" not in first.lower() and "*" not in first


def test_climate_normals_give_each_day_the_month_s_usual_weather() -> None:
    trip = lisbon_trip()
    days = _days(_result(trip, lisbon_normals_facts(trip)))

    for _, _, text in days:
        assert text.startswith("Usual weather in June (climate averages, not a forecast)")
        assert "16.3–25.1 °C" in text and text.count("°C") == 1
        assert "Forecast" not in text and "Morning" in text


def test_a_spanish_plan_gives_a_spanish_calendar() -> None:
    trip = lisbon_trip(language="es", destination_written="Lisboa")
    result = _result(trip, lisbon_facts())
    days = _days(result)

    # The place as the traveller wrote it, as in the plan.
    assert [s.split(" — ")[0] for _, s, _ in days] == [
        "Lisboa: Día 1",
        "Lisboa: Día 2",
        "Lisboa: Día 3",
    ]
    assert "lluvia 6,2 mm" in days[1][2]
    calendar = Calendar.from_ical(plan_calendar(result, "t1", "Lisboa", CREATED))
    assert {str(e["location"]) for e in calendar.walk("VEVENT")} == {"Lisboa, Portugal"}


def test_days_missing_from_the_plan_text_get_their_facts() -> None:
    plan = "# 3 days in Lisbon\n\nA plan written without a section per day.\n"
    days = _days(_result(lisbon_trip(), lisbon_facts(), plan))

    assert [s for _, s, _ in days] == ["Lisbon: Day 1", "Lisbon: Day 2", "Lisbon: Day 3"]
    assert "15.5–21.3 °C, rain 6.2 mm" in days[1][2] and "Portugal Day" in days[1][2]
