"""Facts: tool results validated once into typed models, and the words they mean.

facts = await gather_facts(tools, trip)     # typed, lenient; problems become Notices
facts.weather_on(day), facts.holidays_on(day), facts.local_currency
facts.as_json()                             # tool name -> result (`--json`)
"""

from travel_planner.facts.bundle import Facts
from travel_planner.facts.gather import gather_facts, place_fact
from travel_planner.facts.models import (
    Conversion,
    CountryFacts,
    Holiday,
    Holidays,
    LocalTime,
    MonthNormals,
    Place,
    SunDay,
    SunTimes,
    Weather,
    WeatherDay,
    decode,
)

__all__ = [
    "Conversion",
    "CountryFacts",
    "Facts",
    "Holiday",
    "Holidays",
    "LocalTime",
    "MonthNormals",
    "Place",
    "SunDay",
    "SunTimes",
    "Weather",
    "WeatherDay",
    "decode",
    "gather_facts",
    "place_fact",
]
