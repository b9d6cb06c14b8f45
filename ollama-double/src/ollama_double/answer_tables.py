"""Canned answers: the ``oracle`` behaviour's answers table and the ``replay`` rules.

Answers table (``--answers FILE``, ``POST /_double/answers``): a JSON object
``{"<request text>": <JSON answer>, ...}``. A structured-output call is answered
with the entry for its last user turn: the exact text first, then the text with
whitespace and case normalised, then the longest entry whose normalised text the
turn contains (a prompt that wraps the request in instructions still finds it).

Replay rules (``--replay FILE``, ``POST /_double/replay``): a JSON list of
``{"match": "<regex>", "content": "<answer text>"}``. The regex is searched in the
system text plus the last user turn; the first rule that matches gives the answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


class AnswerTable:
    def __init__(self, entries: Mapping[str, Any] | None = None) -> None:
        self._exact: dict[str, Any] = {}
        self._normalised: dict[str, Any] = {}
        self.merge(entries or {})

    def __len__(self) -> int:
        return len(self._exact)

    def merge(self, entries: Any) -> None:
        """Add or replace entries; ``entries`` must be a JSON object keyed by request text."""
        if not isinstance(entries, Mapping) or not all(isinstance(k, str) for k in entries):
            raise ValueError('answers must be a JSON object: {"<request text>": {...}}')
        for request, answer in entries.items():
            self._exact[request] = answer
            self._normalised[normalise(request)] = answer

    def lookup(self, request: str) -> Any | None:
        """The answer for ``request``; None when the table has none."""
        if request in self._exact:
            return self._exact[request]
        wanted = normalise(request)
        if wanted in self._normalised:
            return self._normalised[wanted]
        contained = [key for key in self._normalised if key and key in wanted]
        return self._normalised[max(contained, key=len)] if contained else None


@dataclass(frozen=True)
class ReplayRule:
    pattern: re.Pattern[str]
    content: str


def parse_rules(data: Any) -> list[ReplayRule]:
    """Rules from their JSON form; ValueError names the first bad one."""
    if not isinstance(data, list):
        raise ValueError('replay rules must be a JSON list of {"match": ..., "content": ...}')
    rules: list[ReplayRule] = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("match", "content")
        ):
            raise ValueError(f'replay rule {number}: needs string "match" and "content"')
        try:
            pattern = re.compile(item["match"])
        except re.error as exc:
            raise ValueError(f"replay rule {number}: bad regex {item['match']!r}: {exc}") from exc
        rules.append(ReplayRule(pattern, item["content"]))
    return rules


class ReplayRules:
    def __init__(self, rules: list[ReplayRule] | None = None) -> None:
        self.rules = list(rules or [])

    def __len__(self) -> int:
        return len(self.rules)

    def replace(self, rules: list[ReplayRule]) -> None:
        self.rules = list(rules)

    def answer(self, system: str, last_user: str) -> str | None:
        text = f"{system}\n{last_user}"
        return next((rule.content for rule in self.rules if rule.pattern.search(text)), None)


def read_json_file(path: str) -> Any:
    """A JSON file's value; ValueError says which file and why."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
