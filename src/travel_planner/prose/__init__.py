"""Checks on what the model writes, before any of it reaches the traveller. One place.

Model prose is judged sentence by sentence; a sentence is dropped by the first check it fails:

    placeholder  template text copied back ("<what to see>", "[place]", "...")
    fragment     too short to say anything ("Morning: St.", "Afternoon: 202", "Trip details:")
    echo         repeats the prompt or its instructions ("Country: France; languages: ...")
    repeat       said before in this plan, or one phrase over and over
    figure       a date, duration, price, temperature, time or count the facts do not back
                 ("This 1-day itinerary" for 4 days, "built in 1755")
    generic      (plan slots only) names no place: "Explore the city."

Whole answers are refused first when they are a tool call written as text (`tool_call`);
JSON and markup lines are dropped (`junk`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from babel import Locale

from travel_planner import prompts
from travel_planner.facts import Facts
from travel_planner.i18n import SUPPORTED_LANGUAGES
from travel_planner.prose.figures import DAY_WORDS, FactFigures, find_figures, unmatched_figures
from travel_planner.prose.text import (
    find_text_tool_call,
    is_about_weather,
    is_cut_off,
    is_fragment,
    is_junk_line,
    is_label_list,
    is_labelled_items,
    is_meta,
    is_placeholder,
    is_repetitive,
    sentence_key,
    sentences,
    split_bullet,
    strip_markup,
    words,
)
from travel_planner.trip import Trip

Check = Literal[
    "tool_call", "junk", "placeholder", "fragment", "echo", "repeat", "figure", "generic"
]
CHECKS: tuple[Check, ...] = (
    "tool_call", "junk", "placeholder", "fragment", "echo", "repeat", "figure", "generic"
)  # fmt: skip
BRIEF_CHARS = {"research": 900, "weather": 500}
SLOT_CHARS = 300
ECHO_SHARE = 0.5
LABEL_ECHO_SHARE = 0.6
SLOT_WORDS = (
    "morning", "afternoon", "evening", "night", "mañana", "tarde", "noche", "matin",
    "après-midi", "soir", "soirée", "morgen", "vormittag", "nachmittag", "abend", "manhã",
    "noite", "mattina", "pomeriggio", "sera", "serata",
)  # fmt: skip
PRONOUNS = ("i", "sie", "ihr", "ihnen", "usted", "vous")


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    names: set[str] = set()
    for language in SUPPORTED_LANGUAGES:
        locale = Locale.parse(language)
        for table in (locale.months, locale.days):
            for width in ("wide", "abbreviated"):
                names |= {n.casefold().rstrip(".") for n in table["format"][width].values()}
    return frozenset(names)


_LABEL_FIRST = re.compile(r"^[^:.!?]{1,40}:\s")


def _trigrams(found: list[str]) -> set[str]:
    return {" ".join(found[i : i + 3]) for i in range(len(found) - 2)}


class Reference:
    """What model text is judged against: the text code wrote into this trip's prompts, and
    the figures its facts back."""

    def __init__(self, trip: Trip, facts: Facts) -> None:
        prompt = prompts.reference_text(trip, facts)
        found = words(prompt)
        self._text = f" {' '.join(found)} "
        self._trigrams = _trigrams(found)
        self._vocabulary = set(found)
        self.figures = FactFigures(trip, facts)
        own = [trip.destination, trip.destination_written or "", trip.country, trip.region or ""]
        self.common = (
            _calendar_words()
            | {w for name in own for w in words(name)}
            | set(SLOT_WORDS)
            | set(PRONOUNS)
            | set(DAY_WORDS)
        )

    def is_echo(self, sentence: str) -> bool:
        """The sentence repeats the prompt: a labelled list, a prompt line copied whole, or
        mostly the prompt's own word sequences."""
        found = words(sentence)
        if is_meta(sentence) or is_label_list(sentence):
            return True
        if is_labelled_items(sentence) and found:
            # "Country: France; languages: French" - the prompt's facts as a list.
            return sum(w in self._vocabulary for w in found) >= LABEL_ECHO_SHARE * len(found)
        if len(found) >= 3 and f" {' '.join(found)} " in self._text:
            return True
        grams = _trigrams(found)
        return len(found) >= 4 and len(grams & self._trigrams) >= ECHO_SHARE * len(grams)

    def names(self, text: str) -> list[str]:
        """Proper names in `text`: capitalised words that do not start a sentence and are not
        the destination, a weekday, a month or a slot."""
        out = []
        for sentence in sentences(text):
            tokens = re.findall(r"[^\W\d_][\w'’-]*", sentence)
            # "Alfama: old lanes and fado" - a name as the label is a name too.
            first = 0 if _LABEL_FIRST.match(sentence) else 1
            out += [
                t for t in tokens[first:] if t[:1].isupper() and t.casefold() not in self.common
            ]
        return out


