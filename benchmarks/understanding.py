"""Understanding benchmark: the labelled request corpus read by `understand()` against the
real travel-tools MCP server, with two model behaviours:

- perfect: the structured-output call answers exactly what the labels say;
- prose:   it answers with prose instead of JSON, so code alone must cope.

Prints accuracy per field and per language, wrong places and non-trip plans (must be 0),
how many requests needed no model call and how long reading took; writes JSON to
bench-results/understanding.json. Run: `make bench-understanding`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import yaml

from travel_planner.errors import InvalidRequestError
from travel_planner.i18n import country_name
from travel_planner.mcp_client import TravelTools
from travel_planner.trip import DEFAULT_LEAD_DAYS, DEFAULT_TRIP_DAYS, Clarification, Trip
from travel_planner.understanding import Understanding, understand
from travel_planner.understanding.places import PlaceLookup

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "understanding" / "corpus.yaml"
RESULTS = Path("bench-results") / "understanding.json"
FIELDS = ("exit", "reason", "country", "start", "days", "travellers", "budget", "language")
PROSE = "Sure! That sounds like a lovely trip. I would suggest visiting the old town first."

Model = Callable[[str, dict[str, Any]], Awaitable[str | None]]


@dataclass(frozen=True)
class Case:
    text: str
    lang: str
    labels: dict[str, Any]


@dataclass
class Corpus:
    today: date
    home_currency: str
    cases: list[Case]


def load_corpus(path: Path = CORPUS) -> Corpus:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [Case(str(r["text"]), str(r["lang"]), r) for r in data["requests"]]
    return Corpus(data["today"], str(data["home_currency"]), cases)


def expected(case: Case, corpus: Corpus) -> dict[str, Any]:
    """The labels with the corpus defaults filled in."""
    labels = case.labels
    exit_code = int(labels.get("exit", 0))
    if exit_code:
        return {"exit": 2, "reason": labels["reason"], "language": case.lang}
    start = labels["start"]
    days = labels["days"]
    budget = labels.get("budget")
    countries = labels["country"]
    return {
        "exit": 0,
        "reason": None,
        "country": countries if isinstance(countries, list) else [countries],
        "start": corpus.today + timedelta(days=DEFAULT_LEAD_DAYS) if start == "default" else start,
        "days": DEFAULT_TRIP_DAYS if days == "default" else int(days),
        "travellers": int(labels.get("travellers", 1)),
        "budget": (float(budget[0]), str(budget[1])) if budget else None,
        "language": case.lang,
    }


def perfect_answer(case: Case, corpus: Corpus) -> dict[str, Any]:
    """What a model that reads the request exactly right answers."""
    labels = case.labels
    reason = labels.get("reason")
    answer: dict[str, Any] = dict.fromkeys(
        ("destination_as_written", "destination_english", "country", "start_date", "end_date",
         "month", "duration_days", "travellers", "budget_amount", "budget_currency",
         "climate_wish"),
    )  # fmt: skip
    answer.update(is_trip_request=reason != "not_a_trip", language=case.lang, interests=[])
    if reason == "unknown_place":
        answer["destination_as_written"] = case.text.split()[-1]
    if "place" in labels:
        countries = labels["country"]
        code = countries[0] if isinstance(countries, list) else countries
        answer.update(
            destination_as_written=labels.get("written", labels["place"]),
            destination_english=labels["place"],
            country=country_name(code, "en"),
        )
    start, days = labels.get("start"), labels.get("days")
    if isinstance(start, date):
        answer["start_date"] = start.isoformat()
        answer["month"] = start.month
    if isinstance(days, int):
        answer["duration_days"] = days
    if "travellers" in labels:
        answer["travellers"] = labels["travellers"]
    if labels.get("budget"):
        amount, currency = labels["budget"]
        answer.update(budget_amount=amount, budget_currency=currency)
    if reason == "no_destination" and any(w in case.text.lower() for w in ("warm", "sol", "cald")):
        answer["climate_wish"] = "warm"
    return answer


def behaviour(name: str, corpus: Corpus, ollama_url: str | None = None) -> Model | None:
    """The model for a behaviour: in process, or over HTTP from the Ollama-API double."""
    if ollama_url is not None:
        return over_http(ollama_url)
    answers = {c.text: json.dumps(perfect_answer(c, corpus)) for c in corpus.cases}

    async def perfect(prompt: str, schema: dict[str, Any]) -> str | None:
        request = prompt.rsplit("Request: ", 1)[-1]
        return answers.get(request)

    async def prose(prompt: str, schema: dict[str, Any]) -> str | None:
        return PROSE

    return {"perfect": perfect, "prose": prose}.get(name)


def over_http(base_url: str, model: str = "phi4-mini") -> Model:
    """A structured-output call as Ollama's /api/chat takes it (`format` = the schema)."""

    async def ask(prompt: str, schema: dict[str, Any]) -> str | None:
        body = {
            "model": model,
            "messages": [{"role": "user", "content": prompt}],
            "format": schema,
            "stream": False,
            "options": {"temperature": 0},
        }
        async with httpx.AsyncClient(timeout=60) as client:
            response = await client.post(f"{base_url}/api/chat", json=body)
        if response.status_code != 200:
            return None
        return str(response.json()["message"]["content"])

    return ask


