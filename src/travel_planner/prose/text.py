"""The shape of model text: tool calls sent as JSON text, fences, stray JSON, sentences,
placeholders and fragments.

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


def strip_markup(text: str) -> str:
    """Text without code fences and tool-call tags."""
    return _TAGS.sub(" ", _FENCE.sub(" ", text))


_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = ("st", "dr", "av", "mt", "sr", "sra", "sta", "sto", "str", "pl", "no")


def split_bullet(line: str) -> tuple[str, str]:
    """("- ", "text") for a bullet line, ("", text) otherwise; Markdown emphasis removed."""
    match = _BULLET.match(line)
    bullet = "- " if match else ""
    text = line[match.end() :] if match else line
    return bullet, re.sub(r"(\*\*|__|\*|`)", "", text).strip().lstrip("#").strip()


def sentences(text: str) -> list[str]:
    """Sentences of one line; "St. Peter's" does not end a sentence."""
    parts = re.split(r"(?<=[.!?…])\s+", text.strip())
    out: list[str] = []
    for part in parts:
        if out and out[-1].split()[-1].lower().rstrip(".") in _ABBREVIATIONS:
            out[-1] += " " + part
        elif part:
            out.append(part)
    return out


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’][^\W_]+)?", text.casefold())


def sentence_key(text: str) -> str:
    """What two sentences must share to be "the same sentence"."""
    return " ".join(words(text))


_PLACEHOLDER = re.compile(
    r"<[^<>]{1,60}>|\[[^\[\]]{1,60}\]|\{[^{}]{0,60}\}|^\W*$|^\(.*\)$|\.\.\.|…$"
    r"|\b(?:tbd|todo|xxx|lorem|ipsum|placeholder|insert here|n/a)\b",
    re.I,
)


def is_placeholder(text: str) -> bool:
    """Template text a small model copied back ("<what to see>", "[place]", "...")."""
    return bool(_PLACEHOLDER.search(text.strip()))


# "Country: Portugal; languages: Portuguese" - a list of labelled values, not a sentence.
_LABEL_LIST = re.compile(r"^[^\W\d_][\w ]{1,24}:\s*[^:;]+[;|]\s*[^\W\d_][\w ]{1,24}:", re.U)


# Words about the prompt itself: "Write the brief.", "Answer in this format".
_META = re.compile(
    r"\b(?:brief|bullet points?|instructions?|prompt|template|json|markdown|as an ai|"
    r"language model|in this format|the format|ai assistant|i can help|i will help|"
    r"help you (?:write|plan)|this is a (?:report|plan|brief)|assistant|asistente|assistente)\b",
    re.I,
)


# "Daily weather: warm, showers, some showers." - a label and a list of short items.
_LABELLED_ITEMS = re.compile(r"^[^\W\d_][\w ]{1,30}:\s*(?:[\w' -]{1,25},\s*){1,}[\w' -]{1,25}\.?$")


def is_label_list(text: str) -> bool:
    """Several labelled values rather than a sentence: a data dump."""
    return bool(_LABEL_LIST.match(text.strip()))


def is_labelled_items(text: str) -> bool:
    """One label and a list of short items (an echo when the items are the prompt's)."""
    return bool(_LABELLED_ITEMS.match(text.strip()))


def is_meta(text: str) -> bool:
    """Talk about the task rather than the trip."""
    return bool(_META.search(text))


MIN_WORDS = 4


def is_fragment(text: str) -> bool:
    """Too little to be a sentence: fewer than four words, no word of four letters, a
    dangling label ("Trip details:") or abbreviation ("Morning: St.")."""
    found = [w for w in words(text) if not w.isdigit()]
    stripped = text.strip()
    if len(found) < MIN_WORDS or not any(len(w) >= 4 for w in found):
        return True
    if stripped.endswith((":", ",", ";", "-", "–")):
        return True
    return found[-1] in _ABBREVIATIONS and stripped.endswith(".")


_END = ".!?…:)\"'»”*"


def is_cut_off(line: str) -> bool:
    """A last line that stops mid-sentence: the answer ran into its token limit. (A bullet
    needs no full stop, so a bullet line counts as finished.)"""
    return not _BULLET.match(line) and not line.rstrip().endswith(tuple(_END))


def is_repetitive(text: str) -> bool:
    """A sentence that says one thing over and over ("to the beach, and to the beach, ...")."""
    parts = [
        p.strip().lower()
        for p in re.split(r"[;,.!]|\band\b|\by\b|\bet\b|\bund\b|\be\b", text)
        if p.strip()
    ]
    if len(parts) >= 4 and len(set(parts)) <= len(parts) // 2:
        return True
    found = words(text)
    if len(found) >= 12:
        grams = [" ".join(found[i : i + 3]) for i in range(len(found) - 2)]
        return len(set(grams)) <= len(grams) // 2
    return False


# What a weather brief talks about, in the plan languages (word starts).
_WEATHER_WORDS = re.compile(
    r"\b(?:rain|shower|sun|warm|cold|hot|mild|cool|wet|dry|umbrella|jacket|wear|layer|weather|"
    r"temperat|wind|snow|season|coat|cloud|indoor|outdoor|"
    r"lluv|chubasc|calor|fr[ií]o|templad|h[uú]med|paragua|chaqueta|abrig|tiempo|vient|niev|"
    r"estaci[oó]n|nub|ropa|aire libre|"
    r"pluie|pluv|averse|soleil|chaud|froid|doux|humide|parapluie|veste|manteau|m[ée]t[ée]o|"
    r"vent|neige|saison|nuage|int[ée]rieur|plein air|v[êe]tement|"
    r"regen|schauer|sonn|kalt|hei[ßs]|k[üu]hl|nass|trocken|schirm|jacke|mantel|wetter|schnee|"
    r"jahreszeit|wolk|drinnen|drau[ßs]en|kleidung|"
    r"chuv|aguaceiro|quente|ameno|fresc|seco|casaco|tempo|vento|neve|nuv|roupa|ar livre|"
    r"piogg|rovesc|sole|caldo|fredd|mite|umid|secco|ombrell|giacca|cappotto|stagion|nuvol|"
    r"al chiuso|all'aperto|vestit)",
    re.I,
)


def is_about_weather(text: str) -> bool:
    return bool(_WEATHER_WORDS.search(text))
