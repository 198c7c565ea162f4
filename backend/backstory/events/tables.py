"""The event store's tables, and how their rows read as the domain Structs of ``models.py``.

Only the store modules and the migrations import this; everything else speaks ``models.py``. A change here
needs a new migration under ``migrations/versions/`` (``tests/unit/events/test_migrate.py`` catches a
forgotten one).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import msgspec
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from backstory.events.models import Entity, EntityKind, Event, Source, Story

# Named constraints look the same on SQLite and PostgreSQL, so later migrations can drop them by name.
# https://alembic.sqlalchemy.org/en/latest/naming.html
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL for compact storage; nothing queries inside these documents.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")

ID_LENGTH = 200
SPELLING_LENGTH = 120


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(JSONDocument)
    summary: Mapped[dict[str, str]] = mapped_column(JSONDocument)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    # lazy="raise": under asyncio a lazy load fails late and obscurely; the store loads these explicitly.
    aliases: Mapped[list[AliasRow]] = relationship(
        order_by="AliasRow.position", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )


class AliasRow(Base):
    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    # No cascade: a story with events cannot be deleted (the store answers Conflict first).
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[dict[str, str]] = mapped_column(JSONDocument)
    summary: Mapped[dict[str, str]] = mapped_column(JSONDocument)
    numbers: Mapped[list[str]] = mapped_column(JSONDocument)
    phrases: Mapped[list[str]] = mapped_column(JSONDocument)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    background: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    entity_links: Mapped[list[EventEntityRow]] = relationship(
        order_by="EventEntityRow.position", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )


class EventEntityRow(Base):
    __tablename__ = "event_entities"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    # Indexed, and no cascade: "which events name this entity?" guards entity deletion.
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    __tablename__ = "audit_log"

    # Ids grow with every write, so newest-first pagination runs on the primary key.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    version: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """The catalog version the write produced."""
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument, nullable=True)


class CatalogStateRow(Base):
    """One row: the version of the event set, bumped by every write in the write's own transaction."""

    __tablename__ = "catalog_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)


class TokenRow(Base):
    """An admin API token, kept only as the SHA-256 of its value."""

    __tablename__ = "admin_tokens"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    read_only: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class FeedbackRow(Base):
    """A reader's report on a match. No personal data: no address, no cookie, the page URL without tracking."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    url: Mapped[str] = mapped_column(Text)
    # Not a foreign key: a report outlives the event it names, which curators may delete or rename.
    event_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), nullable=True)
    verdict: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)


class AliasSuggestionRow(Base):
    """A spelling of an entity seen in confidently matched articles that is not yet one of its names.

    Only the spelling itself is kept (no article text, no address). One row per entity and folded spelling, so
    a rejected spelling is never suggested again in any of its written forms."""

    __tablename__ = "alias_suggestions"
    __table_args__ = (UniqueConstraint("entity_id", "key", name="uq_alias_suggestions_entity_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Not a foreign key: a suggestion is only a note, and must never stop an entity from being deleted.
    entity_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    key: Mapped[str] = mapped_column(String(SPELLING_LENGTH))
    spelling: Mapped[str] = mapped_column(String(SPELLING_LENGTH))
    count: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    decided_by: Mapped[str | None] = mapped_column(String(ID_LENGTH), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class BundledRow(Base):
    """What the bundled story held for a record when it was last applied: a record that differs from it now was
    changed by a curator, and a newer bundled story must not overwrite it silently."""

    __tablename__ = "bundled_records"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))


def as_story(row: StoryRow) -> Story:
    return Story(id=row.id, title=row.title, summary=row.summary)


def as_entity(row: EntityRow) -> Entity:
    """Needs ``aliases`` loaded."""
    # The kind was validated on the way in (ndjson / import_records); the column is plain text.
    kind = cast(EntityKind, row.kind)
    return Entity(id=row.id, kind=kind, name=row.name, aliases=[alias.alias for alias in row.aliases])


def as_event(row: EventRow) -> Event:
    """Needs ``entity_links`` loaded."""
    return Event(
        id=row.id,
        story_id=row.story_id,
        date=row.date,
        title=row.title,
        summary=row.summary,
        entities=[link.entity_id for link in row.entity_links],
        numbers=row.numbers,
        phrases=row.phrases,
        sources=[_source(source) for source in row.sources],
        background=row.background,
    )


def _source(stored: dict[str, Any]) -> Source:
    try:
        return msgspec.convert(stored, Source)
    except msgspec.ValidationError:
        # Stored before a rule it breaks was added (a non-web URL, say): kept as it is rather than stopping the
        # whole catalog from loading; readers of sources still check what they show.
        day = stored.get("date")
        return Source(**{**stored, "date": dt.date.fromisoformat(day) if isinstance(day, str) else None})
