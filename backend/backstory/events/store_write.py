"""The write half of the event store: creates, replacements, guarded deletions and streamed imports.

Every function runs inside the session it is given and never commits: ``EventStore`` opens one transaction
per call, so an error anywhere (a bad record, a lost connection) leaves the database as it was. Each write adds
an audit row per record it changed (who, what, before, after) and bumps the catalog version once, in that same
transaction: a committed change and its audit trail and version cannot come apart, and the live catalog of
every instance sees the new version (``catalog.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import msgspec
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from backstory.errors import Conflict, ImportRejected, InvalidRecord, NotFound, PreconditionFailed
from backstory.events.models import Entity, Event, Record, Story
from backstory.events.ndjson import event_reference_errors, record_digest, record_problems, record_type
from backstory.events.tables import (
    AliasRow,
    AuditRow,
    CatalogStateRow,
    EntityRow,
    EventEntityRow,
    EventRow,
    StoryRow,
    as_entity,
    as_event,
    as_story,
)

Outcome = Literal["created", "updated", "unchanged"]
Kind = Literal["story", "entity", "event"]
RowT = TypeVar("RowT", StoryRow, EntityRow, EventRow)
RecordT = TypeVar("RecordT", Story, Entity, Event)

# PostgreSQL channel on which each write announces the catalog version it committed.
CATALOG_CHANNEL = "backstory_catalog"

_PLURALS: dict[Kind, str] = {"story": "stories", "entity": "entities", "event": "events"}
_ROWS: dict[Kind, type[StoryRow] | type[EntityRow] | type[EventRow]] = {
    "story": StoryRow,
    "entity": EntityRow,
    "event": EventRow,
}
_COLLECTIONS: dict[type[Any], tuple[Any, ...]] = {
    EntityRow: (EntityRow.aliases,),
    EventRow: (EventRow.entity_links,),
}

# Ids per IN (...) query, and records per flush of an import: well under the bind-parameter limits of SQLite and
# asyncpg, and few enough that an import's memory does not grow with its file.
_CHUNK = 500
# Errors an import lists before it only counts them.
MAX_LISTED_ERRORS = 1000


class RecordCounts(msgspec.Struct, frozen=True, kw_only=True):
    stories: int = 0
    entities: int = 0
    events: int = 0


class ImportSummary(msgspec.Struct, frozen=True, kw_only=True):
    """What an import did (or, in a dry run, would do), per record type."""

    created: RecordCounts
    updated: RecordCounts
    unchanged: RecordCounts
    dry_run: bool = False


# Versions and audit


async def bump_version(session: AsyncSession) -> int:
    """The next catalog version, taken in this transaction; PostgreSQL announces it when the transaction commits."""
    version = await session.scalar(
        update(CatalogStateRow)
        .where(CatalogStateRow.id == 1)
        .values(version=CatalogStateRow.version + 1)
        .returning(CatalogStateRow.version)
    )
    if version is None:  # a database migrated before the row existed cannot happen; say so if it does
        raise RuntimeError("catalog_state has no row: run the migrations")
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        # NOTIFY is transactional: listeners hear it on commit, never for a rolled-back write.
        await session.execute(text("SELECT pg_notify(:channel, :version)"), {
            "channel": CATALOG_CHANNEL,
            "version": str(version),
        })  # fmt: skip
    return int(version)


def _audit(
    session: AsyncSession,
    actor: str,
    action: str,
    target: str,
    *,
    version: int,
    before: Record | None = None,
    after: Record | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    if not actor.strip():
        raise ValueError("every write needs an actor")
    session.add(
        AuditRow(
            at=_now(),
            actor=actor,
            action=action,
            target=target,
            detail=detail or {},
            version=version,
            before=msgspec.to_builtins(before) if before is not None else None,
            after=msgspec.to_builtins(after) if after is not None else None,
        )
    )


def _target(record: Record) -> str:
    return f"{record_type(record)}:{record.id}"


# Single records


async def load_row(session: AsyncSession, kind: Kind, record_id: str, *, lock: bool = False) -> Any:
    """The row of a record with its collections, or None; ``lock`` holds it until the transaction ends."""
    model = _ROWS[kind]
    query = select(model).where(model.id == record_id)
    for relation in _COLLECTIONS.get(model, ()):
        query = query.options(selectinload(relation))
    if lock:
        query = query.with_for_update()
    return await session.scalar(query)


async def load_rows(session: AsyncSession, kind: Kind, record_ids: Sequence[str]) -> dict[str, Any]:
    """The rows of these records that exist, with their collections, by id: ``load_row`` in a query per chunk."""
    model = _ROWS[kind]
    rows: dict[str, Any] = {}
    for start in range(0, len(record_ids), _CHUNK):
        query = select(model).where(model.id.in_(record_ids[start : start + _CHUNK]))
        for relation in _COLLECTIONS.get(model, ()):
            query = query.options(selectinload(relation))
        rows.update((row.id, row) for row in await session.scalars(query))  # type: ignore[attr-defined]
    return rows


def as_record(kind: Kind, row: Any) -> Record:
    readers: dict[Kind, Callable[[Any], Record]] = {"story": as_story, "entity": as_entity, "event": as_event}
    return readers[kind](row)


async def check_references(session: AsyncSession, record: Record) -> None:
    """An event's story and entities must exist; raises ``InvalidRecord`` naming the field."""
    if not isinstance(record, Event):
        return
    if await session.get(StoryRow, record.story_id) is None:
        raise InvalidRecord("story_id", f"unknown story {record.story_id!r}")
    if record.entities:
        found = set(await session.scalars(select(EntityRow.id).where(EntityRow.id.in_(record.entities))))
        for position, entity_id in enumerate(record.entities):
            if entity_id not in found:
                raise InvalidRecord(f"entities[{position}]", f"unknown entity {entity_id!r}")


