"""Hostile bodies against the real app: each gets a 2xx or 4xx answer, and the process stays healthy after.

Large bodies are sent through the app's ASGI interface with a ``receive`` that counts what it hands out: the
test client reads a whole body before sending it, which would hide whether the app reads it.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from litestar import Litestar
from litestar.testing import AsyncTestClient

from backstory.app import create_app
from backstory.articles.bounds import MAX_HTML_TAGS
from backstory.settings import Settings

pytestmark = pytest.mark.asyncio(loop_scope="module")

LIMIT = 1_000_000
CHUNK = 64 * 1024
FIFTY_MB = 50 * 1024 * 1024
ARTICLE = (
    "Belarus frees 52 prisoners as US lifts sanctions on Belavia\nBelarus released 52 prisoners on Thursday after a "
    "visit to Minsk by the US envoy John Coale, who said Washington would lift its sanctions on the state airline "
    "Belavia. Most of the freed were driven to Lithuania."
)


def _settings(tmp: Path, **overrides: Any) -> Settings:
    return Settings(database_url=f"sqlite+aiosqlite:///{tmp / 'hostile.db'}", max_body_bytes=LIMIT, **overrides)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def app_client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[tuple[Litestar, AsyncTestClient[Any]]]:
    app = create_app(_settings(tmp_path_factory.mktemp("hostile"), rate_limit_per_minute=0))
    async with AsyncTestClient(app) as client:
        yield app, client


@pytest.fixture
def client(app_client: tuple[Litestar, AsyncTestClient[Any]]) -> AsyncTestClient[Any]:
    return app_client[1]


async def _healthy(client: AsyncTestClient[Any]) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


class _CountingBody:
    """An ASGI ``receive`` handing out a 50 MB body in 64 KiB chunks, counting how many were taken."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.sent = 0

    async def __call__(self) -> dict[str, Any]:
        if self.sent >= self.total:
            return {"type": "http.disconnect"}
        self.sent += CHUNK
        return {"type": "http.request", "body": b"x" * CHUNK, "more_body": self.sent < self.total}


async def _post_streamed(app: Litestar, body: _CountingBody, headers: list[tuple[bytes, bytes]]) -> int:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/v1/context", "raw_path": b"/v1/context", "root_path": "", "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }  # fmt: skip
    await app(scope, body, send)  # type: ignore[arg-type]
    start = next(message for message in sent if message["type"] == "http.response.start")
    return int(start["status"])


