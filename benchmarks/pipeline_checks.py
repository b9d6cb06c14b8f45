"""Checks that a plan is complete and that its numbers are the tools' numbers.

* the plan is for the place the request names (its destination or country is in it);
* every day of the trip has its own ``Day N`` section;
* every temperature written in a day's section is that day's minimum or maximum from the
  weather tool result the run used;
* the converted amount from the currency tool, when there was a conversion, appears in the
  plan next to the target currency's code or symbol.

The facts are searched by shape (a weather result has ``days`` with ``temp_max_c``, a
conversion has ``converted``), so the checks hold however the facts are keyed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

_DAY_HEADING = re.compile(r"^\s*#{1,6}\s*\**\s*Day\s+(\d+)\b", re.IGNORECASE | re.MULTILINE)
# A minus sign right after a digit is a range dash ("9.8-17.2 °C"), not a sign.
_NUMBER = r"((?<![\d.])-?\d+(?:\.\d+)?)"
_UNIT = r"\s*(?:°\s*C?|degrees(?:\s*C(?:elsius)?)?|C\b)"
_TEMPERATURE_RANGE = re.compile(
    rf"{_NUMBER}(?:{_UNIT})?\s*(?:-|–|to|and|/)\s*{_NUMBER}{_UNIT}", re.IGNORECASE
)
_TEMPERATURE = re.compile(rf"{_NUMBER}{_UNIT}", re.IGNORECASE)
_AMOUNT = r"(\d{1,3}(?:[ ,.\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"


@dataclass
class CheckResult:
    name: str
    passed: bool
    detail: str


@dataclass
class PlanChecks:
    results: list[CheckResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(r.passed for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "checks": [asdict(r) for r in self.results]}


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from _walk(child)


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def trip_dates(trip: dict[str, Any]) -> list[date]:
    """The dates of the trip, from start/end dates or start date plus duration."""
    start = _parse_date(trip.get("start_date"))
    end = _parse_date(trip.get("end_date"))
    duration = trip.get("duration_days")
    if start is None:
        return []
    if end is None and isinstance(duration, int) and duration > 0:
        end = start + timedelta(days=duration - 1)
    if end is None or end < start:
        return [start]
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def day_sections(plan: str) -> dict[int, str]:
    """Text of each ``Day N`` section, keyed by N."""
    matches = list(_DAY_HEADING.finditer(plan))
    sections: dict[int, str] = {}
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(plan)
        number = int(match.group(1))
        sections[number] = sections.get(number, "") + plan[match.end() : stop]
    return sections


def temperatures(text: str) -> list[float]:
    """Every temperature written in ``text``, both ends of ranges included."""
    found: list[float] = []
    for match in _TEMPERATURE_RANGE.finditer(text):
        found += [float(match.group(1)), float(match.group(2))]
    rest = _TEMPERATURE_RANGE.sub(" ", text)
    found += [float(match.group(1)) for match in _TEMPERATURE.finditer(rest)]
    return found


def _amount(text: str) -> float:
    digits = re.sub(r"[ \u202f]", "", text)
    if re.search(r"[.,]\d{3}(?!\d)", digits) and not re.search(r"[.,]\d{1,2}$", digits):
        digits = re.sub(r"[.,]", "", digits)
    else:
        head, sep, tail = digits.rpartition(".") if "." in digits else digits.rpartition(",")
        digits = re.sub(r"[.,]", "", head) + "." + tail if sep else digits
    return float(digits)


def check_days(plan: str, dates: list[date]) -> CheckResult:
    sections = day_sections(plan)
    if not dates:
        return CheckResult("every day present", bool(sections), f"{len(sections)} day sections")
    missing = [i for i in range(1, len(dates) + 1) if i not in sections]
    detail = f"{len(dates) - len(missing)}/{len(dates)} days"
    if missing:
        detail += f"; missing Day {', '.join(str(m) for m in missing[:10])}"
    return CheckResult("every day present", not missing, detail)


def _weather_by_date(facts: Any) -> dict[date, tuple[float, float]]:
    found: dict[date, tuple[float, float]] = {}
    for item in _walk(facts):
        days = item.get("days")
        if not isinstance(days, list):
            continue
        for day in days:
            if not isinstance(day, dict) or "temp_max_c" not in day:
                continue
            when = _parse_date(day.get("date"))
            hi, lo = day.get("temp_max_c"), day.get("temp_min_c")
            if when is not None and isinstance(hi, int | float) and isinstance(lo, int | float):
                found[when] = (float(lo), float(hi))
    return found


def check_temperatures(plan: str, dates: list[date], facts: Any) -> CheckResult:
    weather = _weather_by_date(facts)
    sections = day_sections(plan)
    if not weather:
        # No tool figure to copy: the plan must not show temperatures of its own making.
        invented = [t for text in sections.values() for t in temperatures(text)]
        if invented:
            return CheckResult(
                "temperatures match tools",
                False,
                f"no weather result, yet the plan gives {len(invented)} temperatures",
            )
        return CheckResult(
            "temperatures match tools", True, "no weather result; the plan shows none"
        )
    checked = 0
    wrong: list[str] = []
    for index, when in enumerate(dates, start=1):
        text = sections.get(index)
        expected = weather.get(when)
        if text is None or expected is None:
            continue
        for value in temperatures(text):
            checked += 1
            if not any(abs(value - v) <= 0.51 for v in expected):
                wrong.append(f"Day {index}: {value:g} not in {expected[0]:g}/{expected[1]:g}")
    if checked == 0:
        return CheckResult("temperatures match tools", False, "no temperatures in day sections")
    detail = f"{checked - len(wrong)}/{checked} temperatures match"
    if wrong:
        detail += "; " + "; ".join(wrong[:5])
    return CheckResult("temperatures match tools", not wrong, detail)


def _conversions(facts: Any) -> list[dict[str, Any]]:
    return [
        item
        for item in _walk(facts)
        if isinstance(item.get("converted"), int | float) and item.get("to_currency")
    ]


def _currency_marks(code: str) -> list[str]:
    from babel.numbers import get_currency_symbol

    symbols = {get_currency_symbol(code, locale) for locale in ("en", "es", "fr", "de", "pt", "it")}
    return sorted({code, *symbols}, key=len, reverse=True)


def check_currency(plan: str, facts: Any) -> CheckResult | None:
    conversions = _conversions(facts)
    if not conversions:
        return None
    problems: list[str] = []
    for conv in conversions:
        target = str(conv["to_currency"]).upper()
        converted = float(conv["converted"])
        # The code ("527040 JPY") or the currency's symbol as CLDR writes it ("¥527,040").
        marks = "|".join(re.escape(m) for m in _currency_marks(target))
        pattern = re.compile(rf"{_AMOUNT}\s*(?:{marks})|(?:{marks})\s*{_AMOUNT}", re.IGNORECASE)
        amounts = [_amount(m.group(1) or m.group(2)) for m in pattern.finditer(plan)]
        if not any(abs(a - converted) <= max(1.0, converted * 0.005) for a in amounts):
            shown = ", ".join(f"{a:g}" for a in amounts[:5]) or "none"
            problems.append(f"{converted:g} {target} not in plan (found {shown})")
    detail = "; ".join(problems) if problems else f"{len(conversions)} conversion(s) match"
    return CheckResult("currency matches tools", not problems, detail)


def check_destination(request: str, trip: dict[str, Any]) -> CheckResult | None:
    destination = str(trip.get("destination") or "")
    if not destination:
        return None
    names = [destination, str(trip.get("country") or "")]
    named = any(n and n.lower() in request.lower() for n in names)
    shown = ", ".join(n for n in names if n)
    return CheckResult("destination from request", named, f"planned for {shown}")


def check_plan(
    plan: str, trip: dict[str, Any], facts: Any, request: str | None = None
) -> PlanChecks:
    """Run every check on one plan (the destination check needs the request text)."""
    dates = trip_dates(trip)
    checks = PlanChecks([check_days(plan, dates), check_temperatures(plan, dates, facts)])
    destination = check_destination(request, trip) if request is not None else None
    if destination is not None:
        checks.results.insert(0, destination)
    currency = check_currency(plan, facts)
    if currency is not None:
        checks.results.append(currency)
    return checks
