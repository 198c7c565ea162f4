"""Calendar dates written in an article ("12 февраля", "on Feb. 12", "12.02.2025") as evidence.

Month names come from the Unicode CLDR (``calendar.py``), in every form CLDR knows (wide, abbreviated,
stand-alone, genitive), folded like any other word. Names that mean different months in different languages
(Croatian "listopad" is October, Polish is November) are read with the article's language first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import msgspec

from backstory.matching.calendar import calendar_of
from backstory.matching.normalise import Tokens, fold_phrase, stem

_NUMERIC = re.compile(r"\b(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))\b")
# Where a numeric date may first start: a digit, a separator and a digit (the \b that starts _NUMERIC makes re try
# every character). Written to start with the separator, and to look behind for the first digit only once the second
# is found: re scans for two characters twice as fast as for any digit. A numeric date starts at most four characters
# before the separator.
_NUMERIC_HINT = re.compile(r"[-.]\d(?<=\d..)")
# Inflected month names carry at most this many letters beyond their stem (февраль -> февраля).
_MAX_ENDING = 3


class DateMention(msgspec.Struct, frozen=True, gc=False):
    """A day of a month written in a text (a Struct, made faster than a frozen dataclass, as ``NumberMention``)."""

    month: int
    day: int
    year: int | None
    raw: str
    start: int


class MonthTable:
    """Folded month names of one language: exact keys, and stems for inflected forms."""

    def __init__(
        self, names: dict[str, int], *, capitalised: bool = False, written: dict[str, int] | None = None
    ) -> None:
        self.exact = names
        self.capitalised = capitalised
        """Whether the language writes month names with a capital (English does, Russian does not)."""
        self.written = written or {}
        """The names as the language writes them, lower-cased, diacritics kept: for a month named without a day."""
        self.by_prefix: dict[str, list[tuple[str, int]]] = {}
        for name, month in names.items():
            base = stem(name)
            if len(base) >= 4:
                self.by_prefix.setdefault(base[:4], []).append((base, month))

    def month_of(self, key: str) -> int | None:
        if key in self.exact:
            return self.exact[key]
        for base, month in self.by_prefix.get(key[:4], ()):
            if key.startswith(base) and len(key) - len(base) <= _MAX_ENDING:
                return month
        return None

    def written_as(self, word: str, month: int) -> bool:
        """Whether ``word``, as written, is a form of ``month``'s name: the name itself, or (for names of five
        letters or more) the name with its last letter changed or followed by a short ending. Folding loses
        what tells Polish "mają" (they have) from "maja" (of May); the written form keeps it."""
        lowered = word.lower()
        for name, number in self.written.items():
            if number != month:
                continue
            if lowered == name or (
                len(name) >= 5 and lowered.startswith(name[:-1]) and len(lowered) - len(name) < _MAX_ENDING
            ):
                return True
        return False


@lru_cache(maxsize=64)
def month_table(lang: str) -> MonthTable:
    """The month names CLDR knows for ``lang`` (empty for an unknown language; ``calendar.py`` reads them)."""
    names: dict[str, int] = {}
    calendar = calendar_of(lang)
    if calendar is None:
        return MonthTable(names)
    written: dict[str, int] = {}
    for month, name in calendar.months:
        folded = fold_phrase(name)
        if len(folded) == 1 and len(folded[0]) >= 3:
            names.setdefault(folded[0], month)
            written.setdefault(name.lower().rstrip("."), month)
    return MonthTable(names, capitalised=calendar.capitalised, written=written)


@lru_cache(maxsize=64)
def month_prefixes(langs: tuple[str, ...]) -> frozenset[str]:
    """The first four letters of every month name and stem of ``langs``: most words are rejected by one lookup."""
    prefixes: set[str] = set()
    for lang in langs:
        table = month_table(lang)
        prefixes.update(name[:4] for name in table.exact)
        prefixes.update(table.by_prefix)
    return frozenset(prefixes)


def _month_of(key: str, tables: Sequence[MonthTable]) -> int | None:
    for table in tables:
        month = table.month_of(key)
        if month is not None:
            return month
    return None


def find_dates(text: str, tokens: Tokens, langs: Iterable[str]) -> list[DateMention]:
    """Day-and-month mentions: a day number next to a month name, or a numeric date."""
    codes = tuple(dict.fromkeys([*langs, "en"]))
    tables = [month_table(lang) for lang in codes]
    prefixes = month_prefixes(codes)
    found: list[DateMention] = []
    # The month each distinct word names, once; then only the words that name one are visited, in order.
    months: dict[str, int] = {}
    for key in tokens.distinct:
        if len(key) >= 3 and key[:4] in prefixes and not key.isdigit():
            month_number = _month_of(key, tables)
            if month_number is not None:
                months[key] = month_number
    keys, words = tokens.keys, tokens.words
    for i in tokens.positions(months):
        month = months[keys[i]]
        for j in (i - 1, i + 1):
            if 0 <= j < len(keys) and keys[j].isdigit() and 1 <= int(keys[j]) <= 31:
                year = None
                k = i + 1 if j == i - 1 else j + 1
                if k < len(keys) and len(keys[k]) == 4 and keys[k].startswith("20"):
                    year = int(keys[k])
                found.append(
                    DateMention(
                        month=month,
                        day=int(keys[j]),
                        year=year,
                        raw=f"{words[min(i, j)]} {words[max(i, j)]}",
                        start=tokens.starts[min(i, j)],
                    )
                )
                break
    hint = _NUMERIC_HINT.search(text)
    for match in _NUMERIC.finditer(text, max(0, hint.start() - 4)) if hint else ():
        if match.group(1):
            year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        else:
            day, month, year = int(match.group(4)), int(match.group(5)), int(match.group(6))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(DateMention(month=month, day=day, year=year, raw=match.group(0), start=match.start()))
    return found
