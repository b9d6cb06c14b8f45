"""Plan-quality benchmark: what reaches the traveller, checked, for 20+ plans.

Runs the real planner (Planner API, real MCP server in offline mode) against one Ollama-API
double serving three models: the tiny real model (SmolLM2-135M), the scripted double and a
`replay` model that gives saved real bad answers (see ``benchmarks.quality_cases``). For every
plan it prints the days the model planned, the slots each check rejected, and, over the model
prose the printed plan shows, echoed lines, repeated sentences, figures the facts do not back
and placeholders, with the exit code. Writes JSON (with every printed plan).

    uv run python -m benchmarks.quality [--tiny 4] [--out bench-results/quality.json]

Goals: 0 echoed lines, 0 repeated sentences, 0 unmatched figures, 0 placeholders in any
printed plan; every plan without a model-planned day exits non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.quality_cases import TINY, Case, cases, replay_rules

DEFAULT_OUT = Path("bench-results/quality.json")
AUDIT_KEYS = ("echoed_lines", "repeated_sentences", "unmatched_figures", "placeholders")
CHECK_SHORT = {
    "placeholder": "ph",
    "fragment": "frag",
    "echo": "echo",
    "repeat": "rep",
    "figure": "fig",
    "generic": "gen",
    "junk": "junk",
    "tool_call": "tool",
    "day_trip_missing": "trip",
}


async def _run(settings: Any, case: Case) -> dict[str, Any]:
    from travel_planner.errors import PlannerError
    from travel_planner.events import PlanDelta
    from travel_planner.planner import Planner
    from travel_planner.result import PlanResult

    printed: list[str] = []
    outcome: Any = None
    exit_code = 0
    error = ""
    report: dict[str, Any] = {}
    async with Planner(settings) as planner:
        try:
            for message, current in ((case.text, None), (case.follow_up, "previous")):
                if message is None:
                    break
                printed = []
                stream = planner.plan(
                    message,
                    current=outcome if current else None,
                    language=case.language,  # type: ignore[arg-type]
                )
                async for event in stream:
                    if isinstance(event, PlanDelta):
                        printed.append(event.text)
                outcome = stream.outcome
                if not isinstance(outcome, PlanResult):
                    exit_code = 2
                    break
        except PlannerError as exc:
            exit_code, error = exc.exit_code, str(exc)
            report = dict(getattr(exc, "report", {}))
    return {
        "printed": "".join(printed),
        "result": outcome if isinstance(outcome, PlanResult) else None,
        "exit": exit_code,
        "error": error,
        "report": report,
    }


def measure(case: Case, host: str, mcp_url: str) -> dict[str, Any]:
    from travel_planner import prose
    from travel_planner.config import load_settings

    settings = load_settings(ollama_host=host, mcp_server_url=mcp_url, ollama_model_id=case.model)
    started = time.perf_counter()
    run = asyncio.run(_run(settings, case))
    wall = time.perf_counter() - started
    result = run["result"]
    row: dict[str, Any] = {
        "id": case.id,
        "model": case.model,
        "language": case.language,
        "request": case.text,
        "follow_up": case.follow_up,
        "exit": run["exit"],
        "wall_s": round(wall, 1),
        "printed": run["printed"],
        "error": run["error"],
    }
    if result is None:
        rejected = run["report"].get("rejected", {})
        row.update(days=0, model_days=[], rejected=rejected, **dict.fromkeys(AUDIT_KEYS, 0))
        if run["printed"]:
            row["printed_before_error"] = True
        return row
    draft = result.draft
    report = draft.report
    pieces = [draft.research, draft.weather_brief] + [
        text for n in report.get("model_days", []) for text in draft.days[n].slots.values()
    ]
    audit = prose.audit(result.trip, result.facts, pieces, run["printed"])
    row.update(
        days=result.trip.length_days,
        model_days=report.get("model_days", []),
        rejected=report.get("rejected", {}),
        **{k: audit[k] for k in AUDIT_KEYS},
    )
    return row


def _rejected(counts: dict[str, int]) -> str:
    shown = [f"{CHECK_SHORT.get(k, k)} {v}" for k, v in sorted(counts.items()) if k in CHECK_SHORT]
    return ", ".join(shown) or "-"


def render(rows: list[dict[str, Any]]) -> str:
    head = (
        f"{'plan':<22} {'lang':<4} {'exit':>4} {'model days':>10}  {'echo':>4} {'rep':>3} "
        f"{'fig':>3} {'ph':>3}  slots rejected"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        planned = f"{len(r['model_days'])}/{r['days']}" if r["days"] else "-"
        lines.append(
            f"{r['id']:<22} {r['language']:<4} {r['exit']:>4} {planned:>10}  "
            f"{r['echoed_lines']:>4} {r['repeated_sentences']:>3} {r['unmatched_figures']:>3} "
            f"{r['placeholders']:>3}  {_rejected(r['rejected'])}"
        )
    return "\n".join(lines)


def goals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    totals = Counter({k: sum(r[k] for r in rows) for k in AUDIT_KEYS})
    unplanned = [r for r in rows if not r["model_days"]]
    return {
        **{f"{k}_total": totals[k] for k in AUDIT_KEYS},
        "plans": len(rows),
        "plans_without_model_day": len(unplanned),
        "unplanned_exit_0": [r["id"] for r in unplanned if r["exit"] == 0],
        "printed_before_error": [r["id"] for r in rows if r.get("printed_before_error")],
        "met": all(totals[k] == 0 for k in AUDIT_KEYS)
        and not any(r["exit"] == 0 for r in unplanned)
        and not any(r.get("printed_before_error") for r in rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", type=int, default=4, help="plans with the tiny real model")
    parser.add_argument("--tiny-max-tokens", type=int, default=360)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    from ollama_double.launcher import running_ollama_double
    from travel_mcp_server.process import running_mcp_server

    selected = cases(date.today(), args.tiny)
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as tmp:
        rules = Path(tmp) / "replay.json"
        rules.write_text(json.dumps(replay_rules()), encoding="utf-8")
        double_args = [
            "--model-behaviour", f"{TINY}=tiny-model",
            "--model-behaviour", "replayer=replay",
            "--replay", str(rules),
            "--tiny-max-tokens", str(args.tiny_max_tokens),
        ]  # fmt: skip
        models = tuple(dict.fromkeys(c.model for c in selected))
        with (
            running_mcp_server(data_mode="offline") as mcp_url,
            running_ollama_double(behaviour="tools", models=models, extra_args=double_args) as host,
        ):
            rows = []
            for case in selected:
                rows.append(measure(case, host, mcp_url))
                print(render(rows[-1:]).splitlines()[-1], flush=True)
    summary = goals(rows)
    print()
    print(render(rows))
    print()
    print(json.dumps(summary, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"date": date.today().isoformat(), "goals": summary, "plans": rows}, indent=2),
        encoding="utf-8",
    )
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
