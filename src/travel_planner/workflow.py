"""The planning workflow: understand → ground → briefs (concurrent) → plan (streamed).

A fresh MAF workflow is built for every request (a built workflow keeps state between runs).
Per-request dependencies (chat client, MCP session, settings, the event sink) live in one
`PlanRun` handed to each executor; messages between executors carry the data forward.

    understand ─▶ facts ─┬─▶ researcher ─┬─▶ planner
                         └─▶ weather ────┘
"""

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Never

from agent_framework import (
    Agent,
    AgentResponse,
    Executor,
    Workflow,
    WorkflowBuilder,
    WorkflowContext,
    handler,
)
from opentelemetry import trace
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_fixed

from travel_planner import agents, prompts
from travel_planner.config import Settings
from travel_planner.errors import DependencyUnavailableError, InvalidRequestError, PlannerError
from travel_planner.facts import Facts, ResolvedPlace, gather_facts, resolve_destination
from travel_planner.llm import (
    build_chat_client,
    classify_model_error,
    is_timeout,
    short_error,
    wait_until_ready,
)
from travel_planner.mcp_client import TravelTools
from travel_planner.model_text import clean_prose, find_text_tool_call
from travel_planner.plan import DayPlan, PlanWriter, day_activities, render_footer, render_header
from travel_planner.trip import (
    RequestHints,
    Trip,
    TripUnderstanding,
    fully_read,
    parse_request,
    resolve_dates,
    resolve_money,
    stated_travellers,
)
from travel_planner.usage import Usage

logger = logging.getLogger(__name__)
tracer = trace.get_tracer("travel_planner")

Step = Literal["ready", "understand", "facts", "researcher", "weather", "planner"]


@dataclass(frozen=True)
class PlanEvent:
    """Progress for the UI: a step starting/finishing, a warning, or a piece of the plan."""

    kind: Literal["status", "done", "warning", "plan"]
    step: Step
    text: str


EventSink = Callable[[PlanEvent], None]


@dataclass
class PlanResult:
    plan: str
    trip: Trip
    facts: Facts
    timings: dict[str, float]
    usage: Usage
    model: str
    warnings: list[str]
    research: str = ""
    weather_brief: str = ""
    days: dict[int, DayPlan] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "trip": self.trip.model_dump(mode="json"),
            "facts": self.facts.as_json(),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "usage": self.usage.as_dict(),
            "model": self.model,
            "warnings": self.warnings,
        }


@dataclass
class PlanRun:
    """What one request's executors share: dependencies in, timings and warnings out."""

    settings: Settings
    tools: TravelTools
    usage: Usage
    emit: EventSink
    today: date
    started: float
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    model_errors: list[BaseException] = field(default_factory=list)
    model_answers: int = 0
    facts_ready: float = 0.0

    def __post_init__(self) -> None:
        self.client = build_chat_client(self.settings, self.usage)

    def status(self, step: Step, text: str) -> None:
        self.emit(PlanEvent("status", step, text))

    def done(self, step: Step, text: str) -> None:
        self.emit(PlanEvent("done", step, text))

    def warn(self, step: Step, text: str) -> None:
        self.warnings.append(text)
        self.emit(PlanEvent("warning", step, text))

    def write(self, text: str) -> None:
        if text:
            self.emit(PlanEvent("plan", "planner", text))

    def model_unavailable(self) -> DependencyUnavailableError:
        error, _ = classify_model_error(
            self.model_errors[-1], self.settings, _elapsed(self.started)
        )
        return error

    async def ask(self, agent: Agent[Any], prompt: str, step: Step) -> AgentResponse[Any] | None:
        """One non-streamed agent run with one retry; a failure degrades to None + a warning,
        except Ollama or the model being unavailable, which stops the plan."""

        def retryable(exc: BaseException) -> bool:
            return not is_timeout(exc) and not classify_model_error(exc, self.settings, 0.0)[1]

        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(2),
                wait=wait_fixed(1),
                retry=retry_if_exception(retryable),
                reraise=True,
            ):
                with attempt:
                    response = await agent.run(prompt)
                    self.model_answers += 1
                    return response
        except Exception as exc:
            error, fatal = classify_model_error(exc, self.settings, _elapsed(self.started))
            logger.debug("%s: model call failed", step, exc_info=True)
            if fatal:
                raise error from exc
            self.model_errors.append(exc)
            self.warn(step, f"{step}: the model call failed ({short_error(exc)})")
        return None


@dataclass(frozen=True)
class Understood:
    trip: Trip
    place: dict[str, Any]


@dataclass(frozen=True)
class Grounded:
    trip: Trip
    facts: Facts


@dataclass(frozen=True)
class Brief:
    kind: Literal["research", "weather"]
    text: str
    grounded: Grounded


@dataclass(frozen=True)
class Refinement:
    previous: PlanResult
    change: str


