"""A deterministic scripted "model": small, readable rules instead of weights.

* ``extract_trip(text)`` pulls trip facts out of a request with a few regular
  expressions and keyword lists (place names, ISO dates, month, duration,
  travellers, interests, budget, currencies).
* ``fill_schema(schema, facts)`` produces JSON that is valid against the JSON
  schema the client sent in ``format``: properties it knows by name get the
  extracted values, everything else a type-appropriate null/empty value.
* ``plan_days(text, facts)`` answers planner prompts (lines ``Day N (YYYY-MM-DD,
  Weekday): ...``) with ``### Day N`` sections holding Morning/Afternoon/Evening lines.
* ``choose_tool`` / ``tool_arguments`` pick an offered tool and fill its required
  arguments from the conversation.
* ``answer_text`` writes a short fluent paragraph that reuses the prompt's words
  (and the tool results, when there are any).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

MONTHS = {
    name: i
    for i, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTH_ABBR = {name[:3]: i for name, i in MONTHS.items()}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "couple of": 2,
    "few": 3,
}
_NUM = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

COUNTRIES = {
    "Portugal",
    "Spain",
    "France",
    "Italy",
    "Germany",
    "Japan",
    "China",
    "Greece",
    "Norway",
    "Sweden",
    "Iceland",
    "Ireland",
    "Austria",
    "Switzerland",
    "Netherlands",
    "Belgium",
    "Croatia",
    "Morocco",
    "Mexico",
    "Canada",
    "Brazil",
    "Argentina",
    "Peru",
    "Chile",
    "Australia",
    "India",
    "Thailand",
    "Vietnam",
    "Indonesia",
    "Egypt",
    "Turkey",
    "Poland",
    "Denmark",
    "Finland",
    "Scotland",
    "England",
    "Kenya",
    "South Africa",
    "New Zealand",
    "United States",
    "United Kingdom",
    "USA",
    "UK",
}
CITY_COUNTRY = {
    "Lisbon": "Portugal",
    "Porto": "Portugal",
    "Madrid": "Spain",
    "Barcelona": "Spain",
    "Seville": "Spain",
    "Paris": "France",
    "Nice": "France",
    "Lyon": "France",
    "Rome": "Italy",
    "Florence": "Italy",
    "Venice": "Italy",
    "Milan": "Italy",
    "Berlin": "Germany",
    "Munich": "Germany",
    "Tokyo": "Japan",
    "Kyoto": "Japan",
    "Osaka": "Japan",
    "Athens": "Greece",
    "Oslo": "Norway",
    "Stockholm": "Sweden",
    "Reykjavik": "Iceland",
    "Dublin": "Ireland",
    "Vienna": "Austria",
    "Zurich": "Switzerland",
    "Amsterdam": "Netherlands",
    "Brussels": "Belgium",
    "Prague": "Czechia",
    "Budapest": "Hungary",
    "Edinburgh": "United Kingdom",
    "London": "United Kingdom",
    "New York": "United States",
    "Chicago": "United States",
    "Sydney": "Australia",
    "Bangkok": "Thailand",
    "Istanbul": "Turkey",
    "Marrakesh": "Morocco",
    "Cairo": "Egypt",
    "Mexico City": "Mexico",
    "Toronto": "Canada",
}

INTERESTS = [
    "food",
    "museums",
    "museum",
    "art",
    "history",
    "hiking",
    "beaches",
    "beach",
    "nightlife",
    "shopping",
    "architecture",
    "nature",
    "music",
    "wine",
    "culture",
    "photography",
    "cycling",
    "skiing",
    "temples",
    "gardens",
    "markets",
    "coffee",
    "street food",
    "theatre",
    "castles",
    "surfing",
    "diving",
    "parks",
    "football",
    "festivals",
]

CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
}
ISO_CURRENCIES = {
    "EUR",
    "USD",
    "GBP",
    "JPY",
    "CHF",
    "CAD",
    "AUD",
    "NZD",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "HUF",
    "CNY",
    "INR",
    "BRL",
    "MXN",
    "THB",
    "TRY",
    "ZAR",
    "ISK",
}

STOPWORDS = {
    "the",
    "and",
    "for",
    "with",
    "from",
    "that",
    "this",
    "what",
    "your",
    "you",
    "are",
    "was",
    "have",
    "has",
    "will",
    "into",
    "about",
    "please",
    "plan",
    "trip",
    "days",
    "day",
    "want",
    "would",
    "like",
    "could",
    "should",
    "give",
    "tell",
    "make",
    "need",
    "some",
    "them",
    "they",
    "their",
    "there",
    "then",
    "than",
    "only",
    "also",
    "each",
    "answer",
    "using",
    "use",
    "json",
    "describe",
    "suggest",
    "explain",
    "list",
    "write",
}

_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PLACE_RE = re.compile(
    r"\b(?:in|to|at|visit|visiting|around|near|of|from|for)\s+"
    r"((?:[A-Z][\w'’-]+)(?:\s+(?:de|da|do|del|di|la|le|am|upon|[A-Z][\w'’-]+))*)"
)
_CAPITALISED_RE = re.compile(r"\b([A-Z][a-z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]+)*)")
_NOT_PLACES = {
    "I",
    "I'm",
    "My",
    "We",
    "Day",
    "Morning",
    "Afternoon",
    "Evening",
    "Return",
    "Answer",
    "Plan",
    "Trip",
    "Please",
    "The",
    "Use",
    "You",
    "Your",
    "JSON",
    "Here",
    "Based",
    "Tool",
    "Today",
    "Tomorrow",
    "Weather",
    "Holidays",
    "Budget",
    "Interests",
    "Travellers",
    "Destination",
}


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _is_place_word(candidate: str) -> bool:
    first = candidate.split()[0]
    return (
        first not in _NOT_PLACES
        and first.lower() not in MONTHS
        and first.lower() not in MONTH_ABBR
        and first.lower() not in WEEKDAYS
        and candidate.upper() not in ISO_CURRENCIES
    )


def find_places(text: str) -> list[str]:
    """Place-like names, most likely first (after a preposition, then any capitalised words)."""
    places: list[str] = []
    for match in _PLACE_RE.finditer(text):
        candidate = match.group(1).strip()
        words = candidate.split()
        while words and not _is_place_word(" ".join(words)):
            words = words[1:]
        # Drop trailing month/weekday words ("Japan In October" never happens, but
        # "Lisbon Monday" might).
        while words and (words[-1].lower() in MONTHS or words[-1].lower() in WEEKDAYS):
            words = words[:-1]
        if words:
            name = " ".join(words)
            if name not in places:
                places.append(name)
    for match in _CAPITALISED_RE.finditer(text):
        name = match.group(1)
        known = name in CITY_COUNTRY or name in COUNTRIES
        if known and _is_place_word(name) and name not in places:
            places.append(name)
    return places


def extract_trip(text: str, *, today: date | None = None) -> dict[str, Any]:
    """Trip facts named like the trip-understanding schema's properties."""
    facts: dict[str, Any] = {
        "destination": None,
        "country": None,
        "start_date": None,
        "end_date": None,
        "month": None,
        "duration_days": None,
        "travellers": None,
        "interests": [],
        "budget_amount": None,
        "budget_currency": None,
        "home_currency": None,
    }
    lowered = text.lower()

    places = find_places(text)
    countries = [p for p in places if p in COUNTRIES]
    cities = [p for p in places if p not in COUNTRIES]
    if cities:
        facts["destination"] = cities[0]
        facts["country"] = countries[0] if countries else CITY_COUNTRY.get(cities[0])
    elif countries:
        facts["destination"] = countries[0]
        facts["country"] = countries[0]

    dates: list[date] = []
    for y, m, d in _DATE_RE.findall(text):
        try:
            dates.append(date(int(y), int(m), int(d)))
        except ValueError:
            continue
    if dates:
        facts["start_date"] = dates[0].isoformat()
        facts["month"] = dates[0].month
    if len(dates) > 1:
        facts["end_date"] = dates[1].isoformat()

    duration: int | None = None
    m = re.search(_NUM + r"[\s-]+(day|night|week)s?\b", lowered)
    if m:
        n = _number(m.group(1))
        if n is not None:
            unit = m.group(2)
            duration = n * 7 if unit == "week" else (n + 1 if unit == "night" else n)
    elif "fortnight" in lowered:
        duration = 14
    elif "long weekend" in lowered:
        duration = 3
    elif "weekend" in lowered:
        duration = 2
    if duration is None and len(dates) > 1 and dates[1] >= dates[0]:
        duration = (dates[1] - dates[0]).days + 1
    facts["duration_days"] = duration
    if dates and len(dates) == 1 and duration:
        facts["end_date"] = (dates[0] + timedelta(days=duration - 1)).isoformat()

    if facts["month"] is None:
        for word in re.findall(r"[a-z]+", lowered):
            if word in MONTHS:
                facts["month"] = MONTHS[word]
                break

    m = re.search(
        _NUM + r"\s+(?:people|persons|travell?ers|adults|friends|guests|of us)\b", lowered
    )
    if m:
        facts["travellers"] = _number(m.group(1))
    elif m2 := re.search(r"family of " + _NUM, lowered):
        facts["travellers"] = _number(m2.group(1))
    elif re.search(r"\b(couple|my (wife|husband|partner|girlfriend|boyfriend))\b", lowered):
        facts["travellers"] = 2
    elif re.search(r"\b(solo|alone|by myself|just me)\b", lowered):
        facts["travellers"] = 1

    interests: list[str] = []
    for word in INTERESTS:
        if re.search(r"\b" + re.escape(word) + r"\b", lowered):
            canonical = {"museum": "museums", "beach": "beaches"}.get(word, word)
            if canonical not in interests and not any(canonical in i for i in interests):
                interests.append(canonical)
    facts["interests"] = interests

    amount: float | None = None
    currency: str | None = None
    m = re.search(r"([€$£¥])\s?(\d[\d,.]*)", text)
    if m:
        currency = CURRENCY_SYMBOLS[m.group(1)]
        amount = _parse_amount(m.group(2))
    else:
        for m in re.finditer(r"(\d[\d,.]*)\s?(k)?\s*([A-Za-z]{3,7})\b", text):
            word = m.group(3)
            code = (
                word.upper() if word.upper() in ISO_CURRENCIES else CURRENCY_WORDS.get(word.lower())
            )
            if code:
                currency = code
                amount = _parse_amount(m.group(1))
                if amount is not None and m.group(2):
                    amount *= 1000
                break
    facts["budget_amount"] = amount
    facts["budget_currency"] = currency

    m = re.search(
        r"(?:home currency|my currency|convert(?: it| prices| costs)? (?:in)?to|"
        r"(?:prices|costs|amounts) in)\s*(?:is\s*)?:?\s*([A-Za-z]{3})\b",
        text,
        re.IGNORECASE,
    )
    if m and m.group(1).upper() in ISO_CURRENCIES:
        facts["home_currency"] = m.group(1).upper()
    return facts


