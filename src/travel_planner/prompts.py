"""Instructions and prompts. Each agent sees only what it needs, as short fact summaries.

Small models have small context windows and Ollama truncates a prompt from the front, so
prompts stay compact: no raw JSON, no conversation history, one short line per day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from travel_planner.facts import Facts
from travel_planner.trip import Refinement, Trip

if TYPE_CHECKING:
    from travel_planner.result import PlanDraft


@dataclass(frozen=True)
class ChatPrompt:
    """One model call's prompt: the system text (the agent's instructions) and the user turn."""

    system: str
    user: str


UNDERSTAND_INSTRUCTIONS = (
    "You extract trip details from a traveller's request. Today is {today}. "
    "Fill every field of the JSON object; use null when the request does not say. "
    "destination is the city or place to visit, as written in the request. "
    "Dates are YYYY-MM-DD. Answer with the JSON object only."
)

RESEARCHER_INSTRUCTIONS = (
    "You are a travel researcher. Write a short brief for the traveller: 4 to 6 bullet points "
    "on areas to stay or walk, sights and food that match their interests, and one local tip. "
    "Do not give prices, temperatures or dates. Plain text bullets only."
)

WEATHER_INSTRUCTIONS = (
    "You are a weather analyst. In 2 or 3 sentences, say what the weather below means for "
    "the trip: which days suit outdoor plans and which suit indoor ones, and what to wear. "
    "Do not repeat the numbers."
)

NO_TOOLS_REMINDER = "\nNo tools are available: answer with the bullet points only."

PLANNER_INSTRUCTIONS = (
    "You are a travel planner. Write a day-by-day plan for the days listed. For every day "
    "write a heading `### Day N` and then exactly three lines: `- Morning: ...`, "
    "`- Afternoon: ...`, `- Evening: ...`, one or two sentences each, naming real places. "
    "Put outdoor plans on dry days and indoor ones on wet days. Do not write prices, "
    "temperatures, times or any other section."
)


# The answer's shape, shown last: small models follow a template at the end of the prompt
# far better than a description at the start.
_ANSWER_FORMAT = (
    "Answer with one block per day, in this format:",
    "### Day 1",
    "- Morning: <what to see>",
    "- Afternoon: <what to do>",
    "- Evening: <where to eat>",
)


def understand_instructions(today: date) -> str:
    return UNDERSTAND_INSTRUCTIONS.format(today=today.isoformat())


def trip_summary(trip: Trip) -> str:
    parts = [
        f"{trip.length_days} days in {trip.destination}, {trip.country}",
        f"{trip.start_date.isoformat()} to {trip.end_date.isoformat()}",
        f"{trip.travellers} traveller{'s' if trip.travellers != 1 else ''}",
    ]
    if trip.interests:
        parts.append("interests: " + ", ".join(trip.interests))
    if trip.budget_amount is not None:
        parts.append(f"budget {trip.budget_amount:g} {trip.budget_currency}")
    return "Trip: " + "; ".join(parts) + "."


def _day_weather(facts: Facts, day: date) -> dict[str, Any] | None:
    for entry in (facts.weather or {}).get("days") or []:
        if isinstance(entry, dict) and entry.get("date") == day.isoformat():
            return entry
    return None


def holidays_on(facts: Facts, day: date) -> list[str]:
    return [
        str(h.get("name"))
        for h in (facts.public_holidays or {}).get("holidays") or []
        if isinstance(h, dict) and h.get("date") == day.isoformat()
    ]


def day_condition(facts: Facts, day: date) -> str:
    """A word-level description of a day's weather for the model (no numbers needed)."""
    entry = _day_weather(facts, day)
    if entry is None:
        return "weather unknown"
    rain = entry.get("precipitation_mm")
    high = entry.get("temp_max_c")
    words = []
    if isinstance(rain, int | float):
        words.append("wet" if rain >= 3 else "showers possible" if rain >= 1 else "dry")
    else:
        month = ((facts.weather or {}).get("monthly_normals") or {}).get(str(day.month)) or {}
        rain_days = month.get("rain_days")
        if isinstance(rain_days, int | float):
            words.append(
                "showers likely"
                if rain_days >= 10
                else "showers possible"
                if rain_days >= 5
                else "mostly dry"
            )
    if isinstance(high, int | float):
        words.append(
            "hot" if high >= 28 else "warm" if high >= 20 else "mild" if high >= 12 else "cold"
        )
    return ", ".join(words) or "weather unknown"


