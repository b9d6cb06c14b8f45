"""Is Ollama there, with the model? The check every run starts with (plain HTTP, no agent
framework, so it can run while the rest of the planner is still loading)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from travel_planner.config import Settings
from travel_planner.errors import DependencyUnavailableError
from travel_planner.tls import tls_context

logger = logging.getLogger(__name__)

OLLAMA_FIX = (
    "start Ollama (`docker compose up -d ollama`, or `ollama serve`) and check OLLAMA_HOST."
)


def model_fix(model: str) -> str:
    return (
        f"pull it with `ollama pull {model}` (in compose: "
        f"`docker compose exec ollama ollama pull {model}`), or preload the ollama-models "
        "volume on air-gapped hosts (see docs), or set OLLAMA_MODEL_ID to a model you have."
    )


def _full_name(name: str) -> str:
    return name if ":" in name else f"{name}:latest"


def model_listed(model: str, tags: dict[str, Any]) -> bool:
    """Whether `model` (with or without a tag) is among the models /api/tags lists."""
    wanted = _full_name(model)
    for entry in tags.get("models") or []:
        for key in ("name", "model"):
            value = entry.get(key) if isinstance(entry, dict) else None
            if isinstance(value, str) and _full_name(value) == wanted:
                return True
    return False


@dataclass(frozen=True)
class Waiting:
    """How the wait for Ollama stands, for a progress line."""

    host: str
    model: str
    waited: float
    timeout: float
    problem: str

    def describe(self) -> str:
        """The operator's line: where, what, and the last problem seen."""
        return (
            f"Waiting for Ollama at {self.host} and model {self.model} "
            f"({self.waited:.0f}s of {self.timeout:.0f}s): {self.problem}"
        )


GONE_AFTER_SECONDS = 15.0
"""How long Ollama may stop answering, after it answered once, while the model is missing."""


def gone_fix() -> str:
    return (
        "Ollama stopped while the model was missing: see why with `docker compose logs ollama` "
        "(an offline or air-gapped host cannot pull, and the ollama service then exits); "
        "preload the ollama-models volume (docs/air-gapped.md), or set OLLAMA_MODEL_ID to a "
        "model that is already there."
    )


def _does_not_resolve(exc: BaseException) -> bool:
    """Whether a connection failed because the host name does not resolve."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return True
        cause = cause.__cause__ or cause.__context__
    text = str(exc).lower()
    return "name or service not known" in text or "name resolution" in text


async def wait_until_ready(
    settings: Settings,
    on_progress: Callable[[Waiting], Awaitable[None]] | None = None,
    *,
    answer_timeout: float | None = None,
    no_answer_fix: str = OLLAMA_FIX,
    gone_after: float = GONE_AFTER_SECONDS,
) -> float:
    """Wait until Ollama answers and lists the model; return the seconds waited.

    Raises DependencyUnavailableError after OLLAMA_READY_TIMEOUT_SECONDS; sooner when Ollama
    never answered within `answer_timeout` seconds (fix: `no_answer_fix`), or when it answered
    and then stopped answering for `gone_after` seconds while the model was still missing
    (the ollama service exited because it could not pull the model).
    """
    host = settings.ollama_host
    model = settings.ollama_model_id
    timeout = settings.ollama_ready_timeout_seconds
    first_answer_limit = timeout if answer_timeout is None else min(answer_timeout, timeout)
    started = time.monotonic()
    last_problem = "no answer yet"
    last_answer: float | None = None
    unresolved = False
    next_note = started + 2.0
    # Imported here, after the plan's first line is out (httpx takes about 0.1 s to import).
    import httpx

    async with httpx.AsyncClient(timeout=min(5.0, timeout), verify=tls_context()) as http:
        while True:
            try:
                response = await http.get(f"{host}/api/tags")
                response.raise_for_status()
                last_answer = time.monotonic()
                if model_listed(model, response.json()):
                    return time.monotonic() - started
                last_problem = f"the model '{model}' is not in the model store"
            except (httpx.HTTPError, ValueError) as exc:
                unresolved = _does_not_resolve(exc)
                last_problem = f"{type(exc).__name__}: {exc}".rstrip(": ")
                logger.debug("Ollama not ready at %s: %s", host, last_problem)
            now = time.monotonic()
            waited = now - started
            if last_answer is None and waited >= first_answer_limit:
                if unresolved:
                    name = httpx.URL(host).host
                    last_problem = (
                        f"the host name '{name}' does not resolve (no Ollama is running "
                        f"under that name; {last_problem})"
                    )
                raise DependencyUnavailableError(
                    "Ollama", host, waited, last_problem, no_answer_fix
                )
            if last_answer is not None and now - last_answer >= gone_after:
                raise DependencyUnavailableError(
                    "Ollama",
                    host,
                    waited,
                    f"it answered, then stopped answering for {now - last_answer:.0f}s while "
                    f"the model '{model}' was still missing (last error: {last_problem})",
                    gone_fix(),
                )
            if waited >= timeout:
                break
            if on_progress is not None and now >= next_note:
                await on_progress(Waiting(host, model, waited, timeout, last_problem))
                # A line every 5 s for the first minute, then every 30 s (long pulls).
                next_note = now + (5.0 if waited < 60 else 30.0)
            # Poll faster until the first answer: a server that comes up and soon exits
            # (a failed pull) must be seen answering once.
            pause = 1.0 if last_answer is not None else 0.5
            await asyncio.sleep(min(pause, max(0.05, timeout - waited)))
    waited = time.monotonic() - started
    if last_answer is not None:
        raise DependencyUnavailableError(
            f"The model '{model}'", host, waited, last_problem, model_fix(model)
        )
    raise DependencyUnavailableError("Ollama", host, waited, last_problem, no_answer_fix)


async def load_model(settings: Settings) -> None:
    """Ask Ollama to load the model now: an empty chat request, as `ollama run` sends. A model
    unloaded after OLLAMA_KEEP_ALIVE of idleness then loads while the planner is still
    starting, instead of at its first call. It carries the calls' context size and keep-alive
    (another num_ctx would make Ollama load the model again). Best effort: a failure here is
    the first call's to report."""
    import httpx

    body = {
        "model": settings.ollama_model_id,
        "messages": [],
        "stream": False,
        "keep_alive": settings.ollama_keep_alive,
        "options": {"num_ctx": settings.ollama_num_ctx},
    }
    timeout = settings.ollama_request_timeout_seconds
    try:
        async with httpx.AsyncClient(timeout=timeout, verify=tls_context()) as http:
            response = await http.post(f"{settings.ollama_host}/api/chat", json=body)
            response.raise_for_status()
    except httpx.HTTPError as exc:
        logger.debug("loading the model ahead of the first call failed: %s", exc)
