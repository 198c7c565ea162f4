"""Numbers as evidence: 1,300 / 1 300 / 1.300 / 1300 all read as 1300."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Thousands may be grouped by comma, dot, apostrophe or (narrow, no-break) space.
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:[,.\u00a0\u202f\u2009 '](?:\d{3}))+|\d+)(?![.,]\d)(?!\w*\d)")


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: str
    """Plain digits without separators or leading zeros."""
    raw: str
    start: int


def find_numbers(text: str) -> list[NumberMention]:
    """Whole numbers in a text, including those in codes (FR4978 -> 4978); decimals (79.7) are left out."""
    found = []
    for match in _NUMBER.finditer(text):
        raw = match.group(1)
        digits = re.sub(r"\D", "", raw).lstrip("0") or "0"
        found.append(NumberMention(value=digits, raw=raw, start=match.start(1)))
    return found
