"""From a request to a Trip or a Clarification: code reads first, the model only when code
cannot read everything, and every model field is checked before it is used.

Precedence for each field: what code reads with certainty (an ISO date, "3 days", "4
people", "500 ARS") > the checked model answer > code's own guesses (a count added up from
"my wife and our kids") > the current trip (a follow-up) > a default, stated as a Notice.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from travel_planner.errors import InvalidRequestError
from travel_planner.i18n import Language, country_name
from travel_planner.trip import Clarification, Notice, Trip
from travel_planner.understanding import lexicon
from travel_planner.understanding import messages as msg
from travel_planner.understanding.language import UNSURE
from travel_planner.understanding.model import (
    ModelReading,
    StructuredModel,
    check_answer,
    model_prompt,
    salvage,
    understanding_schema,
)
from travel_planner.understanding.people import count_taken_from_elsewhere
from travel_planner.understanding.places import (
    Place,
    PlaceSearch,
    as_written,
    find_place,
    looks_like_a_name,
    unknown_name,
    written_as_a_name,
)
from travel_planner.understanding.reading import TextReading, read_text, unread_words
from travel_planner.understanding.suggestions import suggest
from travel_planner.understanding.trip_dates import Earlier, TripDates, trip_dates

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Base:
    """The trip a follow-up changes, or the pending request an answer completes: it fills
    what the new message does not say."""

    request: str
    place: Place | None = None
    place_source: str = "text"
    dates: Earlier = field(default_factory=Earlier)
    travellers: int | None = None
    travellers_source: str = "text"
    # (amount, currency); no currency: the traveller's home currency, said in a notice.
    budget: tuple[float, str | None] | None = None
    interests: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()

    @classmethod
    def of_trip(cls, trip: Trip) -> Base:
        r = trip.readings
        return cls(
            request=trip.request,
            place=_base_place(trip),
            place_source=r.get("destination", "text"),
            dates=Earlier(
                trip.start_date,
                trip.length_days,
                r.get("start_date", "text"),
                r.get("end_date", "text"),
            ),
            travellers=trip.travellers,
            travellers_source=r.get("travellers", "text"),
            budget=(trip.budget_amount, trip.budget_currency)
            if trip.budget_amount is not None and trip.budget_currency
            else None,
            interests=tuple(trip.interests),
            avoid=tuple(trip.avoid),
        )


@dataclass
class Understanding:
    """How one request was read (for logs, tests and the benchmark)."""

    reading: TextReading
    model_called: bool = False
    model_usable: bool = False
    seconds: float = 0.0
    # The groups of fields the model was asked for (model.QUESTIONS), when it was asked.
    questions: list[str] = field(default_factory=list)


def open_questions(
    reading: TextReading, code_place: Place | None, left: list[str], language: Language | None
) -> list[str]:
    """What the model is asked: only what the request's words did not settle (where code
    read a field, its reading wins over the model's anyway)."""
    asked = ["interests"]  # the unread words are most often wishes ("nothing too touristy")
    if not reading.certainly_a_trip:
        asked.append("trip")
    if language is None and reading.language_confidence < UNSURE:
        asked.append("language")
    # A capitalised unread word may name a more precise place ("Paris ... Texas").
    if code_place is None or code_place.alternatives or any(w[:1].isupper() for w in left):
        asked.append("place")
    if code_place is None and reading.climate is None:
        asked.append("climate")  # for suggestions, when no place is named
    d = reading.dates
    if not (d.has_start and (d.end, d.days, d.weekend) != (None, None, None)):
        asked.append("dates")
    if reading.people.count is None or not reading.people.stated:
        asked.append("travellers")
    # The model's amount counts only when its digits are in the request (check_answer).
    if reading.budget.amount is None and any(ch.isdigit() for ch in reading.text):
        asked.append("budget")
    return asked


async def _ask_model(
    model: StructuredModel | None, reading: TextReading, today: date, info: Understanding,
    questions: list[str],
) -> ModelReading:  # fmt: skip
    if model is None:
        return ModelReading()
    info.model_called = True
    info.questions = questions
    answer = await model(
        model_prompt(reading.text, today, questions), understanding_schema(questions)
    )
    data = salvage(answer)
    if data is None:
        logger.info("the model's answer held no JSON: %.120r", answer)
        return ModelReading()
    info.model_usable = True
    return check_answer(data, reading.text, today)


def _same_country(place: Place, country: str | None) -> bool:
    if not country:
        return True
    wanted = lexicon.fold(country)
    return wanted in (lexicon.fold(place.country), lexicon.fold(place.country_code))


async def _model_place(search: PlaceSearch, model: ModelReading) -> Place | None:
    """The model's destination, only as written in the request and known to the tools; its
    country picks between places of the same name ("Paris" + "United States")."""
    if model.written is None:
        return None
    place = await search.resolve(model.written)
    if place is not None and _same_country(place, model.country):
        return place
    if model.country:
        bare = model.written.split(",")[0]
        narrowed = await search.resolve(bare, model.country)
        if narrowed is not None:
            return narrowed
    return place


