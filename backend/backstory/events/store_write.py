"""The write half of the event store: upserts by id, guarded deletions, and an audit row for each.

Every function runs inside the session it is given and never commits: ``EventStore`` opens one transaction
per call, so an error anywhere (a bad record, a lost connection) leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from backstory.errors import Conflict, ImportRejected, NotFound
from backstory.events.models import Entity, Event, Record, Story
from backstory.events.ndjson import check_records, parse_records, record_type
from backstory.events.tables import (
    AliasRow,
    AuditRow,
    EntityRow,
    EventEntityRow,
    EventRow,
    StoryRow,
    as_entity,
    as_event,
    as_story,
)

Outcome = Literal["created", "updated", "unchanged"]
RowT = TypeVar("RowT", StoryRow, EntityRow, EventRow)
RecordT = TypeVar("RecordT", Story, Entity, Event)

_PLURALS: dict[type[Record], str] = {Story: "stories", Entity: "entities", Event: "events"}
_COLLECTIONS: dict[type[Any], tuple[Any, ...]] = {
    EntityRow: (EntityRow.aliases,),
    EventRow: (EventRow.entity_links,),
}

# Ids per IN (...) query: well under the bind-parameter limits of SQLite and asyncpg.
_CHUNK = 500


class RecordCounts(msgspec.Struct, frozen=True, kw_only=True):
    stories: int = 0
    entities: int = 0
    events: int = 0


class ImportSummary(msgspec.Struct, frozen=True, kw_only=True):
    """What an import did, per record type. ``unchanged`` records matched the store already."""

    created: RecordCounts
    updated: RecordCounts
    unchanged: RecordCounts


async def import_ndjson(session: AsyncSession, text: str, *, actor: str) -> ImportSummary:
    """Parse ``text`` against the ids already stored, then import it; errors carry the text's line numbers."""
    records = parse_records(
        text,
        known_story_ids=await _all_ids(session, StoryRow),
        known_entity_ids=await _all_ids(session, EntityRow),
    )
    return await import_records(session, records, actor=actor)


async def import_records(session: AsyncSession, records: Sequence[Record], *, actor: str) -> ImportSummary:
    """Create or replace each record by id (an entity's aliases and an event's entities are replaced whole).

    Raises ``ImportRejected`` before writing anything when a record is a duplicate, names a story or entity
    that is neither stored nor imported with it, or lacks an English title; "line" is then the record's
    1-based position in ``records``.
    """
    errors = check_records(
        list(enumerate(records, start=1)),
        known_story_ids=await _all_ids(session, StoryRow),
        known_entity_ids=await _all_ids(session, EntityRow),
    )
    if errors:
        raise ImportRejected(errors)
    stories = [record for record in records if isinstance(record, Story)]
    entities = [record for record in records if isinstance(record, Entity)]
    events = [record for record in records if isinstance(record, Event)]
    # Parents first: events refer to stories and entities, and each type is flushed before the next.
    outcomes: list[tuple[Record, Outcome]] = [
        *zip(stories, await _upsert(session, StoryRow, stories, as_story, _fill_story), strict=True),
        *zip(entities, await _upsert(session, EntityRow, entities, as_entity, _fill_entity), strict=True),
        *zip(events, await _upsert(session, EventRow, events, as_event, _fill_event), strict=True),
    ]
    counts: dict[Outcome, Counter[str]] = {"created": Counter(), "updated": Counter(), "unchanged": Counter()}
    for record, outcome in outcomes:
        counts[outcome][_PLURALS[type(record)]] += 1
    summary = ImportSummary(**{outcome: RecordCounts(**counter) for outcome, counter in counts.items()})
    changed = [f"{record_type(record)}:{record.id}" for record, outcome in outcomes if outcome != "unchanged"]
    _audit(
        session,
        actor,
        "import",
        f"{len(records)} records",
        {**msgspec.to_builtins(summary), "changed": changed},
    )
    return summary


