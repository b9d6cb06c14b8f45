"""Clock changes at the edges of the asked days (at local midnight, in zones far from UTC), the
same answer whatever the server's own time zone, and local_time's whole answer."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date
from importlib.metadata import version
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from travel_mcp_server.local_time import dst_changes, local_time
from travel_mcp_server.place_lookup import PlaceLookup

pytestmark = pytest.mark.unit

FORWARD, BACK = "clocks go forward", "clocks go back"


def _change(
    day: str, at_utc: str, clocks: str, offsets: str, names: str, change: str
) -> dict[str, Any]:
    """One change: local clock before -> after, offsets before -> after, names before -> after."""
    (before, after), (offset_before, offset_after), (name_before, name_after) = (
        pair.split(" -> ") for pair in (clocks, offsets, names)
    )
    return {
        "date": day,
        "at_utc": at_utc,
        "local_time_before": before,
        "local_time_after": after,
        "offset_before": offset_before,
        "offset_after": offset_after,
        "abbreviation_before": name_before,
        "abbreviation_after": name_after,
        "change": change,
    }


PARIS_SPRING = _change(
    "2026-03-29", "2026-03-29T01:00Z", "02:00 -> 03:00", "+01:00 -> +02:00", "CET -> CEST", FORWARD
)


@pytest.mark.parametrize(
    ("zone", "day", "change"),
    [
        # Clocks change at local midnight, the first minute of the asked day.
        (
            "America/Havana",
            "2026-03-08",
            _change(
                "2026-03-08",
                "2026-03-08T05:00Z",
                "00:00 -> 01:00",
                "-05:00 -> -04:00",
                "CST -> CDT",
                FORWARD,
            ),
        ),
        (
            "America/Havana",
            "2026-11-01",
            _change(
                "2026-11-01",
                "2026-11-01T05:00Z",
                "01:00 -> 00:00",
                "-04:00 -> -05:00",
                "CDT -> CST",
                BACK,
            ),
        ),
        (
            "Asia/Beirut",
            "2026-03-29",
            _change(
                "2026-03-29",
                "2026-03-28T22:00Z",
                "00:00 -> 01:00",
                "+02:00 -> +03:00",
                "EET -> EEST",
                FORWARD,
            ),
        ),
        # Clocks go back at midnight to 23:00 of the asked day: its last hour.
        (
            "America/Santiago",
            "2026-04-04",
            _change(
                "2026-04-04",
                "2026-04-05T03:00Z",
                "00:00 -> 23:00",
                "-03:00 -> -04:00",
                "-03 -> -04",
                BACK,
            ),
        ),
        (
            "Pacific/Chatham",
            "2026-04-05",
            _change(
                "2026-04-05",
                "2026-04-04T14:00Z",
                "03:45 -> 02:45",
                "+13:45 -> +12:45",
                "+1345 -> +1245",
                BACK,
            ),
        ),
        ("Europe/Paris", "2026-03-29", PARIS_SPRING),
    ],
)
def test_a_clock_change_on_the_asked_day(zone: str, day: str, change: dict[str, Any]) -> None:
    asked = date.fromisoformat(day)
    assert dst_changes(ZoneInfo(zone), asked, asked) == [change]


@pytest.fixture
def server_time_zone() -> Iterator[None]:
    """The server process runs in New York time for the test."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if saved is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = saved
    time.tzset()


@pytest.mark.usefixtures("server_time_zone")
def test_the_server_s_own_time_zone_changes_nothing() -> None:
    assert dst_changes(ZoneInfo("Europe/Paris"), date(2026, 3, 28), date(2026, 3, 30)) == [
        PARIS_SPRING
    ]


def test_the_whole_answer(places: PlaceLookup) -> None:
    tokyo = places.resolve("Tokyo")
    assert local_time(tokyo, date(2026, 7, 1), date(2026, 7, 2)) == {
        "place": tokyo.model_dump(),
        "timezone": "Asia/Tokyo",
        "days": [
            {"date": day, "utc_offset": "+09:00", "abbreviation": "JST", "is_dst": False}
            for day in ("2026-07-01", "2026-07-02")
        ],
        "dst_changes": [],
        "note": "Offsets are given at local noon of each day.",
        "source": f"IANA time zone database (tzdata {version('tzdata')}) via zoneinfo",
    }


def test_an_old_offset_with_seconds_is_cut_to_the_minute(places: PlaceLookup) -> None:
    first = date(1900, 1, 1)
    offsets = [
        local_time(places.resolve(name), first, first)["days"][0]["utc_offset"]
        for name in ("Addis Ababa", "Abidjan")
    ]
    assert offsets == ["+02:35", "-00:16"]


@pytest.mark.parametrize(
    ("name", "january", "july"),
    [
        # The database records Irish winter time as a negative daylight saving: summer is the
        # daylight-saving time a traveller knows.
        ("Dublin", ("+00:00", "GMT", False), ("+01:00", "IST", True)),
        # In the south, summer time is in January.
        ("Sydney", ("+11:00", "AEDT", True), ("+10:00", "AEST", False)),
    ],
)
def test_daylight_saving_is_the_clocks_ahead_of_winter_time(
    places: PlaceLookup, name: str, january: tuple[str, str, bool], july: tuple[str, str, bool]
) -> None:
    place = places.resolve(name)
    flags = [
        (day["utc_offset"], day["abbreviation"], day["is_dst"])
        for first in (date(2026, 1, 15), date(2026, 7, 15))
        for day in local_time(place, first, first)["days"]
    ]
    assert flags == [january, july]
