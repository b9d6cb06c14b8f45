"""Goals and the printed tables of the pipeline benchmark.

Everything here works on the plain result dictionary the benchmark writes as JSON, so a
saved run can be re-printed or compared without running anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

GOAL_COST_MODEL = "cpu"


@dataclass(frozen=True)
class Goal:
    name: str
    target: str
    measured: str
    passed: bool


def _pairs(result: dict[str, Any], cost_model: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(ours, baseline) plan records per request under one cost model."""
    plans = [p for p in result["plans"] if p["cost_model"] == cost_model]
    pairs = []
    for request in result["requests"]:
        ours = [p for p in plans if p["request_id"] == request["id"] and p["pipeline"] == "ours"]
        base = [
            p for p in plans if p["request_id"] == request["id"] and p["pipeline"] == "baseline"
        ]
        if ours and base:
            pairs.append((ours[0], base[0]))
    return pairs


def _ratio_goal(
    name: str,
    limit: float,
    pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    value: Callable[[dict[str, Any]], float | None],
) -> Goal:
    ratios = []
    for ours, base in pairs:
        a, b = value(ours), value(base)
        if a is None or b is None or b <= 0:
            return Goal(name, f"<= {limit:g}x baseline", "not measured", False)
        ratios.append(a / b)
    if not ratios:
        return Goal(name, f"<= {limit:g}x baseline", "not measured", False)
    worst = max(ratios)
    shown = ", ".join(f"{r:.2f}" for r in ratios)
    return Goal(
        name, f"<= {limit:g}x baseline", f"{worst:.2f}x (per request {shown})", worst <= limit
    )


def evaluate_goals(result: dict[str, Any]) -> list[Goal]:
    """The product's performance goals, measured on the CPU cost model, worst request wins."""
    pairs = _pairs(result, GOAL_COST_MODEL)
    goals = [
        _ratio_goal("prompt tokens per plan", 0.5, pairs, lambda p: p["prompt_tokens"]),
        _ratio_goal("LLM calls per plan", 1.0, pairs, lambda p: p["llm_calls"]),
        _ratio_goal("wall time (CPU model)", 0.6, pairs, lambda p: p["projected"]["wall_s"]),
        _ratio_goal(
            "time to first plan token (CPU model)",
            0.5,
            pairs,
            lambda p: p["projected"]["first_plan_token_s"],
        ),
    ]
    overheads = [ours["projected"]["overhead_pct"] for ours, _ in pairs]
    if overheads and all(o is not None for o in overheads):
        worst = max(overheads)
        goals.append(
            Goal(
                "orchestration overhead (CPU model)",
                "<= 2% of wall time",
                f"{worst:.2f}% (per request {', '.join(f'{o:.2f}' for o in overheads)})",
                worst <= 2.0,
            )
        )
    else:
        goals.append(Goal("orchestration overhead (CPU model)", "<= 2% of wall time", "n/a", False))
    ours_all = [p for p in result["plans"] if p["pipeline"] == "ours"]
    passed = sum(1 for p in ours_all if p["checks"]["passed"])
    goals.append(
        Goal(
            "plan checks pass (ours, every request)",
            "all",
            f"{passed}/{len(ours_all)} plans",
            bool(ours_all) and passed == len(ours_all),
        )
    )
    return goals


def goals_to_json(goals: Sequence[Goal]) -> list[dict[str, Any]]:
    return [asdict(g) for g in goals]


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line, rule, *body])


def plans_table(result: dict[str, Any], cost_model: str) -> str:
    headers = [
        "request",
        "pipeline",
        "calls",
        "prompt tok",
        "gen tok",
        "wall s",
        "1st token s",
        "model s",
        "tools s",
        "overhead s",
        "overhead %",
        "checks",
    ]
    rows = []
    for plan in result["plans"]:
        if plan["cost_model"] != cost_model:
            continue
        projected = plan["projected"]
        rows.append(
            [
                plan["request_id"],
                plan["pipeline"],
                _fmt(plan["llm_calls"]),
                _fmt(plan["prompt_tokens"]),
                _fmt(plan["completion_tokens"]),
                _fmt(projected["wall_s"]),
                _fmt(projected["first_plan_token_s"]),
                _fmt(projected["model_s"]),
                _fmt(plan["tool_s"], 3),
                _fmt(plan["overhead_s"], 3),
                _fmt(projected["overhead_pct"]),
                "PASS" if plan["checks"]["passed"] else "FAIL",
            ]
        )
    return _table(headers, rows)


