"""The plan-quality benchmark's requests, and the saved answers the `replay` model gives.

Three kinds of model behind the same Ollama-API double:

- ``smollm2``: the tiny real model (SmolLM2-135M-Instruct through llama.cpp), as it answers;
- ``phi4-mini``: the scripted double (fluent, place-naming filler);
- ``replayer``: real bad answers, saved from the tiny model and from the failures users
  reported, replayed through the real product (`replay` behaviour).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "plan" / "corpus" / "answers.json"
TINY, SCRIPTED, REPLAY = "smollm2", "phi4-mini", "replayer"


@dataclass(frozen=True)
class Case:
    id: str
    model: str
    language: str
    text: str
    follow_up: str | None = None  # a change to the plan made by `text`


def _start(today: date, weeks: int) -> str:
    return (today + timedelta(weeks=weeks)).isoformat()


def _group(prefix: str, model: str, *rows: tuple[str, ...]) -> list[Case]:
    """The cases of one model: a row is (name, language, request[, follow-up])."""
    return [
        Case(f"{prefix}-{name}", model, language, *request) for name, language, *request in rows
    ]


def cases(today: date, tiny: int) -> list[Case]:
    """At least 20 plans: the tiny model first (`tiny` of them), then scripted and replayed."""
    d = _start(today, 8)
    tiny_cases = _group(
        "tiny",
        TINY,
        ("lisbon", "en", f"3 days in Lisbon from {d}, food and museums"),
        ("sevilla", "es", f"2 días en Sevilla desde {d}, arte y tapas"),
        ("paris", "fr", f"3 jours à Paris à partir du {d}, art et cuisine"),
        ("berlin", "de", f"2 Tage in Berlin ab {d}, Museen"),
        ("rome", "it", f"2 giorni a Roma dal {d}, arte e cibo"),
        ("cape-town", "en", f"3 days in Cape Town from {d}, beach and hiking"),
    )
    scripted = _group(
        "scripted",
        SCRIPTED,
        ("lisbon", "en", f"4 days in Lisbon from {d}, food and museums"),
        ("madrid", "es", f"3 días en Madrid desde {d}, arte, presupuesto 900 EUR"),
        ("lyon", "fr", f"3 jours à Lyon à partir du {d}, gastronomie"),
        ("munich", "de", f"4 Tage in München ab {d}, Biergarten und Kunst"),
        ("porto", "pt", f"3 dias no Porto a partir de {d}, vinho"),
        ("florence", "it", f"3 giorni a Firenze dal {d}, arte"),
        ("reykjavik", "en", f"3 days in Reykjavik from {_start(today, 12)}, nature"),
        ("two-weeks", "en", f"14 days in Tokyo from {d}, temples and food"),
        ("refine-day", "en", f"3 days in Lisbon from {d}, food", "make day 2 more relaxed"),
        ("day-trip", "en", f"4 days in Lisbon from {d}, history", "add a day trip to Sintra"),
    )
    replayed = _group(
        "replay",
        REPLAY,
        ("template", "en", f"4 days in Porto from {d}, wine"),
        ("echo", "fr", f"3 jours à Paris à partir du {d}, art"),
        ("repeats", "en", f"3 days in Lisbon from {d}, food"),
        ("durations", "en", f"4 days in Madrid from {d}, art"),
        ("fragments", "de", f"3 Tage in Berlin ab {d}, Geschichte"),
        ("good", "it", f"3 giorni a Roma dal {d}, arte"),
    )
    return tiny_cases[:tiny] + scripted + replayed


# Answers for the `replayer` model. Each rule matches the trip (in the shared system text)
# and the role's task; the first matching rule answers.
_GOOD_ROME = """### Day 1
- Morning: Visita il Colosseo e il Foro Romano prima della folla.
- Afternoon: Passeggia sul Palatino e poi al Circo Massimo.
- Evening: Cena a Trastevere, tra le vie intorno a Santa Maria in Trastevere.
### Day 2
- Morning: I Musei Vaticani e la Cappella Sistina aprono presto: arriva in anticipo.
- Afternoon: Sali sulla cupola di San Pietro per la vista sulla città.
- Evening: Un gelato a Piazza Navona e una passeggiata fino al Pantheon.
### Day 3
- Morning: La Galleria Borghese, con le sculture di Bernini.
- Afternoon: Relax nel parco di Villa Borghese e al Pincio.
- Evening: Aperitivo a Monti e cena in una trattoria del quartiere.
"""
_REPEATS_LISBON = """Lisbon is a beautiful city. Lisbon is a beautiful city.
Lisbon is a beautiful city.
### Day 1
- Morning: Ride Tram 28 up to the Castelo de São Jorge.
- Afternoon: Lunch at the Time Out Market in Cais do Sodré.
- Evening: Fado dinner in the Alfama quarter.
### Day 2
- Morning: Ride Tram 28 up to the Castelo de São Jorge.
- Afternoon: Lunch at the Time Out Market in Cais do Sodré.
- Evening: Fado dinner in the Alfama quarter.
### Day 3
- Morning: Ride Tram 28 up to the Castelo de São Jorge.
- Afternoon: Lunch at the Time Out Market in Cais do Sodré.
- Evening: Fado dinner in the Alfama quarter.
"""
_DURATIONS_MADRID = """This 1-day itinerary covers the best of Madrid. A perfect 2-week itinerary!
### Day 1
- Morning: The Prado opens at 10am; entry is €15, see Las Meninas by Velázquez.
- Afternoon: Walk through the Retiro Park to the Palacio de Cristal.
- Evening: Tapas along the Cava Baja in La Latina.
### Day 2
- Morning: The Royal Palace was built in 1755; visit the Plaza de Oriente.
- Afternoon: See Guernica at the Reina Sofía museum.
- Evening: Sunset at the Templo de Debod.
"""
_ROME_BRIEF = "- Trastevere: vicoli, trattorie e vita serale.\n- Monti: botteghe, bar e mercati."
_FRAGMENTS_BERLIN = """### Day 1
- Morning: St.
- Afternoon: 202
- Evening: Abend.
### Day 2
- Morning: Museum.
- Afternoon: Tag 2
- Evening: <wo essen>
"""


def _corpus_text(answer_id: str) -> str:
    data: dict[str, Any] = json.loads(CORPUS.read_text(encoding="utf-8"))
    return str(next(a["text"] for a in data["answers"] if a["id"] == answer_id))


def replay_rules() -> list[dict[str, str]]:
    def rule(place: str, role: str, content: str) -> dict[str, str]:
        return {"match": f"(?s)one trip to (?:{place})\\..*{role}", "content": content}

    planner, research, weather = "Planner: write", "Researcher:", "Weather analyst:"
    return [
        rule("Porto", planner, _corpus_text("reported-template-copy")),
        rule("Porto", research, _corpus_text("tiny-lisbon-research")),
        rule("Paris", research, _corpus_text("reported-country-echo")),
        rule("Paris", weather, _corpus_text("tiny-paris-weather")),
        rule("Paris", planner, _corpus_text("tiny-paris-planner")),
        rule("Lisbon|Lisboa", research, _corpus_text("reported-repeated-sentence")),
        rule("Lisbon|Lisboa", planner, _REPEATS_LISBON),
        rule("Madrid", research, _corpus_text("reported-wrong-duration")),
        rule("Madrid", planner, _DURATIONS_MADRID),
        rule("Berlin", planner, _FRAGMENTS_BERLIN),
        rule("Rome|Roma", planner, _GOOD_ROME),
        rule("Rome|Roma", research, _ROME_BRIEF),
    ]  # fmt: skip
