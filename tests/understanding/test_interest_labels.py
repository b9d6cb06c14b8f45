"""Interests are kept as English keys in the Trip (and its JSON) and shown in the plan's
language; interests written in the request's own words stay as written."""

from __future__ import annotations

import pytest

from tests.plan.samples import lisbon_facts, lisbon_trip
from travel_planner.plan import Words
from travel_planner.plan.render import render_header
from travel_planner.understanding import interest_labels

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["food", "museums", "beaches", "tapas"]),
        ("es", ["gastronomía", "museos", "playas", "tapas"]),
        ("fr", ["gastronomie", "musées", "plages", "tapas"]),
        ("de", ["Kulinarik", "Museen", "Strände", "tapas"]),
        ("pt", ["gastronomia", "museus", "praias", "tapas"]),
        ("it", ["gastronomia", "musei", "spiagge", "tapas"]),
    ],
)
def test_known_interests_are_labelled_in_each_language(language: str, labels: list[str]) -> None:
    assert interest_labels(["food", "museums", "beaches", "tapas"], language) == labels


def test_the_plan_shows_interests_in_its_language_and_the_trip_keeps_the_keys() -> None:
    trip = lisbon_trip(language="es", interests=["food", "museums", "azulejos"])
    header = render_header(trip, "", "", lisbon_facts(), Words("es"))
    assert "intereses: gastronomía, museos, azulejos" in header
    assert trip.model_dump(mode="json")["interests"] == ["food", "museums", "azulejos"]
