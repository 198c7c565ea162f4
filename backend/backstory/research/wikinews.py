"""The WikiNews cross-lingual linking set (``shared/external/wikinews``): Italian and French reports ranked
against 558 English events given only a title and a lead, with no entities, no phrases and no dates.

The events become one story ("wikinews"), each dated ``UNDATED`` (the source has no dates; a date before every
query keeps no event from being ruled out). What matching has to go on is then only what ``EventIndex.build``
finds by itself (``matching/automatic.py``): the countries an event's English title and lead name, and, as the
events list no entities, the names they capitalise. With ``numbers=True`` the lead's numbers (not years) become
the event's numbers.

Each query goes through the matcher as an article (its title and text; its publish date when known; its
language detected, never given). Its rank is the gold event's place among the candidates the matcher scores
in full (the shortlist, ``score.SHORTLIST``); a gold outside it counts as not found (reciprocal rank 0).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import msgspec

from backstory.catalog import Snapshot
from backstory.context import ContextService
from backstory.events.models import Catalog, Event, Story
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.numbers import find_numbers
from backstory.matching.score import score

STORY_ID = "wikinews"
UNDATED = dt.date(2000, 1, 1)
# Numbers an event keeps from its title and lead.
MAX_NUMBERS = 20

_YEAR = re.compile(r"^(1[89]|20)\d\d$")


class WikiEvent(msgspec.Struct, kw_only=True):
    id: str
    date: dt.date | None = None
    title: str
    lead: str
    text: str = ""


class WikiQuery(msgspec.Struct, kw_only=True):
    id: str
    lang: str
    published: dt.date | None = None
    title: str
    text: str
    gold: list[str]


class QueryOutcome(msgspec.Struct, kw_only=True):
    id: str
    lang: str
    rank: int | None
    """1 for the gold event first; None when it is not among the candidates scored in full."""
    top: str | None
    claimed: str | None


class WikiReport(msgspec.Struct, kw_only=True):
    queries: int
    accuracy_at_1: float
    mrr: float
    found_in_shortlist: float
    claimed_correct: float
    """Share of queries where the matcher also claims the gold event (confidence above the threshold)."""
    no_candidate: int
    per_lang: dict[str, dict[str, float]]


def read_jsonl(path: Path, kind: type[msgspec.Struct]) -> list[msgspec.Struct]:
    decoder = msgspec.json.Decoder(kind)
    return [decoder.decode(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def wikinews_catalog(events: list[WikiEvent], *, numbers: bool = False) -> Catalog:
    records: list[Event] = []
    for item in events:
        found_numbers: dict[str, None] = {}
        if numbers:
            for mention in find_numbers(f"{item.title}\n{item.lead}"):
                if not _YEAR.match(mention.value) and int(mention.value) >= 2:
                    found_numbers[mention.value] = None
        records.append(
            Event(
                id=item.id,
                story_id=STORY_ID,
                date=item.date or UNDATED,
                title={"en": item.title},
                summary={"en": item.lead},
                numbers=list(found_numbers)[:MAX_NUMBERS],
            )
        )
    story = Story(id=STORY_ID, title={"en": "WikiNews (English)"})
    return Catalog(stories=[story], events=records, entities=[])


def run(service: ContextService, index: EventIndex, queries: list[WikiQuery]) -> Iterator[QueryOutcome]:
    threshold = service.settings.confidence_threshold
    for query in queries:
        text = f"{query.title}\n{query.text}".strip()
        lang = service.detector.detect(text)
        doc = build_document(text, query.title, [lang] if lang else [])
        result = score(doc, index, published=query.published, threshold=threshold)
        ranked = [candidate.event_id for candidate in result.candidates]
        rank = next((i for i, event_id in enumerate(ranked, start=1) if event_id in query.gold), None)
        yield QueryOutcome(
            id=query.id,
            lang=query.lang,
            rank=rank,
            top=ranked[0] if ranked else None,
            claimed=result.claimed.event_id if result.claimed else None,
        )


def report(outcomes: list[QueryOutcome], gold: dict[str, list[str]]) -> WikiReport:
    def figures(subset: list[QueryOutcome]) -> dict[str, float]:
        n = len(subset) or 1
        return {
            "n": float(len(subset)),
            "accuracy_at_1": round(sum(o.rank == 1 for o in subset) / n, 4),
            "mrr": round(sum(1 / o.rank for o in subset if o.rank) / n, 4),
        }

    overall = figures(outcomes)
    n = len(outcomes) or 1
    return WikiReport(
        queries=len(outcomes),
        accuracy_at_1=overall["accuracy_at_1"],
        mrr=overall["mrr"],
        found_in_shortlist=round(sum(o.rank is not None for o in outcomes) / n, 4),
        claimed_correct=round(sum(o.claimed is not None and o.claimed in gold[o.id] for o in outcomes) / n, 4),
        no_candidate=sum(o.top is None for o in outcomes),
        per_lang={
            lang: figures([o for o in outcomes if o.lang == lang]) for lang in sorted({o.lang for o in outcomes})
        },
    )


def read_set(folder: Path) -> tuple[list[WikiEvent], list[WikiQuery]]:
    """The set's English events and its Italian and French queries."""
    events = cast(list[WikiEvent], read_jsonl(folder / "events.jsonl", WikiEvent))
    queries = cast(list[WikiQuery], read_jsonl(folder / "queries.jsonl", WikiQuery))
    return events, queries


def measure(
    service: ContextService,
    events: list[WikiEvent],
    queries: list[WikiQuery],
    *,
    numbers: bool = False,
) -> tuple[list[QueryOutcome], WikiReport]:
    """Every query ranked against the events (``wikinews_catalog``'s options), and the figures of that."""
    index = Snapshot.of(wikinews_catalog(events, numbers=numbers)).index
    outcomes = list(run(service, index, queries))
    return outcomes, report(outcomes, {query.id: query.gold for query in queries})
