"""GET /v1/context?url=: the server fetches the page itself, from a local web server here."""

from __future__ import annotations

import functools
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from backstory.app import create_app
from backstory.settings import Settings
from tests.api.conftest import FIXTURE_PAGES

pytestmark = pytest.mark.asyncio(loop_scope="module")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(FIXTURE_PAGES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


async def _client(tmp: Path, **settings: Any) -> AsyncIterator[AsyncTestClient[Any]]:
    app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{tmp / 'url.db'}", **settings))
    async with AsyncTestClient(app) as client:
        yield client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def open_client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AsyncTestClient[Any]]:
    """Private addresses allowed, as on an intranet deployment (and for this local server)."""
    async for client in _client(tmp_path_factory.mktemp("open"), fetch_allow_private=True):
        yield client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def default_client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AsyncTestClient[Any]]:
    async for client in _client(tmp_path_factory.mktemp("default")):
        yield client


class TestContextFromUrl:
    async def test_it_fetches_and_matches_the_page(self, open_client: AsyncTestClient[Any], site: str) -> None:
        response = await open_client.get("/v1/context", params={"url": f"{site}/en_coale_52_freed.html?utm_source=x"})
        body = response.json()
        assert response.status_code == 200
        assert body["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"
        assert body["article"]["url"] == f"{site}/en_coale_52_freed.html"

    async def test_loopback_addresses_are_refused_by_default(
        self, default_client: AsyncTestClient[Any], site: str
    ) -> None:
        response = await default_client.get("/v1/context", params={"url": f"{site}/en_coale_52_freed.html"})
        assert response.status_code == 400
        assert response.json()["title"] == "Address not allowed"

    async def test_other_schemes_are_refused(self, default_client: AsyncTestClient[Any]) -> None:
        response = await default_client.get("/v1/context", params={"url": "file:///etc/passwd"})
        assert response.status_code == 400

    async def test_a_missing_page_is_a_bad_gateway(self, open_client: AsyncTestClient[Any], site: str) -> None:
        response = await open_client.get("/v1/context", params={"url": f"{site}/missing.html"})
        assert response.status_code == 502
        assert response.headers["content-type"].startswith("application/problem+json")

    async def test_the_url_parameter_is_required(self, default_client: AsyncTestClient[Any]) -> None:
        response = await default_client.get("/v1/context")
        assert response.status_code == 400
