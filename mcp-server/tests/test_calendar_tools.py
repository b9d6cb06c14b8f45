"""Holidays, local time (DST aware), sun times and distances."""

from __future__ import annotations

from datetime import date

import pytest

from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.distance import haversine_km, travel_distance
from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.local_time import local_time
from travel_mcp_server.place_lookup import PlaceLookup
from travel_mcp_server.public_holidays import public_holidays
from travel_mcp_server.sun import sun_times

pytestmark = pytest.mark.unit


def test_holidays_in_range_with_subdivision(countries: CountryDirectory) -> None:
    result = public_holidays(countries, "Germany", "2026-12-20", "2027-01-10", "by")
    names = {h["date"]: h["name"] for h in result["holidays"]}
    assert names["2026-12-25"] == "Christmas Day"
    assert names["2027-01-01"] == "New Year's Day"
    assert "2027-01-06" in names  # Epiphany is a holiday in Bavaria only
    assert result["subdivision"] == "BY"
    assert "python-holidays" in result["source"]
    national = public_holidays(countries, "DE", "2027-01-06", "2027-01-06")
    assert national["holidays"] == []


@pytest.mark.parametrize(
    ("country", "day", "language", "name", "used"),
    [
        ("ES", "2027-03-26", "es", "Viernes Santo", "es"),
        ("PT", "2027-03-26", "pt", "Sexta-feira Santa", "pt_PT"),
        ("DE", "2027-03-26", "de-AT", "Karfreitag", "de"),
        # No language asked, or one the country's calendar lacks: the names the rules are
        # written with.
        ("DE", "2027-03-26", None, "Good Friday", "en_US"),
        ("JP", "2027-04-29", "es", "Showa Day", "en_US"),
    ],
)
def test_holiday_names_in_the_language_asked(
    countries: CountryDirectory, country: str, day: str, language: str | None, name: str, used: str
) -> None:
    result = public_holidays(countries, country, day, day, language=language)
    assert [h["name"] for h in result["holidays"]] == [name]
    assert result["language"] == used


def test_holiday_errors(countries: CountryDirectory) -> None:
    with pytest.raises(ToolInputError, match=r"Unknown subdivision 'ZZ' for DE. Valid codes: .*BY"):
        public_holidays(countries, "DE", "2027-01-01", "2027-01-31", "ZZ")
    with pytest.raises(ToolInputError, match="at most 366 days"):
        public_holidays(countries, "DE", "2027-01-01", "2028-12-31")
    with pytest.raises(ToolInputError, match="Unknown country"):
        public_holidays(countries, "Narnia", "2027-01-01", "2027-01-02")


def test_local_time_reports_offsets_and_dst_change(places: PlaceLookup) -> None:
    result = local_time(places.resolve("Paris", "FR"), date(2026, 3, 28), date(2026, 3, 30))
    offsets = [(d["utc_offset"], d["abbreviation"], d["is_dst"]) for d in result["days"]]
    assert offsets == [("+01:00", "CET", False), ("+02:00", "CEST", True), ("+02:00", "CEST", True)]
    (change,) = result["dst_changes"]
    assert change["date"] == "2026-03-29"
    assert change["at_utc"] == "2026-03-29T01:00Z"
    assert (change["local_time_before"], change["local_time_after"]) == ("02:00", "03:00")
    assert change["change"] == "clocks go forward"


def test_local_time_southern_hemisphere_and_no_dst(places: PlaceLookup) -> None:
    sydney = local_time(places.resolve("Sydney", "AU"), date(2026, 4, 4), date(2026, 4, 6))
    (change,) = sydney["dst_changes"]
    assert (change["offset_before"], change["offset_after"]) == ("+11:00", "+10:00")
    assert change["change"] == "clocks go back"
    tokyo = local_time(places.resolve("Tokyo"), date(2026, 3, 1), date(2026, 3, 31))
    assert tokyo["dst_changes"] == []
    assert {d["utc_offset"] for d in tokyo["days"]} == {"+09:00"}


def test_sun_times_in_local_time(places: PlaceLookup) -> None:
    (day,) = sun_times(places.resolve("Paris", "FR"), date(2026, 6, 21), date(2026, 6, 21))["days"]
    assert day["sunrise"].startswith("05:4") and day["sunset"].startswith("21:5")
    assert 16.0 < day["daylight_hours"] < 16.3
    assert day["polar"] is None


def test_polar_day_and_night_are_explicit(places: PlaceLookup) -> None:
    tromso = places.resolve("Tromsø")
    (winter,) = sun_times(tromso, date(2026, 12, 21), date(2026, 12, 21))["days"]
    (summer,) = sun_times(tromso, date(2026, 6, 21), date(2026, 6, 21))["days"]
    assert (winter["polar"], winter["daylight_hours"], winter["sunrise"]) == (
        "polar_night",
        0.0,
        None,
    )
    assert (summer["polar"], summer["daylight_hours"], summer["sunset"]) == (
        "polar_day",
        24.0,
        None,
    )


def test_haversine_against_known_distance() -> None:
    # London Heathrow to New York JFK is about 5,540 km on the great circle.
    assert haversine_km(51.47, -0.4543, 40.6413, -73.7781) == pytest.approx(5540, abs=15)
    assert haversine_km(10, 20, 10, 20) == 0


def test_travel_distance_labels_its_estimate(places: PlaceLookup) -> None:
    result = travel_distance(places.resolve("Paris", "FR"), places.resolve("New York"))
    assert result["distance_km"] == pytest.approx(5837, abs=10)
    estimates = result["estimates"]
    assert estimates["flight_hours"] == pytest.approx(5837 / 800 + 0.5, abs=0.1)
    assert "800 km/h" in estimates["flight_formula"]
    assert "rough estimate" in estimates["label"]
    short = travel_distance(places.resolve("Paris", "FR"), places.resolve("Versailles", "FR"))
    assert short["estimates"]["flight_hours"] is None
