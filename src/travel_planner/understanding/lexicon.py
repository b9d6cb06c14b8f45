"""Words the reader recognises, in every supported language.

Month, weekday, duration-unit and currency names come from CLDR (through Babel) and stop
words from stopwordsiso, so they are complete and spelt as each language writes them. The
small tables below cover what no such source lists: travel words, companions, seasons and
the phrases that say when a trip starts. Every key is folded (see `fold`).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import stopwordsiso
from babel import Locale
from babel.numbers import get_territory_currencies, list_currencies

from travel_planner.i18n import SUPPORTED_LANGUAGES
from travel_planner.i18n import fold as fold  # the readers call it lexicon.fold
from travel_planner.understanding.interests import INTERESTS


def _words(*groups: str) -> frozenset[str]:
    return frozenset(fold(w) for group in groups for w in group.split("|") if w)


@cache
def months() -> dict[str, int]:
    """Month names (wide forms in each language, English short forms) -> month number."""
    names: dict[str, int] = {}
    for language in SUPPORTED_LANGUAGES:
        data = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for number, name in data[context]["wide"].items():
                names[fold(name)] = number
    # Short forms only where they are not common words elsewhere ("mar" is the sea, "ago"...).
    shorts = ("jan", "feb", "", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    for number, short in enumerate(shorts, 1):
        if short:
            names[short] = number
    names["sept"] = 9
    return names


@cache
def weekdays() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in SUPPORTED_LANGUAGES:
        for number, name in Locale.parse(language).days["format"]["wide"].items():
            names[fold(name)] = number
    return names


@cache
def duration_units() -> dict[str, str]:
    """Unit words ("days", "Tage", "noites") -> "day" | "week" | "night" | "month"."""
    units: dict[str, str] = {}
    for language in SUPPORTED_LANGUAGES:
        for unit in ("day", "week", "night", "month"):
            for word in unit_words(language, unit):
                if word and " " not in word:
                    units[word] = unit
    # Forms CLDR does not list: German datives and plain "Nächte", English "nite".
    units.update({"tagen": "day", "wochen": "week", "nachten": "night", "nachte": "night"})
    units.update({"monaten": "month", "uebernachtungen": "night"})
    return units


@cache
def plural_day_words() -> frozenset[str]:
    """The plural of "day" and "night" in every supported language ("days", "dias", "Tage",
    "nuits"...), folded: a request that uses one without a number speaks of more than one."""
    words: set[str] = {"tagen", "nachte", "nachten"}  # German forms CLDR does not list
    for language in SUPPORTED_LANGUAGES:
        for unit in ("day", "night"):
            one, other = unit_words(language, unit)
            if other and other != one and " " not in other:
                words.add(other)
    return frozenset(words)


@cache
def unit_words(language: str, unit: str) -> tuple[str, str]:
    """CLDR's long duration word of `unit` ("day", "week", "night", "month") in `language`,
    singular and plural, without the number and folded: ("dia", "dias")."""
    forms = Locale.parse(language)._data["unit_patterns"].get(f"duration-{unit}", {})
    one, other = (
        fold(str(forms.get("long", {}).get(plural, "")).replace("{0}", "").strip(" \xa0\u202f"))
        for plural in ("one", "other")
    )
    return one, other


def previous_word(folded: str, position: int) -> str:
    """The word before `position` in folded text ("" at the start)."""
    words = re.findall(r"[\w'-]+", folded[:position])
    return words[-1] if words else ""


@cache
def stop_words() -> frozenset[str]:
    words: set[str] = set()
    for language in SUPPORTED_LANGUAGES:
        words |= {fold(w) for w in stopwordsiso.stopwords(language)}
    return frozenset(words)


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes of the currencies in use in some country today (CLDR)."""
    codes: set[str] = set()
    for territory in map(str, Locale.parse("en").territories):
        try:
            codes |= set(get_territory_currencies(territory, date.today()))
        except Exception:  # noqa: S112 - regions such as "001" have no currency
            continue
    return frozenset(codes & set(list_currencies()))


# Generic currency words name the best-known currency of that name (stated in the docs).
GENERIC_CURRENCIES = {
    **dict.fromkeys(_words("dollar|dollars|dolar|dolares|dollari|dollaro|dolares"), "USD"),
    **dict.fromkeys(_words("euro|euros|eur"), "EUR"),
    **dict.fromkeys(_words("pound|pounds|libra|libras|livre|livres|sterline|pfund"), "GBP"),
    **dict.fromkeys(_words("franc|francs|franco|francos|franken|franchi"), "CHF"),
    **dict.fromkeys(_words("yen|yens|iene|ienes"), "JPY"),
    **dict.fromkeys(_words("real|reais|reales"), "BRL"),
}


