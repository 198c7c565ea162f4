"""``EventStore``: the one place that opens database sessions, speaking the Structs of ``models.py``.

Reads live here. Writes are thin methods that open one transaction each and hand it to ``store_write.py``,
where the checks, the audit rows and the catalog version are written. Admin writes of one instance are also
serialised by a lock: SQLite reads outside a write lock, so an ``If-Match`` check and the write it guards must
not interleave with another writer's; PostgreSQL additionally locks the row (``SELECT … FOR UPDATE``) against
writers in other instances.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import Counter
from collections.abc import AsyncIterable, AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import asyncpg
import msgspec
from sqlalchemy import Select, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from backstory.errors import ImportRejected, InvalidInput, NotFound, StoreUnavailable
from backstory.events import bundled, store_write
from backstory.events.bundled import BundledPlan
from backstory.events.migrate import make_engine, migrate
from backstory.events.models import Catalog, Entity, Event, Record, Story
from backstory.events.ndjson import decode_record, dump_records, parse_records
from backstory.events.store_write import CATALOG_CHANNEL, ImportRun, ImportSummary, Kind
from backstory.events.tables import AuditRow, EntityRow, EventRow, StoryRow, as_entity, as_event, as_story

log = logging.getLogger(__name__)

__all__ = [
    "CATALOG_CHANNEL",
    "UNREACHABLE",
    "AuditEntry",
    "AuditPage",
    "EventStore",
    "ImportSummary",
    "Kind",
    "load_bundled",
    "open_store",
    "reading",
]

UNREACHABLE: tuple[type[Exception], ...] = (OperationalError, DBAPIError, OSError)
"""What a database that is down raises: SQLAlchemy's errors for a lost connection, and the OSError of a refused
one, which asyncpg raises on connecting and SQLAlchemy passes on unwrapped (``ConnectionRefusedError``)."""

# Rows read per query when streaming an export.
_EXPORT_BATCH = 1000


class AuditEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One change to the store: who, when, what, and the record before and after (null when there was none)."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    version: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    detail: dict[str, Any]


class AuditPage(msgspec.Struct, frozen=True, kw_only=True):
    entries: list[AuditEntry]
    next_cursor: str | None
    """Pass as ``cursor`` for the next (older) page; null on the last page."""


class EventStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # Rows are turned into Structs before a session closes, so nothing needs to outlive a commit.
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # Reads

    async def catalog_version(self) -> int:
        async with self._reading() as session:
            return await store_write.current_version(session)

    async def load_catalog(self) -> Catalog:
        return (await self.load_versioned_catalog())[1]

    async def load_versioned_catalog(self) -> tuple[int, Catalog]:
        """The catalog version, then every story, entity (aliases in order) and event (entity ids in order)."""
        async with self._reading() as session:
            version = await store_write.current_version(session)
            stories = await session.scalars(select(StoryRow).order_by(StoryRow.id))
            entities = await session.scalars(
                select(EntityRow).options(selectinload(EntityRow.aliases)).order_by(EntityRow.id)
            )
            events = await session.scalars(_events_query())
            return version, Catalog(
                stories=[as_story(row) for row in stories],
                entities=[as_entity(row) for row in entities],
                events=[as_event(row) for row in events],
            )

    async def export_records(self) -> list[Record]:
        return (await self.load_catalog()).records()

    async def export_ndjson(self) -> AsyncIterator[bytes]:
        """The event set as NDJSON, read and written in batches (stories, entities, events by date): the same
        records give the same bytes, whichever database they came from."""
        for kind in ("story", "entity", "event"):
            after: tuple[Any, ...] | None = None
            while True:
                async with self._reading() as session:
                    rows = list(await session.scalars(_export_query(kind, after)))
                    records = [store_write.as_record(kind, row) for row in rows]
                if not records:
                    break
                yield dump_records(records).encode()
                last = records[-1]
                after = (last.date, last.id) if isinstance(last, Event) else (last.id,)
                if len(records) < _EXPORT_BATCH:
                    break

    async def list_stories(self) -> list[Story]:
        async with self._reading() as session:
            return [as_story(row) for row in await session.scalars(select(StoryRow).order_by(StoryRow.id))]

    async def get_story(self, story_id: str) -> Story:
        record = await self.get_record("story", story_id)
        assert isinstance(record, Story)
        return record

    async def get_entity(self, entity_id: str) -> Entity:
        record = await self.get_record("entity", entity_id)
        assert isinstance(record, Entity)
        return record

    async def get_event(self, event_id: str) -> Event:
        record = await self.get_record("event", event_id)
        assert isinstance(record, Event)
        return record

    async def get_record(self, kind: Kind, record_id: str) -> Record:
        async with self._reading() as session:
            row = await store_write.load_row(session, kind, record_id)
            if row is None:
                raise NotFound(f"No {kind} {record_id!r}.")
            return store_write.as_record(kind, row)

    async def list_records(self, kind: Kind, *, after: str | None = None, limit: int = 100) -> list[Record]:
        """Records of one kind by id, ``limit`` at a time after the id ``after``."""
        async with self._reading() as session:
            rows = await session.scalars(_page_query(kind, after, limit))
            return [store_write.as_record(kind, row) for row in rows]

    async def list_events(self, story_id: str | None = None) -> list[Event]:
        """Events oldest first, all of them or those of one story."""
        query = _events_query()
        if story_id is not None:
            query = query.where(EventRow.story_id == story_id)
        async with self._reading() as session:
            return [as_event(row) for row in await session.scalars(query)]

    async def count(self) -> dict[str, int]:
        """Rows per record type: ``{"stories": …, "entities": …, "events": …}``."""
        async with self._reading() as session:
            return await store_write.count_rows(session)

    async def is_empty(self) -> bool:
        return not any((await self.count()).values())

    async def list_audit(self, *, cursor: str | None = None, limit: int = 50) -> AuditPage:
        """Writes newest first, ``limit`` at a time; ``cursor`` continues from an earlier page."""
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit + 1)
        if cursor is not None:
            query = query.where(AuditRow.id < _decode_cursor(cursor))
        async with self._reading() as session:
            rows = list(await session.scalars(query))
        entries = [_audit_entry(row) for row in rows[:limit]]
        more = len(rows) > limit
        return AuditPage(entries=entries, next_cursor=_encode_cursor(entries[-1].id) if more and entries else None)

    # Writes: one transaction per call; see store_write.py

    async def create(self, record: Record, *, actor: str) -> int:
        async with self._writing() as session:
            return await store_write.create_record(session, record, actor=actor)

    async def replace(self, record: Record, *, actor: str, if_match: str) -> int:
        async with self._writing() as session:
            return await store_write.replace_record(session, record, actor=actor, if_match=if_match)

    async def delete(self, kind: Kind, record_id: str, *, actor: str, if_match: str) -> int:
        async with self._writing() as session:
            return await store_write.delete_record(session, kind, record_id, actor=actor, if_match=if_match)

    async def import_records(self, records: Sequence[Record], *, actor: str) -> ImportSummary:
        """All or nothing: upsert every record by id, or raise ``ImportRejected`` and change nothing."""
        async with self._writing() as session:
            return await store_write.import_records(session, list(records), actor=actor)

    async def apply_bundled(self, records: Sequence[Record], *, dry_run: bool) -> BundledPlan:
        """Apply a bundled release over what curators made of the last one (see ``bundled.py``)."""
        async with self._writing() as session:
            return await bundled.apply(session, records, dry_run=dry_run)

    async def import_lines(
        self,
        lines: AsyncIterable[tuple[int, bytes]],
        *,
        actor: str,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        """Import numbered NDJSON lines as they arrive, all or nothing (``ImportRejected`` lists every bad line).

        A dry run checks and counts everything, then rolls back. ``progress`` is told each line number read.
        """
        async with self._write_lock, self._sessions() as session:
            try:
                await session.begin()
                run = await ImportRun.start(session, actor=actor)
                async for number, line in lines:
                    if progress is not None:
                        progress(number)
                    if not line.strip():
                        continue
                    try:
                        record = decode_record(line)
                    except ValueError as exc:
                        run.error(number, str(exc))
                        continue
                    await run.add(number, record)
                summary = await run.finish()
                if dry_run:
                    await session.rollback()
                    return msgspec.structs.replace(summary, dry_run=True)
                await session.commit()
                return summary
            except UNREACHABLE as exc:
                await session.rollback()
                raise _unavailable(exc) from exc
            except BaseException:
                await session.rollback()
                raise

    async def import_ndjson(self, text: str, *, actor: str) -> ImportSummary:
        """Like ``import_lines``, for a whole text in memory."""

        async def numbered() -> AsyncIterator[tuple[int, bytes]]:
            # Not splitlines(): it also splits at U+2028 and friends, which JSON strings may hold unescaped.
            for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
                yield number, line.encode()

        return await self.import_lines(numbered(), actor=actor)

    def _reading(self) -> AbstractAsyncContextManager[AsyncSession]:
        return reading(self._sessions)

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[AsyncSession]:
        async with self._write_lock:
            try:
                async with self._sessions.begin() as session:
                    yield session
            except UNREACHABLE as exc:
                if isinstance(exc, IntegrityError):
                    raise
                raise _unavailable(exc) from exc

    # Notifications

    async def listen(self, channel: str, callback: Callable[[], None]) -> None:
        """PostgreSQL: call ``callback`` on each notification on ``channel`` until the connection is lost (raises).
        Other databases have no notifications: returns at once.

        The listening connection is asyncpg's own, outside the engine's pool: it lives as long as the watcher, and
        closing the pool at shutdown must not wait on it, nor it on the pool.
        """
        if self.dialect != "postgresql":
            return
        dsn = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        connection = await asyncpg.connect(dsn, timeout=10)
        try:
            await connection.add_listener(channel, lambda *_args: callback())
            callback()  # anything committed while nobody listened
            while True:
                # A lost connection shows up here; asyncpg delivers notifications between these.
                await asyncio.sleep(2.0)
                await connection.fetchval("SELECT 1", timeout=5)
        finally:
            # terminate(), not close(): no round trip that could hang a shutdown on a dead connection.
            connection.terminate()


@asynccontextmanager
async def reading(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session for reads: a database lost on the way answers ``StoreUnavailable`` (503), as a write does, rather
    than whatever the driver raised (a 500)."""
    try:
        async with sessions() as session:
            yield session
    except UNREACHABLE as exc:
        raise _unavailable(exc, changed=False) from exc


