"""Databases for tests: every test that asks for ``database_url`` runs on SQLite and on PostgreSQL.

PostgreSQL runs when ``BACKSTORY_TEST_DATABASE_URL`` names a server (CI sets it): each test gets a fresh
database there, dropped afterwards. Without it, the PostgreSQL half is skipped.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from backstory.events.migrate import make_engine, migrate
from backstory.events.store import EventStore

SERVER_URL_VARIABLE = "BACKSTORY_TEST_DATABASE_URL"

# In CI the property tests draw the same examples every run, so that a submission lands or not on its own merits;
# on developers' machines they explore afresh each time, which is how new failures are found (then fixed and kept
# as regression tests).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a new, empty database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'backstory.db'}"
        return
    server_url = os.environ.get(SERVER_URL_VARIABLE)
    if not server_url:
        pytest.skip(f"{SERVER_URL_VARIABLE} is not set")
    name = f"backstory_t_{secrets.token_hex(6)}"
    # CREATE and DROP DATABASE cannot run inside a transaction.
    admin = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as connection:
            # FORCE ends connections a failed test left open (PostgreSQL 13+).
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[EventStore]:
    """An empty, migrated event store."""
    engine = make_engine(database_url)
    await migrate(engine)
    yield EventStore(engine)
    await engine.dispose()
