"""Context cards: the story's timeline around the event an article reports, newest first.

Cards are domain results: the event itself, how it relates to the reported one, and why, as a code with the
entities it rests on. The HTTP edge words and localises them (``api/presenters.py``); ``why`` is the English
wording for the command line and for API users who want a sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from backstory.events.models import Event
from backstory.matching.index import EventIndex
from backstory.matching.score import Evidence

Relation = Literal["this", "earlier", "later"]
ReasonCode = Literal["reported", "shared_entities", "same_story"]

# How many names a "why related" line lists before it stops.
WHY_NAMES = 3


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a card is shown: ``reported`` (this article reports it), ``shared_entities`` (the card's event and the
    reported one are both about ``entity_ids``) or ``same_story``."""

    code: ReasonCode
    entity_ids: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    """For ``reported``: what matched (curated names, numbers, phrases), strongest first."""


@dataclass(frozen=True, slots=True)
class Card:
    event: Event
    relation: Relation
    reason: Reason
    why: str
    """The reason in English words."""

    @property
    def event_id(self) -> str:
        return self.event.id


def _names(index: EventIndex, entity_ids: Sequence[str]) -> str:
    return ", ".join(index.entities[e].name for e in entity_ids[:WHY_NAMES] if e in index.entities)


def _reported(evidence: Sequence[Evidence]) -> Reason:
    shown = tuple(dict.fromkeys(item.matched for item in evidence))[:WHY_NAMES]
    names = tuple(dict.fromkeys(item.entity_id for item in evidence if item.entity_id))[:WHY_NAMES]
    return Reason("reported", names, shown)


def _why_reported(reason: Reason) -> str:
    return "Reported in this article: " + ", ".join(reason.evidence) if reason.evidence else "Reported in this article"


def _shared(index: EventIndex, event: Event, anchor: Event) -> Reason:
    """What links an earlier or later event to the reported one: the names both are most about."""
    story = event.story_id

    def link(entity_id: str) -> float:
        # Rare in the story and central to both events; the story's core (in every event) says little.
        weight = index.entity_weight.get((story, entity_id), 0.0)
        return weight * min(index.centrality(event.id, entity_id), index.centrality(anchor.id, entity_id))

    core = index.story_core.get(story, frozenset())
    shared = sorted(
        (e for e in set(event.entities) & set(anchor.entities) if e not in core and link(e) > 0),
        key=lambda e: (-link(e), e),
    )
    if shared:
        return Reason("shared_entities", tuple(shared[:WHY_NAMES]))
    return Reason("same_story")


def _why_other(index: EventIndex, reason: Reason, relation: Relation) -> str:
    when = "Earlier" if relation == "earlier" else "Later"
    if reason.code == "shared_entities":
        return f"{when} in the same story, also involving {_names(index, reason.entity_ids)}"
    return f"{when} in the same story"


def matched_timeline(index: EventIndex, event_id: str, evidence: Sequence[Evidence]) -> list[Card]:
    """Cards for a claimed event: the event, what came before it, and what came after it (as ``later``)."""
    anchor = index.events[event_id]
    cards = []
    for event in reversed(index.story_timeline(anchor.story_id)):
        if event.id == anchor.id:
            reason = _reported(evidence)
            cards.append(Card(event, "this", reason, _why_reported(reason)))
        else:
            relation: Relation = "later" if (event.date, event.id) > (anchor.date, anchor.id) else "earlier"
            reason = _shared(index, event, anchor)
            cards.append(Card(event, relation, reason, _why_other(index, reason, relation)))
    return cards


def story_timeline(index: EventIndex, story_id: str, published: dt.date | None) -> list[Card]:
    """Cards for an article related to a story without a claimed event: the whole timeline, newest first,
    with events after the article's publish date marked ``later``."""
    cards = []
    for event in reversed(index.story_timeline(story_id)):
        relation: Relation = "later" if published is not None and event.date > published else "earlier"
        why = "Later in the story this article belongs to" if relation == "later" else "Part of the same story"
        cards.append(Card(event, relation, Reason("same_story"), why))
    return cards


def spellings(evidence: Sequence[Evidence]) -> Mapping[str, str]:
    """Entity id -> the article's own spelling of it, from the evidence of a match."""
    seen: dict[str, str] = {}
    for item in evidence:
        if item.entity_id and item.entity_id not in seen:
            seen[item.entity_id] = item.text
    return seen