def _unavailable(exc: Exception, *, changed: bool = True) -> StoreUnavailable:
    log.warning("database unavailable", extra={"error": type(exc).__name__})
    done = "nothing was changed, " if changed else ""
    return StoreUnavailable(f"the event store cannot be reached right now; {done}try again shortly")


def _events_query() -> Select[EventRow]:
    return select(EventRow).options(selectinload(EventRow.entity_links)).order_by(EventRow.date, EventRow.id)


def _page_query(kind: Kind, after: str | None, limit: int) -> Select[Any]:
    model: Any = {"story": StoryRow, "entity": EntityRow, "event": EventRow}[kind]
    query = select(model).order_by(model.id).limit(limit)
    if kind == "entity":
        query = query.options(selectinload(EntityRow.aliases))
    if kind == "event":
        query = query.options(selectinload(EventRow.entity_links))
    if after is not None:
        query = query.where(model.id > after)
    return query


def _export_query(kind: str, after: tuple[Any, ...] | None) -> Select[Any]:
    if kind == "event":
        query = _events_query().limit(_EXPORT_BATCH)
        if after is not None:
            date, last_id = after
            query = query.where((EventRow.date > date) | ((EventRow.date == date) & (EventRow.id > last_id)))
        return query
    return _page_query(kind, after[0] if after else None, _EXPORT_BATCH)  # type: ignore[arg-type]


