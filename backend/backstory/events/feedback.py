"""Readers' reports on matches ("wrong match", "missed"), kept for curators to read newest first."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from backstory.errors import StoreUnavailable
from backstory.events.store import UNREACHABLE, reading
from backstory.events.tables import FeedbackRow

Verdict = Literal["wrong", "missed"]


class Feedback(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    at: dt.datetime
    url: str
    event_id: str | None
    verdict: Verdict
    """``wrong``: the claimed event is not what the article reports; ``missed``: nothing was claimed but should be."""
    comment: str | None = None


class FeedbackPage(msgspec.Struct, frozen=True, kw_only=True):
    entries: list[Feedback]
    next_cursor: str | None


class FeedbackStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def add(self, *, url: str, event_id: str | None, verdict: Verdict, comment: str | None) -> str:
        row = FeedbackRow(at=dt.datetime.now(dt.UTC), url=url, event_id=event_id, verdict=verdict, comment=comment)
        try:
            async with self._sessions.begin() as session:
                session.add(row)
                await session.flush()
                return str(row.id)
        except UNREACHABLE as exc:
            raise StoreUnavailable("reports cannot be kept right now; nothing was kept, try again shortly") from exc

    async def list(self, *, cursor: str | None = None, limit: int = 50) -> FeedbackPage:
        query = select(FeedbackRow).order_by(FeedbackRow.id.desc()).limit(limit + 1)
        if cursor is not None:
            query = query.where(FeedbackRow.id < int(cursor))
        async with reading(self._sessions) as session:
            rows = list(await session.scalars(query))
        entries = [_feedback(row) for row in rows[:limit]]
        return FeedbackPage(entries=entries, next_cursor=entries[-1].id if len(rows) > limit else None)


def _feedback(row: FeedbackRow) -> Feedback:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    verdict: Verdict = "missed" if row.verdict == "missed" else "wrong"
    return Feedback(id=str(row.id), at=at, url=row.url, event_id=row.event_id, verdict=verdict, comment=row.comment)