@cache
def currency_names() -> dict[str, str]:
    """Currency names in every supported language, singular and plural, whole ("francs
    suisses") and by their first word where that word names one currency only ("soles")."""
    whole: dict[str, str] = {}
    first: dict[str, set[str]] = {}
    for language in SUPPORTED_LANGUAGES:
        locale = Locale.parse(language)
        plurals = locale._data.get("currency_names_plural", {})
        for code, name in locale.currencies.items():
            if code not in currency_codes():
                continue
            forms = [name, *dict(plurals.get(code, {})).values()]
            for form in forms:
                key = fold(str(form))
                whole.setdefault(key, code)
                first.setdefault(key.split(" ")[0], set()).add(code)
    names = {word: next(iter(codes)) for word, codes in first.items() if len(codes) == 1}
    names.update(whole)
    names.update(GENERIC_CURRENCIES)
    return {k: v for k, v in names.items() if len(k) > 2 and k not in stop_words()}


@cache
def currency_symbols() -> dict[str, str]:
    """Symbols ("$", "£", "R$", "US$") -> ISO code; the first locale that uses one wins."""
    symbols: dict[str, str] = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
    for name in ("en", "en_GB", "pt_BR", "es", "fr", "de", "pt", "it", "en_AU", "en_CA"):
        for code, symbol in Locale.parse(name).currency_symbols.items():
            if symbol != code and not symbol.isalpha():
                symbols.setdefault(symbol, code)
    return symbols


# Words that make a text a travel request, in every supported language.
TRIP_WORDS = _words(
    "trip|travel|travelling|traveling|visit|visiting|vacation|holiday|holidays|getaway|"
    "itinerary|plan|honeymoon|tour|stay|break|go|going|fly|journey|explore|"
    "viaje|viajar|viajo|visitar|vacaciones|escapada|escapate|ir|conocer|itinerario|recorrer|"
    "voyage|voyager|visiter|vacances|sejour|partir|pars|aller|escapade|itineraire|"
    "reise|reisen|urlaub|besuchen|ausflug|fahren|wollen|fliegen|"
    "viagem|ferias|conhecer|vou|passeio|"
    "viaggio|viaggiare|vacanza|vacanze|visitare|andare|partire|gita|soggiorno|nozze"
)
GREETINGS = _words(
    "hello|hi|hey|thanks|thank|bonjour|salut|merci|hola|gracias|buenas|hallo|servus|danke|"
    "ola|oi|obrigado|obrigada|ciao|buongiorno|grazie|salve"
)
# "somewhere", "a beach": a wish without a place.
VAGUE_PLACES = _words(
    "somewhere|anywhere|place|beach|sea|sun|warm|sunny|hot|"
    "algun|alguna|sitio|lugar|playa|mar|sol|calido|caliente|"
    "quelque|part|endroit|plage|soleil|chaud|mer|"
    "irgendwo|irgendwohin|strand|meer|sonne|ort|"
    "algum|praia|quente|"
    "qualche|parte|posto|spiaggia|mare|caldo|luogo"
)
WARM_WORDS = _words(
    "warm|hot|sunny|sun|beach|calido|caliente|sol|playa|chaud|soleil|plage|sonne|strand|"
    "sonnig|quente|praia|caldo|sole|spiaggia"
)
COOL_WORDS = _words("cool|fresh|fresco|frais|kuhl|fresca|mild|templado|doux|mild|ameno")

# Where the destination follows ("in", "nach", "à"...). "de" and "di" join names instead.
PLACE_BEFORE = _words(
    "in|to|at|visit|visiting|around|explore|"
    "en|a|al|para|hacia|visitar|conocer|"
    "au|aux|pour|vers|visiter|"
    "nach|im|auf|besuchen|"
    "em|no|na|ao|conhecer|"
    "per|verso|visitare"
)
NAME_JOINERS = _words("de|del|la|los|las|di|da|do|dos|das|am|sur|upon|on|le|el")

