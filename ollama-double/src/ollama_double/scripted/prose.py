"""Free text: short fluent paragraphs that reuse the prompt's words and tool results."""

from __future__ import annotations

import json
import re
from typing import Any

from ollama_double.scripted.trip import extract_trip
from ollama_double.scripted.vocabulary import STOPWORDS


def _key_words(text: str, limit: int = 6) -> list[str]:
    seen: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", text):
        if word.lower() in STOPWORDS or word.lower() in (s.lower() for s in seen):
            continue
        seen.append(word)
        if len(seen) >= limit:
            break
    return seen


def _summarise_tool_result(name: str, content: str) -> str:
    try:
        data = json.loads(content)
    except ValueError:
        snippet = " ".join(content.split())[:160]
        return f"{name or 'the tool'} returned: {snippet}"
    pairs: list[str] = []

    def walk(node: Any, prefix: str = "") -> None:
        if len(pairs) >= 6:
            return
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{prefix}{k}" if not prefix else f"{prefix}.{k}")
        elif isinstance(node, list):
            if node:
                walk(node[0], prefix)
        elif node is not None and prefix:
            pairs.append(f"{prefix.split('.')[-1].replace('_', ' ')} {node}")

    walk(data)
    return f"{name or 'the tool'} reports " + ", ".join(pairs) if pairs else f"{name} returned data"


def answer_text(
    user_text: str, tool_results: list[tuple[str, str]], facts: dict[str, Any] | None = None
) -> str:
    facts = facts or extract_trip(user_text)
    place = facts.get("destination")
    if tool_results:
        summaries = [_summarise_tool_result(n, c) for n, c in tool_results]
        lead = f"Here is what I found for {place}: " if place else "Here is what I found: "
        return lead + "; ".join(summaries) + ". These figures come from the tools I called."
    words = _key_words(user_text)
    topic = ", ".join(words[:4]) if words else "your request"
    if place:
        interests = facts.get("interests") or []
        focus = f" with a focus on {', '.join(interests)}" if interests else ""
        return (
            f"{place} is a rewarding choice{focus}. Plan unhurried days, mix well-known sights "
            f"with quieter neighbourhoods, and keep an eye on {topic}. "
            f"Book popular places ahead and leave room for a long lunch."
        )
    return (
        f"Here is a short answer about {topic}. "
        "The main points are to keep the plan simple, check the details that matter most, "
        "and leave some time free."
    )


def chatty_reply(facts: dict[str, Any]) -> str:
    """What a chatty small model writes when asked for JSON: friendly prose, no JSON at all."""
    place = facts.get("destination")
    days = facts.get("duration_days")
    interests = facts.get("interests") or []
    length = f" for {days} days" if days else ""
    focus = f" I love that you are into {' and '.join(interests[:2])}." if interests else ""
    if place:
        opening = f"Sure! You want to visit {place}, a lovely city{length}."
    else:
        opening = f"Sure! That sounds like a lovely trip{length}."
    return (
        f"{opening}{focus} It will be a wonderful experience, and I am happy to help you "
        "make the most of it. Let me know if you need anything else!"
    )
