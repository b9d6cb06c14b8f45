"""The labelled corpus read end to end against the real MCP server: the goals of the
understanding benchmark, checked on every run of the suite."""

from __future__ import annotations

import pytest
from benchmarks.understanding import load_corpus, run_corpus

from travel_planner.mcp_client import TravelTools

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _wrong(rows: list[dict[str, object]]) -> str:
    return "\n".join(f"{r['text']!r} -> {r['got']}" for r in rows if not r["right"])


def test_the_corpus_covers_six_languages_and_150_requests() -> None:
    corpus = load_corpus()
    languages = {case.lang for case in corpus.cases}
    assert len(corpus.cases) >= 150
    assert {"en", "es", "fr", "de", "pt", "it"} <= languages


@pytest.mark.parametrize(("behaviour", "goal"), [("perfect", 0.97), ("prose", 0.85)])
async def test_corpus_goals(tools: TravelTools, behaviour: str, goal: float) -> None:
    run = await run_corpus(load_corpus(), tools, behaviour)
    summary = run.summary()
    wrong_places = [r for r in run.rows if r["wrong_place"]]
    non_trips = [r for r in run.rows if r["non_trip_plan"]]
    assert not wrong_places, "planned for the wrong place:\n" + _wrong(wrong_places)
    assert not non_trips, "planned something that is not a trip:\n" + _wrong(non_trips)
    assert summary["fully_right"] >= goal, _wrong(run.rows)