def _check_alone(record: Record) -> None:
    if problems := record_problems(record):
        field_name, message = problems[0]
        raise InvalidRecord(field_name, message)


async def create_record(session: AsyncSession, record: Record, *, actor: str) -> int:
    """Add a new record; ``Conflict`` when its id is taken. Returns the catalog version written."""
    _check_alone(record)
    kind: Kind = record_type(record)  # type: ignore[assignment]
    if await load_row(session, kind, record.id) is not None:
        raise Conflict(f"{kind} {record.id!r} already exists; change it with PATCH")
    await check_references(session, record)
    row = _ROWS[kind](id=record.id)
    _FILL[kind](row, record)
    session.add(row)
    await session.flush()
    version = await bump_version(session)
    _audit(session, actor, "create", _target(record), version=version, after=record)
    return version


async def replace_record(session: AsyncSession, record: Record, *, actor: str, if_match: str) -> int:
    """Replace a stored record whose current digest is ``if_match`` (``PreconditionFailed`` otherwise)."""
    _check_alone(record)
    kind: Kind = record_type(record)  # type: ignore[assignment]
    row = await load_row(session, kind, record.id, lock=True)
    if row is None:
        raise NotFound(f"No {kind} {record.id!r}.")
    before = as_record(kind, row)
    if record_digest(before) != if_match:
        raise PreconditionFailed(f"{kind} {record.id!r} was changed since you read it; read it again")
    if before == record:
        return await current_version(session)
    await check_references(session, record)
    _FILL[kind](row, record)
    await session.flush()
    version = await bump_version(session)
    _audit(session, actor, "update", _target(record), version=version, before=before, after=record)
    return version


