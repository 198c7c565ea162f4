"""GET /v1/context?url= through the real app: refused addresses, schemes and credentials, and a fetch that
connects where the app's resolver (a test resolver here) said, on a real server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from backstory.api.context import FETCH_RESOLVER
from backstory.app import create_app
from backstory.settings import Settings
from tests.local_servers import LocalServer, TestResolver, serving

# Loopback spellings only: even a broken check would send nothing off this machine.
REFUSED = [
    "http://127.0.0.1/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://127.1/",
    "http://0.0.0.0/", "http://[::]/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://localhost.test/",
    "http://loop6.test/", "http://user:pw@news.test/", "HTTP://[::1]:8000/",
]  # fmt: skip


@pytest.fixture(scope="module")
def site() -> Iterator[LocalServer]:
    with serving("127.0.0.1", "the site") as server:
        yield server


async def _client(tmp: Path, resolver: TestResolver, **settings: Any) -> AsyncIterator[AsyncTestClient[Any]]:
    app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{tmp / 'f.db'}", rate_limit_per_minute=0, **settings))
    app.state[FETCH_RESOLVER] = resolver
    async with AsyncTestClient(app) as client:
        yield client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def default_client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AsyncTestClient[Any]]:
    resolver = TestResolver({"localhost.test": {"127.0.0.1"}, "loop6.test": {"::1"}, "news.test": {"127.0.0.1"}})
    async for client in _client(tmp_path_factory.mktemp("fetch"), resolver):
        yield client


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("url", REFUSED)
async def test_refused_addresses_schemes_and_credentials(default_client: AsyncTestClient[Any], url: str) -> None:
    response = await default_client.get("/v1/context", params={"url": url})
    assert response.status_code == 400, response.text
    assert response.json()["title"] == "Address not allowed"


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("url", ["ftp://news.test/", "file:///etc/passwd", "gopher://news.test/", "//news.test/"])
async def test_other_schemes_are_refused_by_the_parameter_schema(
    default_client: AsyncTestClient[Any], url: str
) -> None:
    response = await default_client.get("/v1/context", params={"url": url})
    assert response.status_code == 400, response.text
    assert "url" in response.json()["detail"]


async def test_the_app_connects_where_its_resolver_said(tmp_path: Path, site: LocalServer) -> None:
    # An intranet deployment (private addresses allowed); news.test exists only in the app's resolver.
    resolver = TestResolver({"news.test": {"127.0.0.1"}})
    async for client in _client(tmp_path, resolver, fetch_allow_private=True):
        response = await client.get("/v1/context", params={"url": site.url("/page", host="news.test")})
        assert response.status_code == 200, response.text
        assert response.json()["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"
        assert resolver.calls == ["news.test"]
