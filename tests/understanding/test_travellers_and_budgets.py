"""Who travels (adults and children named together, one friend or child) and what a budget
counts (per day, per person), read by code alone against the real travel-tools server, with
what the traveller is told."""

from __future__ import annotations

import pytest

from tests.understanding.test_requests import trip
from travel_planner.mcp_client import TravelTools

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("request_text", "travellers"),
    [
        ("Barcelona 5 days, 2 adults and 2 kids aged 5 and 8", 4),
        ("we are 2 adults and 1 child, Rome for 3 days", 3),
        ("Madrid 3 días, 2 adultos y 3 niños", 5),
        ("Paris 3 jours, deux adultes et deux enfants", 4),
        ("Wien 3 Tage, wir sind 2 Erwachsene mit einem Kind", 3),
        ("Lisboa 3 dias, 2 adultos e 2 crianças", 4),
        ("Roma 3 giorni, 2 adulti e 1 bambino", 3),
        ("3 days in Rome with a friend", 2),
        ("Berlin, 3 Tage, mit einem Freund", 2),
        # The English "kind" is no child.
        ("3 days in Rome, a kind of relaxing trip, with my wife", 2),
    ],
)
async def test_everyone_who_travels_is_counted(
    tools: TravelTools, request_text: str, travellers: int
) -> None:
    assert (await trip(tools, request_text)).travellers == travellers


@pytest.mark.parametrize(
    ("request_text", "amount", "told"),
    [
        ("Rome 3 days, 100 euros per day", 300,
         ['Budget for the whole trip: €300.00 ("100 euros per day").']),
        ("4 días en Madrid, somos 2, 100 € por persona y día", 800,
         ["Presupuesto para todo el viaje: 800,00\xa0€ («100 € por persona y día»)."]),
        ("Berlin, 3 Tage, mit einem Freund, 80 € pro Tag und Person", 480,
         ["Budget für die ganze Reise: 480,00\xa0€ („80 € pro Tag und Person“)."]),
        ("Paris 4 jours à deux, 150 € par jour et par personne", 1200,
         ["Budget pour tout le voyage : 1\u202f200,00\xa0€ (« 150 € par jour et par personne »)."]),
        ("Lisboa 4 dias, 50 euros por pessoa", 50,
         ["Orçamento para toda a viagem: 50,00\xa0€ («50 euros por pessoa»)."]),
        # A day trip is no budget per day; a budget before a comma is the whole trip's.
        ("Lisbon 4 days, 1000 euros and a day trip to Sintra", 1000, []),
        ("Lisbon 4 days, budget 1000 EUR, daily walks", 1000, []),
    ],
)  # fmt: skip
async def test_a_budget_per_day_or_person_is_the_whole_trips(
    tools: TravelTools, request_text: str, amount: float, told: list[str]
) -> None:
    read_trip = await trip(tools, request_text)
    assert (read_trip.budget_amount, read_trip.budget_currency) == (amount, "EUR")
    assert [n.text for n in read_trip.assumptions if n.code == "budget_total"] == told
