"""Briefs as a capable model writes them: a researcher's places that fit the interests, and a
weather analyst's advice built from the prompt's weather words. No figures: a good model leaves
dates, temperatures and prices to the facts it was given."""

from __future__ import annotations

import re
from typing import Any

# A research task asks for places (neighbourhoods, sights); a weather task for what to wear.
_RESEARCH_RE = re.compile(r"\bneighbou?rhoods?\b", re.I)
_WEATHER_RE = re.compile(r"\bwhat to wear\b", re.I)

# Interest -> (place, why): plainly named places like the scripted planner's slots.
_PLACES = {
    "food": ("Central Market", "stalls of local produce and small counters for a tasting lunch"),
    "street food": ("Night Market", "grills and snack stands that stay busy late"),
    "markets": ("Central Market", "stalls of local produce and small counters for a tasting lunch"),
    "museums": ("City Museum", "the collections tell the story of the city, rain or shine"),
    "museum": ("City Museum", "the collections tell the story of the city, rain or shine"),
    "art": ("Fine Arts Museum", "painting and sculpture from local and foreign masters"),
    "history": ("Castle Hill", "old walls, quiet lanes and a view over the rooftops"),
    "architecture": ("Cathedral Square", "grand facades and a cathedral worth stepping into"),
    "nightlife": ("Harbour District", "bars and music venues along the waterfront"),
    "music": ("Opera House", "concerts and recitals in a grand old hall"),
    "nature": ("Botanical Garden", "shaded paths and glasshouses for a calm morning"),
    "gardens": ("Botanical Garden", "shaded paths and glasshouses for a calm morning"),
    "parks": ("Botanical Garden", "shaded paths and glasshouses for a calm morning"),
    "hiking": ("Hilltop Viewpoint", "a steep trail rewarded with a wide view over the city"),
    "beaches": ("City Beach", "a sandy stretch for a swim and a lazy afternoon"),
    "beach": ("City Beach", "a sandy stretch for a swim and a lazy afternoon"),
    "theatre": ("Opera House", "plays and concerts in a grand old hall"),
    "shopping": ("Old Quarter", "independent shops, bookshops and craft studios"),
    "wine": ("Old Quarter", "cosy wine bars pouring bottles from the region"),
    "coffee": ("Old Quarter", "historic cafés for a slow breakfast"),
}
_NEIGHBOURHOODS = (
    ("Old Town", "a walkable base with narrow lanes, small squares and cafés"),
    ("Riverside Promenade", "an easy stroll at sunset, with terraces for a drink"),
    ("Harbour District", "lively restaurants and a relaxed evening atmosphere"),
)


def is_research_task(text: str) -> bool:
    return bool(_RESEARCH_RE.search(text))


def is_weather_task(text: str) -> bool:
    return bool(_WEATHER_RE.search(text))


def research_brief(facts: dict[str, Any]) -> str:
    """Bullets naming places that suit the traveller's interests, then a neighbourhood or two."""
    chosen: dict[str, str] = {}
    for interest in facts.get("interests") or []:
        name, why = _PLACES.get(interest, ("Old Town", f"a good start for {interest}"))
        chosen.setdefault(name, why)
    for name, why in _NEIGHBOURHOODS:
        if len(chosen) >= 4:
            break
        chosen.setdefault(name, why)
    return "\n".join(f"- {name}: {why}." for name, why in chosen.items())


_DAY_WEATHER_RE = re.compile(r"^Day \d+, \w+: ([^;.\n]+)", re.M)
_SEASON_RE = re.compile(r"^Usual weather in \w+ \([^)]*\): ([^.\n]+)", re.M)
_WARMTH = ("hot", "warm", "mild", "cool", "cold")
_WEAR = {
    "hot": "light, breathable clothes, a hat and sunscreen",
    "warm": "light clothes, sunglasses and a thin layer for the evening",
    "mild": "layers and a light jacket",
    "cool": "a warm jacket and layers you can take off indoors",
    "cold": "a warm coat, a hat and gloves",
}


def weather_brief(text: str) -> str:
    """Two to four sentences: which kind of plans suit the weather, and what to wear."""
    seasonal = _SEASON_RE.findall(text)
    said = " ".join(seasonal or _DAY_WEATHER_RE.findall(text)).lower()
    warmth = [w for w in _WARMTH if w in said]
    main = warmth[0] if warmth else "mild"
    wet = any(w in said for w in ("rain likely", "often wet"))
    showers = wet or "showers" in said
    if seasonal:
        opening = f"Expect {main}{', often wet' if wet else ''} days, typical of this time of year."
    else:
        opening = f"Most days look {main}{', with rain on some of them' if wet else ''}."
    if wet:
        advice = "Keep museums and other indoor plans for the wet spells, and walk when it clears."
    elif showers:
        advice = "Showers may pass through, so keep an indoor plan in reserve on outdoor days."
    else:
        advice = "It should stay dry, so walks, viewpoints and markets outdoors are a safe bet."
    sentences = [opening, advice, f"Wear {_WEAR[main]}, with comfortable shoes for walking."]
    if showers:
        sentences.append("Carry an umbrella or a light rain jacket.")
    return " ".join(sentences)