SEASONS = {
    **dict.fromkeys(_words("spring|primavera|printemps|fruhling|fruhjahr"), "spring"),
    **dict.fromkeys(_words("summer|verano|ete|sommer|verao|estate"), "summer"),
    **dict.fromkeys(_words("autumn|otono|automne|herbst|outono|autunno"), "autumn"),
    **dict.fromkeys(_words("winter|invierno|hiver|inverno"), "winter"),
}
NEXT_WORDS = _words(
    "next|coming|proximo|proxima|viene|prochain|prochaine|nachsten|nachste|naechsten|"
    "kommenden|prossimo|prossima"
)
TOMORROW = _words("tomorrow|manana|demain|morgen|amanha|domani")
TODAY = _words("today|tonight|hoy|aujourd'hui|heute|hoje|oggi|stasera")
WEEKEND = _words("weekend|week-end|wochenende|finde")
WEEKEND_PHRASES = ("fin de semana", "fim de semana", "fine settimana", "fin de semaine")
LONG_WEEKEND = _words("long|largo|prolonge|prolongado|verlangertes|langes|lungo|puente|ponte")
# The part of a month before its name: "late May", "a finales de abril", "Mitte Mai", "fin
# mai", "no final de maio", "a metà maggio"; joined to the month by MONTH_PART_JOINERS only.
MONTH_PARTS = {
    **dict.fromkeys(
        _words(
            "early|beginning|start|principios|principio|comienzos|inicios|inicio|debut|"
            "anfang|comeco|inizio|primi"
        ),
        "early",
    ),
    **dict.fromkeys(
        _words("mid|middle|mediados|mitad|mi|milieu|mitte|meados|meio|meta|mezzo"), "mid"
    ),
    **dict.fromkeys(_words("late|end|finales|final|fin|ende|fim|finais|fine|fini"), "late"),
}
MONTH_PART_JOINERS = _words("of|the|de|d'|del|di|du|des|da|do|la|le|el|a|em|no|na|im")
# Ordinal numbers in every supported language, in every gender and case used with "day"
# and "week" ("el segundo día", "la segunda semana", "am zweiten Tag"), folded.
ORDINALS = {
    1: "first|1st|primer|primero|primera|premier|premiere|ersten|erster|erste|primeiro|primeira|"
    "primo|prima",
    2: "second|2nd|segundo|segunda|deuxieme|seconde|zweiten|zweiter|zweite|secondo|seconda",
    3: "third|3rd|tercer|tercero|tercera|troisieme|dritten|dritter|dritte|terceiro|terceira|"
    "terzo|terza",
    4: "fourth|4th|cuarto|cuarta|quatrieme|vierten|vierter|vierte|quarto|quarta",
    5: "fifth|5th|quinto|quinta|cinquieme|funften|funfter|funfte",
}
LAST = "last|ultimo|ultima|dernier|derniere|letzten|letzter|letzte"
# "the second week of July", "la última semana de agosto": the week of the month (-1: the
# last one).
WEEK_ORDINALS = {
    **{word: n for n, words in ORDINALS.items() if n <= 4 for word in _words(words)},
    **dict.fromkeys(_words(LAST), -1),
}
# Holidays a trip is planned around, by the phrases each language uses for them. Not the
# Portuguese "Natal" for Christmas: it is also a city in Brazil.
HOLIDAY_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "easter": "easter",
        "holy_week": "holy week",
        "christmas": "christmas|xmas",
        "new_year": "new year's eve|new year|hogmanay",
    },
    "es": {
        "easter": "pascua",
        "holy_week": "semana santa",
        "christmas": "navidad|navidades",
        "new_year": "nochevieja|fin de año|año nuevo",
    },
    "fr": {
        "easter": "pâques",
        "holy_week": "semaine sainte",
        "christmas": "noël",
        "new_year": "saint-sylvestre|nouvel an|réveillon",
    },
    "de": {
        "easter": "ostern",
        "holy_week": "karwoche",
        "christmas": "weihnachten",
        "new_year": "silvester|neujahr",
    },
    "pt": {"easter": "páscoa", "holy_week": "semana santa", "new_year": "ano novo|réveillon"},
    "it": {
        "easter": "pasqua",
        "holy_week": "settimana santa",
        "christmas": "natale",
        "new_year": "capodanno",
    },
}
HOLIDAYS = {
    word: holiday
    for names in HOLIDAY_WORDS.values()
    for holiday, group in names.items()
    for word in _words(group)
}
# Words that turn a wish into its opposite, per language ("no museums", "sin museos", "pas
# de musées", "keine Museen", "sem museus", "niente musei"). Not the Portuguese "no": it is
# "in the" there ("jantar no mercado").
NEGATIONS = {
    "en": _words("no|not|without|avoid|except|nothing"),
    "es": _words("no|sin|nada|ni|evitar|excepto|salvo"),
    "fr": _words("pas|sans|aucun|aucune|eviter|sauf|ni|non"),
    "de": _words("kein|keine|keinen|ohne|nicht|ausser|vermeiden"),
    "pt": _words("sem|nenhum|nenhuma|evitar|exceto|nada|nem|nao"),
    "it": _words("niente|senza|nessun|nessuna|evitare|tranne|non|no|ne"),
}
# Right after an amount, the words that make it a budget per day or per person ("100 euros
# per day", "200 por persona y día", "80 € pro Tag und Person"), folded.
PER_DAY = (
    "per day", "a day", "each day", "daily", "/day", "por dia", "al dia", "diarios", "dia",
    "par jour", "/jour", "pro tag", "am tag", "taglich", "/tag", "tag", "ao dia",
    "al giorno", "per giorno", "a giorno", "/giorno", "giorno",
)  # fmt: skip
PER_PERSON = (
    "per person", "a person", "each", "per head", "pp", "p.p.", "por persona", "por cabeza",
    "par personne", "pro person", "pro kopf", "person", "por pessoa", "pessoa", "persona",
    "a persona", "per persona", "a testa",
)  # fmt: skip
PER_JOINERS = _words("and|y|et|und|e|per|par|por|pro")
# "with Nancy": a name after these words is a companion, not a place.
COMPANION_WORDS = _words("with|con|avec|mit|com")
# Portuguese weekdays as said without "-feira" ("de sexta a domingo"); read only in a range
# of two weekdays, as "quinta" and "segunda" are also everyday words and names.
SHORT_WEEKDAYS = {"segunda": 0, "terca": 1, "quarta": 2, "quinta": 3, "sexta": 4}
# "in 3 weeks" says when the trip starts; these words before a number always do.
START_OFFSET = ("dans", "dentro de", "daqui a", "tra", "fra", "within")

