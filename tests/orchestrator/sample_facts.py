"""Tool results shaped as the MCP server returns them, for rendering tests."""

from datetime import date
from typing import Any

from travel_planner.facts import Facts
from travel_planner.trip import Trip

PLACE: dict[str, Any] = {
    "name": "Lisbon",
    "ascii_name": "Lisbon",
    "country_code": "PT",
    "country": "Portugal",
    "admin1": "Lisbon",
    "latitude": 38.72,
    "longitude": -9.13,
    "timezone": "Europe/Lisbon",
    "population": 517802,
    "source": "GeoNames cities (offline)",
}


def lisbon_trip(days: int = 3, budget: float | None = 1500.0) -> Trip:
    return Trip(
        request="3 days in Lisbon",
        destination="Lisbon",
        country="Portugal",
        country_code="PT",
        timezone="Europe/Lisbon",
        start_date=date(2027, 6, 9),
        end_date=date(2027, 6, 8 + days),
        travellers=2,
        interests=["food", "museums"],
        budget_amount=budget,
        budget_currency="EUR" if budget else None,
        home_currency="USD",
    )


def weather_day(day: str, high: float, low: float, rain: float) -> dict[str, Any]:
    return {"date": day, "temp_max_c": high, "temp_min_c": low, "precipitation_mm": rain}


def sun_day(day: str, sunrise: str, sunset: str, hours: float) -> dict[str, Any]:
    return {"date": day, "sunrise": sunrise, "sunset": sunset, "daylight_hours": hours}


def lisbon_facts() -> Facts:
    return Facts(
        place=PLACE,
        weather={
            "kind": "forecast",
            "label": "weather forecast",
            "days": [
                {
                    "date": "2027-06-09",
                    "temp_max_c": 24.6,
                    "temp_min_c": 16.1,
                    "precipitation_mm": 0.0,
                },
                {
                    "date": "2027-06-10",
                    "temp_max_c": 21.3,
                    "temp_min_c": 15.5,
                    "precipitation_mm": 4.2,
                },
                {
                    "date": "2027-06-11",
                    "temp_max_c": 27.8,
                    "temp_min_c": 17.0,
                    "precipitation_mm": 0.4,
                },
            ],
            "source": "Open-Meteo forecast",
            "as_of": "2027-06-01T10:00Z",
            "note": None,
        },
        sun_times={
            "timezone": "Europe/Lisbon",
            "days": [
                {
                    "date": "2027-06-09",
                    "sunrise": "06:11",
                    "sunset": "21:02",
                    "daylight_hours": 14.85,
                },
                {
                    "date": "2027-06-10",
                    "sunrise": "06:11",
                    "sunset": "21:03",
                    "daylight_hours": 14.87,
                },
                {
                    "date": "2027-06-11",
                    "sunrise": "06:11",
                    "sunset": "21:03",
                    "daylight_hours": 14.88,
                },
            ],
            "source": "astral",
        },
        local_time={
            "timezone": "Europe/Lisbon",
            "days": [
                {
                    "date": "2027-06-09",
                    "utc_offset": "+01:00",
                    "abbreviation": "WEST",
                    "is_dst": True,
                }
            ],
            "dst_changes": [],
            "source": "IANA tz database",
        },
        public_holidays={
            "country": "PT",
            "holidays": [{"date": "2027-06-10", "name": "Portugal Day"}],
            "source": "python-holidays",
        },
        country_facts={
            "code": "PT",
            "name": "Portugal",
            "capital": "Lisbon",
            "currencies": [{"code": "EUR", "name": "Euro"}],
            "languages": ["Portuguese"],
            "calling_code": "+351",
            "driving_side": "right",
            "source": "REST Countries snapshot",
        },
        conversions=[
            {
                "amount": 1500.0,
                "from_currency": "EUR",
                "to_currency": "USD",
                "converted": 1623.45,
                "rate": 1.0823,
                "rate_date": "2026-11-20",
                "source": "ECB reference rates",
                "mode": "offline snapshot",
            }
        ],
    )