@dataclass(frozen=True)
class PlanDraft:
    plan: str
    trip: Trip
    facts: Facts
    research: str
    weather_brief: str
    days: dict[int, DayPlan]


def _elapsed(since: float) -> float:
    return time.monotonic() - since


class UnderstandRequest(Executor):
    """Code reads the request; the model's structured output (JSON schema as `format`) is
    asked for only when code cannot read all of it, and is checked against the text."""

    def __init__(self, run: PlanRun) -> None:
        super().__init__(id="understand")
        self.run = run

    @handler
    async def understand(self, request: str, ctx: WorkflowContext[Understood]) -> None:
        run = self.run
        started = time.monotonic()
        run.status("understand", "Reading your request…")
        hints = parse_request(request, run.today)
        understood = TripUnderstanding()
        source: Literal["parser", "model"] = "parser"
        resolved = await self._parsed_place(request, hints)
        if resolved is None:
            source = "model"
            agent = agents.understanding_agent(run.client, run.settings, run.today)
            response = await run.ask(agent, request, "understand")
            if response is not None:
                understood = _parse_understanding(response.text)
                if understood == TripUnderstanding():
                    run.warn("understand", "understand: the model's answer was not usable JSON")
            run.status("understand", "Checking the destination…")
            resolved = await resolve_destination(
                run.tools,
                request,
                understood.destination,
                understood.country,
                hints.place_candidates,
            )
        place = resolved.place
        dates = resolve_dates(hints, understood, run.today, latitude=place.get("latitude"))
        amount, currency, home = resolve_money(
            hints, understood, run.settings.travel_home_currency, request
        )
        assumptions = list(dates.assumptions)
        if resolved.note:
            assumptions.append(resolved.note)
        if place.get("_ambiguous"):
            assumptions.append(
                f"Several places are called {resolved.query}; planning for "
                f"{place['name']}, {place.get('country')} (the best match)."
            )
        interests = list(dict.fromkeys([*understood.interests, *hints.interests]))[:6]
        trip = Trip(
            request=request,
            destination=str(place["name"]),
            country=str(place.get("country") or place.get("country_code")),
            country_code=str(place.get("country_code")),
            latitude=place.get("latitude"),
            longitude=place.get("longitude"),
            timezone=place.get("timezone"),
            start_date=dates.start,
            end_date=dates.end,
            travellers=hints.travellers or stated_travellers(understood.travellers, request) or 1,
            interests=interests,
            budget_amount=amount,
            budget_currency=currency,
            home_currency=home,
            assumptions=assumptions,
            source=source,
        )
        run.timings["understand_s"] = _elapsed(started)
        span = trace.get_current_span()
        span.set_attribute("travel.destination", trip.destination)
        span.set_attribute("travel.understood_by", source)
        run.done(
            "understand",
            f"{trip.length_days} days in {trip.destination}, {trip.country} "
            f"from {trip.start_date.isoformat()}",
        )
        place = {k: v for k, v in place.items() if not k.startswith("_")}
        await ctx.send_message(Understood(trip, place))

    async def _parsed_place(self, request: str, hints: RequestHints) -> ResolvedPlace | None:
        """The destination when code can read the whole request (no model call needed):
        dates or a month/season and a length, a place that resolves exactly, and no words
        left over that only the model could read. None means: ask the model."""
        if not hints.place_candidates or not fully_read(request, hints, hints.place_candidates):
            return None
        self.run.status("understand", "Checking the destination…")
        try:
            resolved = await resolve_destination(
                self.run.tools, request, None, None, hints.place_candidates
            )
        except InvalidRequestError:
            return None
        place = resolved.place
        names = (resolved.query, str(place.get("name")), str(place.get("country")))
        if resolved.fuzzy or not fully_read(request, hints, names):
            return None
        return resolved


def _parse_understanding(text: str) -> TripUnderstanding:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return TripUnderstanding()
    try:
        data = json.loads(text[start : end + 1])
    except ValueError:
        return TripUnderstanding()
    return TripUnderstanding.lenient(data)


class GatherFacts(Executor):
    def __init__(self, run: PlanRun) -> None:
        super().__init__(id="facts")
        self.run = run

    @handler
    async def gather(self, message: Understood, ctx: WorkflowContext[Grounded]) -> None:
        run = self.run
        started = time.monotonic()
        run.status("facts", "Fetching weather, holidays, currency and local facts…")
        facts = await gather_facts(run.tools, message.trip, message.place)
        for warning in facts.warnings:
            run.warn("facts", warning)
        run.timings["facts_s"] = _elapsed(started)
        run.facts_ready = time.monotonic()
        run.done("facts", f"Facts ready ({run.usage.tool_calls} tool calls)")
        await ctx.send_message(Grounded(message.trip, facts))