def _parse_amount(raw: str) -> float | None:
    cleaned = raw.rstrip(".,")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


# -- JSON schema filling -----------------------------------------------------------------


def _resolve(schema: Any, root: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(schema, dict):
        return {}
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        merged = dict(node) if isinstance(node, dict) else {}
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        return _resolve(merged, root) if "$ref" in merged else merged
    return schema


def _variants(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            out: list[dict[str, Any]] = []
            for sub in schema[key]:
                out.extend(_variants(_resolve(sub, root), root))
            return out
    if isinstance(schema.get("allOf"), list) and schema["allOf"]:
        merged: dict[str, Any] = {}
        for sub in schema["allOf"]:
            merged.update(_resolve(sub, root))
        return [merged]
    types = schema.get("type")
    if isinstance(types, list):
        return [{**schema, "type": t} for t in types]
    return [schema]


def _fits(value: Any, variant: dict[str, Any]) -> bool:
    if "enum" in variant:
        return value in variant["enum"]
    if "const" in variant:
        return bool(value == variant["const"])
    t = variant.get("type")
    if t == "null":
        return value is None
    if t == "string":
        return isinstance(value, str)
    if t == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return ok and _in_range(value, variant)
    if t == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return ok and _in_range(value, variant)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "array":
        return isinstance(value, list)
    if t == "object":
        return isinstance(value, dict)
    return t is None and value is not None


def _in_range(value: float, variant: dict[str, Any]) -> bool:
    lo, hi = variant.get("minimum"), variant.get("maximum")
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def _coerce(value: Any, variant: dict[str, Any]) -> Any:
    """Try to turn ``value`` into something that fits ``variant``; return _MISS if not."""
    t = variant.get("type")
    if _fits(value, variant):
        return value
    if value is None:
        return _MISS
    if t == "string" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if t == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if t == "number" and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return _MISS
    if t == "array" and not isinstance(value, list):
        return [value]
    if t == "string" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if "enum" in variant and isinstance(value, str):
        for option in variant["enum"]:
            if isinstance(option, str) and option.lower() == value.lower():
                return option
    return _MISS


_MISS = object()


def _empty(variant: dict[str, Any], root: dict[str, Any], depth: int) -> Any:
    if "const" in variant:
        return variant["const"]
    if variant.get("enum"):
        return variant["enum"][0]
    if "default" in variant:
        return variant["default"]
    t = variant.get("type")
    if t == "string":
        fmt = variant.get("format")
        if fmt == "date":
            return date.today().isoformat()
        if fmt == "date-time":
            return date.today().isoformat() + "T00:00:00Z"
        return "x" * int(variant.get("minLength", 0))
    if t == "integer":
        return int(variant.get("minimum", 0))
    if t == "number":
        return variant.get("minimum", 0)
    if t == "boolean":
        return False
    if t == "array":
        count = int(variant.get("minItems", 0))
        items = _resolve(variant.get("items", {}), root)
        return [_fill(items, {}, root, depth + 1) for _ in range(count)]
    if t == "object":
        return _fill(variant, {}, root, depth + 1)
    return None


def _fill(schema: dict[str, Any], facts: dict[str, Any], root: dict[str, Any], depth: int) -> Any:
    variants = _variants(schema, root)
    obj_variant = next((v for v in variants if v.get("type") == "object"), None)
    if obj_variant is None and "properties" in schema:
        obj_variant = schema
    if obj_variant is not None and depth < 8:
        out: dict[str, Any] = {}
        props = obj_variant.get("properties") or {}
        required = obj_variant.get("required") or list(props)
        for key, sub in props.items():
            sub_schema = _resolve(sub, root)
            out[key] = _value_for(key, sub_schema, facts, root, depth)
        for key in required:
            out.setdefault(key, None)
        return out
    return _value_for("", schema, facts, root, depth)


def _value_for(
    key: str, schema: dict[str, Any], facts: dict[str, Any], root: dict[str, Any], depth: int
) -> Any:
    variants = _variants(schema, root)
    if any(v.get("type") == "object" for v in variants) and depth < 8:
        nested = next(v for v in variants if v.get("type") == "object")
        if nested.get("properties"):
            return _fill(nested, facts, root, depth + 1)
    if key in facts:
        value = facts[key]
        for variant in variants:
            coerced = _coerce(value, variant)
            if coerced is not _MISS:
                if variant.get("type") == "array" and isinstance(coerced, list):
                    items = _resolve(variant.get("items", {}), root)
                    if items.get("type") == "string":
                        coerced = [str(v) for v in coerced]
                return coerced
    for variant in variants:
        if variant.get("type") == "null":
            return None
    for variant in variants:
        if variant.get("type") == "array":
            return _empty(variant, root, depth)
    return _empty(variants[0] if variants else {}, root, depth)


def fill_schema(schema: dict[str, Any], facts: dict[str, Any]) -> Any:
    """A value valid against ``schema`` using ``facts`` for properties known by name."""
    return _fill(_resolve(schema, schema), facts, schema, 0)


# -- planner -------------------------------------------------------------------------------

_DAY_LINE_RE = re.compile(
    r"^\s*[-*]?\s*Day\s+(\d+)\s*\((\d{4}-\d{2}-\d{2}),\s*([A-Za-z]+)\)\s*:?(.*)$"
)


def day_lines(text: str) -> list[tuple[int, str, str, str]]:
    found: list[tuple[int, str, str, str]] = []
    for line in text.splitlines():
        m = _DAY_LINE_RE.match(line)
        if m:
            found.append((int(m.group(1)), m.group(2), m.group(3), m.group(4).strip()))
    return found


_MORNING = [
    "Start early with a walk through the old centre of {place}",
    "Begin with breakfast at a local café, then explore {place}",
    "Take a guided morning tour around {place}",
    "Head out early to beat the crowds in {place}",
]
_AFTERNOON = [
    "Spend the afternoon on {interest}, with a relaxed lunch nearby",
    "After lunch, focus on {interest} in a different neighbourhood",
    "Use the afternoon for {interest} and a short rest",
    "Enjoy {interest} and leave time to wander",
]
_EVENING = [
    "Dinner at a well-reviewed local restaurant and a stroll at sunset",
    "Catch the evening light from a viewpoint, then a relaxed dinner",
    "Try a tasting menu or street food, then an early night",
    "Enjoy a slow evening: local dishes, a drink, and a short walk",
]


def plan_days(text: str, facts: dict[str, Any]) -> str:
    place = facts.get("destination") or "the city"
    interests = facts.get("interests") or ["local sights", "culture", "food"]
    sections: list[str] = []
    for i, (n, iso, weekday, note) in enumerate(day_lines(text)):
        interest = interests[i % len(interests)]
        morning = _MORNING[i % len(_MORNING)].format(place=place)
        afternoon = _AFTERNOON[i % len(_AFTERNOON)].format(interest=interest)
        evening = _EVENING[i % len(_EVENING)]
        if note:
            short = note if len(note) <= 120 else note[:117].rstrip() + "..."
            evening += f" (noted for the day: {short})"
        sections.append(
            f"### Day {n} ({iso}, {weekday})\n"
            f"- Morning: {morning}.\n"
            f"- Afternoon: {afternoon}.\n"
            f"- Evening: {evening}.\n"
        )
    return "\n".join(sections).rstrip() + "\n"


# -- tools -------------------------------------------------------------------------------


def tool_name(tool: dict[str, Any]) -> str:
    return str((tool.get("function") or {}).get("name") or tool.get("name") or "")


def _tool_params(tool: dict[str, Any]) -> dict[str, Any]:
    fn = tool.get("function") or tool
    params = fn.get("parameters") or {}
    return params if isinstance(params, dict) else {}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOPWORDS}


def rank_tools(tools: list[dict[str, Any]], text: str) -> list[tuple[float, dict[str, Any]]]:
    """Offered tools with a relevance score, best first (name words count most)."""
    words = _words(text)
    scored: list[tuple[float, int, dict[str, Any]]] = []
    for index, tool in enumerate(tools):
        fn = tool.get("function") or tool
        name_words = set(re.split(r"[_\W]+", tool_name(tool).lower())) - {""}
        desc_words = _words(str(fn.get("description") or ""))
        score = 3.0 * len(name_words & words) + 0.5 * len(desc_words & words)
        scored.append((score, index, tool))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(score, tool) for score, _, tool in scored]


