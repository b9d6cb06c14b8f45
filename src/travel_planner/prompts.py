"""The prompts of one trip: one system text, one shared context block, a task per role.

Every prompt of a trip starts with the same bytes (the system text, then the trip and its
facts in words) so Ollama reuses the evaluated prefix from one call to the next; only the
role's task comes last. Prompts stay compact: Ollama cuts an over-long prompt from the front,
and small models echo long structured input. Facts reach the model as words ("warm, dry"),
never as figures: every figure in the plan is written by code from the tool results.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from travel_planner.facts import Facts
from travel_planner.facts.outlook import DayOutlook, day_outlooks, season_outlooks
from travel_planner.i18n import language_name
from travel_planner.trip import Refinement, Trip

if TYPE_CHECKING:
    from travel_planner.result import PlanDraft

NOTES_CHARS = {"research": 700, "weather": 400}
CURRENT_PLAN_CHARS = 1500
INSTRUCTION_CHARS = 300
SLOTS = ("Morning", "Afternoon", "Evening")
KIDS_WORDS = ("kid", "child", "family", "niñ", "enfant", "kinder", "criança", "bambin")


DAYLIGHT_WORDS = {
    "long": "long days",
    "normal": "normal day length",
    "short": "short days",
    "polar_night": "no daylight (polar night)",
    "polar_day": "daylight all night (midnight sun)",
}


Turn = tuple[Literal["user", "assistant"], str]


@dataclass(frozen=True)
class ChatPrompt:
    """One model call: the system text (the agent's instructions), the turns of the
    conversation it continues, if any, and the new user turn."""

    system: str
    user: str
    history: tuple[Turn, ...] = ()

    def answered(self, text: str) -> tuple[Turn, ...]:
        """This conversation with `text` as the model's answer: what a later call continues.
        Ollama keeps a slot's prompt and the answer it generated, so a call that starts with
        the same turns pays only for its new turn."""
        return (*self.history, ("user", self.user), ("assistant", text))


def system_text(trip: Trip) -> str:
    """The same for every agent of the trip (prefix reuse), so the roles live in the tasks."""
    language = language_name(trip.language, "en")
    native = language_name(trip.language, trip.language)
    if native.casefold() != language.casefold():
        language += f" ({native})"
    return (
        f"You help plan one trip to {trip.destination}. Write in {language}. "
        "Use the trip facts you are given. Never write prices, times, dates, temperatures or "
        "other numbers, and do not copy the facts or these instructions."
    )


def _day(day: date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def _day_words(outlook: DayOutlook) -> str:
    words: list[str] = []
    if outlook.warmth:
        words.append(outlook.warmth)
    if outlook.rain:
        words.append(
            {"dry": "dry", "showers": "showers possible", "wet": "rain likely"}[outlook.rain]
        )
    if outlook.daylight is not None:
        words.append(DAYLIGHT_WORDS[outlook.daylight])
    text = ", ".join(words)
    if outlook.holidays:
        text += ("; " if text else "") + "public holiday: " + ", ".join(outlook.holidays)
    return text


def _who(trip: Trip) -> str:
    who = "1 traveller" if trip.travellers == 1 else f"{trip.travellers} travellers"
    if any(w in i.lower() for i in trip.interests for w in KIDS_WORDS):
        who += " with children"
    return who


def shared_context(trip: Trip, facts: Facts) -> str:
    """The trip and its facts in words: identical bytes at the start of every user turn."""
    country = facts.country_facts
    lines = [
        f"Trip to {trip.destination}, {trip.country}: {trip.length_days} "
        f"day{'s' if trip.length_days != 1 else ''}, {_day(trip.start_date)} to "
        f"{_day(trip.end_date)}; {_who(trip)}"
        + (f"; interests: {', '.join(trip.interests)}" if trip.interests else "")
        + (f"; avoid: {', '.join(trip.avoid)}." if trip.avoid else "."),
    ]
    if country and (country.languages or country.currencies):
        parts = []
        if country.languages:
            parts.append("people speak " + ", ".join(country.languages[:2]))
        if country.currencies and country.currencies[0].name:
            parts.append(f"money: {country.currencies[0].name}")
        lines.append(f"{trip.country}: {'; '.join(parts)}.")
    seasons = season_outlooks(trip, facts)
    for season in seasons:
        month = date(2000, season.month, 1).strftime("%B")
        words = ", ".join(w for w in (season.warmth, season.rain) if w)
        lines.append(f"Usual weather in {month} (climate averages, not a forecast): {words}.")
    outlooks = day_outlooks(trip, facts)
    daylight = {o.daylight for o in outlooks}
    if len(daylight) == 1 and (only := daylight.pop()) is not None:
        lines.append(f"Daylight: {DAYLIGHT_WORDS[only]}.")
        outlooks = [replace(o, daylight=None) for o in outlooks]
    forecast = facts.weather is not None and not seasons
    if forecast:
        lines.append("Weather forecast by day:")
    for outlook in outlooks:
        words = _day_words(outlook)
        if words and (forecast or outlook.holidays or outlook.daylight):
            lines.append(f"Day {outlook.number}, {outlook.day.strftime('%A')}: {words}.")
    return "\n".join(lines)


def research_task(trip: Trip) -> str:
    interests = ", ".join(trip.interests) or "a first visit"
    return (
        f"Researcher: name 4 to 6 places in {trip.destination} for this trip: neighbourhoods "
        f"to stay in or walk, sights and places to eat that suit {interests}. Write one bullet "
        "per place: its name, then why it suits the traveller. Do not describe the weather."
    )


def weather_task(trip: Trip, facts: Facts) -> str:
    if season_outlooks(trip, facts):
        return (
            "Weather analyst: the weather above is the usual weather for the season, not a "
            "forecast. In 2 or 3 sentences, advise how to plan the days around it and what to "
            "wear. Do not name places."
        )
    return (
        "Weather analyst: in 2 or 3 sentences, say which days suit outdoor plans and which "
        "suit indoor ones, and what to wear. Do not list the days again and do not name places."
    )


def day_list(trip: Trip, days: tuple[int, ...]) -> str:
    """`Day N (YYYY-MM-DD, Weekday)` lines: the days the planner answers with `### Day N`."""
    return "\n".join(
        f"Day {n} ({trip.days[n - 1].isoformat()}, {trip.days[n - 1].strftime('%A')})" for n in days
    )


def _format(trip: Trip, days: tuple[int, ...], where: str | None = None) -> str:
    return (
        "\n".join(("Planner: write the plan for these days:", day_list(trip, days)))
        + "\nFor each day write a line `### Day N`, then the lines `- Morning:`, "
        "`- Afternoon:` and `- Evening:`, each with one sentence that names a real place in "
        f"{where or trip.destination} and says what to do there, like `- Morning: Walk up to "
        "the castle hill for the view over the old town.` Put outdoor plans on dry days and "
        "museums on wet days."
    )


def plan_task(trip: Trip, days: tuple[int, ...] | None = None) -> str:
    return _format(trip, days or tuple(range(1, trip.length_days + 1)))


def _notes(title: str, text: str, said: set[str]) -> list[str]:
    return [title, text] if text and text not in said else []


def research_prompt(trip: Trip, facts: Facts) -> ChatPrompt:
    return ChatPrompt(system_text(trip), f"{shared_context(trip, facts)}\n\n{research_task(trip)}")


def weather_prompt(trip: Trip, facts: Facts, after: tuple[Turn, ...] = ()) -> ChatPrompt | None:
    """None when there is no weather to discuss. `after`: the researcher's conversation,
    continued when the model serves one call at a time (the trip and its facts are in it)."""
    if facts.weather is None or not (facts.weather.days or facts.weather.monthly_normals):
        return None
    task = weather_task(trip, facts)
    if after:
        return ChatPrompt(system_text(trip), task, after)
    return ChatPrompt(system_text(trip), f"{shared_context(trip, facts)}\n\n{task}")


def brief_text(kind: Literal["research", "weather"], text: str) -> str:
    """The part of a checked brief the planner is given."""
    return text[: NOTES_CHARS[kind]].strip()


def plan_prompt(
    trip: Trip,
    facts: Facts,
    research: str,
    weather: str,
    days: tuple[int, ...] | None = None,
    after: tuple[Turn, ...] = (),
) -> ChatPrompt:
    """The planner's prompt for the whole trip, or for `days` of it (a part written in
    parallel with the others; the text before the task is the same for every part).

    `after`: a brief's conversation to continue, so that the model reuses what it already
    evaluated; a brief answered in it is not repeated as notes. Without one: one user turn
    that starts with the trip and its facts."""
    said = {text for role, text in after if role == "assistant"}
    notes = [
        *_notes("Notes from the researcher:", brief_text("research", research), said),
        *_notes("Notes from the weather analyst:", brief_text("weather", weather), said),
        plan_task(trip, days),
    ]
    if after:
        return ChatPrompt(system_text(trip), "\n".join(notes), after)
    return ChatPrompt(system_text(trip), "\n".join([shared_context(trip, facts), "", *notes]))


@dataclass(frozen=True)
class RefineTarget:
    """The days the planner rewrites for a change, and the day that becomes a day trip."""

    days: tuple[int, ...]
    day_trip_day: int | None = None
    day_trip: str | None = None


def day_trip_day(trip: Trip, facts: Facts) -> int:
    """A sensible day for a day trip: a day without rain first, then not the arrival or
    departure day, not a public holiday (reduced transport), not the first day, and as close
    to the middle of the trip as possible."""
    outlooks = day_outlooks(trip, facts)
    last = len(outlooks)
    middle = (last + 1) / 2

    def cost(o: DayOutlook) -> tuple[bool, bool, bool, bool, float]:
        edge = last >= 3 and o.number in (1, last)
        wet = o.rain in ("wet", "showers")
        return (wet, edge, bool(o.holidays), o.number == 1, abs(o.number - middle))

    return min(outlooks, key=cost).number


def refine_target(trip: Trip, facts: Facts, refinement: Refinement) -> RefineTarget:
    valid = tuple(sorted({d for d in refinement.days if 1 <= d <= trip.length_days}))
    if refinement.day_trip:
        day = valid[0] if valid else day_trip_day(trip, facts)
        return RefineTarget((day,), day, refinement.day_trip)
    return RefineTarget(valid or tuple(range(1, trip.length_days + 1)))


def current_plan_text(days: dict[int, dict[str, str]]) -> str:
    out = []
    for n in sorted(days):
        out.append(f"### Day {n}")
        out += [f"- {slot}: {days[n][slot]}" for slot in SLOTS if slot in days[n]]
    return "\n".join(out)[:CURRENT_PLAN_CHARS]


def refine_task(trip: Trip, target: RefineTarget) -> str:
    if target.day_trip and target.day_trip_day:
        lead = (
            f"Make day {target.day_trip_day} a day trip from {trip.destination} to "
            f"{target.day_trip}: sights in {target.day_trip} in the morning and afternoon, back "
            f"in {trip.destination} for the evening."
        )
    else:
        which = ", ".join(map(str, target.days))
        lead = f"Rewrite only day{'s' if len(target.days) > 1 else ''} {which} with the change."
    return f"{lead}\n{_format(trip, target.days, target.day_trip)}"


def refine_prompt(previous: PlanDraft, refinement: Refinement) -> ChatPrompt:
    trip, facts = previous.trip, previous.facts
    target = refine_target(trip, facts, refinement)
    lines = [
        shared_context(trip, facts),
        "",
        "The current plan:",
        current_plan_text({n: d.slots for n, d in previous.days.items()}),
        f"The traveller asks: {refinement.instruction[:INSTRUCTION_CHARS]}",
        refine_task(trip, target),
    ]
    return ChatPrompt(system_text(trip), "\n".join(lines))


def reference_text(trip: Trip, facts: Facts) -> str:
    """Everything code writes into this trip's prompts: what a model answer must not echo."""
    return "\n".join(
        (
            system_text(trip),
            shared_context(trip, facts),
            research_task(trip),
            weather_task(trip, facts),
            plan_task(trip),
            "Notes from the researcher: Notes from the weather analyst: The current plan:",
            "The traveller asks:",
        )
    )