async def _upsert(
    session: AsyncSession,
    model: type[RowT],
    records: list[RecordT],
    read: Callable[[RowT], RecordT],
    fill: Callable[[RowT, RecordT], None],
) -> list[Outcome]:
    # The collections that fill() replaces must be loaded: lazy loading is off (see tables.py).
    options = [selectinload(relation) for relation in _COLLECTIONS.get(model, ())]
    ids = [record.id for record in records]
    existing: dict[str, RowT] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = await session.scalars(select(model).where(model.id.in_(ids[start : start + _CHUNK])).options(*options))
        existing.update((row.id, row) for row in rows)
    outcomes: list[Outcome] = []
    for record in records:
        row = existing.get(record.id)
        if row is None:
            row = model(id=record.id)
            fill(row, record)
            session.add(row)
            outcomes.append("created")
        elif read(row) == record:
            outcomes.append("unchanged")
        else:
            fill(row, record)
            outcomes.append("updated")
    await session.flush()
    return outcomes


def _fill_story(row: StoryRow, story: Story) -> None:
    row.title = dict(story.title)
    row.summary = dict(story.summary)


def _fill_entity(row: EntityRow, entity: Entity) -> None:
    row.kind = entity.kind
    row.name = entity.name
    row.aliases = [AliasRow(alias=alias, position=i) for i, alias in enumerate(entity.aliases)]


def _fill_event(row: EventRow, event: Event) -> None:
    row.story_id = event.story_id
    row.date = event.date
    row.title = dict(event.title)
    row.summary = dict(event.summary)
    row.numbers = list(event.numbers)
    row.phrases = list(event.phrases)
    row.sources = msgspec.to_builtins(event.sources)
    row.background = event.background
    row.updated_at = _now()
    # A link with the same (event, entity) key as a removed one becomes an UPDATE of its position
    # ("row switch" in SQLAlchemy's unit of work), so replacing the whole list is safe.
    row.entity_links = [EventEntityRow(entity_id=entity_id, position=i) for i, entity_id in enumerate(event.entities)]


async def delete_event(session: AsyncSession, event_id: str, *, actor: str) -> None:
    row = await session.get(EventRow, event_id, options=[selectinload(EventRow.entity_links)])
    if row is None:
        raise NotFound(f"No event {event_id!r}.")
    record = as_event(row)
    await session.delete(row)
    # The deleted record goes into the log whole, so a mistaken deletion can be undone by re-importing it.
    _audit(session, actor, "delete", f"event:{event_id}", msgspec.to_builtins(record))


async def delete_entity(session: AsyncSession, entity_id: str, *, actor: str) -> None:
    row = await session.get(EntityRow, entity_id, options=[selectinload(EntityRow.aliases)])
    if row is None:
        raise NotFound(f"No entity {entity_id!r}.")
    events = await session.scalars(
        select(EventEntityRow.event_id).where(EventEntityRow.entity_id == entity_id).order_by(EventEntityRow.event_id)
    )
    if users := list(events):
        raise Conflict(f"Entity {entity_id!r} is still named by event(s): {', '.join(users)}.")
    record = as_entity(row)
    await session.delete(row)
    _audit(session, actor, "delete", f"entity:{entity_id}", msgspec.to_builtins(record))


async def delete_story(session: AsyncSession, story_id: str, *, actor: str) -> None:
    row = await session.get(StoryRow, story_id)
    if row is None:
        raise NotFound(f"No story {story_id!r}.")
    events = await session.scalar(select(func.count()).select_from(EventRow).where(EventRow.story_id == story_id))
    if events:
        raise Conflict(f"Story {story_id!r} still has {events} event(s); delete them first.")
    record = as_story(row)
    await session.delete(row)
    _audit(session, actor, "delete", f"story:{story_id}", msgspec.to_builtins(record))


async def _all_ids(session: AsyncSession, model: type[StoryRow] | type[EntityRow]) -> set[str]:
    return set(await session.scalars(select(model.id)))


def _audit(session: AsyncSession, actor: str, action: str, target: str, detail: dict[str, Any]) -> None:
    session.add(AuditRow(at=_now(), actor=actor, action=action, target=target, detail=detail))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
