"""Alias suggestions as stored: one row per entity and folded spelling, counted as articles show it.

Reads and writes of the ``alias_suggestions`` table only; what becomes a suggestion, and what accepting one
does to the event set, is ``backstory/suggestions.py``'s business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import msgspec
from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from backstory.errors import InvalidInput, NotFound
from backstory.events.store import reading
from backstory.events.tables import SPELLING_LENGTH, AliasSuggestionRow

Status = Literal["open", "accepted", "rejected"]
Order = Literal["newest", "frequent"]


@dataclass(frozen=True, slots=True)
class Spelling:
    """One article's spelling of an entity, to be counted."""

    entity_id: str
    key: str
    """The folded spelling (``matching.normalise.fold_phrase`` joined by spaces): what makes two spellings one."""
    spelling: str
    """As written in the article (the first one seen is kept)."""
    seen: dt.datetime


class Suggestion(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    entity_id: str
    spelling: str
    count: int
    """Confidently matched articles that wrote it so."""
    first_seen: dt.datetime
    last_seen: dt.datetime
    status: Status
    decided_by: str | None = None
    decided_at: dt.datetime | None = None


class SuggestionPage(msgspec.Struct, frozen=True, kw_only=True):
    items: list[Suggestion]
    next_cursor: str | None


class SuggestionStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def add(self, spellings: Sequence[Spelling]) -> None:
        """Count each spelling once more (decided ones stay as they are: a rejected spelling never comes back)."""
        if not spellings:
            return
        try:
            await self._add(spellings)
        except IntegrityError:
            # Another instance created one of these rows between our read and our insert: it exists now.
            await self._add(spellings)

    async def _add(self, spellings: Sequence[Spelling]) -> None:
        async with self._sessions.begin() as session:
            for item in spellings:
                key, spelling = item.key[:SPELLING_LENGTH], item.spelling[:SPELLING_LENGTH]
                row = await session.scalar(
                    select(AliasSuggestionRow).where(
                        AliasSuggestionRow.entity_id == item.entity_id, AliasSuggestionRow.key == key
                    )
                )
                if row is None:
                    session.add(
                        AliasSuggestionRow(
                            entity_id=item.entity_id,
                            key=key,
                            spelling=spelling,
                            count=1,
                            first_seen=item.seen,
                            last_seen=item.seen,
                            status="open",
                        )
                    )
                    await session.flush()
                elif row.status == "open":
                    row.count += 1
                    row.last_seen = max(_aware(row.last_seen), item.seen)

    async def get(self, suggestion_id: str) -> Suggestion:
        async with reading(self._sessions) as session:
            row = await session.get(AliasSuggestionRow, _id(suggestion_id))
        if row is None:
            raise NotFound(f"no alias suggestion {suggestion_id!r}")
        return _suggestion(row)

    async def decide(self, suggestion_id: str, status: Status, *, actor: str) -> Suggestion:
        async with self._sessions.begin() as session:
            row = await session.get(AliasSuggestionRow, _id(suggestion_id))
            if row is None:
                raise NotFound(f"no alias suggestion {suggestion_id!r}")
            row.status, row.decided_by, row.decided_at = status, actor, dt.datetime.now(dt.UTC)
            return _suggestion(row)

    async def list(
        self, *, status: Status = "open", order: Order = "newest", cursor: str | None = None, limit: int = 50
    ) -> SuggestionPage:
        """``newest``: most recently first seen first; ``frequent``: most articles first (ties: newest first)."""
        rows_table = AliasSuggestionRow
        query = select(rows_table).where(rows_table.status == status).limit(limit + 1)
        if order == "frequent":
            query = query.order_by(rows_table.count.desc(), rows_table.id.desc())
        else:
            query = query.order_by(rows_table.id.desc())
        if cursor is not None:
            count, last_id = _decode_cursor(cursor, order)
            if order == "frequent":
                query = query.where(
                    or_(rows_table.count < count, and_(rows_table.count == count, rows_table.id < last_id))
                )
            else:
                query = query.where(rows_table.id < last_id)
        async with reading(self._sessions) as session:
            rows = list(await session.scalars(query))
        items = [_suggestion(row) for row in rows[:limit]]
        more = len(rows) > limit and items
        return SuggestionPage(items=items, next_cursor=_encode_cursor(rows[limit - 1], order) if more else None)


def _id(suggestion_id: str) -> int:
    if not suggestion_id.isdigit() or len(suggestion_id) > 18:
        raise NotFound(f"no alias suggestion {suggestion_id!r}")
    return int(suggestion_id)


CURSOR_PATTERN = r"^[0-9]{1,12}\.[0-9]{1,18}$"
"""``<count>.<id>`` of the last suggestion given: where a page, in either order, ends."""


def _encode_cursor(row: AliasSuggestionRow, order: Order) -> str:
    return f"{row.count}.{row.id}"


def _decode_cursor(cursor: str, order: Order) -> tuple[int, int]:
    count, _, last_id = cursor.partition(".")
    if not (count.isdigit() and last_id.isdigit()) or len(count) > 12 or len(last_id) > 18:
        raise InvalidInput(f"cursor {cursor!r} is not one this API gave out")
    return int(count), int(last_id)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back without their zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _suggestion(row: AliasSuggestionRow) -> Suggestion:
    status: Status = row.status if row.status in ("accepted", "rejected") else "open"  # type: ignore[assignment]
    return Suggestion(
        id=str(row.id),
        entity_id=row.entity_id,
        spelling=row.spelling,
        count=row.count,
        first_seen=_aware(row.first_seen),
        last_seen=_aware(row.last_seen),
        status=status,
        decided_by=row.decided_by,
        decided_at=_aware(row.decided_at) if row.decided_at else None,
    )
