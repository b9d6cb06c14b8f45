"""When the trip starts and how long it is, read from the request in any supported language.

Month and weekday names, duration units and the day/month order of numeric dates come from
CLDR (see `lexicon`), so the dates written ("10 de mayo", "3. Juni 2027", "May 10th",
"10.06.") follow each language's spelling and order. Relative phrases, seasons, weekends and
holidays are read here because no library answers them as a trip planner needs ("next month"
is the 1st of next month, "weekend" is Saturday and Sunday).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import Literal

from babel import Locale

from travel_planner.i18n import Language
from travel_planner.understanding import lexicon
from travel_planner.understanding.date_words import (
    MONTH_CUES,
    RANGE_JOIN,
    WEEKDAY_CUES,
    patterns,
)
from travel_planner.understanding.days import ahead, range_end, real_date
from travel_planner.understanding.number_words import number_before

Weekend = Literal["weekend", "long"]
MonthPart = Literal["early", "mid", "late"]
Holiday = Literal["easter", "holy_week", "christmas", "new_year"]


@dataclass
class DateReading:
    """What the text says about dates; every field None when it says nothing."""

    start: date | None = None
    end: date | None = None
    month: int | None = None
    year: int | None = None
    month_next: bool = False
    season: str | None = None
    season_next: bool = False
    weekend: Weekend | None = None
    # "late May", "a mediados de abril": the part of `month` the trip falls in.
    month_part: MonthPart | None = None
    # "the second week of July": the week of `month` (-1: the last).
    month_week: int | None = None
    # "Semana Santa", "over Easter", "Weihnachten": the holiday the trip is planned around.
    holiday: Holiday | None = None
    days: int | None = None
    # The words that set the start ("next month", "tomorrow") for the notice that says so;
    # `phrase_is_range`: they set the end too ("de viernes a domingo").
    phrase: str | None = None
    phrase_is_range: bool = False
    # A date that does not exist ("2027-02-30", "31 de junio"), as written.
    impossible: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def has_start(self) -> bool:
        return any(
            x is not None for x in (self.start, self.month, self.season, self.weekend, self.holiday)
        )


@dataclass(frozen=True)
class _Day:
    """A date written in the text: where, which day, whether its year was written, and
    whether it ends a range with the date before it ("del 3 al 9 de octubre")."""

    start: int
    end: int
    day: date
    year_given: bool = True
    ends_range: bool = False


@cache
def _day_first(language: Language) -> bool:
    """Whether the language writes the day before the month in its short dates (CLDR)."""
    pattern = str(Locale.parse(language).date_formats["short"].pattern)
    return pattern.index("d") < pattern.index("M")


class _Reader:
    def __init__(self, text: str, today: date, language: Language) -> None:
        self.text = text
        self.folded = lexicon.fold(text)
        self.today = today
        self.language = language
        self.reading = DateReading()
        self.dates: list[_Day] = []

    def used(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.reading.spans)

    def take(self, start: int, end: int) -> None:
        self.reading.spans.append((start, end))

    def impossible(self, written: str) -> None:
        if self.reading.impossible is None:
            self.reading.impossible = written.strip()

    def exact_dates(self) -> None:
        p = patterns()
        for m in p["iso"].finditer(self.folded):
            self.take(m.start(), m.end())
            found = real_date(int(m[1]), int(m[2]), int(m[3]))
            if found is None:
                self.impossible(m[0])
            else:
                self.dates.append(_Day(m.start(), m.end(), found))
        self.numeric_dates()
        months = lexicon.months()
        for name, first_day, last_day, month_group in (
            ("day_range", 1, 2, 3),
            ("month_range", 2, 3, 1),
        ):
            for m in p[name].finditer(self.folded):
                if not self.used(m.start(), m.end()):
                    self._range(
                        m, months[m[month_group]], int(m[first_day]), int(m[last_day]), m[4]
                    )
        for name, day_group, month_group in (("day_month", 1, 2), ("month_day", 2, 1)):
            for m in p[name].finditer(self.folded):
                if self.used(m.start(), m.end()):
                    continue
                ambiguous = m[month_group] in ("may", "mai") and not m[3]
                verb = name == "month_day" and self.text[m.start()] != "M"
                if ambiguous and verb and not self._cued(m.start()):
                    continue
                self.take(m.start(), m.end())
                found = ahead(months[m[month_group]], int(m[day_group]), m[3], self.today)
                if found is None:
                    self.impossible(self.text[m.start() : m.end()])
                else:
                    self.dates.append(_Day(m.start(), m.end(), found, year_given=bool(m[3])))
        self.day_alone()
        self.dates.sort(key=lambda d: d.start)
        if self.dates:
            self.reading.start = self.dates[0].day
            self.reading.end = self._end(self.dates)

    def day_alone(self) -> None:
        """ "from the 15th", "desde el 15": the next time that day of a month comes."""
        for m in patterns()["day_alone"].finditer(self.folded):
            if self.used(m.start(), m.end()):
                continue
            day = int(next(g for g in m.groups() if g))
            month, year = self.today.month, self.today.year
            for _ in range(3):  # the 31st: the next month that has one
                found = real_date(year, month, day)
                if found is not None and found > self.today:
                    self.take(m.start(), m.end())
                    if not self.dates:  # the month is inferred: the traveller is told
                        self.reading.phrase = self.text[m.start() : m.end()]
                    self.dates.append(_Day(m.start(), m.end(), found, year_given=False))
                    break
                month, year = (1, year + 1) if month == 12 else (month + 1, year)

    def _end(self, days: list[_Day]) -> date | None:
        """The last day: the second date of a range, even one before the first (a question
        follows); otherwise the first later date written."""
        first = days[0]
        if len(days) > 1:
            second = days[1]
            between = self.folded[first.end : second.start]
            if second.ends_range or RANGE_JOIN.fullmatch(between):
                fixed = second.year_given or second.ends_range
                return second.day if fixed else range_end(first.day, second.day)
        later = [d.day for d in days[1:] if d.day >= first.day]
        return later[0] if later else None

    def _range(
        self, m: re.Match[str], month: int, first_day: int, last_day: int, year: str | None
    ) -> None:
        """ "del 3 al 9 de octubre", "June 10-14": both days in one month."""
        self.take(m.start(), m.end())
        first = ahead(month, first_day, year, self.today)
        last = ahead(month, last_day, year or (str(first.year) if first else None), self.today)
        if first is None or last is None:
            self.impossible(self.text[m.start() : m.end()])
        else:
            self.dates += [
                _Day(m.start(), m.start(), first, year_given=bool(year)),
                _Day(m.end(), m.end(), last, ends_range=True),
            ]

    def numeric_dates(self) -> None:
        """ "10/05/2027", "10.05.": day and month in the order of the language's own short
        date (CLDR: month first in English). A date that can only be read one way sets the
        order of the others ("10/06 to 13/06" is June in an English request too), and
        dotted dates are always day first ("vom 10.06. bis 13.06.")."""
        found = [
            m
            for m in patterns()["numeric"].finditer(self.folded)
            if not self.used(m.start(), m.end())
        ]
        numbers = [[int(n) for n in re.findall(r"\d+", m[0])] for m in found]
        day_first = _day_first(self.language)
        if any(max(n[:2]) > 12 for n in numbers):
            day_first = any(n[0] > 12 for n in numbers)
        elif any("." in m[0] for m in found):
            day_first = True
        for m, (first, second, *year) in zip(found, numbers, strict=True):
            self.take(m.start(), m.end())
            day, month = (first, second) if day_first else (second, first)
            written = str(year[0]) if year else None
            found_day = ahead(month, day, written, self.today) if 1 <= month <= 12 else None
            if found_day is None:
                self.impossible(m[0])
            else:
                self.dates.append(_Day(m.start(), m.end(), found_day, year_given=bool(year)))

    def _coming(self, weekday: int) -> date:
        return self.today + timedelta(days=(weekday - self.today.weekday() - 1) % 7 + 1)

    def weekday_range(self) -> None:
        """ "from Friday to Sunday", "de viernes a domingo", "von Freitag bis Sonntag": the
        coming first day, to the second day after it."""
        names = {**lexicon.SHORT_WEEKDAYS, **lexicon.weekdays()}
        found = [m for m in re.finditer(r"[\w-]+", self.folded) if m[0] in names]
        for first, second in pairwise(found):
            between = self.folded[first.end() : second.start()]
            if not RANGE_JOIN.fullmatch(between) or self.used(first.start(), second.end()):
                continue
            self.take(first.start(), second.end())
            if self.reading.start is None:
                start = self._coming(names[first[0]])
                days = (names[second[0]] - names[first[0]]) % 7 or 7
                self.reading.start, self.reading.end = start, start + timedelta(days=days)
                self.reading.phrase = self.text[first.start() : second.end()]
                self.reading.phrase_is_range = True

    def weekday(self) -> None:
        """ "on Friday", "el viernes", "am Freitag": the coming one."""
        for m in re.finditer(r"[\w-]+", self.folded):
            number = lexicon.weekdays().get(m[0])
            if number is None or self.used(m.start(), m.end()):
                continue
            if lexicon.previous_word(self.folded, m.start()) not in WEEKDAY_CUES:
                continue  # "Santo Domingo" is no Sunday
            self.take(m.start(), m.end())
            if self.reading.start is None:
                self.reading.start = self._coming(number)
                self.reading.phrase = self.text[m.start() : m.end()]

    def _inside_name(self, position: int) -> bool:
        """A capitalised month after "de"/"di" that follows a capitalised word is a name."""
        words = re.findall(r"[\w'-]+", self.text[:position])
        return (
            self.text[position].isupper()
            and len(words) >= 2
            and lexicon.fold(words[-1]) in lexicon.NAME_JOINERS
            and words[-2][:1].isupper()
        )

    def _cued(self, position: int) -> bool:
        return lexicon.previous_word(self.folded, position) in MONTH_CUES

    def _month_part(self, position: int) -> tuple[MonthPart, int] | None:
        """ "late May", "a finales de abril", "Mitte Mai": the part of the month named before
        it (only joining words between) and where its words start."""
        for word in reversed(list(re.finditer(r"[\w']+", self.folded[:position]))[-4:]):
            part = lexicon.MONTH_PARTS.get(word[0])
            if part is not None:
                return part, word.start()  # type: ignore[return-value]
            if word[0] not in lexicon.MONTH_PART_JOINERS:
                return None
        return None

    def _week_of_month(self, position: int) -> tuple[int, int] | None:
        """ "the second week of July", "la última semana de agosto": which week of the month
        is named before it, and where its words start."""
        words = [w for w in re.finditer(r"[\w']+", self.folded[:position])][-5:]
        while words and words[-1][0] in lexicon.MONTH_PART_JOINERS:
            words.pop()
        if len(words) < 2 or lexicon.duration_units().get(words[-1][0]) != "week":
            return None
        week = lexicon.WEEK_ORDINALS.get(words[-2][0])
        return None if week is None else (week, words[-2].start())

    def month_alone(self) -> None:
        for m in patterns()["month"].finditer(self.folded):
            if self.used(m.start(), m.end()):
                continue
            word = m[1]
            if self._inside_name(m.start()):
                continue  # "Rio de Janeiro"
            part = self._month_part(m.start())
            week = None if part else self._week_of_month(m.start())
            cued = self._cued(m.start()) or part is not None or week is not None
            capital_may = word == "may" and self.text[m.start()] == "M" and m.start() > 0
            if word in ("may", "mai") and not (cued or m[2] or capital_may):
                continue
            first = part[1] if part else week[1] if week else m.start()
            self.take(first, m.end())
            if self.reading.month is None:
                self.reading.month = lexicon.months()[word]
                self.reading.year = int(m[2]) if m[2] else None
                self.reading.month_next = lexicon.previous_word(self.folded, m.start()) in (
                    lexicon.NEXT_WORDS
                )
                self.reading.month_part = part[0] if part else None
                self.reading.month_week = week[0] if week else None
                self.reading.phrase = self.text[first : m.end()]

    def relative(self) -> None:
        """ "next month", "la semana que viene", "le mois prochain", "tomorrow"."""
        f = self.folded
        words = list(re.finditer(r"[\w']+", f))
        nexts = lexicon.NEXT_WORDS | {"vem"}
        for i, m in enumerate(words):
            unit = lexicon.duration_units().get(m[0])
            if unit not in ("week", "month") or self.used(m.start(), m.end()):
                continue
            before = [w for w in words[max(0, i - 1) : i] if w[0] in nexts]
            following = words[i + 1 : i + 3]
            if following and following[0][0] == "que":
                following = following[1:]
            after = [w for w in following[:1] if w[0] in nexts]
            if not before and not after:
                continue
            first, last = (before or [m])[0], (after or [m])[-1]
            self.take(first.start(), last.end())
            self.reading.phrase = self.text[first.start() : last.end()]
            if unit == "week":
                self.reading.start = self.today + timedelta(days=7 - self.today.weekday())
            else:
                ahead = date(self.today.year + self.today.month // 12, self.today.month % 12 + 1, 1)
                self.reading.month, self.reading.year = ahead.month, ahead.year
            break
        for m in re.finditer(r"[\w']+", f):
            if m[0] in lexicon.TOMORROW or m[0] in lexicon.TODAY:
                # "mañana por la mañana", "Morgen früh": the first one is the day.
                self.take(m.start(), m.end())
                if self.reading.start is None:
                    offset = 1 if m[0] in lexicon.TOMORROW else 0
                    self.reading.start = self.today + timedelta(days=offset)
                    self.reading.phrase = self.text[m.start() : m.end()]

    def offsets(self) -> None:
        """ "in 3 weeks", "dans trois semaines", "in drei Wochen", "tra tre settimane"."""
        f = self.folded
        for m in patterns()["unit"].finditer(f):
            unit = lexicon.duration_units()[m[1]]
            number = number_before(self.text, m.start(), self.language)
            if number is None or self.used(m.start(), m.end()):
                continue
            value, number_start = number
            before = f[:number_start].rstrip()
            marker = next(
                (w for w in lexicon.START_OFFSET if before.endswith(" " + w) or before == w), None
            )
            after_in = lexicon.previous_word(f, number_start) == "in"
            german_dative = m[1] in ("tagen", "wochen", "monaten") and after_in
            english_in = after_in and unit in ("week", "month")
            if not (marker or german_dative or english_in) or unit == "night":
                continue
            self.take(before.rfind(marker) if marker else number_start, m.end())
            if self.reading.start is None:
                scale = {"day": 1, "week": 7, "month": 30}[unit]
                self.reading.start = self.today + timedelta(days=value * scale)
                self.reading.phrase = self.text[number_start : m.end()]

    def lengths(self) -> None:
        f = self.folded
        for m in patterns()["unit"].finditer(f):
            if self.used(m.start(), m.end()):
                continue
            unit = lexicon.duration_units()[m[1]]
            number = number_before(self.text, m.start(), self.language)
            if number is None and unit == "day" and f[m.end() :].lstrip().startswith("trip"):
                number = (1, m.start())  # "day trip"
            if number is None:
                continue
            value, number_start = number
            self.take(number_start, m.end())
            if self.reading.days is None and value > 0:
                scale = {"day": 1, "week": 7, "month": 30, "night": 1}[unit]
                self.reading.days = value * scale + (1 if unit == "night" else 0)
        if re.search(r"\bfortnight\b", f):
            self.reading.days = self.reading.days or 14

    def holiday(self) -> None:
        """ "Semana Santa en Sevilla", "over Easter", "Weihnachten in Wien", "Nochevieja"."""
        folded = self.folded.replace("\u2019", "'")
        for phrase, holiday in sorted(lexicon.HOLIDAYS.items(), key=lambda kv: -len(kv[0])):
            pattern = rf"(?<![\w'-]){re.escape(phrase)}(?![\w'-])(?:\s+(?:de\s+)?(\d{{4}}))?"
            for m in re.finditer(pattern, folded):
                if self.used(m.start(), m.end()):
                    continue
                self.take(m.start(), m.end())
                if self.reading.holiday is None and not self.reading.has_start:
                    self.reading.holiday = holiday  # type: ignore[assignment]
                    self.reading.year = int(m[1]) if m[1] else None
                    self.reading.phrase = self.text[m.start() : m.end()]

    def weekend(self) -> None:
        f = self.folded
        found = [m for m in re.finditer(r"[\w-]+", f) if m[0] in lexicon.WEEKEND]
        found += [
            m for p in lexicon.WEEKEND_PHRASES for m in re.finditer(rf"\b{re.escape(p)}\b", f)
        ]
        found += [m for m in re.finditer(r"\b(?:puente|ponte)\b", f)]
        if not found:
            return
        m = found[0]
        around = f[max(0, m.start() - 14) : m.end() + 14]
        long = any(w in lexicon.LONG_WEEKEND for w in re.findall(r"[\w-]+", around))
        self.reading.weekend = "long" if long else "weekend"
        self.take(m.start(), m.end())
        self.reading.phrase = self.text[m.start() : m.end()]

    def season(self) -> None:
        for m in patterns()["season"].finditer(self.folded):
            if self.used(m.start(), m.end()):
                continue
            self.take(m.start(), m.end())
            if self.reading.season is None:
                self.reading.season = lexicon.SEASONS.get(m[1], "autumn")
                self.reading.season_next = lexicon.previous_word(self.folded, m.start()) in (
                    lexicon.NEXT_WORDS
                )
                self.reading.year = int(m[2]) if m[2] else None
                self.reading.phrase = self.text[m.start() : m.end()]


def read_dates(text: str, today: date, language: Language) -> DateReading:
    """Everything the text says about when and how long, without the model."""
    reader = _Reader(text, today, language)
    reader.exact_dates()
    reader.relative()
    reader.weekday_range()
    reader.weekday()
    reader.offsets()
    reader.holiday()
    reader.weekend()
    reader.month_alone()
    reader.season()
    reader.lengths()
    return reader.reading
