"""An article normalised once for matching: folded tokens, numbers and dates, with their positions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backstory.matching.dates import DateMention, find_dates
from backstory.matching.normalise import Tokens, prepare, tokens_of
from backstory.matching.numbers import NumberMention, find_numbers

# Where the reported news usually is: the headline and the first paragraph or two.
LEAD_CHARS = 600
HEAD_CHARS = 600
HEADLINE_MAX_CHARS = 300


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    head: str
    """The headline and lead as written, for the semantic re-ranker."""
    tokens: Tokens
    numbers: list[NumberMention]
    dates: list[DateMention]
    headline_end: int
    lead_end: int
    langs: tuple[str, ...] = ()
    """The article's language first, if known: how its month names and relative dates are read."""

    def zone(self, offset: int) -> str:
        """``headline``, ``lead`` or ``body`` for a character offset."""
        if offset < self.headline_end:
            return "headline"
        if offset < self.lead_end:
            return "lead"
        return "body"


def build_document(text: str, title: str | None = None, langs: Sequence[str] = ()) -> Document:
    """Normalise an article; ``title`` is put first unless the text already starts with it."""
    body = text.strip()
    if title and not body[: len(title) + 20].lstrip().startswith(title.strip()):
        body = f"{title.strip()}\n{body}"
    prepared = prepare(body)
    first_break = prepared.find("\n")
    headline_end = first_break if 0 < first_break <= HEADLINE_MAX_CHARS else 0
    tokens = tokens_of(prepared)
    return Document(
        text=prepared,
        head=body[:HEAD_CHARS],
        tokens=tokens,
        numbers=find_numbers(prepared),
        dates=find_dates(prepared, tokens, langs),
        headline_end=headline_end,
        lead_end=headline_end + LEAD_CHARS,
        langs=tuple(langs),
    )