def _encode_cursor(audit_id: int) -> str:
    # The id of the last entry given: entries only ever get newer ids, so it marks the place for good.
    return str(audit_id)


def _decode_cursor(cursor: str) -> int:
    if not cursor.isdigit() or len(cursor) > 18:
        raise InvalidInput(f"cursor {cursor!r} is not one this API gave out")
    return int(cursor)


def _audit_entry(row: AuditRow) -> AuditEntry:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return AuditEntry(
        id=row.id, at=at, actor=row.actor, action=row.action, target=row.target, version=row.version,
        before=row.before, after=row.after, detail=row.detail,
    )  # fmt: skip


def bundled_files(data_dir: Traversable | Path | None = None) -> list[Traversable | Path]:
    folder = files("backstory") / "data" if data_dir is None else data_dir
    return sorted((f for f in folder.iterdir() if f.name.endswith(".ndjson")), key=lambda f: f.name)


def read_bundled(data_dir: Traversable | Path | None = None) -> list[Record]:
    """Every record of the package's data (or ``data_dir``), files in name order; a file may refer to the stories
    and entities of the files before it."""
    records: list[Record] = []
    for file in bundled_files(data_dir):
        story_ids = {record.id for record in records if isinstance(record, Story)}
        entity_ids = {record.id for record in records if isinstance(record, Entity)}
        try:
            records += parse_records(
                file.read_text(encoding="utf-8"), known_story_ids=story_ids, known_entity_ids=entity_ids
            )
        except ImportRejected as exc:
            raise ImportRejected([(line, f"{file.name}: {message}") for line, message in exc.errors]) from None
    return records


