"""Domain results -> response Structs: the one place that shapes what the API answers.

Services and ``cards/`` return domain results; the HTTP edge (and the command line, which prints the same answer)
turns them into these Structs, localising titles and summaries on the way.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from backstory.api.schemas import (
    ArticleOut,
    CardOut,
    ContextResponse,
    EntityRecord,
    EntityRef,
    EventOut,
    EventRecord,
    EvidenceOut,
    MatchOut,
    ReasonOut,
    SourceOut,
    StoryRecord,
    StoryRef,
)
from backstory.cards.timeline import Card, spellings
from backstory.context import ContextResult
from backstory.events.models import Entity, Event, Record, Story, entity_name, localised
from backstory.matching.index import EventIndex
from backstory.matching.score import Candidate


def context_response(result: ContextResult, summary_lang: str | None = None) -> ContextResponse:
    """The answer to ``POST /v1/context``; card texts in ``summary_lang``, else the article's language."""
    index = result.snapshot.index
    lang = summary_lang or result.article.lang
    written = spellings(result.claimed.evidence) if result.claimed is not None else {}
    article = result.article
    return ContextResponse(
        article=ArticleOut(
            url=article.url,
            title=article.title,
            lang=article.lang,
            lang_source=article.lang_source,
            published=article.published,
            published_source=article.published_source,
            chars=article.chars,
        ),
        matches=[match_out(index, candidate, lang) for candidate in result.candidates],
        abstained=result.claimed is None,
        abstain_code=result.abstain_code,
        abstain_reason=result.abstain_reason,
        story=story_ref(index, result.story_id, lang) if result.story_id else None,
        related_story=story_ref(index, result.related_story_id, lang) if result.related_story_id else None,
        cards=[card_out(index, card, lang, written) for card in result.cards],
        timings_ms=result.timings_ms,
    )


def story_ref(index: EventIndex, story_id: str, lang: str | None) -> StoryRef:
    return StoryRef(id=story_id, title=localised(index.stories[story_id].title, lang))


def match_out(index: EventIndex, candidate: Candidate, lang: str | None) -> MatchOut:
    event = index.events[candidate.event_id]
    return MatchOut(
        event_id=event.id,
        story_id=event.story_id,
        title=localised(event.title, lang),
        date=event.date,
        score=round(candidate.score, 3),
        confidence=round(candidate.confidence, 3),
        evidence=[
            EvidenceOut(
                kind=e.kind,
                text=e.text,
                matched=e.matched,
                weight=round(e.weight, 3),
                zone=e.zone,  # type: ignore[arg-type]
                recalled=e.recalled,
            )
            for e in candidate.evidence
        ],
    )


def card_out(index: EventIndex, card: Card, lang: str | None, written: Mapping[str, str] | None = None) -> CardOut:
    event = card.event
    written = written or {}
    return CardOut(
        event_id=event.id,
        date=event.date,
        title=localised(event.title, lang),
        summary=localised(event.summary, lang),
        sources=[
            SourceOut(url=s.url, title=s.title, publisher=s.publisher, date=s.date, lang=s.lang) for s in event.sources
        ],
        relation=card.relation,
        reason=ReasonOut(
            code=card.reason.code,
            entities=[
                EntityRef(id=e, name=entity_name(index.entities[e], lang), as_written=written.get(e))
                for e in card.reason.entity_ids
                if e in index.entities
            ],
        ),
        why=card.why,
    )


def event_out(event: Event) -> EventOut:
    return EventOut(
        id=event.id, story_id=event.story_id, date=event.date, title=event.title, summary=event.summary,
        entities=event.entities, numbers=event.numbers, phrases=event.phrases, sources=event.sources,
        background=event.background,
    )  # fmt: skip


_BODIES: dict[type[Record], type[StoryRecord] | type[EntityRecord] | type[EventRecord]] = {
    Story: StoryRecord,
    Entity: EntityRecord,
    Event: EventRecord,
}


def record_body(record: Record) -> StoryRecord | EntityRecord | EventRecord:
    """A record as the admin API shows it: the NDJSON record without ``type``."""
    fields = msgspec.to_builtins(record)
    fields.pop("type")
    return msgspec.convert(fields, _BODIES[type(record)])
