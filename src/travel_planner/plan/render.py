"""The plan in Markdown. Every figure comes from the facts, rendered here in code, in the
traveller's language; the model writes only the briefs and the slot texts."""

from __future__ import annotations

from datetime import date

from travel_planner.facts import Facts
from travel_planner.facts.outlook import day_outlooks, forecast_rain, season_outlooks, temperatures
from travel_planner.plan.advice import packing_list, practical_tips
from travel_planner.plan.days import DEFAULT_SLOTS, SLOTS, DayPlan
from travel_planner.plan.words import Words
from travel_planner.trip import Notice, Trip


def _(message: str) -> str:
    return message


SLOT_LABELS = {"Morning": _("Morning"), "Afternoon": _("Afternoon"), "Evening": _("Evening")}
SEASON_ADVICE = {
    "mostly dry": _(
        "Most days are usually dry: good for outdoor plans, with an indoor option in reserve."
    ),
    "some showers": _(
        "Showers come on some days: keep an indoor option for each day and check the "
        "forecast a few days ahead."
    ),
    "often wet": _(
        "Rain is frequent: plan indoor sights for every day and take outdoor chances when "
        "they come."
    ),
}


def render_header(trip: Trip, research: str, weather_brief: str, facts: Facts, w: Words) -> str:
    _ = w._
    place = f"{trip.place_name}, {w.country(trip.country_code, trip.country)}"
    title = w.n_("{days} day in {place}", "{days} days in {place}", trip.length_days)
    who = w.n_("{n} traveller", "{n} travellers", trip.travellers).format(n=trip.travellers)
    line = f"**{w.date(trip.start_date)} – {w.date(trip.end_date)}** · {who}"
    if trip.interests or trip.avoid:
        # Imported here: the request reader is loaded by the time a plan is rendered, and
        # `travel_planner.plan` stays light for those that only read stored plans.
        from travel_planner.understanding import interest_labels

        if trip.interests:
            shown = ", ".join(interest_labels(trip.interests, w.language))
            line += " · " + _("interests: {interests}").format(interests=shown)
        if trip.avoid:
            shown = ", ".join(interest_labels(trip.avoid, w.language))
            line += " · " + _("avoid: {avoid}").format(avoid=shown)
    lines = [f"# {title.format(days=trip.length_days, place=place)}", "", line, ""]
    if trip.assumptions:
        lines += [f"> {a.text}" for a in trip.assumptions] + [""]
    overview = research or "_" + _("No research brief: the model gave nothing usable.") + "_"
    lines += ["## " + _("Overview"), "", overview, ""]
    lines += ["## " + _("Weather outlook"), "", weather_summary(trip, facts, w), ""]
    if weather_brief:
        lines += [weather_brief, ""]
    lines += ["## " + _("Day by day"), ""]
    return "\n".join(lines) + "\n"


def weather_summary(trip: Trip, facts: Facts, w: Words) -> str:
    _ = w._
    seasons = season_outlooks(trip, facts)
    if seasons:
        parts = []
        for season in seasons:
            n = season.normals
            text = _("Usual weather in {month} (climate averages, not a forecast)").format(
                month=w.month(season.month)
            )
            figures = []
            if n.mean_daily_min_c is not None or n.mean_daily_max_c is not None:
                figures.append(
                    _("typically {range}").format(
                        range=w.temps(n.mean_daily_min_c, n.mean_daily_max_c)
                    )
                )
            if n.precipitation_mm_month is not None and n.rain_days is not None:
                figures.append(
                    _("{mm} mm of rain over {days} days in the month").format(
                        mm=w.num(n.precipitation_mm_month, 0), days=w.num(n.rain_days, 0)
                    )
                )
            if figures:
                text = f"{w.label(text)} {', '.join(figures)}"
            text += "."
            if season.rain:
                text += " " + _(SEASON_ADVICE[season.rain])
            parts.append(text)
        return " ".join(parts)
    temps = temperatures(trip, facts)
    if not temps.lows and not temps.highs:
        return _("No weather data was available for these dates.")
    text = _("Forecast: lows {lows}, highs {highs}.").format(
        lows=w.temps(min(temps.lows, default=None), max(temps.lows, default=None)),
        highs=w.temps(min(temps.highs, default=None), max(temps.highs, default=None)),
    )
    rain = forecast_rain(trip, facts)
    if rain is not None and rain.wet_days:
        text += " " + w.n_(
            "Rain on {wet} of {days} day (up to {mm} mm).",
            "Rain on {wet} of {days} days (up to {mm} mm).",
            rain.days,
        ).format(wet=rain.wet_days, days=rain.days, mm=w.num(rain.most_mm))
        wet = [o.number for o in day_outlooks(trip, facts) if o.rain == "wet"]
        if wet:
            text += " " + w.n_(
                "Day {days} looks wet: keep it for museums and indoor sights.",
                "Days {days} look wet: keep them for museums and indoor sights.",
                len(wet),
            ).format(days=w.days_list(wet))
    elif rain is not None:
        text += " " + _("No rain in the forecast.")
    return text


