"""Request and response bodies of the HTTP API (snake_case, field names as fixed in DESIGN.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
from litestar.enums import RequestEncodingType
from litestar.params import Body

from backstory.cards.timeline import ReasonCode, Relation
from backstory.context import AbstainCode, LangSource, PublishedSource
from backstory.events.models import Digits, Entity, EntityKind, Event, Id, Localised, Source, Story, Text
from backstory.events.store import AuditEntry
from backstory.events.store_write import RecordCounts

EvidenceKind = Literal["name", "number", "phrase", "date"]

# A JSON body whose Struct forbids unknown fields, said in the schema too, so that clients (and contract tests)
# know an extra field is refused.
STRICT_JSON = Body(media_type=RequestEncodingType.JSON, schema_extra={"additional_properties": False})

LangCode = Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code, e.g. 'ru'")]


class ContextRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The article the reader is on: its URL plus either the page's HTML or its text (exactly one of them).

    Unknown fields are refused (400), so a misspelt field ("txt") is an error rather than silently ignored.
    """

    url: Annotated[str, msgspec.Meta(min_length=1, max_length=8192)]
    html: str | None = None
    text: str | None = None
    title: str | None = None
    published: dt.date | None = None
    lang: LangCode | None = None


class ArticleOut(msgspec.Struct, kw_only=True):
    url: str
    title: str | None
    lang: str | None
    lang_source: LangSource | None
    published: dt.date | None
    published_source: PublishedSource | None
    chars: int


class EvidenceOut(msgspec.Struct, kw_only=True):
    kind: EvidenceKind
    text: str
    """As written in the article."""
    matched: str
    """The curated name, number, phrase or date it matched."""
    weight: float
    zone: Literal["headline", "lead", "body"]
    recalled: bool = False
    """Seen only in sentences that look back ("last week", "in 2021"): background, so it weighs less."""


class MatchOut(msgspec.Struct, kw_only=True):
    event_id: str
    story_id: str
    title: str
    date: dt.date
    score: float
    confidence: float
    evidence: list[EvidenceOut]


class StoryRef(msgspec.Struct, kw_only=True):
    id: str
    title: str


class SourceOut(msgspec.Struct, kw_only=True):
    url: str
    title: str | None = None
    publisher: str | None = None
    """As curated; never derived from the address."""
    date: dt.date | None = None
    lang: str | None = None


class EntityRef(msgspec.Struct, kw_only=True):
    id: str
    name: str
    """The name for the reader: an alias in the script of the card's language where there is one, else the
    curated name."""
    as_written: str | None = None
    """How this article writes it, when the article names it."""


class ReasonOut(msgspec.Struct, kw_only=True):
    """Why a card is shown, for a client to word in its own language."""

    code: ReasonCode
    """``reported``: this article reports it; ``shared_entities``: it and the reported event are both about
    ``entities``; ``same_story``: another development of the same story."""
    entities: list[EntityRef]


class CardOut(msgspec.Struct, kw_only=True):
    event_id: str
    date: dt.date
    title: str
    summary: str
    sources: list[SourceOut]
    relation: Relation
    reason: ReasonOut
    why: str
    """``reason`` in English words, for callers who show a sentence as it is."""


class ContextResponse(msgspec.Struct, kw_only=True):
    article: ArticleOut
    matches: list[MatchOut]
    abstained: bool
    abstain_code: AbstainCode | None = None
    """Why nothing was claimed: ``too_short``, ``no_evidence`` (no known event shares evidence) or
    ``low_confidence`` (the best candidate is too uncertain)."""
    abstain_reason: str | None
    """The same in English, with figures, for people reading the raw answer."""
    story: StoryRef | None
    related_story: StoryRef | None
    cards: list[CardOut]
    timings_ms: dict[str, float]


class EventOut(msgspec.Struct, kw_only=True):
    id: str
    story_id: str
    date: dt.date
    title: Localised
    summary: Localised
    entities: list[str]
    numbers: list[str]
    phrases: list[str]
    sources: list[Source]
    background: bool


class StoryOut(msgspec.Struct, kw_only=True):
    id: str
    title: Localised
    summary: Localised
    event_count: int


class StoryDetailOut(StoryOut, kw_only=True):
    timeline: list[EventOut]


class HealthOut(msgspec.Struct, kw_only=True, omit_defaults=True):
    status: Literal["ok", "not ready"]
    events: int | None = None
    stories: int | None = None
    catalog_version: int | None = None
    database: Literal["ok", "unreachable"] | None = None


# Admin: bodies are the NDJSON records without their ``type``.


class StoryBody(Story, tag=False, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """A story as the admin API takes it."""


# The same records as the admin API gives them: types of their own, so that the request bodies' schemas (which
# refuse unknown fields) and the answers' are separate components of the OpenAPI document.


class StoryRecord(Story, tag=False, kw_only=True, frozen=True):
    """A story."""


class EntityRecord(Entity, tag=False, kw_only=True, frozen=True):
    """An entity with its names in every script and spelling known."""


class EventRecord(Event, tag=False, kw_only=True, frozen=True):
    """An event of a story."""


class EntityBody(Entity, tag=False, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """An entity with its names in every script and spelling known."""


class EventBody(Event, tag=False, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """An event of a story."""


# Patches: an absent field stays as it is; null resets an optional field (and is refused for a required one).


class StoryPatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    title: Localised | msgspec.UnsetType = msgspec.UNSET
    summary: Localised | msgspec.UnsetType | None = msgspec.UNSET


class EntityPatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    kind: EntityKind | msgspec.UnsetType = msgspec.UNSET
    name: Text | msgspec.UnsetType = msgspec.UNSET
    aliases: list[Text] | msgspec.UnsetType | None = msgspec.UNSET


class EventPatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    story_id: Id | msgspec.UnsetType = msgspec.UNSET
    date: dt.date | msgspec.UnsetType = msgspec.UNSET
    title: Localised | msgspec.UnsetType = msgspec.UNSET
    summary: Localised | msgspec.UnsetType = msgspec.UNSET
    entities: list[Id] | msgspec.UnsetType | None = msgspec.UNSET
    numbers: list[Digits] | msgspec.UnsetType | None = msgspec.UNSET
    phrases: list[str] | msgspec.UnsetType | None = msgspec.UNSET
    sources: list[Source] | msgspec.UnsetType | None = msgspec.UNSET
    background: bool | msgspec.UnsetType | None = msgspec.UNSET


def patch_changes(patch: msgspec.Struct) -> dict[str, Any]:
    """The fields a patch sets (None included), leaving out the absent ones."""
    return {name: value for name in patch.__struct_fields__ if (value := getattr(patch, name)) is not msgspec.UNSET}


class ImportOut(msgspec.Struct, kw_only=True):
    created: RecordCounts
    updated: RecordCounts
    unchanged: RecordCounts
    dry_run: bool


class AuditPageOut(msgspec.Struct, kw_only=True):
    entries: list[AuditEntry]
    next_cursor: str | None


class ProblemOut(msgspec.Struct, kw_only=True):
    """An RFC 9457 problem (``application/problem+json``): every error answer has this shape."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    request_id: str | None = None
    """Set on server-side failures (5xx): the id under which the failure was logged."""
    errors: list[dict[str, Any]] | None = None
    """Per-field or per-line errors of a rejected request or import."""
    error_count: int | None = None
    """All the errors of a rejected import (``errors`` lists the first thousand)."""
    field: str | None = None
    """The field of an invalid record, as a path in the body (``title.en``, ``aliases[2]``)."""
    events: list[str] | None = None
    """The events that still use a story or entity that cannot be deleted."""