def outcome(result: Trip | Clarification | InvalidRequestError) -> dict[str, Any]:
    if isinstance(result, InvalidRequestError):
        return {"exit": 2, "reason": "invalid_request", "language": None}
    if isinstance(result, Clarification):
        return {"exit": 2, "reason": result.reason, "language": result.language}
    return {
        "exit": 0,
        "reason": None,
        "country": result.country_code,
        "start": result.start_date,
        "days": result.length_days,
        "travellers": result.travellers,
        "budget": (result.budget_amount, result.budget_currency) if result.budget_amount else None,
        "language": result.language,
        "destination": result.destination,
    }


def judge(want: dict[str, Any], got: dict[str, Any]) -> dict[str, bool]:
    """Per field: right or wrong (fields a label does not have are not judged)."""
    verdict = {"exit": want["exit"] == got["exit"], "reason": want["reason"] == got["reason"]}
    if want["reason"] != "invalid_request":
        verdict["language"] = want["language"] == got["language"]
    if want["exit"] == 0:
        verdict["country"] = got.get("country") in want["country"]
        for key in ("start", "days", "travellers", "budget"):
            verdict[key] = want[key] == got.get(key)
    return verdict


@dataclass
class Run:
    behaviour: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        rows = self.rows
        per_field: dict[str, list[bool]] = defaultdict(list)
        per_language: dict[str, list[bool]] = defaultdict(list)
        for row in rows:
            for key, ok in row["verdict"].items():
                per_field[key].append(ok)
            per_language[row["lang"]].append(row["right"])
        free = [r for r in rows if not r["model_called"]]
        model_free = [r["seconds"] for r in free]
        code_only = [r["seconds"] - r["tool_seconds"] for r in free]
        return {
            "behaviour": self.behaviour,
            "requests": len(rows),
            "fully_right": sum(r["right"] for r in rows) / len(rows),
            "wrong_places": sum(r["wrong_place"] for r in rows),
            "non_trip_plans": sum(r["non_trip_plan"] for r in rows),
            "fields": {k: sum(v) / len(v) for k, v in per_field.items()},
            "languages": {k: sum(v) / len(v) for k, v in sorted(per_language.items())},
            "model_free": len(model_free),
            "model_free_ms_median": 1000 * statistics.median(model_free) if model_free else None,
            "model_free_ms_p95": 1000 * _p95(model_free) if model_free else None,
            "model_free_code_ms_median": 1000 * statistics.median(code_only) if free else None,
            "model_free_code_ms_p95": 1000 * _p95(code_only) if free else None,
            "model_free_tool_calls_mean": statistics.mean(r["tool_calls"] for r in free)
            if free
            else None,
            "read_ms_median": 1000 * statistics.median(r["seconds"] for r in rows),
            "wrong": [r for r in rows if not r["right"]],
        }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class TimedLookup:
    """The tools, with the time spent waiting for them counted (code time = total - this)."""

    def __init__(self, places: PlaceLookup) -> None:
        self.places = places
        self.seconds = 0.0
        self.calls = 0

    async def call(self, tool: str, /, **arguments: Any) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            answer: dict[str, Any] = await self.places.call(tool, **arguments)
            return answer
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


async def run_corpus(
    corpus: Corpus, tools: PlaceLookup, name: str, ollama_url: str | None = None
) -> Run:
    model = behaviour(name, corpus, ollama_url)
    run = Run(name)
    for case in corpus.cases:
        info = Understanding(reading=None)  # type: ignore[arg-type]
        places = TimedLookup(tools)
        started = time.perf_counter()
        try:
            result: Trip | Clarification | InvalidRequestError = await understand(
                case.text, today=corpus.today, places=places, model=model,
                home_currency=corpus.home_currency, info=info,
            )  # fmt: skip
        except InvalidRequestError as error:
            result = error
        seconds = time.perf_counter() - started
        want, got = expected(case, corpus), outcome(result)
        verdict = judge(want, got)
        planned = got["exit"] == 0
        run.rows.append(
            {
                "text": case.text,
                "lang": case.lang,
                "verdict": verdict,
                "right": all(verdict.values()),
                "wrong_place": (planned and want["exit"] == 0 and not verdict["country"])
                or (planned and want["exit"] == 2 and want["reason"] != "not_a_trip"),
                "non_trip_plan": planned and want["reason"] == "not_a_trip",
                "got": {k: str(v) for k, v in got.items()},
                "model_called": info.model_called,
                "seconds": seconds,
                "tool_seconds": places.seconds,
                "tool_calls": places.calls,
            }
        )
    return run


