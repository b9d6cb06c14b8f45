"""public_holidays' whole answer (both ends of the range included, a year boundary crossed,
subdivisions in any case, a blank one ignored) and its refusals word for word (no calendar, an
unknown or overlong subdivision, the valid ones listed, a range over 366 days)."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from travel_mcp_server.countries import CountryDirectory
from travel_mcp_server.inputs import ToolInputError
from travel_mcp_server.public_holidays import public_holidays

pytestmark = pytest.mark.unit

NEW_YEAR = ("01-01", "New Year's Day")
GERMANY_2027 = [
    NEW_YEAR,
    ("03-26", "Good Friday"),
    ("03-29", "Easter Monday"),
    ("05-01", "Labor Day"),
    ("05-06", "Ascension Day"),
    ("05-17", "Pentecost Monday"),
    ("10-03", "German Unity Day"),
    ("12-25", "Christmas Day"),
    ("12-26", "Second Day of Christmas"),
]


@pytest.mark.parametrize(
    ("arguments", "subdivision", "found"),
    [
        # 366 days, the most one call covers: New Year's Day at both ends.
        (
            ("Germany", "2027-01-01", "2028-01-01"),
            None,
            [(f"2027-{day}", name) for day, name in GERMANY_2027] + [("2028-01-01", NEW_YEAR[1])],
        ),
        (
            ("DE", "2026-12-26", "2027-01-01", "augsburg"),
            "Augsburg",
            [("2026-12-26", "Second Day of Christmas"), ("2027-01-01", NEW_YEAR[1])],
        ),
        (("FR", "2027-07-14", "2027-07-14", "  "), None, [("2027-07-14", "National Day")]),
        (("DE", "2027-01-02", "2027-03-25"), None, []),
    ],
)
def test_the_holidays_in_the_range(
    countries: CountryDirectory,
    arguments: tuple[str, ...],
    subdivision: str | None,
    found: list[tuple[str, str]],
) -> None:
    answer = public_holidays(countries, *arguments)
    code = countries.lookup(arguments[0])
    assert answer == {
        "country": code,
        "country_name": countries.name_of(code),
        "subdivision": subdivision,
        "start_date": arguments[1],
        "end_date": arguments[2],
        "holidays": [{"date": day, "name": name} for day, name in found],
        "language": "en_US",
        "source": f"python-holidays {version('holidays')} (rules bundled with the package)",
    }


ITALIAN_PROVINCES = (
    "AG, AL, AN, AO, AP, AQ, AR, AT, AV, BA, BG, BI, BL, BN, BO, BR, BS, BT, BZ, CA, CB, CE, CH, "
    "CL, CN, CO, CR, CS, CT, CZ, EN, FC, FE, FG, FI, FM, FR, GE, GO, GR, IM, IS, KR, LC, LE, LI, "
    "LO, LT, LU, MB, MC, ME, MI, MN, MO, MS, MT, NA, NO, NU, OR, PA, PC, PD, PE, PG, PI, PN, PO, "
    "PR, PT, PU, PV, PZ, RA, RC, RE, RG, RI, RM"
)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("AN", "2027-01-01", "2027-01-02"),
            "No public-holiday calendar is available for Netherlands Antilles (AN).",
        ),
        (
            ("AF", "2027-01-01", "2027-01-02", "X"),
            "Unknown subdivision 'X' for AF. Valid codes: none.",
        ),
        # The first 80 codes only.
        (
            ("IT", "2027-01-01", "2027-01-02", "ZZ"),
            f"Unknown subdivision 'ZZ' for IT. Valid codes: {ITALIAN_PROVINCES}.",
        ),
        (
            ("DE", "2027-01-01", "2027-01-02", "B" * 201),
            "'subdivision' is 201 characters long; send at most 200.",
        ),
        (
            ("DE", "2027-01-01", "2028-01-02"),
            "The range covers 367 days; ask for at most 366 days per call "
            "(split longer trips into several calls).",
        ),
    ],
)
def test_what_is_refused(
    countries: CountryDirectory, arguments: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ToolInputError) as refused:
        public_holidays(countries, *arguments)
    assert str(refused.value) == message