def _not_a_trip(reading: TextReading, model: ModelReading, place: Place | None) -> bool:
    if model.is_trip is False and not reading.certainly_a_trip:
        return True
    if reading.asks_for_trip or model.is_trip:
        return False
    # Nothing but a place name ("Roma", "Lisbon please") asks for a trip there.
    return place is None or bool(unread_words(reading, place.written))


async def _place_for(
    search: PlaceSearch, reading: TextReading, model: ModelReading, code_place: Place | None
) -> tuple[Place | None, str]:
    checked = await _model_place(search, model)
    if checked is not None and not _inside(code_place, checked):
        return checked, "model"
    if code_place is not None:
        return code_place, "text"
    return None, "default"


def _inside(city: Place | None, area: Place) -> bool:
    """The request's words name a city in the country or region the model answered ("two
    weeks in Croatia, Split and around"): the city is the more precise reading."""
    return bool(area.area and city and city.area is None and city.country_code == area.country_code)


def _label(name: str, region: str | None, country_code: str, lang: Language) -> str:
    """ "Toledo, Ohio, Estados Unidos": the country named in the traveller's language."""
    country = country_name(country_code, lang) if country_code else ""
    return ", ".join(dict.fromkeys(part for part in (name, region, country) if part))


def _place_notices(place: Place, lang: Language) -> list[Notice]:
    notices = []
    if place.area:
        message = msg.AREA_COUNTRY if place.area.get("kind") == "country" else msg.AREA_REGION
        notices.append(
            msg.notice("area", lang, message, detail=str(place.area.get("reason") or ""),
                       area=place.written.split(",")[0], city=place.name)
        )  # fmt: skip
    if place.alternatives:
        chosen = _label(place.name, place.region, place.country_code, lang)
        others = "; ".join(_label(*other, lang) for other in place.alternatives)
        notices.append(
            msg.notice("ambiguous_place", lang, msg.AMBIGUOUS_PLACE, name=place.written,
                       chosen=chosen, others=others)
        )  # fmt: skip
    return notices


def _travellers(reading: TextReading, model: ModelReading) -> tuple[int, str]:
    people = reading.people
    if people.count is not None and people.stated:
        return people.count, "text"
    if model.travellers is not None and (
        people.open
        or not count_taken_from_elsewhere(
            reading.text, model.travellers, reading.language,
            dates=reading.dates.spans, amounts=reading.budget.spans,
        )
    ):  # fmt: skip
        return model.travellers, "model"
    if people.count is not None:
        return people.count, "text"
    return 1, "default"


def _budget(
    reading: TextReading,
    model: ModelReading,
    home: str,
    lang: Language,
    base: Base | None,
    days: int,
    travellers: int,
) -> tuple[float | None, str | None, str, list[Notice]]:
    budget = reading.budget
    if budget.invalid:
        raise InvalidRequestError(msg.text(lang, msg.INVALID_BUDGET, written=budget.invalid))
    amount, currency, source = budget.amount, budget.currency, "text"
    notices = []
    if amount is not None and (budget.per_day or budget.per_person):
        # The trip's budget is the whole trip's, for everyone: "100 € per day" for 3 days.
        amount *= (days if budget.per_day else 1) * (travellers if budget.per_person else 1)
        shown = msg.money(amount, currency or home, lang)
        notices.append(
            msg.notice("budget_total", lang, msg.BUDGET_TOTAL, amount=shown, written=budget.written)
        )
    if amount is None and model.budget_amount is not None:
        amount, currency, source = model.budget_amount, model.budget_currency, "model"
    if amount is None and base is not None and base.budget is not None:
        (amount, currency), source = base.budget, "text"
    if amount is None:
        return None, None, "default", []
    if currency is None:
        shown = msg.money(amount, home, lang)
        notices.append(msg.notice("budget_currency", lang, msg.HOME_CURRENCY, amount=shown))
        return amount, home, source, notices
    return amount, currency, source, notices