PEOPLE = _words(
    "people|persons|person|travellers|travelers|adults|guests|pax|"
    "personas|adultos|viajeros|personnes|adultes|voyageurs|"
    "personen|erwachsene|reisende|pessoas|viajantes|persone|adulti|viaggiatori"
)
FRIENDS = _words(
    "friends|amigos|amigas|amis|amies|freunde|freunden|freundinnen|amici|amiche|"
    "friend|amigo|amiga|ami|amie|freund|freundin|amico|amica"
)
# Among PEOPLE, the words that count adults only: children named beside them add up
# ("2 adults and 2 kids": 4).
ADULTS = _words("adults|adultos|adultes|erwachsene|adulti")
CHILDREN = _words(
    "kids|children|sons|daughters|ninos|hijos|hijas|enfants|fils|filles|kinder|kindern|"
    "sohne|tochter|criancas|filhos|filhas|bambini|figli|figlie|"
    "kid|child|son|daughter|nino|nina|hijo|hija|enfant|fille|sohn|crianca|filho|filha|"
    "bambino|bambina|figlio|figlia"
)
# Children words of one language only: the German "Kind" is the English "kind".
CHILDREN_IN = {"de": _words("kind")}
PARTNERS = _words(
    "wife|husband|partner|girlfriend|boyfriend|fiancee|fiance|"
    "pareja|esposa|esposo|mujer|marido|novia|novio|"
    "femme|mari|copine|copain|compagne|compagnon|conjoint|"
    "frau|mann|freundin|freund|partnerin|ehefrau|ehemann|"
    "mulher|namorada|namorado|moglie|marito|ragazza|ragazzo|compagna|compagno|fidanzata|"
    "fidanzato"
)
POSSESSIVES = _words(
    "my|mi|mis|ma|mon|mes|meiner|meinem|meine|mein|meinen|minha|meu|mia|mio|mie|miei"
)
COUPLE_PHRASES = tuple(
    fold(p)
    for p in (
        "honeymoon", "as a couple", "luna de miel", "en pareja", "lune de miel", "en couple",
        "flitterwochen", "als paar", "lua de mel", "em casal", "viaggio di nozze",
        "in coppia", "luna di miele",
    )
)  # fmt: skip
PARENTS = _words("parents|padres|eltern|pais|genitori")
FAMILY = _words("family|familia|famille|familie|famiglia")
# "the two of us", "family of four", "familia de cinco", "famille de quatre".
GROUP_OF = ("of us", "family of", "familia de", "famille de", "familie mit", "familia de",
            "famiglia di", "familia com")  # fmt: skip
PAIRS = tuple(
    fold(p)
    for p in ("both of us", "the two of us", "nous deux", "nosotros dos", "wir beide",
              "wir zwei", "nos dois", "nos duas", "noi due")
)  # fmt: skip
# Two travel, when nothing follows in the clause ("Paris à deux", but "à deux pas de la gare";
# "Roma in due", but "in due settimane").
PAIRS_AT_END = (fold("à deux"), "in due")
SOLO = _words("solo|alone|myself|sola|seul|seule|allein|alleine|sozinho|sozinha|da solo|da sola")
WE_ARE = ("we are", "there are", "somos", "nous sommes", "on est", "wir sind", "siamo in",
          "siamo")  # fmt: skip
GROUP_ORDINALS = {"zweit": 2, "dritt": 3, "viert": 4, "funft": 5, "sechst": 6}
FOR_WORDS = _words("for|para|pour|fur|per")

BUDGET_WORDS = _words(
    "budget|presupuesto|orcamento|bilancio|spesa|max|maximum|with|con|avec|mit|com"
)

INTEREST_WORDS = {w: name for name, words in INTERESTS.items() for w in _words(words)}
