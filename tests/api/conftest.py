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
from backstory.events.store import open_store
from backstory.events.tokens import TokenStore
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


@pytest.fixture
async def admin_tokens(database_url: str) -> dict[str, str]:
    """A read-write token for "curator" and a read-only one for "reader", in a migrated database."""
    async with open_store(database_url, bundled=False) as store:
        tokens = TokenStore(store.engine)
        return {"curator": await tokens.create("curator"), "reader": await tokens.create("reader", read_only=True)}


@pytest.fixture
async def admin(database_url: str, admin_tokens: dict[str, str]) -> AsyncIterator[AsyncTestClient[Any]]:
    """The app with the bundled story, speaking as the curator's token; on SQLite and on PostgreSQL."""
    app = create_app(Settings(database_url=database_url, max_body_bytes=1_000_000))
    async with AsyncTestClient(app) as test_client:
        test_client.headers["Authorization"] = f"Bearer {admin_tokens['curator']}"
        yield test_client


@pytest.fixture
async def empty_admin(tmp_path: Path, admin_tokens: dict[str, str]) -> AsyncIterator[AsyncTestClient[Any]]:
    """A second app on an empty SQLite database without the bundled story, with a curator token of its own."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    async with open_store(url, bundled=False) as store:
        token = await TokenStore(store.engine).create("curator")
    app = create_app(Settings(database_url=url, load_bundled=False))
    async with AsyncTestClient(app) as test_client:
        test_client.headers["Authorization"] = f"Bearer {token}"
        yield test_client
