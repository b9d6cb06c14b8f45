"""The word lists the scripted model reads requests with (English, a few dozen places)."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """A list written as one string: ``|`` separates entries (entries may hold spaces)."""
    return [word.strip() for word in text.split("|")]


MONTHS = {
    name: i
    for i, name in enumerate(
        _words(
            "january|february|march|april|may|june|july|august|september|october|november|december"
        ),
        start=1,
    )
}
MONTH_ABBR = {name[:3]: i for name, i in MONTHS.items()}
WEEKDAYS = set(_words("monday|tuesday|wednesday|thursday|friday|saturday|sunday"))

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

COUNTRIES = set(
    _words(
        "Portugal|Spain|France|Italy|Germany|Japan|China|Greece|Norway|Sweden|Iceland|Ireland|"
        "Austria|Switzerland|Netherlands|Belgium|Croatia|Morocco|Mexico|Canada|Brazil|"
        "Argentina|Peru|Chile|Australia|India|Thailand|Vietnam|Indonesia|Egypt|Turkey|Poland|"
        "Denmark|Finland|Scotland|England|Kenya|South Africa|New Zealand|United States|"
        "United Kingdom|USA|UK"
    )
)
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

# Order matters: earlier interests are reported first.
INTERESTS = _words(
    "food|museums|museum|art|history|hiking|beaches|beach|nightlife|shopping|architecture|"
    "nature|music|wine|culture|photography|cycling|skiing|temples|gardens|markets|coffee|"
    "street food|theatre|castles|surfing|diving|parks|football|festivals"
)

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
ISO_CURRENCIES = set(
    _words(
        "EUR|USD|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|CNY|INR|BRL|MXN|THB|TRY|ZAR|ISK"
    )
)

STOPWORDS = set(
    _words(
        "the|and|for|with|from|that|this|what|your|you|are|was|have|has|will|into|about|please|"
        "plan|trip|days|day|want|would|like|could|should|give|tell|make|need|some|them|they|"
        "their|there|then|than|only|also|each|answer|using|use|json|describe|suggest|explain|"
        "list|write"
    )
)

# Capitalised words that start sentences or prompt lines, never places.
NOT_PLACES = set(
    _words(
        "I|I'm|My|We|Day|Morning|Afternoon|Evening|Return|Answer|Plan|Trip|Please|The|Use|You|"
        "Your|JSON|Here|Based|Tool|Today|Tomorrow|Weather|Holidays|Budget|Interests|"
        "Travellers|Destination"
    )
)
