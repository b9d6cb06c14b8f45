"""A message after a plan or a question: a change to the plan's days, a day trip from the
same base, another version of the trip ("5 days instead", "Madrid instead", new dates), or
the answer that completes a request that could not be planned ("Roma" after "where to?")."""

from __future__ import annotations

import re
from datetime import date

from travel_planner.i18n import Language
from travel_planner.trip import Clarification, Refinement, Trip
from travel_planner.understanding import lexicon
from travel_planner.understanding import messages as msg
from travel_planner.understanding.decide import Base, decide
from travel_planner.understanding.language import detect_language
from travel_planner.understanding.model import ModelReading, StructuredModel
from travel_planner.understanding.number_words import word_number
from travel_planner.understanding.places import PlaceSearch, candidates, find_place, unknown_name
from travel_planner.understanding.reading import read_text
from travel_planner.understanding.trip_dates import Earlier, TripDates, trip_dates

DAY_WORDS = "day|dia|jour|tag|tages|giorno|journee|jornada"
DAY_TRIP = re.compile(
    r"\b(?:day[- ]trip|excursion|excursao|tagesausflug|ausflug|bate-volta|gita|escursione|"
    r"journee)\s+(?:de\s+un\s+dia\s+)?(?:to|a|al|à|a la|au|nach|para|ao|in|en|em)\s+"
)


def days_named(message: str, length: int) -> list[int]:
    """Days of the plan a message refers to: "day 2", "el segundo día", "letzten Tag"."""
    folded = lexicon.fold(message)
    found: set[int] = set()
    for m in re.finditer(rf"\b(?:{DAY_WORDS})s?\s+(\d{{1,2}}|[^\W\d_]+)\b", folded):
        value = word_number(m[1], "en") if not m[1].isdigit() else int(m[1])
        if value:
            found.add(value)
    for number, words in [*lexicon.ORDINALS.items(), (length, lexicon.LAST)]:
        if re.search(
            rf"\b(?:{words})\s+(?:{DAY_WORDS})\b|\b(?:{DAY_WORDS})\s+(?:{words})\b", folded
        ):
            found.add(number)
    return sorted(d for d in found if 1 <= d <= length)


async def _earlier_request(pending: Clarification, today: date, search: PlaceSearch) -> Base:
    """What a request that could not be planned already said, read by code."""
    reading = read_text(pending.request, today, pending.language)
    place = await find_place(search, reading.text, reading.candidates)
    dates = trip_dates(
        reading.dates, ModelReading(), today, latitude=place.latitude if place else None,
        base=None, language=pending.language, request=pending.request,
    )  # fmt: skip
    earlier = Earlier()
    if isinstance(dates, TripDates):
        start = dates.start if dates.readings["start_date"] == "text" else None
        days = (dates.end - dates.start).days + 1 if dates.readings["end_date"] == "text" else None
        earlier = Earlier(start, days)
    budget = reading.budget
    return Base(
        request=pending.request,
        place=place,
        dates=earlier,
        travellers=reading.people.count,
        budget=(budget.amount, budget.currency) if budget.amount else None,
        interests=tuple(reading.interests),
    )


async def follow_up(
    message: str,
    *,
    current: Trip | Clarification,
    today: date,
    search: PlaceSearch,
    model: StructuredModel | None,
    home_currency: str,
    language: Language | None,
) -> Trip | Clarification | Refinement:
    language = language or _short_reply_language(message, current.language)
    if isinstance(current, Clarification):
        base = None
        if current.reason != "not_a_trip":
            base = await _earlier_request(current, today, search)
        return await decide(
            message, today=today, search=search, model=model, home_currency=home_currency,
            language=language, base=base,
        )  # fmt: skip
    folded = lexicon.fold(message)
    trip_to = DAY_TRIP.search(folded)
    if trip_to:
        # A day trip goes somewhere near: the trip's country is tried first.
        target = message[trip_to.end() :]
        spans = candidates(target, [])
        for span in spans:
            span.placed = True  # written after "day trip to"
        place = await find_place(search, target, spans, current.country_code)
        if place is None and (name := unknown_name(search)):
            lang = language or detect_language(message)[0]
            return msg.clarify("unknown_place", lang, message, msg.UNKNOWN_PLACE, name=name)
        return Refinement(instruction=message, day_trip=place.name if place else None)
    days = days_named(message, current.length_days)
    if days:
        return Refinement(instruction=message, days=days)
    reading = read_text(message, today, language)
    changes_dates = (
        reading.dates.has_start or reading.dates.days is not None or reading.dates.impossible
    )
    # "somos tres", "we're 4 now": the budget and the plan are for everyone. A count read from
    # companions ("with my wife": two) counts the traveller, so it replaces only a solo trip's.
    people = reading.people
    changes_people = people.count not in (None, current.travellers) and (
        people.stated or current.travellers == 1
    )
    place = await find_place(search, reading.text, reading.candidates, reply=True)
    new_place = place is not None and place.name != current.destination
    if changes_dates or changes_people or new_place:
        return await decide(
            message, today=today, search=search, model=model, home_currency=home_currency,
            language=language or current.language, base=Base.of_trip(current),
        )  # fmt: skip
    return Refinement(instruction=message)


def _short_reply_language(message: str, current: Language) -> Language | None:
    """A reply of a word or two ("Roma", "Madrid instead") keeps the conversation's language;
    a longer message is detected on its own."""
    return current if len(message.split()) <= 3 else None
