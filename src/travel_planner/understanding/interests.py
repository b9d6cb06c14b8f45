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
    "beaches": "beaches|beach|playas|playa|plages|plage|strand|strande|praias|praia|spiagge|"
    "spiaggia",
    "nightlife": "nightlife|fiesta|nachtleben|balada|movida",
    "shopping": "shopping|compras",
    "wine": "wine|vino|vinos|vin|vins|wein|vinho|vinhos|vini",
    "music": "music|musica|musique|musik",
    "parks": "parks|parques|parcs|parke|parchi",
    "markets": "markets|mercados|marches|markte|mercati",
    "temples": "temples|templos|tempel|templi",
    "gardens": "gardens|jardines|jardins|garten|giardini",
    # A slow, quiet trip: its words name no field, so reading them spares a model call.
    "relaxation": "relaxation|relaxing|relax|relaxed|quiet|calm|peaceful|relajado|relajante"
    "|relajarse|tranquilo|tranquila|descanso|detente|calme|tranquille|reposant|entspannung"
    "|entspannt|entspannte|entspannten|ruhig|ruhige|ruhigen|ruhiges|erholung|relaxante"
    "|sossego|rilassante|tranquillo|tranquilla|riposo",
}


def interest_label(interest: str, language: str) -> str:
    """A known interest in `language` ("museums" -> "museos"); any other as written."""
    if interest not in INTERESTS:
        return interest
    # The keys are the msgids of the "understanding" catalogues.
    return translator(language, "understanding").gettext(interest)


def interest_labels(interests: list[str], language: str) -> list[str]:
    return [interest_label(interest, language) for interest in interests]
