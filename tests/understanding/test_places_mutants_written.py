"""Place names as travellers write them: a qualifier after a comma (one word or two, a month
after it), a name inside longer words, a city named after its country, a country's
capitalised name in another language, the traveller's own spelling of the destination, a
lower-case word in a request and in a reply, and what looks like a name."""

from __future__ import annotations

import pytest

from tests.understanding.conftest import HOME, TODAY, prose
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import Trip
from travel_planner.understanding import understand, understand_follow_up
from travel_planner.understanding.places import looks_like_a_name, written_as_a_name


async def trip_for(tools: TravelTools, request: str) -> Trip:
    trip = await understand(request, today=TODAY, places=tools, model=prose(), home_currency=HOME)
    assert isinstance(trip, Trip)
    return trip


@pytest.mark.integration
@pytest.mark.parametrize(
    ("request_text", "place"),
    [
        ("4 days in Paris, Texas in May", ("Paris", "United States", None)),
        ("4 days in Paris, Texas March 2027", ("Paris", "United States", None)),
        ("4 days in Santiago, Dominican Republic in May",
         ("Santiago de los Caballeros", "Dominican Republic", "Santiago")),
        ("4 days in Lisbon Portugal in May", ("Lisbon", "Portugal", None)),
        ("4 days at Hotel de Porto Alegre in May", ("Porto Alegre", "Brazil", None)),
        # A city the request names in its country: a person after "with" is none.
        ("a week in France with Nancy, then Lyon", ("Lyon", "France", None)),
        ("two weeks in Spain, Córdoba and around", ("Córdoba", "Spain", None)),
        # Iceland's name in German and Icelandic, capitalised: the country in any language.
        ("4 days in Island in May", ("Reykjavík", "Iceland", None)),
        # Written in lower case, in the traveller's words: capitalised but for the joiners.
        ("4 días en ciudad de mexico en mayo", ("Mexico City", "Mexico", "Ciudad de Mexico")),
        pytest.param(
            "4 days in new york in May", ("New York City", "United States", None),
            marks=pytest.mark.xfail(
                strict=True,
                reason="a name in lower case whose first word is a common word loses that "
                "word ('new york' is read as York, England)",
            ),
        ),
    ],
)  # fmt: skip
async def test_the_place_as_written(
    tools: TravelTools, request_text: str, place: tuple[str, str, str | None]
) -> None:
    trip = await trip_for(tools, request_text)
    assert (trip.destination, trip.country, trip.destination_written) == place


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "is_name"),
    [
        ("Xyzzyqwert", True),
        ("東京", True),  # a script without case
        ("xyzzyqwert", False),
        ("12 Rue", False),
        ("The", False),
        ("Somewhere Warm", False),
        ("", False),
    ],
)
def test_what_looks_like_a_name(text: str, is_name: bool) -> None:
    assert looks_like_a_name(text) is is_name


@pytest.mark.integration
@pytest.mark.parametrize(
    ("request_text", "destination"),
    [
        ("lisbon 4 days in May", "Lisbon"),  # a name in lower case at the start
        ("4 days in May, lovely Lisbon", "Lisbon"),  # the request's word before the name
        ("4 days in May, something nice", None),  # "nice" is the request's word
    ],
)
async def test_a_lower_case_word_names_a_place_only_where_a_name_goes(
    tools: TravelTools, request_text: str, destination: str | None
) -> None:
    got = await understand(
        request_text, today=TODAY, places=tools, model=prose(), home_currency=HOME
    )
    assert (got.destination if isinstance(got, Trip) else None) == destination


@pytest.mark.integration
async def test_a_reply_after_a_plan_names_a_city_in_lower_case(tools: TravelTools) -> None:
    croatia = await trip_for(tools, "two weeks in Croatia from 2027-05-10")
    split = await understand_follow_up(
        "what about croatia, split", current=croatia, today=TODAY, places=tools,
        model=prose(), home_currency=HOME,
    )  # fmt: skip
    assert isinstance(split, Trip)
    assert (split.destination, split.country) == ("Split", "Croatia")


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "is_name"),
    [("Rio de Janeiro, Brasil", True), ("4 days in lisbon", False), ("lisbon", False)],
)
def test_a_text_written_as_a_name(text: str, is_name: bool) -> None:
    assert written_as_a_name(text) is is_name
