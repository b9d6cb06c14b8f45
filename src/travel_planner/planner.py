"""The planner as a Python API: what the CLI, the web app and the benchmarks call.

    async with Planner(settings) as planner:
        stream = planner.plan("4 days in Lisbon in May, food and museums")
        async for event in stream:        # StepEvent, NoticeEvent, PlanDelta, DraftDelta
            ...
        stream.outcome                     # PlanResult, or a Clarification to answer

A follow-up passes the previous outcome as `current`: a change to the plan ("make day 2 more
relaxed"), a different trip, or the answer to a clarification. Cancelling the task that
iterates the stream stops the run, the model call in flight included.

Every run starts by checking that Ollama answers and lists the model. The agent framework and
the MCP client load in a thread meanwhile (the first time only), so a one-shot process shows
its first line at once and overlaps its imports with the network.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Any

from opentelemetry import trace

from travel_planner.config import Settings
from travel_planner.errors import InvalidRequestError
from travel_planner.events import EVENT_TYPES, DraftDelta, NoticeEvent, PlanEvent, StepEvent
from travel_planner.i18n import DEFAULT_LANGUAGE, Language, guess_language, translator
from travel_planner.readiness import Waiting, load_model, wait_until_ready
from travel_planner.trip import Clarification, Notice
from travel_planner.usage import Usage

if TYPE_CHECKING:
    from ollama import AsyncClient

    from travel_planner.mcp_client import RunTools, TravelTools
    from travel_planner.result import PlanResult

    Outcome = PlanResult | Clarification

tracer = trace.get_tracer("travel_planner")
logger = logging.getLogger(__name__)

TIMING_KEYS = {"ready": "ready_wait_s", "planner": "plan_s"}
READY_FOR_S = 30.0
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


def _load_pipeline(prepare: Callable[[], None] | None) -> ModuleType:
    """The workflow module and everything it needs (agent framework, MCP client, Ollama)."""
    if prepare is not None:
        prepare()
    from travel_planner import workflow

    return workflow


def _warm_up_language() -> None:
    """The request reader's language model, loaded beside the imports (see `warm_up`)."""
    from travel_planner.understanding.language import warm_up

    warm_up()


async def _both(pipeline: Awaitable[ModuleType], language: Awaitable[None]) -> ModuleType:
    loaded, _ = await asyncio.gather(pipeline, language)
    return loaded