def day_lines(trip: Trip, facts: Facts) -> list[str]:
    """`Day N (YYYY-MM-DD, Weekday)` (plus a public holiday, if any) — the lines the planner
    answers to. Weather is not repeated per day: the plan shows each day's conditions from
    the facts, and a model given them per day tends to echo them into every slot."""
    lines = []
    for n, day in enumerate(trip.days, start=1):
        line = f"Day {n} ({day.isoformat()}, {day.strftime('%A')})"
        holidays = holidays_on(facts, day)
        if holidays:
            line += ": public holiday: " + ", ".join(holidays) + " (some places closed)"
        lines.append(line)
    return lines


def wet_days_line(trip: Trip, facts: Facts) -> list[str]:
    """One line naming the wet days, so indoor plans land on them."""
    wet = [
        str(n)
        for n, day in enumerate(trip.days, start=1)
        if day_condition(facts, day).startswith(("wet", "showers"))
    ]
    return [f"Wet or showery days: {', '.join(wet)}."] if wet else []


def _research_text(trip: Trip, facts: Facts) -> str:
    country = facts.country_facts or {}
    lines = [trip_summary(trip)]
    if country:
        langs = ", ".join([str(x) for x in country.get("languages") or []][:3])
        lines.append(f"Country: {country.get('name', trip.country)}; languages: {langs}.")
    holidays = [
        f"{h.get('date')} {h.get('name')}"
        for h in (facts.public_holidays or {}).get("holidays") or []
        if isinstance(h, dict)
    ]
    if holidays:
        lines.append("Public holidays during the trip: " + "; ".join(holidays[:5]) + ".")
    lines.append("Write the brief.")
    return "\n".join(lines)


def _weather_text(trip: Trip, facts: Facts) -> str:
    weather = facts.weather or {}
    lines = [trip_summary(trip), f"Weather ({weather.get('label') or weather.get('kind')}):"]
    for day in trip.days:
        entry = _day_weather(facts, day)
        if entry is None:
            continue
        rain = entry.get("precipitation_mm")
        lines.append(
            f"{day.isoformat()} {day.strftime('%a')}: {entry.get('temp_min_c')}-"
            f"{entry.get('temp_max_c')} C, "
            + (f"rain {rain} mm" if rain is not None else day_condition(facts, day))
        )
    return "\n".join(lines)


def _plan_text(trip: Trip, facts: Facts, research: str, weather: str) -> str:
    lines = [trip_summary(trip)]
    if research:
        lines += ["Research notes:", research[:700]]
    if weather:
        lines += ["Weather notes:", weather[:400]]
    lines += [*wet_days_line(trip, facts), "Days:", *day_lines(trip, facts), *_ANSWER_FORMAT]
    return "\n".join(lines)


def _refine_text(trip: Trip, facts: Facts, previous_days: str, change: str) -> str:
    lines = [
        trip_summary(trip),
        "Current plan:",
        previous_days[:1500],
        f"The traveller asks for this change: {change[:300]}",
        *wet_days_line(trip, facts),
        "Rewrite the plan with the change. Days:",
        *day_lines(trip, facts),
        *_ANSWER_FORMAT,
    ]
    return "\n".join(lines)


def research_prompt(trip: Trip, facts: Facts) -> ChatPrompt:
    return ChatPrompt(RESEARCHER_INSTRUCTIONS, _research_text(trip, facts))


def weather_prompt(trip: Trip, facts: Facts) -> ChatPrompt | None:
    """None when there is no weather to discuss."""
    if facts.weather is None:
        return None
    return ChatPrompt(WEATHER_INSTRUCTIONS, _weather_text(trip, facts))


def plan_prompt(trip: Trip, facts: Facts, research: str, weather: str) -> ChatPrompt:
    return ChatPrompt(PLANNER_INSTRUCTIONS, _plan_text(trip, facts, research, weather))


def refine_prompt(previous: PlanDraft, refinement: Refinement) -> ChatPrompt:
    from travel_planner.plan import day_activities

    text = _refine_text(
        previous.trip, previous.facts, day_activities(previous.days), refinement.instruction
    )
    return ChatPrompt(PLANNER_INSTRUCTIONS, text)
