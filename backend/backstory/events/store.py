"""``EventStore``: the one place that opens database sessions, speaking the Structs of ``models.py``.

Reads live here. Writes are thin methods at the end that open one transaction each and hand it to
``store_write.py``, where the upsert, guard and audit logic is.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.orm import selectinload

from backstory.errors import ImportRejected, NotFound
from backstory.events import store_write
from backstory.events.migrate import make_engine, migrate
from backstory.events.models import Catalog, Entity, Event, Record, Story
from backstory.events.ndjson import parse_records
from backstory.events.store_write import ImportSummary
from backstory.events.tables import AuditRow, EntityRow, EventRow, StoryRow, as_entity, as_event, as_story

log = logging.getLogger(__name__)

__all__ = ["AuditEntry", "EventStore", "ImportSummary", "load_bundled", "open_store"]


class AuditEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One write to the store: who, when, what (``target`` is e.g. "event:some-id")."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    detail: dict[str, Any]


class EventStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # Rows are turned into Structs before a session closes, so nothing needs to outlive a commit.
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    # Reads

    async def load_catalog(self) -> Catalog:
        """Every story, entity (aliases in order) and event (entity ids in order), eagerly loaded."""
        async with self._sessions() as session:
            stories = await session.scalars(select(StoryRow).order_by(StoryRow.id))
            entities = await session.scalars(
                select(EntityRow).options(selectinload(EntityRow.aliases)).order_by(EntityRow.id)
            )
            events = await session.scalars(_events_query())
            return Catalog(
                stories=[as_story(row) for row in stories],
                entities=[as_entity(row) for row in entities],
                events=[as_event(row) for row in events],
            )

    async def export_records(self) -> list[Record]:
        return (await self.load_catalog()).records()

    async def list_stories(self) -> list[Story]:
        async with self._sessions() as session:
            return [as_story(row) for row in await session.scalars(select(StoryRow).order_by(StoryRow.id))]

    async def get_story(self, story_id: str) -> Story:
        async with self._sessions() as session:
            row = await session.get(StoryRow, story_id)
            if row is None:
                raise NotFound(f"No story {story_id!r}.")
            return as_story(row)

    async def list_events(self, story_id: str | None = None) -> list[Event]:
        """Events oldest first, all of them or those of one story."""
        query = _events_query()
        if story_id is not None:
            query = query.where(EventRow.story_id == story_id)
        async with self._sessions() as session:
            return [as_event(row) for row in await session.scalars(query)]

    async def get_event(self, event_id: str) -> Event:
        async with self._sessions() as session:
            row = await session.get(EventRow, event_id, options=[selectinload(EventRow.entity_links)])
            if row is None:
                raise NotFound(f"No event {event_id!r}.")
            return as_event(row)

    async def get_entity(self, entity_id: str) -> Entity:
        async with self._sessions() as session:
            row = await session.get(EntityRow, entity_id, options=[selectinload(EntityRow.aliases)])
            if row is None:
                raise NotFound(f"No entity {entity_id!r}.")
            return as_entity(row)

    async def count(self) -> dict[str, int]:
        """Rows per record type: ``{"stories": …, "entities": …, "events": …}``."""
        async with self._sessions() as session:
            return {
                plural: await session.scalar(select(func.count()).select_from(model)) or 0
                for plural, model in (("stories", StoryRow), ("entities", EntityRow), ("events", EventRow))
            }

    async def is_empty(self) -> bool:
        return not any((await self.count()).values())

    async def list_audit(self, limit: int = 100) -> list[AuditEntry]:
        """The latest writes, newest first."""
        query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)
        async with self._sessions() as session:
            return [_audit_entry(row) for row in await session.scalars(query)]

    # Writes: one transaction per call; see store_write.py

    async def import_records(self, records: Sequence[Record], *, actor: str = "cli") -> ImportSummary:
        """All or nothing: upsert every record by id, or raise ``ImportRejected`` and change nothing."""
        async with self._sessions.begin() as session:
            return await store_write.import_records(session, records, actor=actor)

    async def import_ndjson(self, text: str, *, actor: str = "cli") -> ImportSummary:
        """Like ``import_records``, but errors name lines of ``text``, which may refer to stored ids."""
        async with self._sessions.begin() as session:
            return await store_write.import_ndjson(session, text, actor=actor)

    async def delete_event(self, event_id: str, *, actor: str = "cli") -> None:
        async with self._sessions.begin() as session:
            await store_write.delete_event(session, event_id, actor=actor)

    async def delete_entity(self, entity_id: str, *, actor: str = "cli") -> None:
        """Raises ``Conflict`` while an event still names the entity."""
        async with self._sessions.begin() as session:
            await store_write.delete_entity(session, entity_id, actor=actor)

    async def delete_story(self, story_id: str, *, actor: str = "cli") -> None:
        """Raises ``Conflict`` while the story has events."""
        async with self._sessions.begin() as session:
            await store_write.delete_story(session, story_id, actor=actor)


def _events_query() -> Select[EventRow]:
    return select(EventRow).options(selectinload(EventRow.entity_links)).order_by(EventRow.date, EventRow.id)


def _audit_entry(row: AuditRow) -> AuditEntry:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return AuditEntry(id=row.id, at=at, actor=row.actor, action=row.action, target=row.target, detail=row.detail)


async def load_bundled(store: EventStore, data_dir: Traversable | Path | None = None) -> ImportSummary | None:
    """Import every ``*.ndjson`` of the package's data (or ``data_dir``) into an empty store.

    Returns None, writing nothing, when the store holds any record (curators' changes are never overwritten)
    or when there is nothing to load. Files are read in name order; a file may refer to the stories and
    entities of the files before it.
    """
    if not await store.is_empty():
        return None
    folder = files("backstory") / "data" if data_dir is None else data_dir
    records: list[Record] = []
    for file in sorted((f for f in folder.iterdir() if f.name.endswith(".ndjson")), key=lambda f: f.name):
        story_ids = {record.id for record in records if isinstance(record, Story)}
        entity_ids = {record.id for record in records if isinstance(record, Entity)}
        try:
            records += parse_records(
                file.read_text(encoding="utf-8"), known_story_ids=story_ids, known_entity_ids=entity_ids
            )
        except ImportRejected as exc:
            raise ImportRejected([(line, f"{file.name}: {message}") for line, message in exc.errors]) from None
    if not records:
        return None
    try:
        return await store.import_records(records, actor="bundled")
    except IntegrityError:
        # Another instance sharing the database loaded it between our check and our insert.
        if await store.is_empty():
            raise
        return None


@asynccontextmanager
async def open_store(database_url: str, *, bundled: bool = True) -> AsyncIterator[EventStore]:
    """A migrated store, with the bundled story loaded into it when it is empty and ``bundled`` is set.

    The engine is disposed of on leaving.
    """
    engine = make_engine(database_url)
    try:
        await migrate(engine)
        store = EventStore(engine)
        if bundled:
            summary = await load_bundled(store)
            if summary is not None:
                log.info("bundled story loaded", extra={"records_created": msgspec.to_builtins(summary.created)})
        yield store
    finally:
        await engine.dispose()
