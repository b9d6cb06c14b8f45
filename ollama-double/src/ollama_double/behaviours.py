"""Behaviours: how the double answers a chat request.

``tools``            calls an offered tool (``tool_calls``) until a tool result is in the
                     conversation, then answers in text that uses the results.
``no-tools``         never calls tools; answers in text.
``json-text-tools``  writes the tool call as JSON text in ``content``
                     (``{"name": ..., "arguments": {...}}``), like small models often do.
``slow``             like ``tools`` with long pauses before the first chunk and between chunks.
``errors``           HTTP 500 ``{"error": ...}`` (or an error line mid-stream), always or
                     for the first N calls, then behaves like ``tools``.
``tiny-model``       a real model: SmolLM2-135M-Instruct through xllamacpp (see tiny.py).
``oracle``           a perfect reader: a structured-output call (``format``) gets the JSON
                     answer stored for its request (see answer_tables.py), else the
                     scripted one; other calls as ``tools``.
``prose``            a chatty model: a structured-output call gets friendly prose and no
                     JSON at all; other calls as ``tools``.
``replay``           saved real answers: the first replay rule whose regex matches the
                     system text plus the last user turn gives the answer text; otherwise
                     as ``tools``.

A ``format`` (``"json"`` or a JSON schema) always shapes a text answer: the
scripted model then returns JSON (schema-valid, filled from the request: the text after a
``Request:`` line when the prompt quotes one; ``is_trip_request`` is true when the request
names a place, dates, a length, travellers, interests or a budget).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ollama_double.answer_tables import AnswerTable, ReplayRules
from ollama_double.scripted.briefs import (
    is_research_task,
    is_weather_task,
    research_brief,
    weather_brief,
)
from ollama_double.scripted.days import day_lines, plan_days
from ollama_double.scripted.prose import answer_text, chatty_reply
from ollama_double.scripted.schema import fill_schema
from ollama_double.scripted.tools import rank_tools, tool_arguments, tool_name
from ollama_double.scripted.trip import extract_trip, is_trip_request, request_part

BEHAVIOURS = (
    "tools",
    "no-tools",
    "json-text-tools",
    "slow",
    "errors",
    "tiny-model",
    "oracle",
    "prose",
    "replay",
)
TOOL_CALLING = ("tools", "slow", "errors", "json-text-tools", "oracle", "prose", "replay")


@dataclass
class Reply:
    content: str = ""
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    done_reason: str = "stop"


def _content_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if content is None:
        return ""
    return json.dumps(content)


@dataclass
class Conversation:
    last_user: str
    users: list[str]  # every user turn, newest first
    system: str
    results: list[tuple[str, str]]  # (tool name, content) since the last user turn
    rounds: int  # assistant tool-call turns since the last user turn
    called: set[str]  # tool names called since the last user turn


def _called_in_text(content: str) -> str | None:
    try:
        data = json.loads(content)
    except ValueError:
        return None
    return str(data["name"]) if isinstance(data, dict) and "name" in data else None


def read_conversation(messages: list[dict[str, Any]]) -> Conversation:
    last_user_index = -1
    for i, message in enumerate(messages):
        if message.get("role") == "user":
            last_user_index = i
    users = [_content_text(m) for m in messages if m.get("role") == "user"]
    users.reverse()
    system = "\n".join(_content_text(m) for m in messages if m.get("role") == "system")
    results: list[tuple[str, str]] = []
    rounds = 0
    called: set[str] = set()
    for message in messages[last_user_index + 1 :]:
        if message.get("role") == "tool":
            results.append((str(message.get("tool_name") or ""), _content_text(message)))
        if message.get("role") != "assistant":
            continue
        if message.get("tool_calls"):
            rounds += 1
            for call in message["tool_calls"]:
                called.add(str((call.get("function") or {}).get("name") or ""))
        elif name := _called_in_text(_content_text(message)):
            rounds += 1
            called.add(name)
    return Conversation(users[0] if users else "", users, system, results, rounds, called)


def make_tool_call(tool: dict[str, Any], context: str, index: int = 0) -> dict[str, Any]:
    name = tool_name(tool)
    return {
        "id": "call_" + hashlib.sha256(f"{name}|{context}|{index}".encode()).hexdigest()[:12],
        "function": {
            "index": index,
            "name": name,
            "arguments": tool_arguments(tool, context),
        },
    }


@dataclass
class Canned:
    """The answers the ``oracle`` and ``replay`` behaviours give before scripting one."""

    answers: AnswerTable = field(default_factory=AnswerTable)
    replay: ReplayRules = field(default_factory=ReplayRules)


def canned_reply(behaviour: str, conv: Conversation, fmt: Any, canned: Canned) -> Reply | None:
    structured = isinstance(fmt, dict) or fmt == "json"
    if behaviour == "replay":
        content = canned.replay.answer(conv.system, conv.last_user)
        return Reply(content=content) if content is not None else None
    if behaviour == "oracle" and structured:
        answer = canned.answers.lookup(conv.last_user)
        return Reply(content=json.dumps(answer, indent=2)) if answer is not None else None
    if behaviour == "prose" and structured:
        return Reply(content=chatty_reply(extract_trip("\n".join(conv.users))))
    return None


def scripted_reply(
    behaviour: str,
    messages: list[dict[str, Any]],
    tools: list[dict[str, Any]] | None,
    fmt: Any,
    *,
    max_tool_rounds: int = 1,
    parallel_tool_calls: int = 1,
    canned: Canned | None = None,
) -> Reply:
    """The deterministic answer of the scripted model for one chat request.

    Tool use: the first turn after a user message calls the most relevant offered
    tool (``parallel_tool_calls`` > 1 adds further relevant ones to the same turn).
    Later turns call another, not yet called, relevant tool while fewer than
    ``max_tool_rounds`` rounds were made; otherwise the answer is text.
    """
    conv = read_conversation(messages)
    if reply := canned_reply(behaviour, conv, fmt, canned or Canned()):
        return reply
    context = "\n".join(conv.users)
    if tools and behaviour in TOOL_CALLING and conv.rounds < max_tool_rounds:
        ranked = rank_tools(tools, f"{context}\n{conv.system}")
        fresh = [(score, tool) for score, tool in ranked if tool_name(tool) not in conv.called]
        if conv.rounds:
            fresh = [(score, tool) for score, tool in fresh if score > 0]
        chosen = [tool for i, (score, tool) in enumerate(fresh) if i == 0 or score > 0]
        chosen = chosen[: max(1, parallel_tool_calls)]
        if chosen:
            calls = [make_tool_call(tool, context, i) for i, tool in enumerate(chosen)]
            if behaviour == "json-text-tools":
                fn = calls[0]["function"]
                return Reply(content=json.dumps({"name": fn["name"], "arguments": fn["arguments"]}))
            return Reply(tool_calls=calls)

    facts = extract_trip(context)
    if isinstance(fmt, dict):
        asked = extract_trip(request_part(context))
        asked["is_trip_request"] = is_trip_request(asked)
        return Reply(content=json.dumps(fill_schema(fmt, asked), indent=2))
    if fmt == "json":
        return Reply(content=json.dumps(dict(facts)))

    for text in conv.users:
        if day_lines(text):
            return Reply(content=plan_days(text, extract_trip(text + "\n" + context)))
    if not conv.results and is_research_task(conv.last_user):
        return Reply(content=research_brief(facts))
    if not conv.results and is_weather_task(conv.last_user):
        # The weather is in the first user turn when the call continues another's conversation.
        return Reply(content=weather_brief("\n".join(conv.users)))
    return Reply(content=answer_text(conv.last_user, conv.results, facts))


_PIECE_RE = re.compile(r"\s*\S{1,12}|\s+$")


def split_pieces(text: str) -> list[str]:
    """Stream-sized pieces (about a word each) that join back to exactly ``text``."""
    pieces = _PIECE_RE.findall(text)
    if "".join(pieces) != text:  # never expected; fall back to fixed-size slices
        pieces = [text[i : i + 8] for i in range(0, len(text), 8)]
    return pieces
