"""Goals and the printed tables of the pipeline benchmark.

Everything here works on the plain result dictionary the benchmark writes as JSON, so a
saved run can be re-printed or compared without running anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any


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


def _planner_floor(plan: dict[str, Any], cost: dict[str, Any]) -> float:
    """The planner call's own prompt and generation time at the published speed (the last
    call of a plan; both pipelines pay it)."""
    last = (plan.get("calls") or [{}])[-1]
    prompt = float(last.get("evaluated_tokens") or last.get("prompt_tokens") or 0)
    generated = float(last.get("generated_tokens") or 0)
    return prompt / float(cost["prompt_tokens_per_s"]) + generated / float(cost["gen_tokens_per_s"])


def _worst_goal(name: str, target: str, values: Sequence[float], limit: float) -> Goal:
    if not values:
        return Goal(name, target, "not measured", False)
    shown = ", ".join(f"{v:.2f}" for v in values)
    return Goal(name, target, f"{max(values):.2f} (per request {shown})", max(values) <= limit)


def _cpu_wall_goals(result: dict[str, Any]) -> list[Goal]:
    pairs = _pairs(result, "cpu")
    cost = result["cost_models"].get("cpu")
    short = [(o, b) for o, b in pairs if len(o.get("trip_days") or []) <= 7]
    long = [o for o, _ in pairs if len(o.get("trip_days") or []) > 7]
    over = [o["projected"]["wall_s"] / _planner_floor(o, cost) for o in long] if cost else []
    return [
        _ratio_goal("wall time, trips up to a week (CPU)", 0.4, short, _wall),
        _worst_goal("wall time vs the planner call, longer trips (CPU)", "<= 1.1x", over, 1.1),
    ]


def _wall(plan: dict[str, Any]) -> float:
    return float(plan["projected"]["wall_s"])


def evaluate_goals(result: dict[str, Any]) -> list[Goal]:
    """The product's performance goals: the GPU cost model for orchestration overhead, the
    CPU cost model for wall time, first token and prompt work; worst request wins."""
    gpu, cpu = _pairs(result, "gpu"), _pairs(result, "cpu")
    goals = [
        _worst_goal(
            "orchestration overhead (GPU)",
            "<= 5% of wall time",
            [o["projected"]["overhead_pct"] for o, _ in gpu],
            5.0,
        ),
        _ratio_goal(
            "orchestration overhead vs naive (GPU)", 0.5, gpu, lambda p: p["overhead_s"] or 1e-9
        ),
        _ratio_goal("wall time (GPU)", 0.7, gpu, _wall),
        *_cpu_wall_goals(result),
        _ratio_goal(
            "time to first plan token (CPU)",
            0.3,
            cpu,
            lambda p: p["projected"]["first_plan_token_s"],
        ),
        _ratio_goal(
            "prompt tokens processed, after prefix reuse (CPU)",
            0.1,
            cpu,
            lambda p: p.get("evaluated_tokens", p["prompt_tokens"]),
        ),
    ]
    startup = result.get("startup") or {}
    for key, name, limit in (
        ("start_to_first_model_request_s", "one-shot: start to the first model request", 0.5),
        ("plan_printed_to_exit_s", "one-shot: plan printed to exit", 0.2),
        ("cli_help_s", "travel-planner --help (median)", 0.3),
    ):
        value = startup.get(key)
        goals.append(
            Goal(name, f"<= {limit:g} s", "not measured" if value is None else f"{value:.2f} s",
                 value is not None and value <= limit)
        )  # fmt: skip
    for image in result.get("image_sizes") or []:
        goals.append(
            Goal(
                f"{image['image']} image",
                f"<= {image['goal_mb']} MB",
                f"{image['size_mb']} MB",
                image["size_mb"] <= image["goal_mb"],
            )
        )
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
        "processed",
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
                _fmt(plan.get("evaluated_tokens")),
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
            p, g = int(call.get("prompt_tokens") or 0), int(call.get("generated_tokens") or 0)
            e = int(call.get("evaluated_tokens", p) or 0)
            tag = "+tool" if call.get("tool_calls") else ""
            cells.append(f"{e}/{p}/{g}{tag} {e * prompt_s + g * gen_s:.0f}s")
        rows.append([plan["request_id"], plan["pipeline"], " | ".join(cells)])
    return _table(
        ["request", "pipeline", "calls: processed/prompt/generated tokens, seconds at x1"], rows
    )


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
    if "cpu" in result["cost_models"]:
        out.append("Where the model time goes (cpu cost model, in call order)")
        out.append(calls_table(result, "cpu"))
        out.append("")
    out.append("Goals (worst request; times at the cost models' published speeds)")
    out.append(goals_table([Goal(**g) for g in result["goals"]]))
    if result.get("startup"):
        out += ["", "Startup and exit (one-shot process)", startup_table(result["startup"])]
    if result.get("image_sizes"):
        out += [
            "",
            "Images: "
            + ", ".join(
                f"{i['image']} {i['size_mb']} MB ({i['added_mb']} MB on its base)"
                for i in result["image_sizes"]
            ),
        ]
    if result.get("load"):
        load = result["load"]
        out += ["", f"Load: N concurrent one-shot plans against one double ({load['note']})"]
        out.append(load_table(load))
    return "\n".join(out)