def _label(w: Words, label: str, text: str) -> str:
    return f"*{w.label(label)}* {text}"


def day_fact_lines(facts: Facts, day: date, w: Words) -> list[str]:
    """Weather (forecast only: normals are the same every day), daylight and holidays."""
    _ = w._
    lines = []
    entry = facts.weather_on(day)
    if entry is not None and facts.weather is not None and not facts.weather.is_normals:
        text = w.temps(entry.temp_min_c, entry.temp_max_c)
        if entry.precipitation_mm is not None:
            text += ", " + _("rain {mm} mm").format(mm=w.num(entry.precipitation_mm))
        lines.append(_label(w, _("Weather"), text))
    sun = facts.sun_on(day)
    if sun is not None and sun.polar == "polar_night":
        lines.append(_label(w, _("Daylight"), _("polar night: the sun does not rise")))
    elif sun is not None and sun.polar == "polar_day":
        lines.append(_label(w, _("Daylight"), _("midnight sun: the sun does not set")))
    elif sun is not None and (sun.sunrise or sun.sunset):
        text = _("sunrise {sunrise}, sunset {sunset}").format(
            sunrise=sun.sunrise or "–", sunset=sun.sunset or "–"
        )
        if sun.daylight_hours is not None:
            text += f" ({w.num(sun.daylight_hours, 2)} h)"
        lines.append(_label(w, _("Daylight"), text))
    for name in facts.holidays_on(day):
        lines.append(_label(w, _("Public holiday"), name))
    return lines


def render_day(n: int, day: date, plan: DayPlan, facts: Facts, w: Words) -> str:
    _ = w._
    heading = "### " + _("Day {n}").format(n=n) + f" — {w.date(day)}"
    if plan.day_trip:
        heading += " · " + _("day trip to {place}").format(place=plan.day_trip)
    lines = [heading, ""]
    facts_lines = day_fact_lines(facts, day, w)
    if facts_lines:
        lines += [f"{line}  " for line in facts_lines] + [""]
    default_day = not plan.planned
    if default_day:
        lines += ["> " + _("Default suggestions: the model did not plan this day."), ""]
    for slot in SLOTS:
        model_text = plan.slots.get(slot) if not default_day else None
        text = model_text or _(DEFAULT_SLOTS[slot])
        mark = "" if model_text or default_day else " *(" + _("default suggestion") + ")*"
        lines.append(f"- **{w.label(_(SLOT_LABELS[slot]))}** {text}{mark}")
    return "\n".join(lines) + "\n\n"


def budget_lines(trip: Trip, facts: Facts, w: Words) -> list[str]:
    _ = w._
    local = facts.local_currency
    lines: list[str] = []
    same = bool(local) and local == trip.home_currency
    if trip.budget_amount is not None and trip.budget_currency:
        total = {trip.budget_currency: trip.budget_amount}
        for conv in facts.conversions:
            if conv.to_currency and conv.converted is not None:
                total[conv.to_currency] = conv.converted

        def each(divisor: float) -> str:
            return " = ".join(w.money(v / divisor, c) for c, v in total.items())

        days, people = trip.length_days, trip.travellers
        lines.append(_("Total budget: {amounts}").format(amounts=each(1)))
        lines.append(
            w.n_("Per day ({n} day): {amounts}", "Per day ({n} days): {amounts}", days).format(
                n=days, amounts=each(days)
            )
        )
        if people > 1:
            lines.append(
                _("Per person per day ({n} travellers): {amounts}").format(
                    n=people, amounts=each(days * people)
                )
            )
        missing = [c for c in dict.fromkeys((local, trip.home_currency)) if c and c not in total]
        if missing:
            lines.append(_("Conversion to {codes} unavailable.").format(codes=", ".join(missing)))
        same = same and local == trip.budget_currency
    else:
        lines.append(
            _('No budget given: add one (e.g. "budget 1500 EUR") to get it split per day.')
        )
    if same and local:
        lines.append(
            _("The local currency is your home currency ({code}): no exchange needed.").format(
                code=local
            )
        )
    for conv in facts.conversions:
        if not (conv.from_currency and conv.to_currency and conv.rate is not None):
            continue
        text = _("Exchange rate: 1 {source} = {rate} {target}").format(
            source=conv.from_currency, rate=w.num(conv.rate, 6), target=conv.to_currency
        )
        if conv.rate_date:
            text += " (" + _("rate of {date}").format(date=conv.rate_date) + ")"
        if trip.budget_amount is None and conv.amount is not None and conv.converted is not None:
            shown = (
                w.money(conv.amount, conv.from_currency),
                w.money(conv.converted, conv.to_currency),
            )
            text = f"{w.label(text)} {shown[0]} = {shown[1]}"
        lines.append(text)
    return lines