def print_summary(summary: dict[str, Any]) -> None:
    print(f"\n== model behaviour: {summary['behaviour']} ({summary['requests']} requests)")
    print(f"fully right        {summary['fully_right']:7.1%}")
    print(f"wrong places       {summary['wrong_places']:7d}")
    print(f"non-trip plans     {summary['non_trip_plans']:7d}")
    for key in FIELDS:
        if key in summary["fields"]:
            print(f"  field {key:11s}  {summary['fields'][key]:7.1%}")
    for lang, share in summary["languages"].items():
        print(f"  language {lang:8s}  {share:7.1%}")
    if summary["model_free_ms_median"] is not None:
        print(
            f"read without a model call: {summary['model_free']} requests, median "
            f"{summary['model_free_ms_median']:.1f} ms, p95 {summary['model_free_ms_p95']:.1f} ms"
        )
        print(
            f"  of which code: median {summary['model_free_code_ms_median']:.1f} ms, p95 "
            f"{summary['model_free_code_ms_p95']:.1f} ms; tool calls per request "
            f"{summary['model_free_tool_calls_mean']:.2f} (one round trip: "
            f"{summary['tool_round_trip_ms']:.1f} ms median in this run)"
        )
    print(f"read time, all requests: median {summary['read_ms_median']:.1f} ms")
    for row in summary["wrong"]:
        wrong = ",".join(k for k, ok in row["verdict"].items() if not ok)
        wrong = wrong if len(wrong) <= 18 else wrong[:15] + "..."
        got = row["got"]
        read = f"{got['destination']}, {got['country']}" if got["exit"] == "0" else got["reason"]
        print(f"  wrong {wrong:18s} {row['text'][:60]!r} -> {read}")


async def main_async(url: str, behaviours: list[str], http: bool) -> list[dict[str, Any]]:
    corpus = load_corpus()
    summaries = []
    async with TravelTools(url, 20.0) as tools:
        await run_corpus(corpus, tools, "prose")  # warm-up: caches, the language model, the server
        for name in behaviours:
            summary = (await run_corpus(corpus, tools, name)).summary()
            summary["tool_round_trip_ms"] = await round_trip_ms(tools)
            summaries.append(summary)
        if http:
            summaries += await over_the_double(corpus, tools, behaviours)
    return summaries


async def over_the_double(
    corpus: Corpus, tools: PlaceLookup, behaviours: list[str]
) -> list[dict[str, Any]]:
    """The same behaviours end to end over HTTP: the double's `oracle` (answers table from
    the labels) and `prose`."""
    from ollama_double.launcher import DoubleControl, running_ollama_double

    summaries = []
    with running_ollama_double(behaviour="oracle") as base_url:
        control = DoubleControl(base_url)
        control.add_answers({c.text: perfect_answer(c, corpus) for c in corpus.cases})
        for name in behaviours:
            control.use("oracle" if name == "perfect" else "prose")
            summary = (await run_corpus(corpus, tools, name, base_url)).summary()
            summary["behaviour"] = f"{name} (Ollama-API double over HTTP)"
            summary["tool_round_trip_ms"] = await round_trip_ms(tools)
            summaries.append(summary)
    return summaries


async def round_trip_ms(tools: PlaceLookup, count: int = 30) -> float:
    """The baseline: one resolve_place round trip to the same server, same moment."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        await tools.call("resolve_place", name="Lisbon")
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mcp-url", help="a running MCP server (default: start one)")
    parser.add_argument("--behaviour", action="append", choices=["perfect", "prose"])
    parser.add_argument(
        "--no-http", action="store_true", help="skip the run over the Ollama-API double"
    )
    args = parser.parse_args()
    behaviours = args.behaviour or ["perfect", "prose"]
    if args.mcp_url:
        summaries = asyncio.run(main_async(args.mcp_url, behaviours, not args.no_http))
    else:
        from travel_mcp_server.process import running_mcp_server

        with running_mcp_server(data_mode="offline") as url:
            summaries = asyncio.run(main_async(url, behaviours, not args.no_http))
    for summary in summaries:
        print_summary(summary)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(summaries, indent=2, default=str), encoding="utf-8")
    print(f"\nwrote {RESULTS}")


if __name__ == "__main__":
    main()
