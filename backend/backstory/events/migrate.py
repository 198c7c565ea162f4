"""Engine construction and schema migration for the event store.

The schema is owned by the Alembic revisions in ``migrations/versions/``; nothing calls ``create_all``.
Migrating needs no ``alembic.ini``: the configuration is built here, and the engine's own connection is
handed to ``migrations/env.py``.
"""

from __future__ import annotations

import fcntl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS = Path(__file__).with_name("migrations")

# Any constant will do; it only has to be the same in every instance sharing one PostgreSQL database.
_MIGRATION_LOCK = 0x6261636B


def make_engine(url: str) -> AsyncEngine:
    """An async engine for ``url``; for a SQLite file, its folder is created and foreign keys are enforced."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(parsed, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(parsed)
    event.listen(engine.sync_engine, "connect", _enable_foreign_keys)
    return engine


def _enable_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys (and so ON DELETE CASCADE) unless each connection asks for them.
    # https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#foreign-key-support
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(url: str | None = None) -> Config:
    """Alembic's configuration without an ini file; ``url`` is only needed to run alembic commands by hand."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


async def migrate(engine: AsyncEngine) -> None:
    """Upgrade the database to the newest revision; a database already there is left as it is."""
    async with _sqlite_file_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several instances may start at once on one database; the lock ends with the transaction.
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        await connection.run_sync(_upgrade, alembic_config())


@asynccontextmanager
async def _sqlite_file_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    """An exclusive lock on ``<database>.lock`` while a SQLite file is migrated: SQLite's DDL is not transactional
    in Alembic, so a server and a command starting together on a new file would both create its tables."""
    database = engine.url.database or ""
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    with open(f"{database}.lock", "a") as handle:
        await anyio.to_thread.run_sync(fcntl.flock, handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _upgrade(connection: Connection, config: Config) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
