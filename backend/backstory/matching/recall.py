"""Sentences that look back: where an article recalls earlier developments instead of reporting its news.

News reports the latest development and places the older ones with a time reference: "last week",
"three months ago", "in September", "in 2021". Evidence in such a sentence shows which events the article
knows of, not which one it reports, so the scorer weighs it less (``evidence.RECALLED_FACTOR``).

The relative phrases come from the Unicode CLDR (``calendar.py``), in every language it knows ("на прошлой
неделе", "w zeszłym tygodniu", "{0} дней назад", "vor {0} Tagen"); month names from ``dates.py``. Month
names, years and weekdays need the publish date to be read as past: without one, only the relative phrases count, and
a year earlier than the latest the article names (``Lookbacks``). A weekday is the latest one on or before
publication ("on Friday", in an article of Tuesday, is four days back). A formula that opens background ("Напомним,
...", "يذكر أن", ``background.py``) marks its sentence and the rest of its paragraph, with or without a publish date:
the dates there name the earlier events too. A phrase that sets an earlier development in a clause ("a day after", "in
response to", ``sequels.py``) marks that clause only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from backstory.matching.background import BACKGROUND_MARKERS
from backstory.matching.calendar import calendar_of
from backstory.matching.dates import DateMention, MonthTable, month_prefixes, month_table
from backstory.matching.normalise import Tokens, fold_phrase, stem, tokenise
from backstory.matching.sequels import AFTER, BEFORE

# A date this many days or more before publication is the past, not the news (which may run a day or two late).
LOOKBACK_DAYS = 3
# A date written without its year is the latest one at most this many days after publication: news looks
# ahead a few weeks ("the summit on 20 January" in December) and back any distance ("in March").
_AHEAD_DAYS = 60
# Sentence ends: terminal punctuation before a space, or a line break. (Only where each match ends is used: the
# punctuation is matched rather than looked behind for, which spares re a look-behind at every character.) One set of
# first characters rather than two alternatives, which re cannot scan for: it tried both at every character, and
# finding an article's sentences took a thirtieth of matching it; the same matches, four times faster.
_SENTENCE_END = re.compile(r"[\n.!?…](?:(?<=\n)\n*|\s+)")
_PLACEHOLDER = "{0}"
# What may stand between a background formula that closes its line and the line break: punctuation, spaces.
_LINE_REST = re.compile(r"[^\w\n]*\n\s*")
# Where a clause ends or begins inside a sentence: commas in the Latin, Arabic and East Asian scripts.
_COMMA = re.compile("[,\u060c\u3001\uff0c]")
# A phrase that opens its clause among a sentence's first words this many opens the sentence: its clause ends at the
# first comma ("A day after the strikes, Iran fired...").
_OPENING_WORDS = 3
_VOWELS = "aeiou"
# Month names shorter than this are left out when they stand without a day: "may", "mar" (Spanish "sea").
_MIN_MONTH_WORD = 4
# A weekday's name in an alphabet with capitals is also read inflected (Russian в пятницу, Polish w sobotę) when its
# stem has this many letters, shorter stems being other words' too (Russian среда, Wednesday: среди, "among"), and
# only with an ending (Ukrainian середу, not серед, "among"). Not in Arabic letters, which write no vowels to end a
# stem with: الثلاثاء (Tuesday) would be الثالث (the third).
_MIN_WEEKDAY_STEM = 5


class Weekday(NamedTuple):
    """A weekday as a language names it."""

    day: int
    """Monday 0."""
    capitalised: bool
    """Written with a capital in CLDR, and so in the article: Greek Τρίτη is Tuesday, τρίτη "third"."""
    written: tuple[str, ...] | None = None
    """In a script without capitals, its words as written: folded, Arabic الثلاثاء (Tuesday) is الثالث (the third)."""


@dataclass(slots=True)
class Lookback:
    """The look-back phrases of some languages, folded and indexed by the word they are found from."""

    last: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    """"last week", "last month", "last year", by their first word."""
    ago: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = field(default_factory=dict)
    """"{0} days ago" as the words before and after the number, by the first word after it."""
    background: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    """The formulas that open a passage of background (``background.py``), by their first word."""
    weekdays: dict[str, list[tuple[tuple[str, ...], Weekday]]] = field(default_factory=dict)
    """The weekdays' names, by their first word."""
    weekday_stems: dict[str, Weekday] = field(default_factory=dict)
    """The stems of one-word weekday names read inflected too (``_MIN_WEEKDAY_STEM``)."""
    weekday_starts: set[str] = field(default_factory=set)
    """Their first ``_MIN_WEEKDAY_STEM`` letters: the words whose stem is worth working out (an article has hundreds)."""
    sequels: dict[str, list[tuple[tuple[str, ...], bool]]] = field(default_factory=dict)
    """The phrases that set an earlier development in a clause (``sequels.py``), by their first word, each with
    whether it opens its clause (``sequels.BEFORE``) rather than closes it."""