async def decide(
    request: str,
    *,
    today: date,
    search: PlaceSearch,
    model: StructuredModel | None,
    home_currency: str,
    language: Language | None,
    base: Base | None = None,
    info: Understanding | None = None,
) -> Trip | Clarification:
    started = time.perf_counter()
    reading = read_text(request, today, language)
    search.language = reading.language
    info = info or Understanding(reading)
    info.reading = reading
    lang = reading.language
    # A long text with no sign of a trip ("What's the capital of France?") is not looked up,
    # unless it is written as a name ("Rio de Janeiro, Brasil").
    chatter = (
        base is None
        and not reading.asks_for_trip
        and len(reading.words) > 3
        and not written_as_a_name(reading.text)
    )
    code_place = (
        None
        if chatter
        else await find_place(search, reading.text, reading.candidates, reply=base is not None)
    )
    left = unread_words(reading, code_place.written if code_place else None)
    # A name several comparable places share is a question for the model (its country
    # picks one); without a model the most likely place is planned, the others named.
    complete = (
        code_place is not None
        and not code_place.alternatives
        and not left
        and reading.asks_for_trip
    )
    checked = ModelReading()
    if not complete and not (base is not None and not left):
        questions = open_questions(reading, code_place, left, language)
        checked = await _ask_model(model, reading, today, info, questions)
        if language is None and checked.language and reading.language_confidence < UNSURE:
            lang = reading.language = checked.language
    place, place_source = await _place_for(search, reading, checked, code_place)
    if place is None and base is not None and base.place is not None:
        place, place_source = base.place, base.place_source
    result = await _build(
        reading, checked, place, place_source, search, today, home_currency, lang, base
    )
    info.seconds = time.perf_counter() - started
    return result


async def _build(
    reading: TextReading,
    model: ModelReading,
    place: Place | None,
    place_source: str,
    search: PlaceSearch,
    today: date,
    home_currency: str,
    lang: Language,
    base: Base | None,
) -> Trip | Clarification:
    request = reading.text
    if base is None and _not_a_trip(reading, model, place):
        return msg.clarify("not_a_trip", lang, request, msg.NOT_A_TRIP)
    if place is None:
        named = model.written if model.written and looks_like_a_name(model.written) else None
        name = named or unknown_name(search)
        if name:
            return msg.clarify("unknown_place", lang, request, msg.UNKNOWN_PLACE, name=name)
        return await suggest(search.places, reading, model, today, lang)
    earlier = base.dates if base is not None else None
    dates = trip_dates(
        reading.dates,
        model,
        today,
        latitude=place.latitude,
        base=earlier,
        language=lang,
        request=request,
    )
    if isinstance(dates, Clarification):
        return dates
    return _trip(reading, model, place, place_source, dates, home_currency, lang, base)


def _trip(
    reading: TextReading,
    model: ModelReading,
    place: Place,
    place_source: str,
    dates: TripDates,
    home_currency: str,
    lang: Language,
    base: Base | None,
) -> Trip:
    travellers, travellers_source = _travellers(reading, model)
    if base is not None and base.travellers is not None and travellers_source == "default":
        travellers, travellers_source = base.travellers, base.travellers_source
    days = (dates.end - dates.start).days + 1
    amount, currency, budget_source, budget_notices = _budget(
        reading, model, home_currency, lang, base, days, travellers
    )
    notices = [*_place_notices(place, lang), *dates.notices, *budget_notices]
    sources = (place_source, dates.readings["start_date"], travellers_source)
    source: Literal["parser", "model"] = "model" if "model" in sources else "parser"
    return Trip(
        request=reading.text if base is None else f"{base.request} / {reading.text}",
        language=lang,
        destination=place.name,
        destination_written=as_written(place),
        **{name: getattr(place, name) for name in _SHARED_PLACE_FIELDS},
        start_date=dates.start,
        end_date=dates.end,
        travellers=travellers,
        interests=_interests(reading, model, place, base),
        avoid=_avoided(reading, base),
        budget_amount=amount,
        budget_currency=currency,
        home_currency=home_currency,
        assumptions=notices,
        source=source,
        place_source=place.source,
        readings={
            "destination": place_source,
            **dates.readings,
            "travellers": travellers_source,
            "budget": budget_source,
            "language": "text",
        },
    )


def _interests(
    reading: TextReading, model: ModelReading, place: Place, base: Base | None
) -> list[str]:
    """The text's interests, then the model's, then the earlier request's: six at most."""
    earlier = list(base.interests) if base else []
    # A small model lists the destination among the interests ("Sevilla").
    place_names = {lexicon.fold(n) for n in (place.name, place.written.split(",")[0])}
    found = [i for i in model.interests if lexicon.fold(i) not in place_names]
    avoided = set(_avoided(reading, base))
    wanted = (i for i in [*reading.interests, *found, *earlier] if i not in avoided)
    return list(dict.fromkeys(wanted))[:6]


def _avoided(reading: TextReading, base: Base | None) -> list[str]:
    """What the request asks to avoid, then what the earlier request did (unless now wanted)."""
    earlier = [i for i in (base.avoid if base else ()) if i not in reading.interests]
    return list(dict.fromkeys([*reading.avoided, *earlier]))


# What a trip keeps of its place under the same names.
_SHARED_PLACE_FIELDS = ("country", "country_code", "region", "latitude", "longitude", "timezone")


def _base_place(trip: Trip) -> Place:
    return Place(
        written=trip.place_name,
        name=trip.destination,
        geonameid=None,
        source=trip.place_source,
        **{name: getattr(trip, name) for name in _SHARED_PLACE_FIELDS},
    )
