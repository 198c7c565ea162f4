"""The real app on a real database, driven through Litestar's test client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from backstory.app import create_app
from backstory.settings import Settings

FIXTURE_PAGES = Path(__file__).parents[1] / "fixtures" / "pages"


def fixture_manifest() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((FIXTURE_PAGES / "manifest.json").read_text(encoding="utf-8"))
    return entries


@pytest.fixture
async def client(database_url: str) -> AsyncIterator[AsyncTestClient[Any]]:
    """The app with the bundled story, on SQLite and on PostgreSQL."""
    app = create_app(Settings(database_url=database_url, max_body_bytes=1_000_000))
    async with AsyncTestClient(app) as test_client:
        yield test_client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sqlite_client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AsyncTestClient[Any]]:
    """One app for a module of read-only matching tests, where the database engine makes no difference."""
    path = tmp_path_factory.mktemp("api") / "backstory.db"
    app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{path}", max_body_bytes=1_000_000))
    async with AsyncTestClient(app) as test_client:
        yield test_client
