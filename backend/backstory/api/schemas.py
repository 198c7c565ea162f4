"""Request and response bodies of the HTTP API (snake_case, field names as fixed in DESIGN.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from backstory.events.models import Localised, Source

LangSource = Literal["given", "detected", "page"]
PublishedSource = Literal["given", "page"]
Relation = Literal["this", "earlier", "later"]
EvidenceKind = Literal["name", "number", "phrase", "date"]

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


class CardOut(msgspec.Struct, kw_only=True):
    event_id: str
    date: dt.date
    title: str
    summary: str
    sources: list[SourceOut]
    relation: Relation
    why: str


class ContextResponse(msgspec.Struct, kw_only=True):
    article: ArticleOut
    matches: list[MatchOut]
    abstained: bool
    abstain_reason: str | None
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