class Planner:
    """Plans trips; one instance serves many plans (and shares its HTTP client to Ollama).

    `prepare` runs once, in the loading thread, before the first plan (the CLI sets up
    telemetry there)."""

    def __init__(
        self,
        settings: Settings,
        *,
        today: date | None = None,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        self.settings = settings
        self.today = today
        self.prepare = prepare
        self._loading: asyncio.Future[ModuleType] | None = None
        self._ollama: AsyncClient | None = None
        self._tools: TravelTools | None = None
        self._model_loading: asyncio.Task[None] | None = None
        self.ready_at: float | None = None

    async def __aenter__(self) -> Planner:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        for pending in (self._loading, self._model_loading):
            if pending is not None and not pending.done():
                pending.cancel()
        if self._tools is not None:
            await self._tools.close()
            self._tools = None
        if self._ollama is not None:
            await self._ollama._client.aclose()
            self._ollama = None

    def load(self) -> asyncio.Future[ModuleType]:
        """Start loading the pipeline (once); await the result to use it."""
        if self._loading is None:
            pipeline = asyncio.to_thread(_load_pipeline, self.prepare)
            language = asyncio.to_thread(_warm_up_language)
            self._loading = asyncio.ensure_future(_both(pipeline, language))
        return self._loading

    def ollama(self) -> AsyncClient:
        """The HTTP client to Ollama, kept between plans (call after `load`)."""
        if self._ollama is None:
            from ollama import AsyncClient

            from travel_planner.tls import tls_context

            self._ollama = AsyncClient(
                host=self.settings.ollama_host,
                timeout=self.settings.ollama_request_timeout_seconds,
                verify=tls_context(),
            )
        return self._ollama

    def load_model(self) -> None:
        """Have Ollama load the model in the background (see `readiness.load_model`)."""
        if self._model_loading is None or self._model_loading.done():
            self._model_loading = asyncio.create_task(load_model(self.settings))

    def recently_ready(self) -> bool:
        """Whether Ollama listed the model moments ago: plans that follow each other (the web
        app) skip the check; a model that went away since fails the first call, with exit 3."""
        return self.ready_at is not None and time.monotonic() - self.ready_at < READY_FOR_S

    def tools(self) -> TravelTools:
        """The MCP session, kept between plans (call after `load`)."""
        if self._tools is None:
            from travel_planner.mcp_client import TravelTools

            self._tools = TravelTools(
                self.settings.mcp_server_url, self.settings.mcp_timeout_seconds
            )
        return self._tools

    def plan(
        self,
        message: str,
        *,
        current: Outcome | None = None,
        language: Language | None = None,
    ) -> PlanStream:
        """A run for one message; iterate it to run it."""
        return PlanStream(self, clean_message(message), current, language)


async def _ready_notes(settings: Settings, language: Language) -> AsyncIterator[str]:
    """Progress lines while waiting for Ollama and the model, in the traveller's words (the
    host and the problem go to the log, and to the error when it gives up)."""
    _ = translator(language, "ui").gettext
    notes: asyncio.Queue[str] = asyncio.Queue()

    async def say(state: Waiting) -> None:
        logger.info("%s", state.describe())
        line = _("Waiting for the model server to start… ({waited} s of {timeout} s)")
        await notes.put(line.format(waited=round(state.waited), timeout=round(state.timeout)))

    waiting = asyncio.ensure_future(wait_until_ready(settings, say))
    try:
        while not waiting.done():
            note = asyncio.ensure_future(notes.get())
            await asyncio.wait({waiting, note}, return_when=asyncio.FIRST_COMPLETED)
            if note.done():
                yield note.result()
            else:
                note.cancel()
        waiting.result()
    finally:
        waiting.cancel()


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

    async def _run(self) -> AsyncIterator[PlanEvent]:
        started = time.monotonic()
        language = self._first_lines_language()
        _ = translator(language, "ui").gettext
        yield StepEvent("ready", "started", _("Checking the model server…"))
        # After the first line is out: the loading threads would hold the GIL while it prints.
        loading = self.planner.load()
        if not self.planner.recently_ready():
            async for note in _ready_notes(self.planner.settings, language):
                yield StepEvent("ready", "started", note)
            self.planner.ready_at = time.monotonic()
            self.planner.load_model()
        pipeline = await asyncio.shield(loading)
        done = StepEvent("ready", "done", _("Model ready"), time.monotonic() - started)
        self._record(done, started)
        yield done
        async for event in self._traced(pipeline, started):
            yield event

    def _first_lines_language(self) -> Language:
        """The language of the lines shown before the request is read: the one asked for,
        the conversation's, or a quick guess at the new request's (the reader decides)."""
        if self.language is not None:
            return self.language
        current = self.current
        if current is not None:
            return current.language if isinstance(current, Clarification) else current.trip.language
        return guess_language(self.message) or DEFAULT_LANGUAGE

    async def _traced(self, pipeline: ModuleType, started: float) -> AsyncIterator[PlanEvent]:
        from travel_planner.mcp_client import RunTools

        settings = self.planner.settings
        span = tracer.start_span("plan_trip" if self.current is None else "follow_up")
        span.set_attribute("gen_ai.request.model", settings.ollama_model_id)
        outputs: list[Any] = []
        tools = self.planner.tools()
        # The MCP session opens (the first time) while the request is read; a failure
        # surfaces at the first tool call. The session outlives the plan: not cancelled here.
        with trace.use_span(span, end_on_exit=False):
            connecting = asyncio.create_task(tools.connect())
        connecting.add_done_callback(_ignore_result)
        run_tools = RunTools(tools, self.usage)
        try:
            async for event in self._workflow_events(pipeline, run_tools, started, span, outputs):
                yield event
            self.timings["total_s"] = time.monotonic() - started
            self.timings["tools_s"] = run_tools.seconds
            self.outcome = self._outcome(outputs, span)
        except BaseException as exc:
            span.record_exception(exc)
            span.set_status(trace.StatusCode.ERROR, type(exc).__name__)
            raise
        finally:
            span.end()

    def _request(self, pipeline: ModuleType) -> Any:
        from travel_planner.result import PlanResult

        current = self.current
        draft = current.draft if isinstance(current, PlanResult) else current
        return pipeline.PlanRequest(self.message, draft)

    async def _workflow_events(
        self,
        pipeline: ModuleType,
        tools: RunTools,
        started: float,
        span: trace.Span,
        outputs: list[Any],
    ) -> AsyncIterator[PlanEvent]:
        from travel_planner.llm import ModelCalls, build_chat_client

        settings = self.planner.settings
        context = pipeline.PlanContext(
            settings=settings,
            tools=tools,
            client=build_chat_client(settings, self.usage, self.planner.ollama()),
            model=ModelCalls(settings, started),
            today=self.planner.today or date.today(),
            language=self.language,
        )
        with trace.use_span(span, end_on_exit=False):
            run = pipeline.build_workflow(context).run(self._request(pipeline), stream=True)
        iterator = run.__aiter__()
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
        from travel_planner.result import PlanDraft, PlanResult

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
    from travel_planner.result import PlanResult

    if isinstance(outcome, PlanResult):
        return outcome.to_json()
    return {"clarification": outcome.model_dump(mode="json")}


def __getattr__(name: str) -> Any:
    # `Outcome` at run time without importing the pipeline when this module loads.
    if name == "Outcome":
        from travel_planner.result import PlanResult

        return PlanResult | Clarification
    raise AttributeError(name)


__all__ = ["Outcome", "PlanStream", "Planner", "clean_message", "outcome_json"]