def calls_table(result: dict[str, Any], cost_model: str) -> str:
    """Each plan's model calls in order: prompt/generated tokens and seconds at x1."""
    model = result["cost_models"][cost_model]
    prompt_s = 1.0 / float(model["prompt_tokens_per_s"])
    gen_s = 1.0 / float(model["gen_tokens_per_s"])
    rows = []
    for plan in result["plans"]:
        if plan["cost_model"] != cost_model:
            continue
        cells = []
        for call in plan.get("calls", []):
            p, g = int(call["prompt_tokens"] or 0), int(call["generated_tokens"] or 0)
            tag = "+tool" if call.get("tool_calls") else ""
            cells.append(f"{p}/{g}{tag} {p * prompt_s + g * gen_s:.0f}s")
        rows.append([plan["request_id"], plan["pipeline"], " | ".join(cells)])
    return _table(["request", "pipeline", "calls: prompt/generated tokens, seconds at x1"], rows)


def goals_table(goals: Sequence[Goal]) -> str:
    rows = [[g.name, g.target, g.measured, "PASS" if g.passed else "FAIL"] for g in goals]
    return _table(["goal", "target", "measured (worst request)", "result"], rows)


def startup_table(startup: dict[str, Any]) -> str:
    rows = [
        [name, _fmt(value, 3)]
        for name, value in startup.items()
        if not isinstance(value, dict | list)
    ]
    return _table(["startup", "seconds"], rows)


def load_table(load: dict[str, Any]) -> str:
    rows = [
        [
            str(run["n"]),
            _fmt(run["makespan_s"]),
            _fmt(run["mean_plan_s"]),
            _fmt(run["max_plan_s"]),
            _fmt(run.get("makespan_x1_s")),
            _fmt(run["makespan_vs_n1"]),
            f"{run['ok']}/{run['n']}",
            _fmt(run["llm_calls"]),
        ]
        for run in load.get("runs", [])
    ]
    return _table(
        [
            "N concurrent",
            "makespan s",
            "mean plan s",
            "max plan s",
            "makespan at x1 s",
            "x1 vs N=1",
            "ok",
            "calls",
        ],
        rows,
    )


def render(result: dict[str, Any]) -> str:
    """The whole report as printed at the end of a run."""
    out = [
        "Travel planner pipeline benchmark",
        f"model {result['model']} on the Ollama-API double; MCP server in offline mode",
        result["scaling_note"],
        "",
    ]
    for name, model in result["cost_models"].items():
        out.append(
            f"Per plan, {name} cost model ({model['hardware']}; "
            f"{model['prompt_tokens_per_s']:g} prompt tok/s, {model['gen_tokens_per_s']:g} "
            f"gen tok/s; run at x{model['scale']:g}, times shown at x1)"
        )
        out.append(plans_table(result, name))
        out.append("")
    if GOAL_COST_MODEL in result["cost_models"]:
        out.append(f"Where the model time goes ({GOAL_COST_MODEL} cost model, in call order)")
        out.append(calls_table(result, GOAL_COST_MODEL))
        out.append("")
    out.append(f"Goals (measured on the {GOAL_COST_MODEL} cost model)")
    out.append(goals_table([Goal(**g) for g in result["goals"]]))
    if result.get("startup"):
        out += ["", "Startup and exit (one-shot process)", startup_table(result["startup"])]
    if result.get("images"):
        out += ["", "Images: " + ", ".join(f"{i['name']} {i['size']}" for i in result["images"])]
    if result.get("load"):
        load = result["load"]
        out += ["", f"Load: N concurrent one-shot plans against one double ({load['note']})"]
        out.append(load_table(load))
    return "\n".join(out)
