"""A newer bundled story (a release of Backstory) applied over a store curators have changed.

When the bundled story is applied, the digest of each record as bundled is kept (``bundled_records``). A later
release compares three versions of each record: what it bundles now, what it bundled last time, and what the
store holds. A record nobody touched since the last release is updated; one the store already holds as the
release has it is left alone; one a curator changed (or deleted) while the release changed it too is a
conflict: reported, never overwritten. The plan is computed first and can be shown alone (a dry run).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backstory.events.models import Record
from backstory.events.ndjson import record_digest, record_type
from backstory.events.store_write import ImportRun, ImportSummary, Kind, as_record, load_rows
from backstory.events.tables import BundledRow

Step = Literal["create", "update", "unchanged", "conflict", "kept"]


async def _remembered(session: AsyncSession) -> dict[tuple[str, str], str]:
    """(kind, id) -> the digest of each record as last bundled."""
    return {(row.kind, row.id): row.digest for row in await session.scalars(select(BundledRow))}


class BundledChange(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    id: str
    step: Step
    """``create`` / ``update``: applied; ``unchanged``: the store has it as bundled; ``conflict``: a curator changed
    or deleted it and the release changes it too, so it is left as the curator made it; ``kept``: a curator
    changed it and the release did not, so nothing is to be done."""


class BundledPlan(msgspec.Struct, frozen=True, kw_only=True):
    changes: list[BundledChange]
    applied: ImportSummary | None = None
    """What was written (None for a dry run)."""

    @property
    def conflicts(self) -> list[BundledChange]:
        return [change for change in self.changes if change.step == "conflict"]


async def plan(session: AsyncSession, records: Sequence[Record]) -> list[tuple[Record, Step]]:
    """Each bundled record with what applying it would do."""
    remembered = await _remembered(session)
    # The stored rows in a few queries, not one per record: a server starting on a store reads them all.
    stored_rows: dict[str, dict[str, Any]] = {}
    kinds: tuple[Kind, ...] = ("story", "entity", "event")
    for each in kinds:
        ids = [record.id for record in records if record_type(record) == each]
        stored_rows[each] = await load_rows(session, each, ids) if ids else {}
    steps: list[tuple[Record, Step]] = []
    for record in records:
        kind: Kind = record_type(record)  # type: ignore[assignment]
        row = stored_rows[kind].get(record.id)
        stored = record_digest(as_record(kind, row)) if row is not None else None
        new = record_digest(record)
        last = remembered.get((kind, record.id))
        step: Step
        if stored == new:
            step = "unchanged"
        elif stored is None:
            # Never stored, or stored by an earlier release and deleted by a curator since.
            step = "create" if last is None else ("kept" if last == new else "conflict")
        elif stored == last:
            step = "update"
        else:
            step = "kept" if last == new else "conflict"
        steps.append((record, step))
    return steps


async def apply(session: AsyncSession, records: Sequence[Record], *, dry_run: bool) -> BundledPlan:
    """Apply the plan's creates and updates as one import by "bundled", and remember the release's digests."""
    steps = await plan(session, records)
    changes = [BundledChange(kind=record_type(r), id=r.id, step=step) for r, step in steps]
    if dry_run:
        return BundledPlan(changes=changes)
    run = await ImportRun.start(session, actor="bundled")
    for position, (record, step) in enumerate(steps, start=1):
        if step in ("create", "update"):
            await run.add(position, record)
    summary = await run.finish()
    remembered = await _remembered(session)
    for record, step in steps:
        if step in ("create", "update", "unchanged"):
            row = BundledRow(kind=record_type(record), id=record.id, digest=record_digest(record))
            # Merging looks each row up first; a row never remembered is simply added (all of them in a new store).
            if (row.kind, row.id) in remembered:
                await session.merge(row)
            else:
                session.add(row)
    await session.flush()
    return BundledPlan(changes=changes, applied=summary)
