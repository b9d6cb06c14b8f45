"""The ``oracle``, ``prose`` and ``replay`` behaviours, driven over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from double_cases import TRIP_SCHEMA, WEATHER_TOOL, stats

from ollama_double.answer_tables import AnswerTable
from ollama_double.launcher import DoubleControl, running_ollama_double

pytestmark = pytest.mark.integration

LISBON = "4 days in Lisbon from 2027-05-10, food and museums"
LISBON_ANSWER = {"destination": "Lisboa", "country": "Portugal", "duration_days": 4}


def ask(url: str, text: str, **body: Any) -> dict[str, Any]:
    messages = [
        {"role": "system", "content": "Read the trip request as JSON."},
        {"role": "user", "content": text},
    ]
    payload = {"model": "phi4-mini", "messages": messages, "stream": False, **body}
    response = httpx.post(f"{url}/api/chat", json=payload, timeout=60)
    response.raise_for_status()
    return dict(response.json()["message"])


def write_json(path: Path, value: Any) -> str:
    path.write_text(json.dumps(value), encoding="utf-8")
    return str(path)


def test_oracle_answers_structured_calls_from_its_table(tmp_path: Path) -> None:
    answers = write_json(tmp_path / "answers.json", {LISBON: LISBON_ANSWER})
    extra = ("--answers", answers)
    with running_ollama_double(behaviour="oracle", extra_args=extra) as url:
        exact = ask(url, LISBON, format=TRIP_SCHEMA)
        spaced = ask(url, "  4 DAYS in lisbon   from 2027-05-10,\nfood and museums ", format="json")
        merged = DoubleControl(url).add_answers({"Paris in June": {"destination": "Paris"}})
        wrapped = ask(url, "Request:\nParis in June\nAnswer with JSON.", format=TRIP_SCHEMA)
        unknown = ask(url, "two weeks in Japan in October", format=TRIP_SCHEMA)
        tool_turn = ask(url, LISBON, tools=[WEATHER_TOOL])
        counters = stats(url)
    assert json.loads(exact["content"]) == LISBON_ANSWER
    assert json.loads(spaced["content"]) == LISBON_ANSWER
    assert merged == 2 and counters["answers"] == 2
    assert json.loads(wrapped["content"]) == {"destination": "Paris"}
    filled = json.loads(unknown["content"])  # not in the table: the scripted filler
    jsonschema.validate(filled, TRIP_SCHEMA)
    assert filled["destination"] == "Japan"
    assert tool_turn["tool_calls"][0]["function"]["name"] == "weather"


def test_prose_never_answers_a_structured_call_with_json() -> None:
    with running_ollama_double(behaviour="prose") as url:
        schema_reply = ask(url, LISBON, format=TRIP_SCHEMA)["content"]
        json_reply = ask(url, "a weekend somewhere warm", format="json")["content"]
        tool_turn = ask(url, LISBON, tools=[WEATHER_TOOL])
    for text in (schema_reply, json_reply):
        assert text.startswith("Sure!")
        assert "{" not in text and "}" not in text
        with pytest.raises(ValueError):
            json.loads(text)
    assert "Lisbon" in schema_reply and "4 days" in schema_reply
    assert tool_turn["tool_calls"][0]["function"]["name"] == "weather"


def test_replay_streams_saved_answers_by_the_first_matching_rule(tmp_path: Path) -> None:
    template_copy = "### Day 1\n- Morning: <what to see>\n- Afternoon: <what to see>\n"
    rules = [
        {"match": r"(?i)plan the days", "content": template_copy},
        {"match": "Lisbon", "content": "Lisbon Lisbon Lisbon. Lisbon Lisbon Lisbon."},
        {"match": "Lisbon", "content": "never used: an earlier rule matched"},
    ]
    extra = ("--replay", write_json(tmp_path / "replay.json", rules))
    with running_ollama_double(behaviour="replay", extra_args=extra) as url:
        planner = httpx.post(
            f"{url}/api/chat",
            json={
                "model": "phi4-mini",
                "messages": [
                    {"role": "system", "content": "Plan the days of the trip."},
                    {"role": "user", "content": "Rome, 2 days"},
                ],
            },
            timeout=60,
        )
        repeated = ask(url, LISBON, format=TRIP_SCHEMA)
        fallback = ask(url, "Weather in Oslo from 2027-06-01?", tools=[WEATHER_TOOL])
        replaced = DoubleControl(url).set_replay([{"match": "Oslo", "content": "Oslo it is."}])
        after = ask(url, "Weather in Oslo from 2027-06-01?", tools=[WEATHER_TOOL])
        bad = httpx.post(f"{url}/_double/replay", json=[{"match": "(", "content": "x"}])
    chunks = [json.loads(line) for line in planner.text.splitlines()]
    assert len(chunks) > 2 and chunks[-1]["done"] is True
    assert "".join(c["message"]["content"] for c in chunks) == template_copy
    assert repeated["content"] == "Lisbon Lisbon Lisbon. Lisbon Lisbon Lisbon."
    assert fallback["tool_calls"][0]["function"]["arguments"]["place"] == "Oslo"
    assert replaced == 1 and after["content"] == "Oslo it is."
    assert bad.status_code == 400 and "replay rule 1" in bad.json()["error"]


def test_bad_tables_stop_the_server_with_a_message(tmp_path: Path) -> None:
    bad_rules = write_json(tmp_path / "rules.json", {"match": "x"})
    result = subprocess.run(
        [sys.executable, "-m", "ollama_double", "serve", "--port", "0", "--replay", bad_rules],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: replay rules must be a JSON list")
    missing = tmp_path / "absent.json"
    result = subprocess.run(
        [sys.executable, "-m", "ollama_double", "serve", "--answers", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and f"cannot read {missing}" in result.stderr


@pytest.mark.unit
def test_answer_lookup_prefers_exact_then_normalised_then_the_longest_contained() -> None:
    table = AnswerTable({"Rome": 1, "rome in may": 2, "Rome in May": 3})
    assert table.lookup("Rome in May") == 3
    assert table.lookup("ROME   in may") == 3  # the later of two equal normalised keys
    assert table.lookup("Plan: rome in may, please") == 3
    assert table.lookup("Plan: Rome in winter") == 1
    assert table.lookup("Paris") is None
    with pytest.raises(ValueError, match="JSON object"):
        table.merge(["not", "a", "table"])
