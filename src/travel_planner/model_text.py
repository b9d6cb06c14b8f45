"""Cleaning what a small model writes: tool calls sent as JSON text, fences, stray JSON.

Small models (phi4-mini among them) sometimes answer with a tool call written into the message
content instead of `tool_calls`. That text must never reach the traveller as the plan.
"""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```[a-zA-Z]*\s*(.*?)```", re.S)
_TAGS = re.compile(r"</?tool_call>|\[TOOL_CALLS\]|<\|[a-z_]+\|>|functools", re.I)
_JUNK_LINE = re.compile(
    r'^\s*([{}\[\]]|```|"[\w ]+"\s*:|</?tool_call>|\[TOOL_CALLS\]|<\|)'
    r'|"(name|arguments|parameters)"\s*:'
)


def _as_call(data: Any) -> dict[str, Any] | None:
    if isinstance(data, list) and data:
        return _as_call(data[0])
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("tool_calls"), list):
        return _as_call(data["tool_calls"])
    if isinstance(data.get("function"), dict):
        return _as_call(data["function"])
    name = data.get("name") or data.get("tool") or data.get("tool_name")
    args = data.get("arguments", data.get("parameters", data.get("args")))
    if isinstance(args, str):
        try:
            args = json.loads(args)
        except ValueError:
            return None
    if isinstance(name, str) and name and isinstance(args, dict):
        return {"name": name, "arguments": args}
    return None


def find_text_tool_call(text: str) -> dict[str, Any] | None:
    """If `text` is (mostly) a tool call written as JSON, return {"name", "arguments"}."""
    stripped = _TAGS.sub(" ", text).strip()
    candidates = [m.group(1).strip() for m in _FENCE.finditer(stripped)] + [stripped]
    for candidate in candidates:
        start = min((i for i in (candidate.find("{"), candidate.find("[")) if i >= 0), default=-1)
        if start < 0:
            continue
        try:
            data, _ = json.JSONDecoder().raw_decode(candidate[start:])
        except ValueError:
            continue
        call = _as_call(data)
        if call is not None:
            return call
    return None


def is_junk_line(line: str) -> bool:
    """A line that is JSON, a code fence or tool-call markup rather than prose."""
    return bool(_JUNK_LINE.search(line))


# Figures only the tools may state: dates, temperatures, rain, percentages, money.
_FIGURE = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|\d+(?:[.,]\d+)?\s*(?:°|º|degrees?\b|[CF]\b|mm\b|%|EUR\b|USD\b|GBP\b|euros?\b|dollars?\b)"
    r"|[€$£¥]\s*\d",
    re.I,
)
_PLACEHOLDER = re.compile(r"^\W*$|^<[^>]*>$|^\(.*\)$|^\.\.\.$|^tbd$", re.I)
_ECHO = re.compile(
    r"^\s*(trip:|days:|day \d+ \(\d{4}-|weather \(|research notes:|weather notes:)", re.I
)


def has_figures(text: str) -> bool:
    """Whether text states a date, temperature, rain amount, percentage or price."""
    return bool(_FIGURE.search(text))


def _repetitive(line: str) -> bool:
    parts = [p.strip().lower() for p in re.split(r"[;,.!]", line) if p.strip()]
    return len(parts) >= 4 and len(set(parts)) <= len(parts) // 2


def without_figures(text: str) -> str:
    """The sentences of `text` that state no figure (the plan's figures come from tools)."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = [s for s in sentences if s and not has_figures(s)]
    result = " ".join(kept).strip()
    return "" if _PLACEHOLDER.match(result) else result


def clean_prose(text: str, max_chars: int = 900) -> str:
    """Prose only: JSON, fences, tool-call markup, echoed prompt lines, repeated lines and
    model-stated figures removed; capped in length."""
    text = _FENCE.sub(" ", text)
    text = _TAGS.sub(" ", text)
    lines: list[str] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        line = raw.rstrip()
        key = " ".join(line.lower().split())
        if not key or key in seen or is_junk_line(line) or _ECHO.match(line):
            continue
        seen.add(key)
        if _repetitive(line):
            continue
        line = without_figures(line) if has_figures(line) else line
        if line.strip(" -*•"):
            lines.append(line)
    cleaned = "\n".join(lines).strip()
    if len(cleaned) > max_chars:
        cut = cleaned[:max_chars]
        cleaned = cut[: cut.rfind(" ")].rstrip(",;:") + " …" if " " in cut else cut
    return cleaned


def is_placeholder(text: str) -> bool:
    """Template text a small model copied back ("<what to see>", "...")."""
    return bool(_PLACEHOLDER.match(text.strip()))
