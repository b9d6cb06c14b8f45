"""`PlanWriter`: the planner's streamed text in, checked plan Markdown out, day by day.

The model writes `### Day N` blocks with Morning/Afternoon/Evening lines. Each slot goes
through the prose checks; a day is the model's when at least two of its slots pass, otherwise
it is a marked default day. Nothing is printed until the model has planned a day: a plan made
only of defaults prints nothing, and `gate` turns it into `UnusableModelOutputError` (exit 3).

For a refinement only the days it names are rewritten (a day trip takes one day, chosen when
the traveller did not say which); every other day, default markers included, stays as it was,
and a rewritten day the model gets wrong keeps its previous text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from travel_planner import prose
from travel_planner.errors import UnusableModelOutputError
from travel_planner.facts import Facts
from travel_planner.plan.days import DAY_HEADING, PLANNED_SLOTS, SLOT_LINE, DayPlan, slot_of
from travel_planner.plan.render import render_day, render_footer, render_header
from travel_planner.plan.words import Words
from travel_planner.prompts import refine_target
from travel_planner.prose.text import (
    is_cut_off,
    is_junk_line,
    sentence_key,
    sentences,
    words,
)
from travel_planner.trip import Notice, Refinement, Trip

if TYPE_CHECKING:
    from travel_planner.result import PlanDraft

SAMPLE_CHARS = 200
# Models that write usable plans, smallest first: the fix names the first two not in use.
CAPABLE_MODELS = ("phi4-mini", "qwen2.5:3b", "qwen2.5:7b", "llama3.1:8b")


def unusable_fix(model: str) -> str:
    others = [m for m in CAPABLE_MODELS if m != model.removesuffix(":latest")][:2]
    return (
        f"a bigger model (OLLAMA_MODEL_ID, e.g. {' or '.join(others)}) writes usable plans; "
        "check `docker compose logs ollama`, and raise OLLAMA_REQUEST_TIMEOUT_SECONDS on a slow "
        "CPU."
    )


def _mentions(text: str, place: str) -> bool:
    return " ".join(words(place)) in " ".join(words(text))


class NoPlannedDayError(UnusableModelOutputError):
    """The model planned none of the days it was asked for; `report` says what the checks
    rejected (for `--json` and the benchmark)."""

    def __init__(self, model: str, address: str, returned: str, report: dict[str, Any]):
        super().__init__(model, address, returned, unusable_fix(model))
        self.report = report


@dataclass(frozen=True)
class WriterOutput:
    """What one piece of model text gave: finished plan Markdown (often empty), the piece
    itself (a live preview) and the day being written."""

    plan: str
    draft: str
    day: int | None


class PlanWriter:
    """Turns the planner's streamed text into plan Markdown as it arrives."""

    @classmethod
    def for_change(cls, previous: PlanDraft, refinement: Refinement) -> PlanWriter:
        """A writer for a change to `previous`: the days it does not rewrite stay as they are."""
        return cls(
            previous.trip,
            previous.facts,
            previous.research,
            previous.weather_brief,
            refinement=refinement,
            previous=previous.days,
        )

    def __init__(
        self,
        trip: Trip,
        facts: Facts,
        research: str = "",
        weather: str = "",
        *,
        refinement: Refinement | None = None,
        previous: dict[int, DayPlan] | None = None,
        rejected: Iterable[str] = (),
    ) -> None:
        self.trip = trip
        self.facts = facts
        self.words = Words(trip.language)
        self.reference = prose.Reference(trip, facts)
        # `rejected`: what the checks removed from the briefs before the plan started.
        self.rejected: Counter[str] = Counter(rejected)
        self.research = research
        self.seen: set[str] = {
            sentence_key(s) for line in research.splitlines() for s in sentences(line)
        }
        # The two briefs are written side by side: the weather brief may not repeat the other.
        checked = prose.check_text(
            weather,
            self.reference,
            self.seen,
            prose.BRIEF_CHARS["weather"],
            answer=False,
            weather=True,
        )
        self.weather = checked.text
        self.rejected.update(prose.brief_rejections("weather", checked.rejected))
        previous = previous or {}
        for day in previous.values():
            # A rewritten day must say something new; the others must not be copied.
            self.seen |= {sentence_key(s) for text in day.slots.values() for s in sentences(text)}
        total = trip.length_days
        target = refine_target(trip, facts, refinement) if refinement else None
        self.rewrite = set(target.days) if target else set(range(1, total + 1))
        self.day_trip = (
            (target.day_trip_day, target.day_trip) if target and target.day_trip else None
        )
        self.refining = refinement is not None
        self.previous = previous
        self.days: dict[int, DayPlan] = {
            n: previous.get(n, DayPlan(source="default"))
            for n in range(1, total + 1)
            if n not in self.rewrite
        }
        self.new_days: list[int] = []
        self._buffer = ""
        self._current: int | None = None
        self._slots: dict[str, str] = {}
        self._waiting: str | None = None
        self._seen_day = False
        self._emitted = 0
        self._started = False
        self._pending = ""
        self._flushed = False

    @property
    def total(self) -> int:
        return self.trip.length_days

    def header(self) -> str:
        return render_header(self.trip, self.research, self.weather, self.facts, self.words)

    # -- reading the model's lines -------------------------------------------------------------

    def _open(self, n: int) -> int | None:
        """The day a `### Day n` heading starts, or None when the block is to be ignored."""
        open_days = sorted(self.rewrite - set(self.days))
        if not open_days:
            return None
        if self.refining:
            # A model asked for day 3 may still write "Day 1": the block is for the next day
            # it was asked to rewrite.
            return n if n in open_days else open_days[0]
        if n not in open_days:
            return None
        for gap in (d for d in open_days if d < n):
            self.days[gap] = DayPlan(source="default")
        return n

    def _line(self, line: str) -> None:
        if is_junk_line(line):
            self.rejected["junk"] += 1
            return
        heading = DAY_HEADING.match(line)
        slot = SLOT_LINE.match(line)
        if heading or (slot and not self._seen_day):
            # A plan that starts with a slot line and no heading starts with day 1.
            self._seen_day = True
            self._close()
            self._current = self._open(int(heading.group(1)) if heading else 1)
            self._slots = {}
            self._waiting = None
            line = line[heading.end() :].lstrip(" :)*-–—(") if heading else line
            slot = SLOT_LINE.match(line)
            if not line:
                return
        if self._current is None:
            return
        if slot:
            name = slot_of(slot.group(1))
            text = slot.group(2).strip()
            # "- Morning:" alone on its line: its text is the next line.
            self._waiting = None if text or name in self._slots else name
            if text and name not in self._slots:
                self._slots[name] = text
        elif self._waiting and line.strip():
            self._slots[self._waiting] = line.strip()
            self._waiting = None

    def _close(self) -> None:
        n, self._current = self._current, None
        if n is None:
            return
        accepted: dict[str, str] = {}
        for name, text in self._slots.items():
            checked = prose.check_slot(text, self.reference, self.seen)
            self.rejected.update(checked.rejected)
            if checked.text:
                accepted[name] = checked.text
        trip_place = self.day_trip[1] if self.day_trip and self.day_trip[0] == n else None
        if trip_place and not any(_mentions(text, trip_place) for text in accepted.values()):
            # A day trip the model wrote without going there is not the change asked for.
            self.rejected["day_trip_missing"] += 1
            accepted = {}
        if len(accepted) >= PLANNED_SLOTS:
            self.days[n] = DayPlan(slots=accepted, source="model", day_trip=trip_place)
            self.new_days.append(n)
        else:
            self.rejected["unplanned_day"] += 1
            self.days[n] = (
                self.previous.get(n, DayPlan(source="default"))
                if self.refining
                else DayPlan(source="default")
            )

    # -- writing the plan ----------------------------------------------------------------------

    def _emit(self, force: bool = False) -> str:
        if not self._started:
            if not (self.new_days or force):
                return ""
            self._started = True
            out = self.header()
        else:
            out = ""
        while self._emitted < self.total and (self._emitted + 1) in self.days:
            n = self._emitted + 1
            out += render_day(n, self.trip.days[n - 1], self.days[n], self.facts, self.words)
            self._emitted = n
        return out

    def feed(self, chunk: str) -> WriterOutput:
        """Take more model text; the plan Markdown that is now final (may be empty)."""
        self._buffer += chunk
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            self._line(line)
        return WriterOutput(self._emit(), chunk, self._current)

    def _flush(self) -> None:
        if self._flushed:
            return
        self._flushed = True
        if self._buffer and is_cut_off(self._buffer):
            # The answer ran into its token limit mid-line: that line is unfinished.
            self.rejected["fragment"] += 1
        elif self._buffer:
            self._line(self._buffer)
        self._buffer = ""
        self._close()
        for n in sorted(self.rewrite - set(self.days)):
            self.days[n] = (
                self.previous.get(n, DayPlan(source="default"))
                if self.refining
                else DayPlan(source="default")
            )
        self._pending += self._emit()

    def finish(self, notices: list[Notice] | None = None) -> str:
        """Every day not printed yet, then the footer (budget, packing, facts, sources, notes)."""
        self._flush()
        out, self._pending = self._pending + self._emit(force=True), ""
        return out + render_footer(self.trip, self.facts, notices or [], self.words, self._notes())

    def _notes(self) -> list[str]:
        w = self.words
        notes = []
        if self.refining and self.new_days:
            notes.append(
                w.n_(
                    "Rewritten as you asked: day {days}.",
                    "Rewritten as you asked: days {days}.",
                    len(self.new_days),
                ).format(days=w.days_list(self.new_days))
            )
        if self.day_trip and self.day_trip[0] in self.new_days:
            notes.append(
                w._("Day {n} is now a day trip to {place}.").format(
                    n=self.day_trip[0], place=self.day_trip[1]
                )
            )
        defaults = self.default_days
        if defaults and self.model_days:
            notes.append(
                w.n_(
                    "Day {days} is a default suggestion: the model did not plan it.",
                    "Days {days} are default suggestions: the model did not plan them.",
                    len(defaults),
                ).format(days=w.days_list(defaults))
            )
        return notes

    # -- what the model achieved ---------------------------------------------------------------

    @property
    def model_days(self) -> list[int]:
        return sorted(n for n, d in self.days.items() if d.planned)

    @property
    def default_days(self) -> list[int]:
        return sorted(n for n in range(1, self.total + 1) if n not in self.model_days)

    def report(self) -> dict[str, Any]:
        """What the checks did, for `--json` and the benchmark."""
        report: dict[str, Any] = {
            "model_days": self.model_days,
            "default_days": self.default_days,
            "rejected": dict(sorted(self.rejected.items())),
        }
        if self.refining:
            report["rewritten_days"] = sorted(self.new_days)
        if self.day_trip:
            report["day_trip"] = {"day": self.day_trip[0], "place": self.day_trip[1]}
        return report

    def gate(self, model: str, address: str, sample: str, error: str | None = None) -> None:
        """Stop when the model planned no day it was asked for: a plan of defaults is not worth
        printing. `sample` is what the model wrote, `error` why its calls failed."""
        self._flush()
        if self.new_days:
            return
        returned = re.sub(r"\s+", " ", sample).strip()[:SAMPLE_CHARS]
        # What the checks removed from the plan's days; the briefs' counts are in the report.
        checks = ", ".join(
            f"{k} {v}" for k, v in sorted(self.rejected.items()) if "_brief_" not in k
        )
        if returned:
            what = f"it wrote {returned!r}" + (
                f" (rejected by the checks: {checks})" if checks else ""
            )
        else:
            what = f"Ollama answered with an error ({error})" if error else "it wrote nothing"
        if self.refining:
            days = ", ".join(map(str, sorted(self.rewrite)))
            what = f"no usable text for day {days} of the change: {what}"
        raise NoPlannedDayError(model, address, what, self.report())