def judge(sentence: str, reference: Reference, seen: set[str]) -> Check | None:
    """The first check the sentence fails, or None when it may be shown."""
    if is_placeholder(sentence):
        return "placeholder"
    if is_fragment(sentence):
        return "fragment"
    if reference.is_echo(sentence):
        return "echo"
    if sentence_key(sentence) in seen or is_repetitive(sentence):
        return "repeat"
    if unmatched_figures(sentence, reference.figures):
        return "figure"
    return None


@dataclass(frozen=True)
class Checked:
    """Text that passed the checks, and the check that removed each dropped piece."""

    text: str
    rejected: list[str] = field(default_factory=list)


def _cap(lines: list[str], limit: int) -> str:
    kept: list[str] = []
    for line in lines:
        if sum(len(k) + 1 for k in kept) + len(line) > limit:
            break
        kept.append(line)
    return "\n".join(kept)


def check_text(
    text: str,
    reference: Reference,
    seen: set[str],
    limit: int,
    *,
    answer: bool = True,
    named: bool = False,
    weather: bool = False,
) -> Checked:
    """Model prose, line by line and sentence by sentence; `seen` gains what is kept.
    `answer`: the text is a whole answer, whose last line may have been cut off; `named`:
    a line must name a place to be kept; `weather`: a line must be about the weather."""
    if find_text_tool_call(text) is not None:
        return Checked("", ["tool_call"])
    rejected: list[str] = []
    lines: list[str] = []
    raw_lines = [line for line in strip_markup(text).splitlines() if line.strip()]
    if answer and raw_lines and is_cut_off(raw_lines[-1]):
        # The answer ran into its token limit: its last sentence is unfinished.
        bullet, body = split_bullet(raw_lines.pop())
        rejected.append("fragment")
        if len(complete := sentences(body)[:-1]):
            raw_lines.append(bullet + " ".join(complete))
    for raw in raw_lines:
        if is_junk_line(raw):
            rejected.append("junk")
            continue
        bullet, body = split_bullet(raw)
        kept: list[str] = []
        for sentence in sentences(body):
            reason = judge(sentence, reference, seen | {sentence_key(k) for k in kept})
            if reason is None:
                kept.append(sentence)
            else:
                rejected.append(reason)
        joined = " ".join(kept)
        off_topic = (named and not reference.names(joined)) or (
            weather and not is_about_weather(joined)
        )
        if kept and off_topic:
            rejected.append("generic")
        elif kept:
            seen |= {sentence_key(k) for k in kept}
            lines.append(bullet + " ".join(kept))
    return Checked(_cap(lines, limit), rejected)


def check_brief(
    text: str,
    trip: Trip,
    facts: Facts,
    kind: Literal["research", "weather"],
    *,
    seen: set[str] | None = None,
) -> Checked:
    """A brief as the traveller may read it (possibly empty). `seen`: sentences already in
    the plan (the other brief), which this one must not repeat."""
    # The research brief is there to name places; the weather brief to talk about weather.
    reference = Reference(trip, facts)
    limit = BRIEF_CHARS[kind]
    research = kind == "research"
    return check_text(text, reference, set(seen or ()), limit, named=research, weather=not research)


def brief_rejections(kind: Literal["research", "weather"], rejected: Iterable[str]) -> list[str]:
    """The quality report's keys for what the checks removed from a brief
    (`research_brief_generic`), apart from the day slots' own counts."""
    return [f"{kind}_brief_{check}" for check in rejected]


def check_slot(text: str, reference: Reference, seen: set[str]) -> Checked:
    """One Morning/Afternoon/Evening text: kept only if something passes and names a place."""
    checked = check_text(text.replace("\n", " "), reference, set(seen), SLOT_CHARS, answer=False)
    if not checked.text:
        return Checked("", checked.rejected or ["fragment"])
    if not reference.names(checked.text):
        return Checked("", [*checked.rejected, "generic"])
    seen |= {sentence_key(s) for s in sentences(checked.text)}
    return checked


def audit(trip: Trip, facts: Facts, pieces: Iterable[str], plan: str = "") -> dict[str, int]:
    """Counts over the model prose a printed plan shows (the benchmark's measure): echoed
    lines, repeated sentences, figures the facts do not back, placeholders."""
    reference = Reference(trip, facts)
    found = [
        s
        for piece in pieces
        for line in piece.splitlines()
        for s in sentences(split_bullet(line)[1])
    ]
    keys = Counter(sentence_key(s) for s in found if sentence_key(s))
    counts = {
        "sentences": len(found),
        "echoed_lines": sum(reference.is_echo(s) for s in found),
        "repeated_sentences": sum(n - 1 for n in keys.values()),
        "unmatched_figures": sum(len(unmatched_figures(s, reference.figures)) for s in found),
        "placeholders": sum(is_placeholder(s) for s in found),
    }
    counts["placeholders"] += len(re.findall(r"<[^<>\n]{1,60}>", plan))
    return counts


__all__ = [
    "CHECKS",
    "Check",
    "Checked",
    "Reference",
    "audit",
    "brief_rejections",
    "check_brief",
    "check_slot",
    "check_text",
    "find_figures",
    "find_text_tool_call",
    "judge",
]