async def delete_record(session: AsyncSession, kind: Kind, record_id: str, *, actor: str, if_match: str) -> int:
    """Delete a record whose digest is ``if_match``; ``Conflict`` while other records still refer to it."""
    row = await load_row(session, kind, record_id, lock=True)
    if row is None:
        raise NotFound(f"No {kind} {record_id!r}.")
    before = as_record(kind, row)
    if record_digest(before) != if_match:
        raise PreconditionFailed(f"{kind} {record_id!r} was changed since you read it; read it again")
    if kind == "entity":
        users = list(
            await session.scalars(
                select(EventEntityRow.event_id)
                .where(EventEntityRow.entity_id == record_id)
                .order_by(EventEntityRow.event_id)
            )
        )
        if users:
            raise Conflict(f"Entity {record_id!r} is still named by {len(users)} event(s).", events=users)
    if kind == "story":
        users = list(
            await session.scalars(select(EventRow.id).where(EventRow.story_id == record_id).order_by(EventRow.id))
        )
        if users:
            raise Conflict(f"Story {record_id!r} still has {len(users)} event(s); delete them first.", events=users)
    await session.delete(row)
    await session.flush()
    version = await bump_version(session)
    # The deleted record goes into the log whole, so a mistaken deletion can be undone by re-importing it.
    _audit(session, actor, "delete", f"{kind}:{record_id}", version=version, before=before)
    return version


async def current_version(session: AsyncSession) -> int:
    return int(await session.scalar(select(CatalogStateRow.version).where(CatalogStateRow.id == 1)) or 0)


# Imports


@dataclass
class ImportRun:
    """One all-or-nothing import, fed record by record (``add``) and closed by ``finish``.

    Records are written in batches as they come, inside the caller's transaction, so memory holds a batch, not
    the file; what is remembered across the file is each record's type and id (for duplicates and references).
    Errors are collected, every line checked, and nothing more written once one is found; ``finish`` raises
    ``ImportRejected`` listing them all, and the caller's transaction rolls back. An event may refer to a story
    or entity defined further down the file: it waits until the end.
    """

    session: AsyncSession
    actor: str
    stories: set[str]
    entities: set[str]
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_count: int = 0
    first_line: dict[tuple[str, str], int] = field(default_factory=dict)
    pending: list[Record] = field(default_factory=list)
    waiting: list[tuple[int, Event]] = field(default_factory=list)
    counts: dict[Outcome, Counter[str]] = field(
        default_factory=lambda: {"created": Counter(), "updated": Counter(), "unchanged": Counter()}
    )
    version: int | None = None

    @classmethod
    async def start(cls, session: AsyncSession, *, actor: str) -> ImportRun:
        if not actor.strip():
            raise ValueError("every write needs an actor")
        return cls(
            session=session,
            actor=actor,
            stories=set(await session.scalars(select(StoryRow.id))),
            entities=set(await session.scalars(select(EntityRow.id))),
        )

    def error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append((line, message))

    async def add(self, line: int, record: Record) -> None:
        """A record decoded from ``line`` (its field-level checks already passed)."""
        key = (record_type(record), record.id)
        if key in self.first_line:
            self.error(line, f"duplicate {key[0]} id {record.id!r} (first on line {self.first_line[key]})")
            return
        self.first_line[key] = line
        if problems := record_problems(record):
            for field_name, message in problems:
                self.error(line, f"{message} - at `$.{field_name}`")
            return
        if isinstance(record, Story):
            self.stories.add(record.id)
        elif isinstance(record, Entity):
            self.entities.add(record.id)
        elif event_reference_errors(record, self.stories, self.entities):
            self.waiting.append((line, record))
            return
        self.pending.append(record)
        if len(self.pending) >= _CHUNK:
            await self._flush()

    async def finish(self) -> ImportSummary:
        for line, event in self.waiting:
            problems = event_reference_errors(event, self.stories, self.entities)
            for message in problems:
                self.error(line, message)
            if not problems:
                self.pending.append(event)
                if len(self.pending) >= _CHUNK:
                    await self._flush()
        await self._flush()
        if self.error_count:
            raise ImportRejected(sorted(self.errors), total=self.error_count)
        return ImportSummary(
            created=RecordCounts(**self.counts["created"]),
            updated=RecordCounts(**self.counts["updated"]),
            unchanged=RecordCounts(**self.counts["unchanged"]),
        )

    async def _flush(self) -> None:
        batch, self.pending = self.pending, []
        if self.error_count or not batch:
            return
        # Parents first: events refer to stories and entities of the same batch.
        for kind in ("story", "entity", "event"):
            records = [record for record in batch if record_type(record) == kind]
            if records:
                await self._write(kind, records)
        # Written (audit rows too), then forgotten: that keeps a long import's memory flat.
        await self.session.flush()
        self.session.expunge_all()

    async def _write(self, kind: Kind, records: list[Record]) -> None:
        model: Any = _ROWS[kind]
        options = [selectinload(relation) for relation in _COLLECTIONS.get(model, ())]
        ids = [record.id for record in records]
        existing = {
            row.id: row for row in await self.session.scalars(select(model).where(model.id.in_(ids)).options(*options))
        }
        changes: list[tuple[Record, Record | None]] = []
        created: list[Record] = []
        before: Record | None
        for record in records:
            row = existing.get(record.id)
            if row is None:
                created.append(record)
                self.counts["created"][_PLURALS[kind]] += 1
                changes.append((record, None))
                continue
            before = as_record(kind, row)
            if before == record:
                self.counts["unchanged"][_PLURALS[kind]] += 1
                continue
            _FILL[kind](row, record)
            self.counts["updated"][_PLURALS[kind]] += 1
            changes.append((record, before))
        await self.session.flush()
        # New records go in as multi-row INSERTs: an import of many thousands is mostly creates, and the ORM's
        # unit of work would spend most of the import on per-object bookkeeping.
        await _insert_new(self.session, kind, created)
        if changes and self.version is None:
            self.version = await bump_version(self.session)
        if changes:
            now = _now()
            await self.session.execute(
                insert(AuditRow),
                [
                    {
                        "at": now,
                        "actor": self.actor,
                        "action": "import:update" if before is not None else "import:create",
                        "target": _target(record),
                        "detail": {},
                        "version": self.version,
                        "before": msgspec.to_builtins(before) if before is not None else None,
                        "after": msgspec.to_builtins(record),
                    }
                    for record, before in changes
                ],
            )


