"""The curation service: every change to the event set goes through here.

Validate, write (with its audit rows and a new catalog version, in one transaction: ``events/store_write.py``),
then refresh the live catalog so that the change is used by matching at once. Every write names its actor (the
admin token's name, "cli", "bundled"); there is no default. Free of HTTP: ``api/admin/`` turns requests into
these calls, and ``If-Match`` into ``if_match``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterable, AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec

from backstory.catalog import LiveCatalog
from backstory.errors import InvalidRecord
from backstory.events.bundled import BundledPlan
from backstory.events.models import Entity, Event, Record, Story
from backstory.events.ndjson import record_digest
from backstory.events.store import UNREACHABLE, AuditPage, EventStore, ImportSummary, Kind

log = logging.getLogger(__name__)

RECORD_TYPES: dict[Kind, type[Story] | type[Entity] | type[Event]] = {"story": Story, "entity": Entity, "event": Event}


@dataclass(frozen=True, slots=True)
class Versioned:
    """A record with its ETag (the digest of its canonical form)."""

    record: Record
    etag: str


def versioned(record: Record) -> Versioned:
    return Versioned(record, record_digest(record))


@dataclass
class CurationService:
    store: EventStore
    catalog: LiveCatalog | None
    """This process's live catalog, refreshed after each write; None for the command line, whose writes the
    servers notice by the version they bump."""

    async def get(self, kind: Kind, record_id: str) -> Versioned:
        return versioned(await self.store.get_record(kind, record_id))

    async def list(self, kind: Kind, *, after: str | None, limit: int) -> list[Record]:
        return await self.store.list_records(kind, after=after, limit=limit)

    async def create(self, record: Record, *, actor: str) -> Versioned:
        version = await self.store.create(record, actor=_required(actor))
        await self._changed(version, "create", record)
        return versioned(record)

    async def patch(
        self, kind: Kind, record_id: str, changes: Mapping[str, Any], *, actor: str, if_match: str
    ) -> Versioned:
        """Apply ``changes`` (field -> new value; None resets an optional field, and is refused for a required one)
        to the record whose ETag is ``if_match``."""
        current = await self.store.get_record(kind, record_id)
        record = apply_patch(current, changes)
        version = await self.store.replace(record, actor=_required(actor), if_match=if_match)
        await self._changed(version, "update", record)
        return versioned(record)

    async def delete(self, kind: Kind, record_id: str, *, actor: str, if_match: str) -> None:
        version = await self.store.delete(kind, record_id, actor=_required(actor), if_match=if_match)
        await self._changed(version, "delete", None, f"{kind}:{record_id}")

    async def import_lines(
        self,
        lines: AsyncIterable[tuple[int, bytes]],
        *,
        actor: str,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        summary = await self.store.import_lines(lines, actor=_required(actor), dry_run=dry_run, progress=progress)
        if not dry_run:
            await self._refresh()
            log.info("import applied", extra={"actor": actor, "summary": msgspec.to_builtins(summary)})
        return summary

    async def apply_bundled(self, records: Sequence[Record], *, dry_run: bool) -> BundledPlan:
        """A newer bundled release over the store: creates and updates applied (by "bundled"), conflicts reported."""
        plan = await self.store.apply_bundled(records, dry_run=dry_run)
        if not dry_run and self.catalog is not None:
            await self.catalog.refresh()
        return plan

    def export(self) -> AsyncIterator[bytes]:
        return self.store.export_ndjson()

    async def audit(self, *, cursor: str | None, limit: int) -> AuditPage:
        return await self.store.list_audit(cursor=cursor, limit=limit)

    async def _changed(self, version: int, action: str, record: Record | None, target: str | None = None) -> None:
        await self._refresh()
        target = target or (f"{type(record).__name__.lower()}:{record.id}" if record is not None else "")
        log.info("record changed", extra={"action": action, "target": target, "catalog_version": version})

    async def _refresh(self) -> None:
        """Swap in the index holding a committed write. The write stands whatever happens here, so a database lost
        since the commit must not turn its answer into an error (a client would retry a write already made): the
        watcher is asked to catch up instead, and does once the database is back."""
        if self.catalog is None:
            return
        try:
            await self.catalog.refresh()
        except UNREACHABLE:
            log.warning("index not refreshed after a committed write; the watcher will catch up", exc_info=True)
            self.catalog.notify()


def apply_patch(current: Record, changes: Mapping[str, Any]) -> Record:
    """``current`` with ``changes`` applied, checked as a whole record (``InvalidRecord`` names the field)."""
    fields = {f.name: f for f in msgspec.structs.fields(type(current))}
    merged = msgspec.to_builtins(current)
    for name, value in changes.items():
        if name not in fields or name == "id":
            raise InvalidRecord(name, "is not a field that can be changed")
        if value is None:
            if fields[name].required:
                raise InvalidRecord(name, "is required and cannot be null")
            merged.pop(name, None)  # back to its default
        else:
            merged[name] = msgspec.to_builtins(value)
    try:
        return msgspec.convert(merged, type(current))
    except msgspec.ValidationError as exc:
        raise InvalidRecord(error_field(str(exc)), str(exc)) from None


def to_record(kind: Kind, body: msgspec.Struct) -> Record:
    """An API body (a record without its ``type``) as the domain record."""
    try:
        return msgspec.convert(msgspec.to_builtins(body), RECORD_TYPES[kind])
    except msgspec.ValidationError as exc:  # the body's own schema is the record's, so this is a safety net
        raise InvalidRecord(error_field(str(exc)), str(exc)) from None


def error_field(message: str) -> str:
    """The field a msgspec error names ("… - at `$.title.en`" -> "title.en"), or "" for the whole body."""
    marker = "at `$"
    if marker not in message:
        return ""
    path = message.rsplit(marker, 1)[1].split("`", 1)[0]
    return path.lstrip(".")


def _required(actor: str) -> str:
    if not actor or not actor.strip():
        raise ValueError("every change to the event set needs an actor")
    return actor
