"""The Ollama side: the chat client, call options and the one policy for model calls."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from agent_framework import (
    Agent,
    ChatContext,
    ChatMiddleware,
    ChatResponse,
    FunctionInvocationConfiguration,
    Message,
)
from agent_framework_ollama import OllamaChatClient
from ollama import AsyncClient

from travel_planner.config import Settings
from travel_planner.errors import DependencyUnavailableError
from travel_planner.readiness import OLLAMA_FIX, model_fix, model_listed
from travel_planner.usage import Usage

__all__ = ["Answer", "ModelCallFailed", "ModelCalls", "build_chat_client", "model_listed"]

logger = logging.getLogger(__name__)


class UsageMiddleware(ChatMiddleware):
    """Chat middleware: counts every model call and its tokens (tool loops included)."""

    def __init__(self, usage: Usage) -> None:
        self.usage = usage

    def _add(self, response: ChatResponse[Any]) -> None:
        details = response.usage_details or {}
        self.usage.add_tokens(
            int(details.get("input_token_count") or 0),
            int(details.get("output_token_count") or 0),
        )

    async def process(self, context: ChatContext, call_next: Callable[[], Awaitable[None]]) -> None:
        self.usage.llm_calls += 1
        await call_next()
        if context.stream:
            context.stream_result_hooks.append(self._add)
        elif isinstance(context.result, ChatResponse):
            self._add(context.result)


def build_chat_client(
    settings: Settings, usage: Usage, ollama: AsyncClient | None = None
) -> OllamaChatClient:
    """The chat client every agent of a plan shares (same host, model and options). A
    long-lived `ollama` client keeps its connections between plans."""
    return OllamaChatClient(
        client=ollama
        or AsyncClient(host=settings.ollama_host, timeout=settings.ollama_request_timeout_seconds),
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


@dataclass(frozen=True)
class Answer:
    """What one model call gave: its text, or (non-fatal failure) a short reason."""

    text: str
    error: str | None = None


class ModelCallFailed(Exception):
    """A streamed call failed after it started; the caller keeps what it got."""


class ModelCalls:
    """The one policy for every model call of a plan, streamed or not.

    - `OLLAMA_REQUEST_TIMEOUT_SECONDS` bounds the whole call, connect included.
    - A failure before any output is retried once after a second, unless it was a timeout
      (retrying would double the wait) or fatal.
    - Fatal (Ollama unreachable, the model missing): `DependencyUnavailableError`, which stops
      the plan. Anything else degrades: `Answer.error` / `ModelCallFailed`.
    - After one call ran out of time, the later calls of the run fail at once: a model that
      stalled once would make every step wait the whole timeout again.
    """

    RETRY_PAUSE_S = 1.0

    def __init__(self, settings: Settings, started: float) -> None:
        self.settings = settings
        self.started = started
        self.last_error: str | None = None
        self.stalled: str | None = None

    def _fatal_or_reason(self, exc: BaseException) -> str:
        error, fatal = classify_model_error(exc, self.settings, time.monotonic() - self.started)
        if fatal:
            raise error from exc
        reason = (
            f"no answer within {self.settings.ollama_request_timeout_seconds:g}s"
            if is_timeout(exc)
            else short_error(exc)
        )
        if is_timeout(exc):
            self.stalled = reason
        self.last_error = reason
        logger.debug("model call failed: %s", reason, exc_info=exc)
        return reason

    async def ask(self, agent: Agent[Any], prompt: str | list[Message]) -> Answer:
        """One non-streamed call."""
        if self.stalled:
            return Answer("", self.stalled)
        limit = self.settings.ollama_request_timeout_seconds
        for attempt in (1, 2):
            try:
                async with asyncio.timeout(limit):
                    response = await agent.run(prompt)
                return Answer(response.text or "")
            except Exception as exc:
                reason = self._fatal_or_reason(exc)
                if attempt == 2 or is_timeout(exc):
                    return Answer("", reason)
            await asyncio.sleep(self.RETRY_PAUSE_S)
        raise AssertionError("unreachable")  # pragma: no cover

    async def stream(self, agent: Agent[Any], prompt: str | list[Message]) -> AsyncIterator[str]:
        """A streamed call: text pieces as the model writes them. Retried once only if it
        failed before the first piece; a later failure raises ModelCallFailed."""
        if self.stalled:
            raise ModelCallFailed(self.stalled)
        limit = self.settings.ollama_request_timeout_seconds
        for attempt in (1, 2):
            got_text = False
            # One deadline for the whole call, applied to each wait inside it: a timeout
            # scope must not stay open across `yield` (it would cancel the consumer).
            deadline = asyncio.get_running_loop().time() + limit
            try:
                stream = agent.run(prompt, stream=True)
                pieces = stream.__aiter__()
                while True:
                    async with asyncio.timeout_at(deadline):
                        try:
                            update = await anext(pieces)
                        except StopAsyncIteration:
                            break
                    if update.text:
                        got_text = True
                        yield update.text
                async with asyncio.timeout_at(deadline):
                    await stream.get_final_response()
                return
            except Exception as exc:
                reason = self._fatal_or_reason(exc)
                if got_text or attempt == 2 or is_timeout(exc):
                    raise ModelCallFailed(reason) from exc
            await asyncio.sleep(self.RETRY_PAUSE_S)