async def import_records(session: AsyncSession, records: list[Record], *, actor: str) -> ImportSummary:
    """Create or replace each record by id, all or nothing; "line" in errors is the record's 1-based position."""
    run = await ImportRun.start(session, actor=actor)
    for position, record in enumerate(records, start=1):
        await run.add(position, record)
    return await run.finish()


# Filling rows


async def _insert_new(session: AsyncSession, kind: Kind, records: list[Record]) -> None:
    if not records:
        return
    if kind == "story":
        rows = [
            {"id": r.id, "title": dict(r.title), "summary": dict(r.summary)} for r in records if isinstance(r, Story)
        ]
        await session.execute(insert(StoryRow), rows)
    elif kind == "entity":
        entities = [r for r in records if isinstance(r, Entity)]
        await session.execute(insert(EntityRow), [{"id": e.id, "kind": e.kind, "name": e.name} for e in entities])
        aliases = [{"entity_id": e.id, "alias": a, "position": i} for e in entities for i, a in enumerate(e.aliases)]
        if aliases:
            await session.execute(insert(AliasRow), aliases)
    else:
        events = [r for r in records if isinstance(r, Event)]
        now = _now()
        await session.execute(
            insert(EventRow),
            [
                {
                    "id": e.id,
                    "story_id": e.story_id,
                    "date": e.date,
                    "title": dict(e.title),
                    "summary": dict(e.summary),
                    "numbers": list(e.numbers),
                    "phrases": list(e.phrases),
                    "sources": msgspec.to_builtins(e.sources),
                    "background": e.background,
                    "updated_at": now,
                }
                for e in events
            ],
        )
        links = [{"event_id": e.id, "entity_id": x, "position": i} for e in events for i, x in enumerate(e.entities)]
        if links:
            await session.execute(insert(EventEntityRow), links)


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


_FILL: dict[Kind, Callable[[Any, Any], None]] = {"story": _fill_story, "entity": _fill_entity, "event": _fill_event}


async def count_rows(session: AsyncSession) -> dict[str, int]:
    return {
        _PLURALS[kind]: await session.scalar(select(func.count()).select_from(model)) or 0
        for kind, model in _ROWS.items()
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
