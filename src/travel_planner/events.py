"""What a running plan tells its caller, in order: one event path for the CLI, the web API and
the tests.

Executors emit these payloads as Microsoft Agent Framework workflow events
(`ctx.add_event(WorkflowEvent(KIND, payload))`); `Planner` passes them on as they arrive.
Texts are already in the traveller's language; `detail` is for logs and `--json` only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Step = Literal["ready", "understand", "facts", "researcher", "weather", "planner"]
STEPS: tuple[Step, ...] = ("ready", "understand", "facts", "researcher", "weather", "planner")


@dataclass(frozen=True)
class StepEvent:
    """A step started or finished; `elapsed_s` is set when it finished."""

    step: Step
    state: Literal["started", "done"]
    text: str
    elapsed_s: float | None = None

    kind = "step"


@dataclass(frozen=True)
class NoticeEvent:
    """Something the traveller should know (a tool or model call failed, a default was used)."""

    step: Step
    code: str
    text: str
    detail: str = ""

    kind = "notice"


@dataclass(frozen=True)
class PlanDelta:
    """Checked plan Markdown, appended to what came before."""

    text: str

    kind = "plan"


@dataclass(frozen=True)
class DraftDelta:
    """The model's raw words for the day being written: a live preview, replaced by the next
    PlanDelta (which holds the checked text)."""

    day: int | None
    text: str

    kind = "draft"


PlanEvent = StepEvent | NoticeEvent | PlanDelta | DraftDelta
EVENT_TYPES: dict[str, type[PlanEvent]] = {
    cls.kind: cls for cls in (StepEvent, NoticeEvent, PlanDelta, DraftDelta)
}


def event_json(event: PlanEvent) -> dict[str, Any]:
    """`{"type": KIND, ...fields}` for streams and logs."""
    return {"type": event.kind, **asdict(event)}


__all__ = [
    "EVENT_TYPES",
    "STEPS",
    "DraftDelta",
    "NoticeEvent",
    "PlanDelta",
    "PlanEvent",
    "Step",
    "StepEvent",
    "event_json",
]
