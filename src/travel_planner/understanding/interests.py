"""Interests: an English key in the Trip (and its JSON), a label in the plan's language.

The words that name each interest in the six languages are read from requests (see
`lexicon.INTEREST_WORDS`); the labels are in the "understanding" catalogues. An interest
the request wrote in its own words ("tapas", "azulejos") has no key and is shown as written.
"""

from __future__ import annotations

from travel_planner.i18n import translator

# English key -> the words for it in every supported language, folded (no accents).
INTERESTS = {
    "food": "food|gastronomy|gastronomia|comida|cuisine|gastronomie|essen|kulinarik|cibo",
    "museums": "museums|museum|museos|museo|musees|musee|museen|museus|musei",
    "art": "art|arte|kunst",
    "history": "history|historia|histoire|geschichte|historia|storia",
    "architecture": "architecture|arquitectura|architektur|arquitetura|architettura",
    "hiking": "hiking|senderismo|randonnee|wandern|trilhas|escursioni|trekking",
    "nature": "nature|naturaleza|natur|natureza|natura",
    "beaches": "beaches|beach|playas|playa|plages|plage|strand|strande|praias|spiagge",
    "nightlife": "nightlife|fiesta|nachtleben|balada|movida",
    "shopping": "shopping|compras",
    "wine": "wine|vino|vinos|vin|vins|wein|vinho|vinhos|vini",
    "music": "music|musica|musique|musik",
    "parks": "parks|parques|parcs|parke|parchi",
    "markets": "markets|mercados|marches|markte|mercati",
}


def _(message: str) -> str:
    return message


# The English labels are the msgids of the "understanding" catalogues.
LABELS = {
    "food": _("food"),
    "museums": _("museums"),
    "art": _("art"),
    "history": _("history"),
    "architecture": _("architecture"),
    "hiking": _("hiking"),
    "nature": _("nature"),
    "beaches": _("beaches"),
    "nightlife": _("nightlife"),
    "shopping": _("shopping"),
    "wine": _("wine"),
    "music": _("music"),
    "parks": _("parks"),
    "markets": _("markets"),
}


def interest_label(interest: str, language: str) -> str:
    """A known interest in `language` ("museums" -> "museos"); any other as written."""
    label = LABELS.get(interest)
    if label is None:
        return interest
    return translator(language, "understanding").gettext(label)


def interest_labels(interests: list[str], language: str) -> list[str]:
    return [interest_label(interest, language) for interest in interests]