@lru_cache(maxsize=64)
def lookback_phrases(langs: tuple[str, ...]) -> Lookback:
    """The CLDR phrases of ``langs`` that point back in time (none for an unknown language), and the formulas that
    open background (``background.py``)."""
    lookback = Lookback()
    for lang in langs:
        for formula in BACKGROUND_MARKERS.get(lang, ()):
            if (keys := fold_phrase(formula)) and keys not in lookback.background.get(keys[0], []):
                lookback.background.setdefault(keys[0], []).append(keys)
        for phrases, opens in ((BEFORE.get(lang, ()), True), (AFTER.get(lang, ()), False)):
            for phrase in phrases:
                if (keys := fold_phrase(phrase)) and (keys, opens) not in lookback.sequels.get(keys[0], []):
                    lookback.sequels.setdefault(keys[0], []).append((keys, opens))
        calendar = calendar_of(lang)
        if calendar is None:
            continue
        for last in calendar.last:
            if (keys := fold_phrase(last)) and keys not in lookback.last.get(keys[0], []):
                lookback.last.setdefault(keys[0], []).append(keys)
        for pattern in calendar.past:
            before, placeholder, after = pattern.partition(_PLACEHOLDER)
            pair = (fold_phrase(before), fold_phrase(after))
            # Patterns without a number ("one day ago" written out, as Arabic does) are left out.
            if placeholder and pair[1] and pair not in lookback.ago.get(pair[1][0], []):
                lookback.ago.setdefault(pair[1][0], []).append(pair)
        for day, name in calendar.weekdays:
            cased = name[:1].isupper() or name[:1].islower()
            weekday = Weekday(day, name[:1].isupper(), None if cased else tuple(tokenise(name).words))
            if (keys := fold_phrase(name)) and (keys, weekday) not in lookback.weekdays.get(keys[0], []):
                lookback.weekdays.setdefault(keys[0], []).append((keys, weekday))
                if cased and len(keys) == 1 and len(stem(keys[0])) >= _MIN_WEEKDAY_STEM:
                    lookback.weekday_stems[stem(keys[0])] = weekday
                    lookback.weekday_starts.add(keys[0][:_MIN_WEEKDAY_STEM])
    return lookback


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of ``text`` begin."""
    return [0, *(match.end() for match in _SENTENCE_END.finditer(text))]


def _is_past(month: int, day: int | None, year: int | None, published: dt.date) -> bool:
    """Whether a month, or a day of it, ended LOOKBACK_DAYS or more before publication.

    Without a year, the date is the latest one at most _AHEAD_DAYS after publication: "20 January" in an
    article of 18 December is still to come, "in March" is the March before.
    """
    if year is None:
        year = published.year + 1
        while year >= published.year and (dt.date(year, month, min(day or 15, 28)) - published).days > _AHEAD_DAYS:
            year -= 1
    try:
        latest = dt.date(year, month, day or calendar.monthrange(year, month)[1])
    except ValueError:  # 31 June
        return False
    return (published - latest).days >= LOOKBACK_DAYS


def _year_of(key: str) -> int | None:
    if len(key) == 4 and key.isdigit() and key[:2] in ("19", "20"):
        return int(key)
    return None


def _matches_at(article_keys: Sequence[str], start: int, keys: tuple[str, ...]) -> bool:
    end = start + len(keys)
    return start >= 0 and end <= len(article_keys) and all(article_keys[start + k] == key for k, key in enumerate(keys))


def _lone_month(key: str, raw: str, tables: Sequence[MonthTable]) -> int | None:
    """The month a word (its key, and as written) names, if written as the language writes months: Russian "марта",
    not the name Марта, nor Polish "mają" (they have) for "maja" (of May)."""
    for table in tables:
        month = table.month_of(key)
        if month is not None and raw[:1].isupper() == table.capitalised and table.written_as(raw, month):
            return month
    return None


def _weekday_at(tokens: Tokens, i: int, lookback: Lookback) -> int | None:
    """The weekday (Monday 0) whose name is written at position ``i``, if one is."""
    keys = tokens.keys
    key = keys[i]
    found = [
        weekday
        for name, weekday in lookback.weekdays.get(key, ())
        if _matches_at(keys, i, name)
        and (weekday.written is None or tuple(tokens.words[i : i + len(name)]) == weekday.written)
    ]
    if _inflected_weekday(key, lookback):
        found.append(lookback.weekday_stems[stem(key)])
    capital = tokens.words[i][:1].isupper()
    return next((weekday.day for weekday in found if capital or not weekday.capitalised), None)


def _inflected_weekday(key: str, lookback: Lookback) -> bool:
    """Whether a word is a weekday's name with an ending (``_MIN_WEEKDAY_STEM``)."""
    return (
        key[:_MIN_WEEKDAY_STEM] in lookback.weekday_starts
        and key[-1] in _VOWELS
        and stem(key) in lookback.weekday_stems
    )


