"""Numbers as evidence: 1,300 / 1 300 / 1.300 / 1300 all read as 1300."""

from __future__ import annotations

import re
import unicodedata

import msgspec

# Thousands may be grouped by comma, dot, apostrophe or (narrow, no-break) space.
# Written to start with its first digit (the look-behinds come after it) so that re scans for digits instead of
# trying a look-behind at every character: the same matches, five times faster on an article. A dot or comma before
# the first digit is a decimal's only after a digit: "…5명" (an ellipsis, then five people) is a number.
_NUMBER = re.compile(r"(\d(?<!\d\d)(?<!\d[.,]\d)(?:\d{0,2}(?:[,.\u00a0\u202f\u2009 ']\d{3})+|\d*))(?![.,]\d)(?!\w*\d)")


# A number followed by a word for years is an age, a duration or a span ("a 52-year-old", "his 31-year rule",
# "31 лет у власти", "52-letni"), never a count of people or things: such numbers are no evidence.
_YEARS_AFTER = re.compile(
    r"[\s\u00a0-]{0,2}(?:"
    r"years?\b|yrs?\b|jahr(?:e|en)?\b|jährig|лет\b|год(?:а|у)?\b|летн|років\b|рік\b|роки\b|річн|гадоў\b|гады\b"
    r"|гадов|lat\b|lata\b|rok(?:u)?\b|letn|ans?\b|ann[io]\b|años?\b|anos?\b|ani\b|metų\b|metai\b|yıl|χρόν)",
    re.IGNORECASE,
)


class NumberMention(msgspec.Struct, frozen=True, gc=False):
    """A number as written in a text. A Struct: an article has dozens, and a frozen dataclass took ten times as long
    to make."""

    value: str
    """Plain digits without separators or leading zeros."""
    raw: str
    start: int


def find_numbers(text: str) -> list[NumberMention]:
    """Whole numbers in a text, including those in codes (FR4978 -> 4978); decimals (79.7) and numbers of
    years (ages, durations) are left out."""
    found = []
    for match in _NUMBER.finditer(text):
        if _YEARS_AFTER.match(text, match.end(1)):
            continue
        raw = match.group(1)
        if raw.isascii() and raw.isdigit():  # most numbers: plain ASCII digits, nothing to convert
            digits = raw.lstrip("0") or "0"
        else:
            # Digits of any script (Arabic-Indic ٢٨, Persian ۲۸, Devanagari २८) read as their values.
            digits = "".join(str(unicodedata.digit(ch)) for ch in raw if ch.isdigit()).lstrip("0") or "0"
        found.append(NumberMention(value=digits, raw=raw, start=match.start(1)))
    return found
