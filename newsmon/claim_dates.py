"""Relative dates in claims ("Tuesday", "next week", "Aug. 1") made absolute against the article's date.

Wire copy dates by weekday within a week and by month and day within a year, so the words alone are
ambiguous; resolved against the day the article was published they are exact under one stated rule:
a claim that announces or threatens a measure looks forward (the first such day on or after publication),
any other takes the nearest such day (a weekday within three days either way, a month and day within six
months). Only the forms below are resolved; anything else is shown as stated with the article's date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

FORWARD_ACTIONS = frozenset({"announced", "threatened"})
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
_WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_OFFSETS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
_WORD = r"([a-z]+)\.?"
_MONTH_DAY = re.compile(rf"^{_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$")
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_WORD}(?:,?\s+(\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^{_WORD},?\s+(\d{{4}})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    """An absolute day, week or month; `relative` when the words needed the article's date to mean it."""

    start: date
    unit: str  # day, week or month
    relative: bool

    def __str__(self) -> str:
        if self.unit == "month":
            return f"{self.start:%B %Y}"
        day = f"{self.start:%A} {self.start.day} {self.start:%B %Y}"
        return f"the week of {day}" if self.unit == "week" else day


def _weekday(target: int, base: date, *, mode: str) -> date:
    ahead = (target - base.weekday()) % 7
    if mode == "next":
        return base + timedelta(days=ahead or 7)
    if mode == "last":
        return base - timedelta(days=(base.weekday() - target) % 7 or 7)
    if mode == "forward":
        return base + timedelta(days=ahead)
    return base + timedelta(days=ahead if ahead <= 3 else ahead - 7)  # nearest


def _in_year(month: int, day: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, base: date, *, forward: bool) -> date | None:
    options = [d for y in (base.year - 1, base.year, base.year + 1) if (d := _in_year(month, day, y))]
    if forward:
        return min((d for d in options if d >= base), default=None)
    return min(options, key=lambda d: abs((d - base).days), default=None)


def _month(month: int, base: date, *, forward: bool) -> date:
    options = [date(y, month, 1) for y in (base.year - 1, base.year, base.year + 1)]
    this_month = date(base.year, base.month, 1)
    if forward:
        return min(d for d in options if d >= this_month)
    return min(options, key=lambda d: abs((d.year - base.year) * 12 + d.month - base.month))


def resolve(text: str, *, published: date, forward: bool) -> Resolved | None:
    """The day (or week, or month) `text` names, read in an article published on `published`."""
    words = re.sub(r"^(?:on|from|starting|effective|beginning|by|until|in|the)\s+", "", text.strip().lower())
    words = words.rstrip(".,;")
    if words in _OFFSETS:
        return Resolved(start=published + timedelta(days=_OFFSETS[words]), unit="day", relative=True)
    if match := _ISO.match(words):
        found = _in_year(int(match[2]), int(match[3]), int(match[1]))
        return Resolved(start=found, unit="day", relative=False) if found else None
    mode, _, rest = words.partition(" ")
    if mode in {"this", "next", "last", "coming"} and rest:
        if rest == "week":
            monday = published - timedelta(days=published.weekday())
            shift = {"next": 7, "last": -7}.get(mode, 0)
            return Resolved(start=monday + timedelta(days=shift), unit="week", relative=True)
        if rest == "month":
            month = published.month + {"next": 1, "last": -1}.get(mode, 0)
            year = published.year + (month - 1) // 12
            return Resolved(start=date(year, (month - 1) % 12 + 1, 1), unit="month", relative=True)
        if rest.rstrip(".") in _WEEKDAYS:
            how = {"next": "next", "last": "last"}.get(mode, "forward")
            return Resolved(start=_weekday(_WEEKDAYS[rest.rstrip(".")], published, mode=how), unit="day",
                            relative=True)
        return None
    if words.rstrip(".") in _WEEKDAYS:
        return Resolved(start=_weekday(_WEEKDAYS[words.rstrip(".")], published,
                                       mode="forward" if forward else "nearest"), unit="day", relative=True)
    if words.rstrip(".") in _MONTHS:
        return Resolved(start=_month(_MONTHS[words.rstrip(".")], published, forward=forward), unit="month",
                        relative=True)
    if (match := _MONTH_YEAR.match(words)) and match[1] in _MONTHS:
        return Resolved(start=date(int(match[2]), _MONTHS[match[1]], 1), unit="month", relative=False)
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        if (match := pattern.match(words)) and match[month_group] in _MONTHS:
            month, day = _MONTHS[match[month_group]], int(match[day_group])
            if match[3]:
                found = _in_year(month, day, int(match[3]))
                return Resolved(start=found, unit="day", relative=False) if found else None
            found = _month_day(month, day, published, forward=forward)
            return Resolved(start=found, unit="day", relative=True) if found else None
    return None


def effective_text(text: str, *, published: date, action: str) -> str:
    """"Tuesday 1 December 2026 ("Tuesday")", or the words as stated with the article's date when unresolved."""
    resolved = resolve(text, published=published, forward=action in FORWARD_ACTIONS)
    if resolved is None:
        return f"{text.strip()} (as stated in an article of {published.day} {published:%B %Y})"
    return f"{resolved} (\u201c{text.strip()}\u201d)" if resolved.relative else str(resolved)
