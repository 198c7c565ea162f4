"""What dates and look-backs are read with, per language: CLDR's month and weekday names and its "last week",
"{0} days ago".

Read from ``calendar.json`` for the languages the detector reports by default, which
``python -m backstory.research.calendar`` writes from the installed Babel; from Babel itself for any other
language an article may come in. Babel loads a locale's whole data the first time it is asked (3-9 ms), so after
each start the first article in each language paid for it: 1.5-5x the next one's matching time.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import babel
import msgspec
from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names

CALENDAR_FILE = "calendar.json"
# The month names of each width and context, in the order ``dates.month_table`` prefers them.
_MONTH_FORMS: tuple[tuple[Literal["wide", "abbreviated"], Literal["format", "stand-alone"]], ...] = (
    ("wide", "format"),
    ("wide", "stand-alone"),
    ("abbreviated", "format"),
    ("abbreviated", "stand-alone"),
)
# CLDR's relative units whose "last ..." and "... ago" forms mark a look back.
LOOKBACK_UNITS = ("day", "week", "month", "year")
# And the weekdays, whose "last ..." forms do too ("last Friday", "в прошлую пятницу", "vendredi dernier"): news
# reports today and yesterday, and a day of the week before is background.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class LanguageCalendar(msgspec.Struct, frozen=True):
    capitalised: bool
    """Whether the language writes month names with a capital (English does, Russian does not)."""
    months: list[tuple[int, str]]
    """(month, name) in every form CLDR knows, in ``_MONTH_FORMS``' order."""
    last: list[str]
    """"last week", "last month", "last year", "last Friday" (not "yesterday": when most news happened, not
    background)."""
    past: list[str]
    """"{0} days ago" and the like, in every plural form, unit by unit."""
    weekdays: list[tuple[int, str]] = []
    """(weekday, Monday 0, name) in the wide forms CLDR knows, as a date is written and standing alone."""


class CalendarTable(msgspec.Struct, frozen=True):
    """``calendar.json``: the calendars of some languages as the Babel release it was written with gives them."""

    babel: str
    languages: dict[str, LanguageCalendar]


def cldr_calendar(lang: str) -> LanguageCalendar | None:
    """The calendar of ``lang`` from the installed Babel; None for a language CLDR does not know."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    months = [
        (month, name)
        for width, context in _MONTH_FORMS
        for month, name in get_month_names(width, context=context, locale=locale).items()
    ]
    try:
        fields = dict(locale._data["date_fields"])
    except KeyError:
        fields = {}
    last: list[str] = []
    past: list[str] = []
    for unit in LOOKBACK_UNITS:
        unit_fields = fields.get(unit) or {}
        relative = (unit_fields.get("relative") or {}).get(-1) if unit != "day" else None
        if relative:
            last.append(relative)
        past.extend((unit_fields.get("past") or {}).values())
    for weekday in WEEKDAYS:
        relative = ((fields.get(weekday) or {}).get("relative") or {}).get(-1)
        if relative:
            last.append(relative)
    weekdays = list(
        dict.fromkeys(
            (day, name)
            for context in ("format", "stand-alone")
            for day, name in get_day_names("wide", context=context, locale=locale).items()
        )
    )
    capitalised = get_month_names("wide", locale=locale)[1][:1].isupper()
    return LanguageCalendar(capitalised=capitalised, months=months, last=last, past=past, weekdays=weekdays)


def cldr_table(langs: list[str]) -> CalendarTable:
    """What ``calendar.json`` holds for ``langs``, from the installed Babel."""
    found = {lang: cldr_calendar(lang) for lang in langs}
    return CalendarTable(babel=babel.__version__, languages={k: v for k, v in found.items() if v is not None})


@cache
def _shipped() -> dict[str, LanguageCalendar]:
    data = resources.files("backstory.matching").joinpath(CALENDAR_FILE).read_bytes()
    return msgspec.json.decode(data, type=CalendarTable).languages


@cache
def calendar_of(lang: str) -> LanguageCalendar | None:
    """The calendar of ``lang``: shipped when it is, else from Babel (None for a language CLDR does not know)."""
    shipped = _shipped().get(lang)
    return shipped if shipped is not None else cldr_calendar(lang)
