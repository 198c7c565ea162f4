"""Context cards: the story's timeline around the event an article reports, newest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from backstory.api.schemas import CardOut, Relation, SourceOut
from backstory.events.models import Event, localised
from backstory.matching.index import EventIndex
from backstory.matching.score import Evidence

# How many names a "why related" line lists before it stops.
WHY_NAMES = 3


def _card(event: Event, relation: Relation, why: str, lang: str | None) -> CardOut:
    return CardOut(
        event_id=event.id,
        date=event.date,
        title=localised(event.title, lang),
        summary=localised(event.summary, lang),
        sources=[SourceOut(url=s.url, title=s.title, publisher=s.publisher) for s in event.sources],
        relation=relation,
        why=why,
    )


def _names(index: EventIndex, entity_ids: Sequence[str]) -> str:
    return ", ".join(index.entities[e].name for e in entity_ids[:WHY_NAMES] if e in index.entities)


def _why_this(evidence: Sequence[Evidence]) -> str:
    shown = list(dict.fromkeys(item.matched for item in evidence))[:WHY_NAMES]
    return "Reported in this article: " + ", ".join(shown) if shown else "Reported in this article"


def _why_other(index: EventIndex, event: Event, anchor: Event, relation: Relation) -> str:
    """What links an earlier or later event to the reported one: the names both are most about."""
    story = event.story_id

    def link(entity_id: str) -> float:
        # Rare in the story and central to both events; the story's core (in every event) says little.
        weight = index.entity_weight.get((story, entity_id), 0.0)
        return weight * min(
            index.centrality.get((event.id, entity_id), 0.0), index.centrality.get((anchor.id, entity_id), 0.0)
        )

    core = index.story_core.get(story, frozenset())
    shared = sorted(
        (e for e in set(event.entities) & set(anchor.entities) if e not in core and link(e) > 0),
        key=lambda e: (-link(e), e),
    )
    when = "Earlier" if relation == "earlier" else "Later"
    if shared:
        return f"{when} in the same story, also involving {_names(index, shared)}"
    return f"{when} in the same story"


def matched_timeline(
    index: EventIndex,
    event_id: str,
    evidence: Sequence[Evidence],
    lang: str | None,
) -> list[CardOut]:
    """Cards for a claimed event: the event, what came before it, and what came after it (as ``later``)."""
    anchor = index.events[event_id]
    cards = []
    for event in reversed(index.story_timeline(anchor.story_id)):
        if event.id == anchor.id:
            cards.append(_card(event, "this", _why_this(evidence), lang))
        else:
            relation: Relation = "later" if (event.date, event.id) > (anchor.date, anchor.id) else "earlier"
            cards.append(_card(event, relation, _why_other(index, event, anchor, relation), lang))
    return cards


def story_timeline(index: EventIndex, story_id: str, published: dt.date | None, lang: str | None) -> list[CardOut]:
    """Cards for an article related to a story without a claimed event: the whole timeline, newest first,
    with events after the article's publish date marked ``later``."""
    cards = []
    for event in reversed(index.story_timeline(story_id)):
        relation: Relation = "later" if published is not None and event.date > published else "earlier"
        why = (
            "Later in the story this article belongs to"
            if relation == "later"
            else ("Earlier in the story this article belongs to")
        )
        cards.append(_card(event, relation, why, lang))
    return cards
