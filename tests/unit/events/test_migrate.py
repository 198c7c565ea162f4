from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from backstory.events.migrate import alembic_config, make_engine, migrate
from backstory.events.tables import Base


class TestMigrate:
    async def test_it_creates_every_table(self, engine: AsyncEngine) -> None:
        await migrate(engine)

        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
        assert tables >= set(Base.metadata.tables)

    async def test_it_leaves_the_schema_exactly_as_tables_py_describes_it(self, engine: AsyncEngine) -> None:
        await migrate(engine)

        async with engine.connect() as connection:
            diffs = await connection.run_sync(_schema_diffs)
        assert diffs == []

    async def test_it_is_idempotent(self, engine: AsyncEngine) -> None:
        await migrate(engine)
        await migrate(engine)

        async with engine.connect() as connection:
            revision = await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
        assert revision == ScriptDirectory.from_config(alembic_config()).get_current_head()

    @pytest.fixture
    async def engine(self, database_url: str) -> AsyncIterator[AsyncEngine]:
        engine = make_engine(database_url)
        yield engine
        await engine.dispose()


class TestMakeEngine:
    async def test_it_creates_the_folder_of_a_sqlite_file(self, tmp_path: Path) -> None:
        path = tmp_path / "var" / "nested" / "backstory.db"
        engine = make_engine(f"sqlite+aiosqlite:///{path}")
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        finally:
            await engine.dispose()

        assert path.exists()

    async def test_it_enforces_foreign_keys_on_sqlite(self, tmp_path: Path) -> None:
        engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'fk.db'}")
        try:
            async with engine.connect() as connection:
                enabled = await connection.scalar(text("PRAGMA foreign_keys"))
        finally:
            await engine.dispose()

        assert enabled == 1


def _schema_diffs(connection: Connection) -> list[Any]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))
