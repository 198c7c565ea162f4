"""Matching never raises on arbitrary articles, against the bundled story's index, and its answer is coherent."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.events.models import Catalog
from backstory.events.store import read_bundled
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import score
from tests.unit.hostile_text import hostile_text

INDEX = EventIndex.build(Catalog.of(read_bundled()))
LANGS = st.lists(
    st.sampled_from(["en", "ru", "be", "uk", "pl", "lt", "de", "it", "ro", "zh", "ar", "xx", ""]), max_size=2
)


@settings(max_examples=300, deadline=None)
@given(
    text=hostile_text,
    title=st.one_of(st.none(), hostile_text),
    langs=LANGS,
    published=st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))),
)
def test_matching_never_raises_and_answers_coherently(
    text: str, title: str | None, langs: list[str], published: dt.date | None
) -> None:
    result = score(build_document(text, title, langs), INDEX, published=published)
    assert all(0.0 <= candidate.confidence <= 1.0 for candidate in result.candidates)
    assert all(candidate.event_id in INDEX.events for candidate in result.candidates)
    if result.claimed is not None:
        assert result.claimed is result.candidates[0] and result.abstain_reason is None
    else:
        assert result.abstain_reason
    if published is not None:
        # An article cannot report an event after it was published.
        assert all(INDEX.events[c.event_id].date <= published for c in result.candidates)