class ResearchBrief(Executor):
    """The Researcher gets the facts in its prompt and is offered no tools: the workflow has
    fetched everything a plan needs, and a tool round would cost a whole model call."""

    def __init__(self, run: PlanRun) -> None:
        super().__init__(id="researcher")
        self.run = run

    @handler
    async def research(self, grounded: Grounded, ctx: WorkflowContext[Brief]) -> None:
        run = self.run
        trip, facts = grounded.trip, grounded.facts
        run.status("researcher", "Researcher is writing a brief…")
        agent = agents.researcher_agent(run.client, run.settings)
        prompt = prompts.researcher_prompt(trip, facts)
        response = await run.ask(agent, prompt, "researcher")
        text = response.text if response is not None else ""
        if find_text_tool_call(text) is not None:
            # Small models sometimes answer with a tool call written as text, even with no
            # tools offered. Never show it; ask once more for the brief itself.
            logger.debug("researcher answered with a text tool call; asking again")
            retry = await run.ask(agent, prompt + prompts.NO_TOOLS_REMINDER, "researcher")
            text = retry.text if retry is not None else ""
            if find_text_tool_call(text) is not None:
                text = ""
        brief = clean_prose(text, 900)
        if not brief:
            run.warn("researcher", "researcher: no usable brief from the model")
        run.done("researcher", "Research brief ready")
        await ctx.send_message(Brief("research", brief, grounded))


class WeatherBrief(Executor):
    def __init__(self, run: PlanRun) -> None:
        super().__init__(id="weather")
        self.run = run

    @handler
    async def brief(self, grounded: Grounded, ctx: WorkflowContext[Brief]) -> None:
        run = self.run
        run.status("weather", "Weather analyst is reading the forecast…")
        text = ""
        if grounded.facts.weather is not None:
            agent = agents.weather_agent(run.client, run.settings)
            prompt = prompts.weather_prompt(grounded.trip, grounded.facts)
            response = await run.ask(agent, prompt, "weather")
            text = response.text if response is not None else ""
            if find_text_tool_call(text) is not None:
                text = ""
        run.done("weather", "Weather brief ready")
        await ctx.send_message(Brief("weather", clean_prose(text, 500), grounded))


class WritePlan(Executor):
    """Streams the planner's answer through PlanWriter; the output is the finished plan."""

    def __init__(self, run: PlanRun) -> None:
        super().__init__(id="planner")
        self.run = run

    @handler
    async def plan(self, briefs: list[Brief], ctx: WorkflowContext[Never, PlanDraft]) -> None:
        run = self.run
        run.timings["briefs_s"] = _elapsed(run.facts_ready)
        if run.model_errors and run.model_answers == 0:
            # Not one model call has worked: stop before printing a plan made of defaults.
            raise run.model_unavailable()
        grounded = briefs[0].grounded
        research = next((b.text for b in briefs if b.kind == "research"), "")
        weather = next((b.text for b in briefs if b.kind == "weather"), "")
        prompt = prompts.planner_prompt(grounded.trip, grounded.facts, research, weather)
        draft = await self._write(grounded.trip, grounded.facts, research, weather, prompt)
        await ctx.yield_output(draft)

    @handler
    async def refine(self, change: Refinement, ctx: WorkflowContext[Never, PlanDraft]) -> None:
        previous = change.previous
        prompt = prompts.refine_prompt(
            previous.trip, previous.facts, day_activities(previous.days), change.change
        )
        draft = await self._write(
            previous.trip, previous.facts, previous.research, previous.weather_brief, prompt
        )
        await ctx.yield_output(draft)

    async def _write(
        self, trip: Trip, facts: Facts, research: str, weather: str, prompt: str
    ) -> PlanDraft:
        run = self.run
        started = time.monotonic()
        run.status("planner", "Planner is writing the plan…")
        writer = PlanWriter(trip, facts)
        header = render_header(trip, research, weather, facts)
        run.write(header)
        parts = [header]
        agent = agents.planner_agent(run.client, run.settings, trip.length_days)
        try:
            parts += await self._stream(agent, prompt, writer)
        except DependencyUnavailableError:
            raise
        except Exception as exc:
            error, fatal = classify_model_error(exc, run.settings, _elapsed(run.started))
            logger.debug("planner failed", exc_info=True)
            if fatal:
                raise error from exc
            run.model_errors.append(exc)
            run.warn("planner", f"planner: the model call failed ({short_error(exc)})")
        rest = writer.finish()
        run.write(rest)
        parts.append(rest)
        if writer.skipped:
            run.warn(
                "planner",
                "planner: the model gave no plan for day "
                + ", ".join(map(str, writer.skipped))
                + " (default suggestions used)",
            )
        footer = render_footer(trip, facts, run.warnings)
        run.write(footer)
        parts.append(footer)
        run.timings["plan_s"] = _elapsed(started)
        run.done("planner", "Plan ready")
        return PlanDraft("".join(parts), trip, facts, research, weather, writer.days)

    async def _stream(self, agent: Agent[Any], prompt: str, writer: PlanWriter) -> list[str]:
        run = self.run
        parts = []
        stream = agent.run(prompt, stream=True)
        async for update in stream:
            text = update.text
            if not text:
                continue
            run.timings.setdefault("first_plan_token_s", _elapsed(run.started))
            out = writer.feed(text)
            if out:
                run.write(out)
                parts.append(out)
        await stream.get_final_response()
        run.model_answers += 1
        return parts