class TestLargeBodies:
    async def test_a_declared_50_mb_body_is_refused_before_any_of_it_is_read(
        self, app_client: tuple[Litestar, AsyncTestClient[Any]]
    ) -> None:
        app, client = app_client
        body = _CountingBody(FIFTY_MB)
        status = await _post_streamed(app, body, [(b"content-length", str(FIFTY_MB).encode())])
        assert status == 413
        assert body.sent == 0
        await _healthy(client)

    async def test_a_streamed_50_mb_body_is_read_only_up_to_the_limit(
        self, app_client: tuple[Litestar, AsyncTestClient[Any]]
    ) -> None:
        app, client = app_client
        body = _CountingBody(FIFTY_MB)
        status = await _post_streamed(app, body, [(b"transfer-encoding", b"chunked")])
        assert status == 413
        # Reading stops at the first chunk past the limit: about 1 MB of the 50 were taken.
        assert body.sent <= LIMIT + CHUNK
        await _healthy(client)

    async def test_the_answer_is_a_problem(self, client: AsyncTestClient[Any]) -> None:
        response = await client.post(
            "/v1/context", content=b"x" * (LIMIT + 1), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 413


class TestCompressedBodies:
    async def test_a_gzip_body_is_refused(self, client: AsyncTestClient[Any]) -> None:
        body = gzip.compress(json.dumps({"url": "https://news.example/a", "text": ARTICLE}).encode())
        response = await client.post(
            "/v1/context", content=body, headers={"content-type": "application/json", "content-encoding": "gzip"}
        )
        assert response.status_code == 415
        assert response.headers["content-type"].startswith("application/problem+json")

    async def test_a_gzip_bomb_is_refused_without_inflating_it(self, client: AsyncTestClient[Any]) -> None:
        # 100 MB of zeros in about 100 KB: it would pass the body limit compressed and not inflated.
        bomb = gzip.compress(b"0" * 100_000_000, compresslevel=9)
        assert len(bomb) < LIMIT
        response = await client.post(
            "/v1/context", content=bomb, headers={"content-type": "application/json", "content-encoding": "gzip"}
        )
        assert response.status_code == 415
        await _healthy(client)


def _payload(**fields: Any) -> dict[str, Any]:
    return {"url": "https://news.example/a", **fields}


class TestMalformedBodies:
    @pytest.mark.parametrize(
        "body",
        [
            b'{"url": "https://news.example/a", "text": "\xff\xfe\xfd broken"}',
            bytes(range(256)) * 100,
            b"\x00" * 10_000,
            b"[" * 100_000 + b"]" * 100_000,
            b'{"url": "https://news.example/a", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            b'{"url": "https://news.example/a", "html": "<p>", "text": "both"}',
            b'{"url": "https://news.example/a"}',
            b'{"url": "https://news.example/a", "text": "x", "extra": 1}',
        ],
        ids=["invalid-utf8", "binary", "nul-bytes", "nested-arrays", "nested-in-text", "html-and-text", "neither", "unknown-field"],
    )  # fmt: skip
    async def test_each_gets_a_400(self, client: AsyncTestClient[Any], body: bytes) -> None:
        response = await client.post("/v1/context", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400, response.text[:300]
        assert response.headers["content-type"].startswith("application/problem+json")
        await _healthy(client)


class TestHeavyPages:
    """Pages that cost a lot to read: each answered (2xx or 4xx) by the bounded work, within the time limit."""

    @pytest.mark.parametrize(
        "payload",
        [
            _payload(html="<html><body>" + "<div>" * 100_000 + "text " * 100 + "</div>" * 100_000 + "</body></html>"),
            _payload(html="<html><body><article>" + "<p>Belarus freed 52 prisoners.</p>" * 25_000 + "</article></body></html>"),
            _payload(text="x " * 1_000_000),
            _payload(html="<html><body><article><p>" + "w " * 400_000 + "</p></article></body></html>"),
            _payload(text=("Lu\u200bka\u200dshenko and Co\u200cale met in Mi\ufeffnsk. " * 20) + ARTICLE),
            # Cyrillic а, е, о and Greek Ο inside Latin names: they read as the same letters to a person.
            _payload(text=("Lukаshеnko and Cоale met in Minsk; ΟFAC lifted sanctions on Belаvia. " * 20) + ARTICLE),
            _payload(text="\u202e\u2066" * 50_000 + ARTICLE),
            _payload(html="<" * 400_000),
        ],
        ids=["100k-nested", "25k-paragraphs", "1m-tokens-text", "400k-tokens-html", "zero-width", "homoglyphs", "bidi-controls", "400k-brackets"],
    )  # fmt: skip
    async def test_each_gets_an_answer_and_the_process_stays_healthy(
        self, client: AsyncTestClient[Any], payload: dict[str, Any]
    ) -> None:
        response = await client.post("/v1/context", json=payload)
        assert 200 <= response.status_code < 500, response.text[:300]
        await _healthy(client)

    async def test_markup_beyond_the_tag_bound_is_not_read(self, client: AsyncTestClient[Any]) -> None:
        # The article sits after MAX_HTML_TAGS empty elements: it is never parsed, so the page reads as empty.
        filler = "<i></i>" * (MAX_HTML_TAGS // 2 + 1)
        page = f"<html><body>{filler}<article><h1>Belarus frees 52</h1><p>{ARTICLE * 3}</p></article></body></html>"
        response = await client.post("/v1/context", json=_payload(html=page))
        assert response.status_code == 422

    async def test_homoglyph_names_do_not_break_a_match(self, client: AsyncTestClient[Any]) -> None:
        response = await client.post(
            "/v1/context", json=_payload(text="Bеlarus frееs 52 prisoners\u200b " + ARTICLE, published="2025-09-11")
        )
        assert response.status_code == 200
        assert response.json()["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"


class TestTimeLimit:
    @pytest.mark.parametrize("value", ["0", "-1", "soon"])
    async def test_a_time_limit_that_would_refuse_everything_is_not_a_setting(self, value: str) -> None:
        with pytest.raises(ValueError, match="request_timeout_s"):
            Settings.from_env({"BACKSTORY_REQUEST_TIMEOUT_S": value})

    async def test_work_past_the_time_limit_is_answered_503_and_the_process_stays_healthy(self, tmp_path: Path) -> None:
        # A limit no matching can meet: the answer is the 503, not a hang, and the next request is served.
        app = create_app(_settings(tmp_path, request_timeout_s=0.000_001, rate_limit_per_minute=0))
        async with AsyncTestClient(app) as client:
            response = await client.post("/v1/context", json=_payload(text=ARTICLE * 50))
            assert response.status_code == 503
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.headers["retry-after"] == "1"
            body = response.json()
            assert body["status"] == 503 and body["request_id"] == response.headers["x-request-id"]
            await _healthy(client)


async def test_markup_the_parsers_trip_on_is_answered_as_no_article(client: AsyncTestClient[Any]) -> None:
    response = await client.post("/v1/context", json={"url": "https://news.example/x", "html": "<svg>html"})

    assert response.status_code == 422
    assert response.json()["type"] == "urn:backstory:problem:not-an-article"
    await _healthy(client)