async def load_bundled(store: EventStore, data_dir: Traversable | Path | None = None) -> ImportSummary | None:
    """Import the bundled story into an empty store, remembering each record as bundled (see ``bundled.py``).

    Returns None, writing nothing, when the store holds any record (curators' changes are never overwritten)
    or when there is nothing to load.
    """
    if not await store.is_empty():
        return None
    records = read_bundled(data_dir)
    if not records:
        return None
    try:
        return (await store.apply_bundled(records, dry_run=False)).applied
    except IntegrityError:
        # Another instance sharing the database loaded it between our check and our insert.
        if await store.is_empty():
            raise
        return None


async def _tell_of_a_newer_release(store: EventStore) -> None:
    """A store that already holds records is never changed at start; say when this release bundles more."""
    try:
        await _compare_with_release(store)
    except Exception:  # a log line, never worth failing for (the database may have gone away meanwhile)
        log.warning("could not compare the store with this release's bundled story", exc_info=True)


async def _compare_with_release(store: EventStore) -> None:
    records = read_bundled()
    if not records:
        return
    plan = await store.apply_bundled(records, dry_run=True)
    pending = Counter(change.step for change in plan.changes if change.step in ("create", "update", "conflict"))
    if pending:
        log.warning(
            "this release bundles changes the store does not have; see them with `backstory bundled` and apply "
            "them with `backstory bundled --apply` (records curators changed are never overwritten)",
            extra={"pending": dict(pending)},
        )


@asynccontextmanager
async def open_store(database_url: str, *, bundled: bool = True) -> AsyncIterator[EventStore]:
    """A migrated store, with the bundled story loaded into it when it is empty and ``bundled`` is set.

    The engine is disposed of on leaving.
    """
    engine = make_engine(database_url)
    telling: asyncio.Task[None] | None = None
    try:
        await migrate(engine)
        store = EventStore(engine)
        if bundled:
            summary = await load_bundled(store)
            if summary is not None:
                log.info("bundled story loaded", extra={"records_created": msgspec.to_builtins(summary.created)})
            else:
                # Comparing the release with the store reads every bundled record (~0.3 s): a server need not wait
                # for that log line to start answering, so it is written in the background.
                telling = asyncio.create_task(_tell_of_a_newer_release(store), name="bundled-release-check")
        yield store
    finally:
        if telling is not None:
            telling.cancel()
            with suppress(asyncio.CancelledError):
                await telling
        await engine.dispose()