def build_workflow(run: PlanRun) -> Workflow:
    """The full pipeline for a new request."""
    understand = UnderstandRequest(run)
    facts = GatherFacts(run)
    research = ResearchBrief(run)
    weather = WeatherBrief(run)
    planner = WritePlan(run)
    return (
        WorkflowBuilder(start_executor=understand, name="travel-plan")
        .add_edge(understand, facts)
        .add_fan_out_edges(facts, [research, weather])
        .add_fan_in_edges([research, weather], planner)
        .build()
    )


def build_refine_workflow(run: PlanRun) -> Workflow:
    """Only the planner: a follow-up changes the narrative, the facts stay the same."""
    return WorkflowBuilder(start_executor=WritePlan(run), name="travel-plan-refine").build()


def _ignore(_: PlanEvent) -> None:
    return None


async def _execute(
    message: Any,
    settings: Settings,
    on_event: EventSink | None,
    span_name: str,
    build: Callable[[PlanRun], Workflow],
    today: date | None,
) -> PlanResult:
    started = time.monotonic()
    emit = on_event or _ignore
    usage = Usage()
    with tracer.start_as_current_span(span_name) as span:
        span.set_attribute("gen_ai.request.model", settings.ollama_model_id)
        emit(PlanEvent("status", "ready", f"Checking Ollama at {settings.ollama_host}…"))
        ready_wait = await wait_until_ready(
            settings, lambda text: emit(PlanEvent("status", "ready", text))
        )
        emit(PlanEvent("status", "ready", "Connecting to the travel tools…"))
        async with TravelTools(
            settings.mcp_server_url, settings.mcp_timeout_seconds, usage
        ) as tools:
            run = PlanRun(
                settings=settings,
                tools=tools,
                usage=usage,
                emit=emit,
                today=today or date.today(),
                started=started,
            )
            run.timings["ready_wait_s"] = ready_wait
            workflow = build(run)
            try:
                result = await workflow.run(message)
            except BaseException as exc:
                raise _original(exc) from None
            drafts = [o for o in result.get_outputs() if isinstance(o, PlanDraft)]
            if not drafts:
                raise RuntimeError("the workflow finished without a plan")
            if run.model_errors and run.model_answers == 0:
                raise run.model_unavailable()
        draft = drafts[-1]
        run.timings["total_s"] = _elapsed(started)
        run.timings["startup_s"] = run.timings.pop("startup_s", 0.0)
        span.set_attribute("travel.destination", draft.trip.destination)
        span.set_attribute("gen_ai.usage.input_tokens", usage.prompt_tokens)
        span.set_attribute("gen_ai.usage.output_tokens", usage.completion_tokens)
        return PlanResult(
            plan=draft.plan,
            trip=draft.trip,
            facts=draft.facts,
            timings=run.timings,
            usage=usage,
            model=settings.ollama_model_id,
            warnings=run.warnings,
            research=draft.research,
            weather_brief=draft.weather_brief,
            days=draft.days,
        )


def _original(exc: BaseException) -> BaseException:
    """The planner's own error inside whatever the workflow runner wrapped it in."""
    seen = exc
    while True:
        if isinstance(seen, PlannerError):
            return seen
        if isinstance(seen, BaseExceptionGroup) and seen.exceptions:
            seen = seen.exceptions[0]
            continue
        nxt = seen.__cause__ or seen.__context__
        if nxt is None:
            return exc
        seen = nxt


async def plan_trip(
    request: str,
    settings: Settings,
    *,
    on_event: EventSink | None = None,
    today: date | None = None,
) -> PlanResult:
    """Plan a trip from a free-text request (the Python API the CLI and benchmarks use)."""
    return await _execute(request, settings, on_event, "plan_trip", build_workflow, today)


async def refine_plan(
    previous: PlanResult,
    change: str,
    settings: Settings,
    *,
    on_event: EventSink | None = None,
) -> PlanResult:
    """Rewrite the narrative of `previous` with a change ("make day 2 more relaxed")."""
    return await _execute(
        Refinement(previous, change),
        settings,
        on_event,
        "refine_plan",
        build_refine_workflow,
        None,
    )


__all__ = ["PlanEvent", "PlanResult", "plan_trip", "refine_plan"]