def choose_tool(tools: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    """The offered tool whose name/description overlaps the conversation most."""
    ranked = rank_tools(tools, text)
    return ranked[0][1] if ranked else None


def tool_arguments(tool: dict[str, Any], text: str, *, today: date | None = None) -> dict[str, Any]:
    """Arguments for ``tool``: every required one, plus optional ones found in ``text``."""
    params = _tool_params(tool)
    props: dict[str, Any] = params.get("properties") or {}
    required = list(params.get("required") or [])
    facts = extract_trip(text)
    places = find_places(text)
    start = facts["start_date"]
    end = facts["end_date"]
    if start is None:
        base = today or date.today()
        month = facts["month"] or base.month
        year = base.year if month > base.month else base.year + 1
        start_d = date(year, month, 1)
        start = start_d.isoformat()
        end = (start_d + timedelta(days=(facts["duration_days"] or 3) - 1)).isoformat()
    if end is None:
        end = start
    destination = facts["destination"] or (places[0] if places else "Lisbon")
    other_place = next((p for p in places if p != destination), None)
    args: dict[str, Any] = {}
    for key, sub in props.items():
        sub = sub if isinstance(sub, dict) else {}
        k = key.lower()
        value: Any = None
        if k in ("place", "name", "location", "city", "destination", "query"):
            value = destination
        elif k in ("to_place", "to", "to_city"):
            value = other_place or destination
        elif k in ("from_place", "origin", "from", "from_city"):
            value = destination
        elif k == "country" or k.endswith("_country"):
            value = facts["country"] if key in required or facts["country"] else None
        elif k in ("start_date", "date", "from_date", "check_in"):
            value = start
        elif k in ("end_date", "to_date", "check_out"):
            value = end
        elif k == "amount":
            value = facts["budget_amount"] or 100
        elif k in ("from_currency", "currency", "source_currency"):
            value = facts["budget_currency"] or "EUR"
        elif k in ("to_currency", "target_currency"):
            value = facts["home_currency"] or (
                "USD" if (facts["budget_currency"] or "EUR") != "USD" else "EUR"
            )
        if value is None and key in required:
            value = _default_for(sub, destination)
        if value is not None:
            args[key] = value
    return args


def _default_for(schema: dict[str, Any], place: str) -> Any:
    if schema.get("enum"):
        return schema["enum"][0]
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), "string")
    if t == "integer":
        return int(schema.get("minimum", 1) or 1)
    if t == "number":
        return float(schema.get("minimum", 1) or 1)
    if t == "boolean":
        return False
    if t == "array":
        return []
    if t == "object":
        return {}
    return place


# -- free text ----------------------------------------------------------------------------


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