def _may_mark(
    key: str, lookback: Lookback, prefixes: frozenset[str], published: dt.date | None, year: int | None = None
) -> bool:
    """Whether a word may be (the start of) a look-back marker in ``_marks_past``; most words cannot."""
    if key in lookback.last or key in lookback.ago:
        return True
    if published is None:
        return year is not None and (found := _year_of(key)) is not None and found < year
    if key.isdigit():
        return len(key) == 4 and key[:2] in ("19", "20")
    if key in lookback.weekdays or _inflected_weekday(key, lookback):
        return True
    return len(key) >= _MIN_MONTH_WORD and key[:4] in prefixes


def _marks_past(
    tokens: Tokens,
    dates: Sequence[DateMention],
    langs: tuple[str, ...],
    published: dt.date | None,
    span: tuple[int, int],
    candidates: Sequence[int] | None = None,
    year: int | None = None,
) -> bool:
    """Whether the text ``span`` (character offsets) of an article holds a look-back marker.

    ``candidates``: the positions of the article's words that ``_may_mark`` (in order), so that only those are
    examined; every word of the span when None. ``year``: for an undated article, the year it was written in as far
    as it tells (``Lookbacks``): an earlier year written out marks the past.
    """
    lookback = lookback_phrases(langs)
    prefixes = month_prefixes(langs)
    keys = tokens.keys
    first = bisect_left(tokens.starts, span[0])
    last_token = bisect_left(tokens.starts, span[1])
    if candidates is None:
        positions: Sequence[int] = range(first, last_token)
    else:
        positions = candidates[bisect_left(candidates, first) : bisect_left(candidates, last_token)]
    for i in positions:
        key = keys[i]
        phrases = lookback.last.get(key)
        if phrases and any(_matches_at(keys, i, phrase) for phrase in phrases):
            return True
        ago = lookback.ago.get(key)
        if ago and any(
            _matches_at(keys, i, after) and _matches_at(keys, i - 1 - len(before), before) for before, after in ago
        ):
            return True
        if published is None:
            if year is not None and (found := _year_of(key)) is not None and found < year:
                return True
            continue
        weekday = _weekday_at(tokens, i, lookback)
        if weekday is not None and (published.weekday() - weekday) % 7 >= LOOKBACK_DAYS:
            return True
        if key.isdigit():
            year = _year_of(key)
            if year is not None and year < published.year:
                return True
        elif len(key) >= _MIN_MONTH_WORD and key[:4] in prefixes:
            month = _lone_month(key, tokens.words[i], [month_table(lang) for lang in langs])
            following = _year_of(keys[i + 1]) if i + 1 < len(keys) else None
            if month is not None and _is_past(month, None, following, published):
                return True
    if published is None:
        return year is not None and any(
            span[0] <= mention.start < span[1] and mention.year is not None and mention.year < year for mention in dates
        )
    return any(
        span[0] <= mention.start < span[1] and _is_past(mention.month, mention.day, mention.year, published)
        for mention in dates
    )


