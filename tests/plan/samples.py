"""Trips and tool results shaped as the MCP server returns them, validated into `Facts` the
way `gather_facts` does."""

from datetime import date, timedelta
from typing import Any

from travel_planner.facts import Facts
from travel_planner.mcp_client import ToolError
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
# What the sample trip keeps of the place under the same names.
TRIP_PLACE_FIELDS = ("country", "country_code", "latitude", "longitude", "timezone")
DAYS = ("2027-06-09", "2027-06-10", "2027-06-11")


def lisbon_trip(days: int = 3, budget: float | None = 1500.0, **changes: Any) -> Trip:
    start = date(2027, 6, 9)
    trip = Trip(
        request="3 days in Lisbon",
        destination=PLACE["name"],
        **{field: PLACE[field] for field in TRIP_PLACE_FIELDS},
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        travellers=2,
        interests=["food", "museums"],
        budget_amount=budget,
        budget_currency="EUR" if budget else None,
        home_currency="USD",
    )
    return trip.model_copy(update=changes)


def forecast(*days: tuple[str, float, float, float]) -> dict[str, Any]:
    return {
        "kind": "forecast",
        "label": "weather forecast",
        "days": [
            {"date": d, "temp_max_c": high, "temp_min_c": low, "precipitation_mm": rain}
            for d, high, low, rain in days
        ],
        "source": "Open-Meteo forecast",
        "as_of": "2027-06-01T10:00Z",
        "note": None,
    }


def normals(days: list[str], month: int, name: str, high: float, low: float, mm: float,
            rain_days: float) -> dict[str, Any]:  # fmt: skip
    return {
        "kind": "climate_normals",
        "label": "climate normals, not a forecast",
        "days": [
            {"date": d, "temp_max_c": high, "temp_min_c": low, "precipitation_mm": None}
            for d in days
        ],
        "monthly_normals": {
            str(month): {
                "month": name,
                "mean_daily_max_c": high,
                "mean_daily_min_c": low,
                "precipitation_mm_month": mm,
                "rain_days": rain_days,
            }
        },
        "station": {"name": "Lisboa", "country_code": "PT", "distance_km": 3.1},
        "source": "WMO normals; station Lisboa (1981-2010)",
        "as_of": "2026-11-29",
        "note": "Station Lisboa is the dataset's station for Lisbon, Portugal. Daily values "
        "repeat the month's mean daily max/min; precipitation is a monthly total.",
    }


def sun(days: tuple[str, ...] = DAYS, hours: float = 14.85) -> dict[str, Any]:
    return {
        "timezone": "Europe/Lisbon",
        "days": [
            {
                "date": d,
                "sunrise": "06:11",
                "sunset": "21:02",
                "daylight_hours": hours,
                "polar": None,
            }
            for d in days
        ],
        "source": "astral",
    }


def lisbon_tool_results() -> dict[str, Any]:
    """What the tools return for `lisbon_trip()` (keys as in `Facts`)."""
    return {
        "place": PLACE,
        "weather": forecast(
            ("2027-06-09", 24.6, 16.1, 0.0),
            ("2027-06-10", 21.3, 15.5, 6.2),
            ("2027-06-11", 27.8, 17.0, 0.4),
        ),
        "sun_times": sun(),
        "local_time": {
            "timezone": "Europe/Lisbon",
            "days": [
                {"date": DAYS[0], "utc_offset": "+01:00", "abbreviation": "WEST", "is_dst": True}
            ],
            "dst_changes": [],
            "source": "IANA tz database",
        },
        "public_holidays": {
            "country": "PT",
            "holidays": [{"date": "2027-06-10", "name": "Portugal Day"}],
            "source": "python-holidays",
        },
        "country_facts": {
            "code": "PT",
            "name": "Portugal",
            "capital": "Lisbon",
            "currencies": [{"code": "EUR", "name": "Euro"}],
            "languages": ["Portuguese"],
            "calling_code": "+351",
            "driving_side": None,
            "source": "REST Countries snapshot",
        },
        "conversions": [
            {
                "amount": 1500.0,
                "from_currency": "EUR",
                "to_currency": "USD",
                "converted": 1623.45,
                "rate": 1.0823,
                "rate_date": "2026-11-20",
                "as_of": "2026-11-20",
                "source": "ECB reference rates",
                "mode": "offline snapshot",
            }
        ],
    }


def lisbon_facts(**replace: Any) -> Facts:
    return Facts.model_validate({**lisbon_tool_results(), **replace})


def lisbon_normals_facts(trip: Trip | None = None) -> Facts:
    trip = trip or lisbon_trip()
    days = [d.isoformat() for d in trip.days]
    return lisbon_facts(weather=normals(days, 6, "June", 25.1, 16.3, 16.0, 2))


class LisbonTools:
    """Answers like the MCP server for `lisbon_trip()` and records every call; `broken` tools
    raise ToolError, `answers` replace a tool's answer."""

    def __init__(self, broken: tuple[str, ...] = (), **answers: Any) -> None:
        results = lisbon_tool_results()
        self.answers = {
            "weather": results["weather"],
            "sun_times": results["sun_times"],
            "local_time": results["local_time"],
            "public_holidays": results["public_holidays"],
            "country_facts": results["country_facts"],
            "convert_currency": results["conversions"][0],
            **answers,
        }
        self.broken = broken
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def call(self, tool: str, /, **arguments: Any) -> Any:
        self.calls.append((tool, arguments))
        if tool in self.broken:
            raise ToolError(f"{tool} failed: upstream said no")
        answer = self.answers[tool]
        return dict(answer) if isinstance(answer, dict) else answer

    def sorted_calls(self) -> list[tuple[str, dict[str, Any]]]:
        return sorted(self.calls, key=lambda call: (call[0], sorted(call[1].items())))
