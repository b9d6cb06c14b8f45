"""How a run looks in a terminal: a spinner or plain progress lines on stderr, the plan on
stdout."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any, cast

from rich.console import Console
from rich.markup import escape
from rich.status import Status

from travel_planner.events import DraftDelta, NoticeEvent, PlanDelta, PlanEvent, StepEvent
from travel_planner.i18n import format_number, translator

if TYPE_CHECKING:
    from travel_planner.planner import Outcome, Planner
    from travel_planner.result import PlanResult

LABELS = {"started": ("…", "dim"), "done": ("✓", "green")}


class Terminal(Console):
    """A console that reports a reader gone away (`2>&1 | head`) as BrokenPipeError, which
    the CLI turns into its quiet exit 141, instead of rich's own exit 1."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


class Progress:
    """Shows each step's progress: a spinner on a terminal, plain lines otherwise."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.status: Status | None = None
        self.lines = not console.is_terminal
        self.writing_day: int | None = None

    def __enter__(self) -> Progress:
        if not self.lines:
            self.status = self.console.status("…", spinner="dots")
            self.status.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None

    def _line(self, label: str, style: str, step: str, text: str) -> None:
        self.console.print(
            f"[{style}]{escape(f'{label} {step}: {text}')}[/]", highlight=False, soft_wrap=True
        )

    def __call__(self, event: PlanEvent) -> None:
        if isinstance(event, StepEvent):
            label, style = LABELS[event.state]
            if event.state == "started" and self.status is not None:
                self.status.update(escape(f"{label} {event.step}: {event.text}"))
                return
            self._line(label, style, event.step, event.text)
        elif isinstance(event, NoticeEvent):
            self._line("!", "yellow", event.step, event.text)
        elif (
            isinstance(event, DraftDelta)
            and self.status is not None
            and event.day not in (None, self.writing_day)
        ):
            self.writing_day = event.day
            self.status.update(escape(f"… planner: writing day {event.day}…"))


def incomplete_marker(reason: BaseException) -> str:
    """The last lines of a plan that was cut off, so it never looks complete."""
    why = (str(reason).splitlines() or [type(reason).__name__])[0][:200]
    return f"\n\n---\n\n**⚠ This plan is incomplete: it was stopped before the end ({why}).**\n"


def done_line(outcome: PlanResult) -> str:
    """The run's last line, in the plan's language: time, model and tool calls."""
    language = outcome.trip.language
    ui = translator(language, "ui")
    model_calls = outcome.usage.get("llm_calls", 0)
    tool_calls = outcome.usage.get("tool_calls", 0)
    seconds = format_number(outcome.timings.get("total_s", 0), language, decimals=1)
    parts = (
        ui.gettext("Done in {seconds}s").format(seconds=seconds),
        ui.ngettext("{n} model call", "{n} model calls", model_calls).format(n=model_calls),
        ui.ngettext("{n} tool call", "{n} tool calls", tool_calls).format(n=tool_calls),
    )
    return " · ".join(parts)


class PlanPrinter:
    """Sends one run's events to the screen: progress to `status`, the plan to `write`."""

    def __init__(self, progress: Progress, write: Callable[[str], None]) -> None:
        self.progress = progress
        self.write = write
        self.wrote_plan = False

    async def run(self, planner: Planner, message: str, **kwargs: Any) -> Outcome:
        stream = planner.plan(message, **kwargs)
        # Closed at once when the screen fails (stdout closed): the run stops there.
        events = cast("AsyncGenerator[PlanEvent, None]", aiter(stream))
        async with contextlib.aclosing(events):
            async for event in events:
                if isinstance(event, PlanDelta):
                    if event.text:
                        self.wrote_plan = True
                        self.write(event.text)
                else:
                    self.progress(event)
        assert stream.outcome is not None
        self.timings = stream.timings
        self.usage = stream.usage
        return stream.outcome


def stdout_writer(as_json: bool) -> Callable[[str], None]:
    # While the spinner runs, rich routes sys.stdout through the (stderr) console. That is
    # right when both are the terminal; when stdout is redirected the plan must go there.
    stdout = sys.stdout
    to_terminal = stdout.isatty()

    def write(text: str) -> None:
        if not as_json:
            target = sys.stdout if to_terminal else stdout
            target.write(text)
            target.flush()

    return write


def read_message(status: Terminal, tty: bool, you: str) -> str:
    """The traveller's next message; the prompt goes where the progress goes (`input()` would
    write it to stdout when stdin is not a terminal)."""
    if tty:
        return status.input(f"[bold cyan]{escape(you)}>[/] ")
    status.print(f"{you}> ", end="", highlight=False)
    status.file.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    if not sys.stdin.isatty():
        status.print(escape(line.rstrip("\n")), highlight=False)  # what a terminal would echo
    return line
