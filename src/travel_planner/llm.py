"""The Ollama side: readiness check before work starts, the chat client, call options."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
from agent_framework import FunctionInvocationConfiguration
from agent_framework_ollama import OllamaChatClient
from ollama import AsyncClient

from travel_planner.config import Settings
from travel_planner.errors import DependencyUnavailableError
from travel_planner.usage import Usage, UsageMiddleware

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


async def wait_until_ready(
    settings: Settings, on_progress: Callable[[str], None] | None = None
) -> float:
    """Wait until Ollama answers and lists the model; return the seconds waited.

    Raises DependencyUnavailableError after OLLAMA_READY_TIMEOUT_SECONDS.
    """
    host = settings.ollama_host
    model = settings.ollama_model_id
    timeout = settings.ollama_ready_timeout_seconds
    started = time.monotonic()
    last_problem = "no answer yet"
    server_answered = False
    next_note = started + 2.0
    async with httpx.AsyncClient(timeout=min(5.0, timeout)) as http:
        while True:
            try:
                response = await http.get(f"{host}/api/tags")
                response.raise_for_status()
                server_answered = True
                if model_listed(model, response.json()):
                    return time.monotonic() - started
                last_problem = f"the model '{model}' is not in the model store"
            except (httpx.HTTPError, ValueError) as exc:
                last_problem = f"{type(exc).__name__}: {exc}".rstrip(": ")
                logger.debug("Ollama not ready at %s: %s", host, last_problem)
            now = time.monotonic()
            waited = now - started
            if waited >= timeout:
                break
            if on_progress is not None and now >= next_note:
                on_progress(
                    f"Waiting for Ollama at {host} and model {model} "
                    f"({waited:.0f}s of {timeout:.0f}s): {last_problem}"
                )
                next_note = now + 5.0
            await asyncio.sleep(min(1.0, max(0.05, timeout - waited)))
    waited = time.monotonic() - started
    if server_answered:
        raise DependencyUnavailableError(
            f"The model '{model}'", host, waited, last_problem, model_fix(model)
        )
    raise DependencyUnavailableError("Ollama", host, waited, last_problem, OLLAMA_FIX)


def build_chat_client(settings: Settings, usage: Usage) -> OllamaChatClient:
    """The one chat client every agent of a plan shares (same host, model and options)."""
    return OllamaChatClient(
        client=AsyncClient(
            host=settings.ollama_host, timeout=settings.ollama_request_timeout_seconds
        ),
        model=settings.ollama_model_id,
        middleware=[UsageMiddleware(usage)],
        function_invocation_configuration=FunctionInvocationConfiguration(
            max_iterations=2, max_function_calls=3
        ),
    )


def call_options(settings: Settings, *, max_tokens: int, **extra: Any) -> dict[str, Any]:
    """Options for one agent. num_ctx and keep_alive are the same on every call: a different
    value would make Ollama reload the model."""
    options: dict[str, Any] = {
        "num_ctx": settings.ollama_num_ctx,
        "keep_alive": settings.ollama_keep_alive,
        "temperature": settings.ollama_temperature,
        "num_predict": max_tokens,
    }
    options.update(extra)
    return options


def is_timeout(exc: BaseException) -> bool:
    """A model call that ran past OLLAMA_REQUEST_TIMEOUT_SECONDS (retrying would double it)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, httpx.TimeoutException | TimeoutError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def short_error(exc: BaseException) -> str:
    """The innermost cause's message, on one line (wrapped errors repeat it as a tuple)."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def classify_model_error(
    exc: BaseException, settings: Settings, waited_s: float
) -> tuple[DependencyUnavailableError, bool]:
    """The error the user sees for a failed chat call, and whether it must stop the plan
    (Ollama unreachable or the model missing) rather than degrade it."""
    text = str(exc)
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, httpx.TransportError | ConnectionError) and not isinstance(
            cause, httpx.ReadTimeout
        ):
            reason = f"{type(cause).__name__}: {cause}"
            return DependencyUnavailableError(
                "Ollama", settings.ollama_host, waited_s, reason, OLLAMA_FIX
            ), True
        text = f"{text} {cause}"
        cause = cause.__cause__ or cause.__context__
    model = settings.ollama_model_id
    if "not found" in text and model in text:
        return (
            DependencyUnavailableError(
                f"The model '{model}'",
                settings.ollama_host,
                waited_s,
                "Ollama says it is not there",
                model_fix(model),
            ),
            True,
        )
    short = short_error(exc)
    return (
        DependencyUnavailableError(
            "Ollama",
            settings.ollama_host,
            waited_s,
            f"every model call failed (last: {short})",
            "check the Ollama logs (`docker compose logs ollama`); the model may be out of "
            "memory, or raise OLLAMA_REQUEST_TIMEOUT_SECONDS on slow machines.",
        ),
        False,
    )
