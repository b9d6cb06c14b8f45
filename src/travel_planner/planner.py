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

import time
from collections.abc import AsyncIterator
from datetime import date
from types import TracebackType
from typing import Any

from ollama import AsyncClient
from opentelemetry import trace

from travel_planner.config import Settings
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
        return PlanStream(self, message, current, language)


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
        assert self.planner._ollama is not None
        started = time.monotonic()
        span = tracer.start_span("plan_trip" if self.current is None else "follow_up")
        span.set_attribute("gen_ai.request.model", settings.ollama_model_id)
        drafts: list[PlanDraft] = []
        clarifications: list[Clarification] = []
        try:
            async with TravelTools(
                settings.mcp_server_url, settings.mcp_timeout_seconds, self.usage
            ) as tools:
                context = PlanContext(
                    settings=settings,
                    tools=tools,
                    client=build_chat_client(settings, self.usage, self.planner._ollama),
                    model=ModelCalls(settings, started),
                    today=self.planner.today or date.today(),
                    language=self.language,
                )
                events = build_workflow(context).run(self._request(), stream=True)
                iterator = events.__aiter__()
                while True:
                    # The span is current only while the workflow runs, never across a yield.
                    with trace.use_span(span, end_on_exit=False):
                        try:
                            event = await anext(iterator)
                        except StopAsyncIteration:
                            break
                    if event.type == "output":
                        if isinstance(event.data, PlanDraft):
                            drafts.append(event.data)
                        elif isinstance(event.data, Clarification):
                            clarifications.append(event.data)
                    elif event.type in EVENT_TYPES and isinstance(event.data, PlanEvent):
                        self._record(event.data, started)
                        yield event.data
        except BaseException as exc:
            span.record_exception(exc)
            span.set_status(trace.StatusCode.ERROR, type(exc).__name__)
            raise
        finally:
            span.end()
        self.timings["total_s"] = time.monotonic() - started
        if drafts:
            draft = drafts[-1]
            span.set_attribute("travel.destination", draft.trip.destination)
            self.outcome = PlanResult(
                draft=draft,
                timings=self.timings,
                usage=self.usage.as_dict(),
                model=settings.ollama_model_id,
                warnings=self.notices,
            )
        elif clarifications:
            self.outcome = clarifications[-1]
        else:
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


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """The `--json` object for a plan, or for a question back to the traveller."""
    if isinstance(outcome, PlanResult):
        return outcome.to_json()
    return {"clarification": outcome.model_dump(mode="json")}


__all__ = ["Outcome", "PlanStream", "Planner", "outcome_json"]