def _written_in(tokens: Tokens, dates: Sequence[DateMention], latest: int) -> int | None:
    """The latest year an article writes out (alone or in a date), up to ``latest``; None if it writes none."""
    years = [year for key in tokens.distinct if (year := _year_of(key)) is not None and year <= latest]
    years += [mention.year for mention in dates if mention.year is not None and mention.year <= latest]
    return max(years, default=None)


class Lookbacks:
    """Which offsets of an article stand in a sentence that looks back.

    Sentences are examined only when asked about (where evidence was found), each once.
    """

    def __init__(
        self,
        text: str,
        tokens: Tokens,
        dates: Sequence[DateMention],
        langs: Sequence[str],
        published: dt.date | None,
        latest_year: int | None = None,
    ) -> None:
        self._starts = sentence_starts(text)
        self._text = text
        self._length = len(text)
        self._tokens = tokens
        self._dates = dates
        self._langs = tuple(dict.fromkeys([*langs, "en"]))
        self._published = published
        # An undated article was written in the latest year it names, up to ``latest_year`` (that of the latest
        # event it could report; a target year ahead, "by 2035", says nothing of when it was written): an earlier
        # year written out then marks the past, as it does in a dated article. A feature recalling a flight "in
        # January 2024" and a mission of 2025 is of 2025, and its 2024 is background.
        self._year = _written_in(tokens, dates, latest_year) if published is None and latest_year else None
        self._marked: dict[int, bool] = {}
        self._background: list[tuple[int, int]] | None = None
        self._sequels: list[tuple[int, int]] | None = None
        self._candidates: list[int] | None = None
        self._candidate_sentences: set[int] | None = None

    def span(self, sentence: int) -> tuple[int, int]:
        end = self._starts[sentence + 1] if sentence + 1 < len(self._starts) else self._length
        return self._starts[sentence], end

    def sentence_marked(self, sentence: int) -> bool:
        if sentence not in self._marked:
            if self._published is None and sentence not in self._sentences_that_may_be_marked():
                # Without a publish date only the words that may mark can: most sentences hold none.
                self._marked[sentence] = False
            else:
                span = self.span(sentence)
                self._marked[sentence] = _marks_past(
                    self._tokens,
                    self._dates,
                    self._langs,
                    self._published,
                    span,
                    self._words_that_may_mark(),
                    self._year,
                )
        return self._marked[sentence]

    def _sentences_that_may_be_marked(self) -> set[int]:
        """The sentences that hold a word that may be a marker."""
        if self._candidate_sentences is None:
            starts = self._tokens.starts
            self._candidate_sentences = {
                bisect_right(self._starts, starts[position]) - 1 for position in self._words_that_may_mark()
            }
        return self._candidate_sentences

    def _words_that_may_mark(self) -> list[int]:
        """Positions of the words that may be a marker, worked out once per distinct word (an article repeats its
        words): sentences then examine only those."""
        if self._candidates is None:
            lookback = lookback_phrases(self._langs)
            prefixes = month_prefixes(self._langs)
            may = {
                key for key in self._tokens.distinct if _may_mark(key, lookback, prefixes, self._published, self._year)
            }
            self._candidates = self._tokens.positions(may)
        return self._candidates

    def in_background(self, offset: int) -> bool:
        """Whether an offset stands in a passage of background: from the sentence of a formula that opens one
        ("Напомним, ...") to the end of its paragraph."""
        if self._background is None:
            self._background = self._background_passages()
        return any(start <= offset < end for start, end in self._background)

    def _background_passages(self) -> list[tuple[int, int]]:
        formulas = lookback_phrases(self._langs).background
        keys, starts = self._tokens.keys, self._tokens.starts
        passages: list[tuple[int, int]] = []
        for i in self._tokens.positions({key for key in self._tokens.distinct if key in formulas}):
            for formula in formulas[keys[i]]:
                if _matches_at(keys, i, formula):
                    start = self._starts[bisect_right(self._starts, starts[i]) - 1]
                    # A formula standing alone on its line ("Нагадаємо" as a subheading) opens the next paragraph.
                    after = starts[i + len(formula) - 1] + len(self._tokens.words[i + len(formula) - 1])
                    rest = _LINE_REST.match(self._text, after)
                    end = self._text.find("\n", rest.end() if rest else after)
                    passages.append((start, end if end >= 0 else self._length))
                    break
        return passages

    def in_sequel(self, offset: int) -> bool:
        """Whether an offset stands in a clause that a phrase such as "a day after" or "in response to" sets as an
        earlier development (``sequels.py``)."""
        return any(start <= offset < end for start, end in self.sequel_clauses())

    def sequel_clauses(self) -> list[tuple[int, int]]:
        """(start, end) offsets of those clauses, in order, worked out once."""
        if self._sequels is None:
            self._sequels = self._find_sequel_clauses()
        return self._sequels

    def _find_sequel_clauses(self) -> list[tuple[int, int]]:
        phrases = lookback_phrases(self._langs).sequels
        keys, starts, words = self._tokens.keys, self._tokens.starts, self._tokens.words
        clauses: list[tuple[int, int]] = []
        # The last word of the phrase found last: a phrase inside it ("gün sonra" in "bir gün sonra") is the same.
        phrase_end = -1
        for i in self._tokens.positions({key for key in self._tokens.distinct if key in phrases}):
            if i <= phrase_end:
                continue
            for phrase, opens in phrases[keys[i]]:
                if not _matches_at(keys, i, phrase):
                    continue
                sentence_start, sentence_end = self.span(bisect_right(self._starts, starts[i]) - 1)
                last = i + len(phrase) - 1
                if opens:
                    end = sentence_end
                    if i - bisect_left(starts, sentence_start) < _OPENING_WORDS:
                        comma = _COMMA.search(self._text, starts[last] + len(words[last]), sentence_end)
                        end = comma.start() if comma else sentence_end
                    clauses.append((starts[i], end))
                else:
                    before = [m.end() for m in _COMMA.finditer(self._text, sentence_start, starts[i])]
                    clauses.append((before[-1] if before else sentence_start, starts[last] + len(words[last])))
                phrase_end = last
                break
        return clauses

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and (
            self.sentence_marked(bisect_right(self._starts, offset) - 1)
            or self.in_background(offset)
            or self.in_sequel(offset)
        )

    def all_marked(self) -> list[tuple[int, int]]:
        """(start, end) offsets of every sentence that looks back, in order."""
        return [
            self.span(s)
            for s in range(len(self._starts))
            if self.sentence_marked(s) or self.in_background(self._starts[s])
        ]
