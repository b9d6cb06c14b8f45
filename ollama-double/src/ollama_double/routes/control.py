"""Routes for tests (not Ollama's): ``GET /_double/stats``, ``POST /_double/reset``,
``POST /_double/behaviour``, ``POST /_double/answers``, ``POST /_double/replay``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ollama_double.answer_tables import parse_rules
from ollama_double.behaviours import BEHAVIOURS
from ollama_double.responses import error, read_json, read_json_value
from ollama_double.state import double_state
from ollama_double.store import ModelName


async def stats(request: Request) -> Response:
    """Counters since the last reset, one record per generation call and one per load or
    unload request."""
    state = double_state(request)
    config = state.config
    return JSONResponse(
        {
            "calls": state.calls,
            "chat_calls": state.chat_calls,
            "prompt_tokens": state.prompt_tokens,
            "cached_tokens": state.cached_tokens,
            "evaluated_tokens": state.evaluated_tokens,
            "generated_tokens": state.generated_tokens,
            "loads": state.loads,
            "pulls": state.pulls,
            "behaviour": config.behaviour,
            "model_behaviours": config.model_behaviours,
            "cost_model": config.cost.as_dict(),
            "num_parallel": len(state.pool.slots),
            "prefix_cache": state.pool.prefix_cache,
            "answers": len(state.canned.answers),
            "replay_rules": len(state.canned.replay),
            "loaded": sorted(state.loaded),
            "records": state.records,
            "load_requests": state.load_requests,
        }
    )


async def reset(request: Request) -> Response:
    """Clear the counters and records (behaviours, tables and caches stay)."""
    double_state(request).reset()
    return JSONResponse({"status": "ok"})


async def set_behaviour(request: Request) -> Response:
    """``{"behaviour": ..., "model": optional}``: switch every model, or one."""
    config = double_state(request).config
    try:
        body = await read_json(request)
    except ValueError as exc:
        return error(str(exc), 400)
    behaviour = body.get("behaviour")
    if behaviour not in BEHAVIOURS:
        return error(f"unknown behaviour {behaviour!r}; choose one of {', '.join(BEHAVIOURS)}", 400)
    if body.get("model"):
        config.model_behaviours[ModelName.parse(body["model"]).display] = behaviour
    else:
        config.behaviour = behaviour
    return JSONResponse(
        {"behaviour": config.behaviour, "model_behaviours": config.model_behaviours}
    )


async def add_answers(request: Request) -> Response:
    """``{"<request text>": {...}}``: merged into the ``oracle`` behaviour's table."""
    answers = double_state(request).canned.answers
    try:
        answers.merge(await read_json_value(request))
    except ValueError as exc:
        return error(str(exc), 400)
    return JSONResponse({"answers": len(answers)})


async def set_replay(request: Request) -> Response:
    """``[{"match": regex, "content": text}, ...]``: replaces the ``replay`` rules."""
    replay = double_state(request).canned.replay
    try:
        replay.replace(parse_rules(await read_json_value(request)))
    except ValueError as exc:
        return error(str(exc), 400)
    return JSONResponse({"replay_rules": len(replay)})
