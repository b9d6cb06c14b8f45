"""Reading a travel request, in any supported language, into a Trip or a Clarification.

    trip_or_question = await understand(request, today=..., places=tools, model=ask,
                                        home_currency="EUR")

Code reads what it can be sure of (dates, lengths, counts, amounts, place names the travel
tools know); the model (`StructuredModel`, a JSON-schema call) is asked only when words are
left that code cannot account for, and each of its fields is checked before use. Nothing
here opens a connection: places come through `places`, the model through `model`.
"""

from __future__ import annotations

from datetime import date

from travel_planner.i18n import Language
from travel_planner.trip import Clarification, Refinement, Trip
from travel_planner.understanding.decide import Understanding, decide
from travel_planner.understanding.follow_up import days_named, follow_up
from travel_planner.understanding.interests import interest_label, interest_labels
from travel_planner.understanding.model import StructuredModel, model_prompt, understanding_schema
from travel_planner.understanding.places import PlaceLookup, PlaceSearch


async def understand(
    request: str,
    *,
    today: date,
    places: PlaceLookup,
    model: StructuredModel | None,
    home_currency: str,
    language: Language | None = None,
    info: Understanding | None = None,
) -> Trip | Clarification:
    """A new request: the trip to plan, or what the traveller must add (in their language).

    Raises InvalidRequestError (exit 2) for a budget that is not a positive amount; a fatal
    model error (PlannerError) propagates; a model call that returns None is not fatal."""
    return await decide(
        request,
        today=today,
        search=PlaceSearch(places),
        model=model,
        home_currency=home_currency,
        language=language,
        info=info,
    )


async def understand_follow_up(
    message: str,
    *,
    current: Trip | Clarification,
    today: date,
    places: PlaceLookup,
    model: StructuredModel | None,
    home_currency: str,
    language: Language | None = None,
) -> Trip | Clarification | Refinement:
    """A message after a plan (`current` is its Trip) or after a question (`current` is the
    Clarification being answered)."""
    return await follow_up(
        message,
        current=current,
        today=today,
        search=PlaceSearch(places),
        model=model,
        home_currency=home_currency,
        language=language,
    )


__all__ = [
    "PlaceLookup",
    "StructuredModel",
    "Understanding",
    "days_named",
    "interest_label",
    "interest_labels",
    "model_prompt",
    "understand",
    "understand_follow_up",
    "understanding_schema",
]
