"""The planner as a Python API: what the CLI, the web app and the benchmarks call.

    async with Planner(settings) as planner:
        stream = planner.plan("4 days in Lisbon in May, food and museums")
        async for event in stream:        # StepEvent, NoticeEvent, PlanDelta, DraftDelta
            ...
        stream.outcome                     # PlanResult, or a Clarification to answer

A follow-up passes the previous outcome as `current`: a change to the plan ("make day 2 more
relaxed"), a different trip, or the answer to a clarification. Cancelling the task that
iterates the stream stops the run, the model call in flight included.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
import unicodedata
from collections.abc import AsyncIterator
from datetime import date
from types import TracebackType
from typing import Any

from ollama import AsyncClient
from opentelemetry import trace

from travel_planner.config import Settings
from travel_planner.errors import InvalidRequestError
from travel_planner.events import EVENT_TYPES, DraftDelta, NoticeEvent, PlanEvent, StepEvent
from travel_planner.i18n import Language
from travel_planner.llm import ModelCalls, build_chat_client
from travel_planner.mcp_client import TravelTools
from travel_planner.result import PlanDraft, PlanResult
from travel_planner.trip import Clarification, Notice
from travel_planner.usage import Usage
from travel_planner.workflow import PlanContext, PlanRequest, build_workflow

tracer = trace.get_tracer("travel_planner")

Outcome = PlanResult | Clarification
MAX_MESSAGE_CHARS = 2000
# Control characters and the Unicode bidi controls (they can make text display differently
# from what it says); newlines and tabs become spaces.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_message(message: str) -> str:
    """The traveller's message as the planner reads it; InvalidRequestError when it is empty
    or too long to be a trip request."""
    text = " ".join(_INVISIBLE.sub(" ", unicodedata.normalize("NFC", message)).split())
    if not text:
        raise InvalidRequestError(
            'The request is empty: describe the trip, e.g. "4 days in Lisbon in May, food".'
        )
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidRequestError(
            f"The request is {len(text):,} characters long; describe the trip in at most "
            f"{MAX_MESSAGE_CHARS:,} characters."
        )
    return text


TIMING_KEYS = {"ready": "ready_wait_s", "planner": "plan_s"}


class Planner:
    """Plans trips; one instance serves many plans (and shares its HTTP client to Ollama)."""

    def __init__(self, settings: Settings, *, today: date | None = None) -> None:
        self.settings = settings
        self.today = today
        self._ollama: AsyncClient | None = None

    async def __aenter__(self) -> Planner:
        self._ollama = AsyncClient(
            host=self.settings.ollama_host, timeout=self.settings.ollama_request_timeout_seconds
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._ollama is not None:
            await self._ollama._client.aclose()
            self._ollama = None

    def plan(
        self,
        message: str,
        *,
        current: Outcome | None = None,
        language: Language | None = None,
    ) -> PlanStream:
        """A run for one message; iterate it to run it."""
        if self._ollama is None:
            raise RuntimeError("use `async with Planner(...)` before planning")
        return PlanStream(self, clean_message(message), current, language)


class PlanStream:
    """One run: iterate for its events; `outcome` is set when the iteration ends."""

    def __init__(
        self,
        planner: Planner,
        message: str,
        current: Outcome | None,
        language: Language | None,
    ) -> None:
        self.planner = planner
        self.message = message
        self.current = current
        self.language = language
        self.outcome: Outcome | None = None
        self.usage = Usage()
        self.timings: dict[str, float] = {}
        self.notices: list[Notice] = []

    def __aiter__(self) -> AsyncIterator[PlanEvent]:
        return self._run()

    def _request(self) -> PlanRequest:
        current = self.current
        if isinstance(current, PlanResult):
            return PlanRequest(self.message, current.draft)
        return PlanRequest(self.message, current)

    async def _run(self) -> AsyncIterator[PlanEvent]:
        settings = self.planner.settings
        started = time.monotonic()
        span = tracer.start_span("plan_trip" if self.current is None else "follow_up")
        span.set_attribute("gen_ai.request.model", settings.ollama_model_id)
        outputs: list[Any] = []
        try:
            async with TravelTools(
                settings.mcp_server_url, settings.mcp_timeout_seconds, self.usage
            ) as tools:
                # Open the MCP session while Ollama is checked; a failure surfaces at the
                # first tool call.
                connecting = asyncio.create_task(tools.connect())
                connecting.add_done_callback(_ignore_result)
                try:
                    async for event in self._workflow_events(tools, started, span, outputs):
                        yield event
                finally:
                    connecting.cancel()
            self.timings["total_s"] = time.monotonic() - started
            self.outcome = self._outcome(outputs, span)
        except BaseException as exc:
            span.record_exception(exc)
            span.set_status(trace.StatusCode.ERROR, type(exc).__name__)
            raise
        finally:
            span.end()

    async def _workflow_events(
        self, tools: TravelTools, started: float, span: trace.Span, outputs: list[Any]
    ) -> AsyncIterator[PlanEvent]:
        settings = self.planner.settings
        assert self.planner._ollama is not None
        context = PlanContext(
            settings=settings,
            tools=tools,
            client=build_chat_client(settings, self.usage, self.planner._ollama),
            model=ModelCalls(settings, started),
            today=self.planner.today or date.today(),
            language=self.language,
        )
        iterator = build_workflow(context).run(self._request(), stream=True).__aiter__()
        while True:
            # The span is current only while the workflow runs, never across a yield.
            with trace.use_span(span, end_on_exit=False):
                try:
                    event = await anext(iterator)
                except StopAsyncIteration:
                    return
            if event.type == "output":
                outputs.append(event.data)
            elif event.type in EVENT_TYPES and isinstance(event.data, PlanEvent):
                self._record(event.data, started)
                yield event.data

    def _outcome(self, outputs: list[Any], span: trace.Span) -> Outcome:
        drafts = [o for o in outputs if isinstance(o, PlanDraft)]
        if drafts:
            span.set_attribute("travel.destination", drafts[-1].trip.destination)
            return PlanResult(
                draft=drafts[-1],
                timings=self.timings,
                usage=self.usage.as_dict(),
                model=self.planner.settings.ollama_model_id,
                warnings=self.notices,
            )
        questions = [o for o in outputs if isinstance(o, Clarification)]
        if questions:
            return questions[-1]
        raise RuntimeError("the workflow finished without a plan or a question")

    def _record(self, event: PlanEvent, started: float) -> None:
        if isinstance(event, StepEvent) and event.state == "done" and event.elapsed_s is not None:
            key = TIMING_KEYS.get(event.step, f"{event.step}_s")
            self.timings[key] = event.elapsed_s
            if event.step == "facts":
                self.timings["facts_ready_at_s"] = time.monotonic() - started
        elif isinstance(event, StepEvent) and event.step == "planner" and event.state == "started":
            ready_at = self.timings.pop("facts_ready_at_s", None)
            if ready_at is not None:
                self.timings["briefs_s"] = time.monotonic() - started - ready_at
        elif isinstance(event, DraftDelta):
            self.timings.setdefault("first_plan_token_s", time.monotonic() - started)
        elif isinstance(event, NoticeEvent):
            self.notices.append(Notice(code=event.code, text=event.text, detail=event.detail))


def _ignore_result(task: asyncio.Task[None]) -> None:
    with contextlib.suppress(BaseException):
        task.result()


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """The `--json` object for a plan, or for a question back to the traveller."""
    if isinstance(outcome, PlanResult):
        return outcome.to_json()
    return {"clarification": outcome.model_dump(mode="json")}


__all__ = ["Outcome", "PlanStream", "Planner", "outcome_json"]
