"""The planning workflow: understand → facts → briefs (concurrent) → plan (streamed).

A fresh Microsoft Agent Framework workflow is built for every request (a built workflow keeps
state between runs). The executors share one frozen `PlanContext` of dependencies; each takes
a typed message, reports progress as workflow events (`travel_planner.events`) and sends the
next message. A follow-up that changes the current plan goes from `understand` straight to
the planner; a request that cannot be planned ends at `understand` with a `Clarification`.

    understand ─┬─▶ facts ─┬─▶ researcher ─┬─▶ planner
                │          └─▶ weather ────┘      ▲
                └──────────── (refinement) ───────┘

With one Ollama slot (`OLLAMA_NUM_PARALLEL=1`, the CPU default) the briefs run one after the
other instead, facts → researcher → weather → planner, and each call continues the previous
one's conversation: Ollama keeps a slot's prompt and answer, so each call pays only for its
own new turn. With more slots the briefs run side by side and the planner continues the
researcher's conversation.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Never

from agent_framework import (
    Case,
    Default,
    Executor,
    Message,
    Workflow,
    WorkflowBuilder,
    WorkflowContext,
    WorkflowEvent,
    handler,
)
from agent_framework_ollama import OllamaChatClient
from opentelemetry import trace

from travel_planner import prompts, prose, understanding
from travel_planner.agents import build_agent
from travel_planner.config import Settings
from travel_planner.events import DraftDelta, NoticeEvent, PlanDelta, PlanEvent, Step, StepEvent
from travel_planner.facts import Facts, gather_facts
from travel_planner.i18n import Language, format_date, translator
from travel_planner.llm import ModelCallFailed, ModelCalls
from travel_planner.mcp_client import ToolCaller
from travel_planner.plan import PlanWriter
from travel_planner.plan_parts import in_order, split_days
from travel_planner.result import PlanDraft
from travel_planner.trip import Clarification, Notice, Refinement, Trip
from travel_planner.understanding.language import detect_language

STRUCTURED_INSTRUCTIONS = "Answer with one JSON object that follows the given schema."


@dataclass(frozen=True)
class PlanContext:
    """What every executor of one request may use; nothing in it changes during the run."""

    settings: Settings
    tools: ToolCaller
    client: OllamaChatClient
    model: ModelCalls
    today: date
    language: Language | None = None


@dataclass(frozen=True)
class PlanRequest:
    """A message from the traveller: a new request, or a follow-up to `current`."""

    message: str
    current: PlanDraft | Clarification | None = None


@dataclass(frozen=True)
class Understood:
    trip: Trip


@dataclass(frozen=True)
class RefineRequest:
    previous: PlanDraft
    refinement: Refinement


@dataclass(frozen=True)
class Grounded:
    trip: Trip
    facts: Facts


@dataclass(frozen=True)
class Brief:
    kind: Literal["research", "weather"]
    text: str
    grounded: Grounded
    notices: tuple[Notice, ...] = ()
    rejected: tuple[str, ...] = ()  # the quality report's keys for what the checks removed
    # The brief's call and its checked answer, for a later call to continue (empty when
    # there was no usable answer).
    conversation: tuple[prompts.Turn, ...] = ()


async def emit(ctx: WorkflowContext[Any, Any], event: PlanEvent) -> None:
    # The project's own event kinds ("step", "notice", "plan", "draft"): MAF passes any
    # type string through to the caller, in order with its own events.
    kind: Any = event.kind
    await ctx.add_event(WorkflowEvent(kind, event))


@dataclass
class _StepRun:
    done_text: str = ""
    notices: list[Notice] = field(default_factory=list)


@asynccontextmanager
async def step(ctx: WorkflowContext[Any, Any], name: Step, text: str) -> AsyncIterator[_StepRun]:
    """Emit `started`, then `done` with the elapsed time when the block succeeds; notices the
    block collected are emitted as they are added at the end."""
    started = time.monotonic()
    await emit(ctx, StepEvent(name, "started", text))
    run = _StepRun()
    yield run
    for notice in run.notices:
        await emit(ctx, NoticeEvent(name, notice.code, notice.text, notice.detail))
    await emit(ctx, StepEvent(name, "done", run.done_text or text, time.monotonic() - started))


def _ui(language: str | None) -> Callable[[str], str]:
    return translator(language or "en", "ui").gettext


class UnderstandRequest(Executor):
    def __init__(self, context: PlanContext) -> None:
        super().__init__(id="understand")
        self.context = context

    async def _structured(self, prompt: str, schema: dict[str, Any]) -> str | None:
        c = self.context
        agent = build_agent(
            c.client, c.settings, "understanding", STRUCTURED_INSTRUCTIONS, response_format=schema
        )
        answer = await c.model.ask(agent, prompt)
        return answer.text if answer.error is None else None

    @handler
    async def understand(
        self,
        request: PlanRequest,
        ctx: WorkflowContext[Understood | RefineRequest, Clarification],
    ) -> None:
        c = self.context
        language = c.language or detect_language(request.message)[0]
        _ = _ui(language)
        common: dict[str, Any] = {
            "today": c.today,
            "places": c.tools,
            "model": self._structured,
            "home_currency": c.settings.travel_home_currency,
            "language": c.language,
        }
        async with step(ctx, "understand", _("Reading your request…")) as run:
            current = request.current
            outcome: Trip | Clarification | Refinement
            if current is None:
                outcome = await understanding.understand(request.message, **common)
            else:
                basis = current.trip if isinstance(current, PlanDraft) else current
                outcome = await understanding.understand_follow_up(
                    request.message, current=basis, **common
                )
            run.done_text = _describe(outcome, language)
        span = trace.get_current_span()
        if isinstance(outcome, Trip):
            span.set_attribute("travel.destination", outcome.destination)
            span.set_attribute("travel.understood_by", outcome.source)
        if isinstance(outcome, Clarification):
            await ctx.yield_output(outcome)
        elif isinstance(outcome, Refinement):
            assert isinstance(current, PlanDraft)
            await ctx.send_message(RefineRequest(current, outcome))
        else:
            await ctx.send_message(Understood(outcome))


def _describe(outcome: Trip | Clarification | Refinement, language: Language) -> str:
    """The understanding step's last line, in the traveller's language."""
    if isinstance(outcome, Trip):
        ui = translator(outcome.language, "ui")
        text = ui.ngettext(
            "{days} day in {place} from {start}", "{days} days in {place} from {start}",
            outcome.length_days,
        )  # fmt: skip
        return text.format(
            days=outcome.length_days,
            place=outcome.place_name,
            start=format_date(outcome.start_date, outcome.language, "medium"),
        )
    if isinstance(outcome, Clarification):
        return _ui(outcome.language)("More details needed")
    return _ui(language)("A change to the current plan")


class GatherFacts(Executor):
    def __init__(self, context: PlanContext) -> None:
        super().__init__(id="facts")
        self.context = context

    @handler
    async def gather(self, message: Understood, ctx: WorkflowContext[Grounded]) -> None:
        _ = _ui(message.trip.language)
        async with step(ctx, "facts", _("Fetching weather, holidays and local facts…")) as run:
            facts = await gather_facts(self.context.tools, message.trip)
            run.notices += facts.warnings
            run.done_text = _("Facts ready")
        await ctx.send_message(Grounded(message.trip, facts))


class WriteBrief(Executor):
    """One brief (Researcher or Weather analyst): one model call, then the prose checks."""

    def __init__(self, context: PlanContext, kind: Literal["research", "weather"]) -> None:
        super().__init__(id="researcher" if kind == "research" else "weather")
        self.context = context
        self.kind: Literal["research", "weather"] = kind

    @handler
    async def brief(self, grounded: Grounded, ctx: WorkflowContext[Brief]) -> None:
        await ctx.send_message(await self._write(ctx, grounded))

    @handler
    async def after_research(self, research: Brief, ctx: WorkflowContext[list[Brief]]) -> None:
        """With one model slot: continue the researcher's conversation, then hand both briefs
        to the planner."""
        own = await self._write(ctx, research.grounded, research.conversation)
        await ctx.send_message([research, own])

    async def _write(
        self,
        ctx: WorkflowContext[Any, Any],
        grounded: Grounded,
        after: tuple[prompts.Turn, ...] = (),
    ) -> Brief:
        c = self.context
        trip, facts = grounded.trip, grounded.facts
        _ = _ui(trip.language)
        name: Literal["researcher", "weather"] = (
            "researcher" if self.kind == "research" else "weather"
        )
        text = (
            _("Researcher is writing a brief…")
            if self.kind == "research"
            else _("Weather analyst is reading the forecast…")
        )
        conversation: tuple[prompts.Turn, ...] = ()
        async with step(ctx, name, text) as run:
            prompt = (
                prompts.research_prompt(trip, facts)
                if self.kind == "research"
                else prompts.weather_prompt(trip, facts, after)
            )
            checked = prose.Checked("")
            for_plan: list[Notice] = []
            if prompt is not None:
                agent = build_agent(c.client, c.settings, name, prompt.system)
                answer = await c.model.ask(agent, _messages(prompt))
                if answer.error is not None:
                    for_plan.append(_model_notice(trip.language, name, answer.error))
                checked = prose.check_brief(answer.text, trip, facts, self.kind)
                if not checked.text and answer.error is None:
                    # Told in the step line and the warnings; the plan says so where the
                    # brief would be.
                    run.notices.append(_unusable_brief_notice(trip.language, self.kind, checked))
                if kept := prompts.brief_text(self.kind, checked.text):
                    conversation = prompt.answered(kept)
            run.notices += for_plan
            usable = bool(checked.text) or prompt is None
            run.done_text = _("Brief ready") if usable else _("No usable brief")
        rejected = tuple(prose.brief_rejections(self.kind, checked.rejected))
        return Brief(
            self.kind, checked.text, grounded, tuple(for_plan), rejected, conversation or after
        )


def _messages(prompt: prompts.ChatPrompt) -> list[Message]:
    """The prompt's turns as chat messages (the agent adds the system text)."""
    turns = (*prompt.history, ("user", prompt.user))
    return [Message(role, [text]) for role, text in turns]


