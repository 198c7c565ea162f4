"""Admin API tokens: created by the command line, stored only as a SHA-256 digest, checked in constant time.

A token is 32 random bytes (``secrets``), so a plain SHA-256 is enough to keep the stored form useless to a
reader of the database; no salt or slow hash is needed for a value nobody chose. Every check compares the
digest given against every active token's digest with ``hmac.compare_digest`` and no early exit, so the time
a check takes says nothing about how close a guess came.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from typing import Literal

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from backstory.errors import Conflict, InvalidInput, NotFound
from backstory.events.tables import TokenRow

# Tokens say what they are, so a leaked one is recognisable in a log or a paste.
PREFIX = "bsk_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")

TokenCheck = Literal["ok", "none_configured", "invalid"]


class TokenInfo(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    read_only: bool
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def create(self, name: str, *, read_only: bool = False) -> str:
        """A new token named ``name``; its value is returned this once and never stored."""
        if not _NAME.match(name):
            raise InvalidInput(
                "a token name is 1-100 letters, digits, '.', '_', '@' or '-', starting with one of the first two"
            )
        value = PREFIX + secrets.token_urlsafe(32)
        async with self._sessions.begin() as session:
            if await session.get(TokenRow, name) is not None:
                raise Conflict(f"a token named {name!r} exists already (revoked or not); choose another name")
            session.add(TokenRow(name=name, digest=digest(value), read_only=read_only, created_at=_now()))
        return value

    async def revoke(self, name: str) -> None:
        async with self._sessions.begin() as session:
            row = await session.get(TokenRow, name)
            if row is None:
                raise NotFound(f"No token {name!r}.")
            if row.revoked_at is None:
                row.revoked_at = _now()

    async def list(self) -> list[TokenInfo]:
        async with self._sessions() as session:
            rows = await session.scalars(select(TokenRow).order_by(TokenRow.created_at, TokenRow.name))
            return [
                TokenInfo(
                    name=r.name,
                    read_only=r.read_only,
                    created_at=_utc(r.created_at),
                    revoked_at=_utc_or_none(r.revoked_at),
                )
                for r in rows
            ]

    async def check(self, token: str | None) -> tuple[TokenCheck, TokenInfo | None]:
        """Who ``token`` belongs to: ("ok", info), ("invalid", None), or ("none_configured", None) when no active
        token exists at all."""
        async with self._sessions() as session:
            rows = list(await session.scalars(select(TokenRow).where(TokenRow.revoked_at.is_(None))))
        if not rows:
            return "none_configured", None
        given = digest(token or "").encode()
        found: TokenRow | None = None
        for row in rows:
            # No early exit: every active token is compared, whichever matches.
            if hmac.compare_digest(given, row.digest.encode()) and token:
                found = row
        if found is None:
            return "invalid", None
        return "ok", TokenInfo(name=found.name, read_only=found.read_only, created_at=_utc(found.created_at))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(at: dt.datetime) -> dt.datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def _utc_or_none(at: dt.datetime | None) -> dt.datetime | None:
    return None if at is None else _utc(at)