def practical_lines(trip: Trip, facts: Facts, w: Words) -> list[str]:
    _ = w._
    lines = []
    local = facts.local_time
    zone = (local.timezone if local else None) or trip.timezone
    first = local.days[0] if local and local.days else None
    if zone:
        text = _("Time zone: {zone}").format(zone=zone)
        if first and first.utc_offset:
            text += f" (UTC{first.utc_offset}" + (
                f", {first.abbreviation})" if first.abbreviation else ")"
            )
        lines.append(text)
    for change in local.dst_changes if local else []:
        if change.date and change.local_time_before and change.local_time_after:
            message = (
                _("Clocks go forward on {date}: {before} becomes {after}.")
                if change.change == "clocks go forward"
                else _("Clocks go back on {date}: {before} becomes {after}.")
            )
            lines.append(
                message.format(
                    date=w.date(change.date, "long"),
                    before=change.local_time_before,
                    after=change.local_time_after,
                )
            )
    country = facts.country_facts
    if country:
        currencies = [
            f"{w.currency(c.code, c.name)} ({c.code})" for c in country.currencies if c.code
        ]
        if currencies:
            lines.append(_("Currency: {names}").format(names=", ".join(currencies)))
        if country.languages:
            names = ", ".join(w.spoken(name, code) for name, code in country.spoken())
            lines.append(_("Languages: {names}").format(names=names))
        if country.calling_code:
            lines.append(_("Calling code: {code}").format(code=country.calling_code))
        if country.driving_side in ("left", "right"):
            lines.append(
                _("Traffic drives on the left.")
                if country.driving_side == "left"
                else _("Traffic drives on the right.")
            )
        if country.capital:
            lines.append(_("Capital: {capital}").format(capital=w.city(country.capital)))
    return lines + practical_tips(trip, facts, w)


def sources_lines(facts: Facts, w: Words) -> list[str]:
    """Where each fact came from, with the data sets' own notes (station, method)."""
    _ = w._
    weather = facts.weather
    weather_note = (
        ". ".join(x.rstrip(".") for x in (weather.label, weather.note) if x) if weather else None
    )
    entries: list[tuple[str, str | None, str | None, str | None]] = [
        (_("Place"), facts.place.source, None, None),
        (_("Weather"), weather.source if weather else None, weather.as_of if weather else None,
         weather_note),
    ]  # fmt: skip
    for label, result in (
        (_("Daylight"), facts.sun_times),
        (_("Local time"), facts.local_time),
        (_("Public holidays"), facts.public_holidays),
        (_("Country facts"), facts.country_facts),
    ):
        entries.append((label, result.source if result else None, None, None))
    entries += [
        (_("Exchange rate"), c.source, c.as_of or c.rate_date, c.mode) for c in facts.conversions
    ]
    lines = []
    for label, source, as_of, note in entries:
        if source:
            text = f"{w.label(label)} {source}"
            if as_of:
                text += " (" + _("as of {date}").format(date=as_of) + ")"
            lines.append(text + (f"; {note}" if note else ""))
    return lines


def render_footer(
    trip: Trip, facts: Facts, notes: list[Notice], w: Words, extra_notes: list[str] | None = None
) -> str:
    _ = w._
    sections = [
        (_("Budget"), budget_lines(trip, facts, w)),
        (_("Packing list"), packing_list(trip, facts, w)),
        (_("Practical facts"), practical_lines(trip, facts, w)),
        (_("Sources"), sources_lines(facts, w)),
        (_("Notes"), [*(extra_notes or []), *dict.fromkeys(n.text for n in notes)]),
    ]
    out = []
    for title, items in sections:
        if items:
            out += [f"## {title}", "", *(f"- {i}" for i in items), ""]
    return "\n".join(out)
