"""Interests are kept as English keys in the Trip (and its JSON) and shown in the plan's
language; interests written in the request's own words stay as written."""

from __future__ import annotations

from datetime import date

import pytest

from tests.plan.samples import lisbon_facts, lisbon_trip
from travel_planner.plan import Words
from travel_planner.plan.render import render_header
from travel_planner.understanding import interest_labels
from travel_planner.understanding.reading import read_text

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


@pytest.mark.parametrize(
    ("language", "request_text", "labels"),
    [
        ("en", "3 days in Kyoto, temples and gardens", ["temples", "gardens"]),
        ("es", "3 días en Kioto, templos y jardines", ["templos", "jardines"]),
        ("fr", "3 jours à Kyoto, temples et jardins", ["temples", "jardins"]),
        ("de", "3 Tage in Kyoto, Tempel und Gärten", ["Tempel", "Gärten"]),
        ("pt", "3 dias em Quioto, templos e jardins", ["templos", "jardins"]),
        ("it", "3 giorni a Kyoto, templi e giardini", ["templi", "giardini"]),
    ],
)
def test_temples_and_gardens_are_read_as_interests_and_labelled(
    language: str, request_text: str, labels: list[str]
) -> None:
    reading = read_text(request_text, date(2027, 3, 10), None)
    assert reading.interests == ["temples", "gardens"]
    assert interest_labels(reading.interests, language) == labels


@pytest.mark.parametrize(
    ("language", "request_text", "label"),
    [
        ("en", "a relaxing week in Crete in June", "relaxation"),
        ("es", "una semana tranquila en Creta en junio", "descanso"),
        ("fr", "une semaine calme en Crète en juin", "détente"),
        ("de", "eine ruhige Woche auf Kreta im Juni", "Entspannung"),
        ("pt", "uma semana relaxante em Creta em junho", "descanso"),
        ("it", "una settimana rilassante a Creta a giugno", "relax"),
    ],
)
def test_a_quiet_trip_is_read_as_relaxation(language: str, request_text: str, label: str) -> None:
    reading = read_text(request_text, date(2027, 3, 10), None)
    assert reading.interests == ["relaxation"]
    assert interest_labels(reading.interests, language) == [label]