def _model_notice(language: str, step_name: str, reason: str) -> Notice:
    return Notice(
        code="model_call_failed",
        text=_ui(language)("Part of the plan could not be written by the model."),
        detail=f"{step_name}: the model call failed ({reason})",
    )


def _unusable_brief_notice(
    language: str, kind: Literal["research", "weather"], checked: prose.Checked
) -> Notice:
    _ = _ui(language)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(Counter(checked.rejected).items()))
    return Notice(
        code=f"{kind}_brief_unusable",
        text=(
            _("The model's overview of the destination was not usable and is left out.")
            if kind == "research"
            else _("The model's weather advice was not usable and is left out.")
        ),
        detail=f"{kind} brief: "
        + (f"the checks rejected every line ({counts})" if counts else "the model wrote nothing"),
    )


class WritePlan(Executor):
    """Streams the planner's answer through PlanWriter; the output is the finished draft."""

    def __init__(self, context: PlanContext) -> None:
        super().__init__(id="planner")
        self.context = context

    @handler
    async def plan(self, briefs: list[Brief], ctx: WorkflowContext[Never, PlanDraft]) -> None:
        grounded = briefs[0].grounded
        research = next((b.text for b in briefs if b.kind == "research"), "")
        weather = next((b.text for b in briefs if b.kind == "weather"), "")
        trip, facts = grounded.trip, grounded.facts
        notices = [*facts.warnings, *(n for b in briefs for n in b.notices)]
        rejected = [key for b in briefs for key in b.rejected]
        writer = PlanWriter(trip, facts, research, weather, rejected=rejected)
        parts = split_days(trip.length_days, self.context.settings.ollama_num_parallel)
        # Continue the longest brief conversation: the most of the prompt is already evaluated.
        after = max(
            (b.conversation for b in briefs), key=lambda turns: sum(len(t) for _, t in turns)
        )
        calls = [
            (
                prompts.plan_prompt(
                    trip, facts, research, weather, d if len(parts) > 1 else None, after
                ),
                len(d),
            )
            for d in parts
        ]
        await ctx.yield_output(await self._write(ctx, writer, calls, notices))

    @handler
    async def refine(self, request: RefineRequest, ctx: WorkflowContext[Never, PlanDraft]) -> None:
        previous = request.previous
        writer = PlanWriter.for_change(previous, request.refinement)
        prompt = prompts.refine_prompt(previous, request.refinement)
        await ctx.yield_output(
            await self._write(
                ctx, writer, [(prompt, previous.trip.length_days)], list(previous.facts.warnings)
            )
        )

    async def _write(
        self,
        ctx: WorkflowContext[Any, Any],
        writer: PlanWriter,
        calls: list[tuple[prompts.ChatPrompt, int]],
        notices: list[Notice],
    ) -> PlanDraft:
        """Stream the planner's answer (one call, or parts written at the same time) through
        the writer, then the gate and the rest of the plan."""
        c = self.context
        trip = writer.trip
        _ = _ui(trip.language)
        async with step(ctx, "planner", _("Planner is writing the plan…")) as run:
            # The writer holds the plan back until the model has planned a day: when it never
            # does, nothing is printed but the error.
            parts: list[str] = []
            streams = [
                c.model.stream(
                    build_agent(c.client, c.settings, "planner", call.system, days=days),
                    _messages(call),
                )
                for call, days in calls
            ]
            raw: list[str] = []
            try:
                async for piece in in_order(streams):
                    raw.append(piece)
                    out = writer.feed(piece)
                    await emit(ctx, DraftDelta(out.day, piece))
                    if out.plan:
                        parts.append(out.plan)
                        await emit(ctx, PlanDelta(out.plan))
            except ModelCallFailed as exc:
                notice = _model_notice(trip.language, "planner", str(exc))
                notices.append(notice)
                run.notices.append(notice)
            writer.gate(
                c.settings.ollama_model_id, c.settings.ollama_host, "".join(raw), c.model.last_error
            )
            parts.append(writer.finish(notices))
            await emit(ctx, PlanDelta(parts[-1]))
            run.done_text = _("Plan ready")
        return PlanDraft(
            plan="".join(parts),
            trip=trip,
            facts=writer.facts,
            research=writer.research,
            weather_brief=writer.weather,
            days=writer.days,
            report=writer.report(),
        )


def build_workflow(context: PlanContext) -> Workflow:
    """The whole pipeline for one message (a new request or a follow-up)."""
    understand = UnderstandRequest(context)
    facts = GatherFacts(context)
    research = WriteBrief(context, "research")
    weather = WriteBrief(context, "weather")
    planner = WritePlan(context)
    builder = WorkflowBuilder(start_executor=understand, name="travel-plan")
    builder.add_switch_case_edge_group(
        understand,
        [
            Case(condition=lambda m: isinstance(m, Understood), target=facts),
            Default(target=planner),
        ],
    )
    if context.settings.ollama_num_parallel > 1:
        # The briefs at the same time, on two of Ollama's slots.
        builder.add_fan_out_edges(facts, [research, weather])
        builder.add_fan_in_edges([research, weather], planner)
    else:
        # One slot serves one call at a time: the weather analyst continues the
        # researcher's conversation, so the model evaluates only its new turn.
        builder.add_chain([facts, research, weather, planner])
    return builder.build()
