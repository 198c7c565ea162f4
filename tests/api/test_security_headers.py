"""Security headers, CORS and the request id on every answer of the real app, errors and unknown paths included."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from backstory.api.context import FETCH_RESOLVER
from backstory.app import create_app
from backstory.logs import JsonFormatter
from backstory.settings import Settings
from tests.local_servers import TestResolver

pytestmark = pytest.mark.asyncio(loop_scope="module")

EXTENSIONS = [
    "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
    "moz-extension://0b3c1e2a-58f4-4f4e-9d3c-7d5d1c2b7a11",
]
CONFIGURED = "https://reader.example"
ARTICLE = (
    "Belarus frees 52 prisoners as US lifts sanctions on Belavia\nBelarus released 52 prisoners on Thursday after a "
    "visit to Minsk by the US envoy John Coale, who said Washington would lift its sanctions on the state airline "
    "Belavia. Most of the freed were driven to Lithuania."
)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AsyncTestClient[Any]]:
    path = tmp_path_factory.mktemp("headers") / "backstory.db"
    app = create_app(
        Settings(
            database_url=f"sqlite+aiosqlite:///{path}", max_body_bytes=10_000, cors_origins=f"{CONFIGURED}, https://other.example",
            rate_limit_per_minute=0,
        )
    )  # fmt: skip
    app.state[FETCH_RESOLVER] = TestResolver({})
    async with AsyncTestClient(app) as test_client:
        yield test_client


# One of each kind of answer: success, our problems, the framework's own 404 and 405, the docs, metrics.
ANSWERS = [
    ("GET", "/healthz", None),
    ("GET", "/v1/stories", None),
    ("GET", "/v1/stories/no-such-story", None),
    ("POST", "/v1/context", b"{not json"),
    ("POST", "/v1/context", b"x" * 20_000),
    ("GET", "/nowhere", None),
    ("DELETE", "/v1/context", None),
    ("GET", "/v1/admin/stories", None),
    ("GET", "/docs", None),
    ("GET", "/docs/openapi.json", None),
    ("GET", "/metrics", None),
    ("OPTIONS", "/v1/context", None),
]


class TestSecurityHeaders:
    @pytest.mark.parametrize(("method", "path", "body"), ANSWERS)
    async def test_on_every_answer(
        self, client: AsyncTestClient[Any], method: str, path: str, body: bytes | None
    ) -> None:
        response = await client.request(method, path, content=body, headers={"content-type": "application/json"})
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["cross-origin-resource-policy"] == "same-origin"
        assert headers["x-request-id"]

    async def test_json_answers_allow_nothing_to_load(self, client: AsyncTestClient[Any]) -> None:
        csp = (await client.get("/healthz")).headers["content-security-policy"]
        assert csp.startswith("default-src 'none'") and "script-src" not in csp

    async def test_the_docs_page_may_load_swagger_ui(self, client: AsyncTestClient[Any]) -> None:
        response = await client.get("/docs")
        assert response.status_code == 200
        csp = response.headers["content-security-policy"]
        assert "script-src 'unsafe-inline' https://cdn.jsdelivr.net" in csp
        # What the page loads is what the policy names.
        assert "https://cdn.jsdelivr.net/npm/swagger-ui-dist" in response.text


class TestCors:
    @pytest.mark.parametrize("origin", [*EXTENSIONS, CONFIGURED])
    async def test_extensions_and_configured_origins_may_read_answers(
        self, client: AsyncTestClient[Any], origin: str
    ) -> None:
        response = await client.get("/v1/stories", headers={"origin": origin})
        assert response.headers["access-control-allow-origin"] == origin
        assert "X-Request-ID" in response.headers["access-control-expose-headers"]

    @pytest.mark.parametrize(
        "origin",
        ["https://evil.example", "null", "https://reader.example.evil.example", "http://reader.example",
         "chrome-extension://abc/../x", "chrome-extension://abc.evil.example", "moz-extension:abc"],
    )  # fmt: skip
    async def test_other_origins_get_no_cors_headers(self, client: AsyncTestClient[Any], origin: str) -> None:
        for response in [
            await client.get("/v1/stories", headers={"origin": origin}),
            await client.get("/v1/context", params={"url": "http://127.0.0.1/"}, headers={"origin": origin}),
            await client.options("/v1/context", headers={"origin": origin, "access-control-request-method": "POST"}),
        ]:
            assert not [name for name in response.headers if name.lower().startswith("access-control-")]

    async def test_a_preflight_from_an_extension_is_answered(self, client: AsyncTestClient[Any]) -> None:
        response = await client.options(
            "/v1/context",
            headers={"origin": EXTENSIONS[0], "access-control-request-method": "POST", "access-control-request-headers": "content-type"},
        )  # fmt: skip
        assert response.status_code == 204
        assert response.headers["access-control-allow-origin"] == EXTENSIONS[0]
        assert "POST" in response.headers["access-control-allow-methods"]
        assert "content-type" in response.headers["access-control-allow-headers"]

    async def test_no_answer_says_any_origin(self, client: AsyncTestClient[Any]) -> None:
        for method, path, body in ANSWERS:
            response = await client.request(method, path, content=body, headers={"origin": EXTENSIONS[0]})
            assert response.headers.get("access-control-allow-origin") != "*"

    @pytest.mark.parametrize("method", ["GET", "POST", "DELETE", "OPTIONS"])
    @pytest.mark.parametrize("origin", [*EXTENSIONS, CONFIGURED, "https://evil.example"])
    async def test_the_admin_api_is_never_shared_cross_origin(
        self, client: AsyncTestClient[Any], method: str, origin: str
    ) -> None:
        headers = {"origin": origin, "access-control-request-method": "POST", "authorization": "Bearer t"}
        # Litestar routes the last four to /v1/admin/stories as well.
        for path in ["/v1/admin/stories", "/v1/admin/import", "/v1/admin", "/v1//admin/stories", "/v1/./admin/stories",
                     "/v1/x/../admin/stories", "/v1/admin//stories"]:  # fmt: skip
            response = await client.request(method, path, headers=headers)
            assert "access-control-allow-origin" not in response.headers, (method, path, response.status_code)


class TestRequestId:
    async def test_a_sane_incoming_id_is_kept(self, client: AsyncTestClient[Any]) -> None:
        response = await client.get("/healthz", headers={"x-request-id": "lb-7f3a.42:abc"})
        assert response.headers["x-request-id"] == "lb-7f3a.42:abc"

    @pytest.mark.parametrize("incoming", ["a b", "x" * 200, "<script>", "id\u00e9", ""])
    async def test_anything_else_is_replaced(self, client: AsyncTestClient[Any], incoming: str) -> None:
        response = await client.get("/healthz", headers={"x-request-id": incoming.encode("utf-8")})  # type: ignore[dict-item]
        assert response.headers["x-request-id"] != incoming
        assert len(response.headers["x-request-id"]) == 32

    async def test_each_request_gets_its_own(self, client: AsyncTestClient[Any]) -> None:
        ids = {(await client.get("/healthz")).headers["x-request-id"] for _ in range(5)}
        assert len(ids) == 5

    async def test_a_server_side_failure_names_it_in_the_problem(self, client: AsyncTestClient[Any]) -> None:
        # The test resolver knows no names: the fetch fails, a 502.
        response = await client.get("/v1/context", params={"url": "http://nowhere.test/a"})
        assert response.status_code == 502
        assert response.json()["request_id"] == response.headers["x-request-id"]

    async def test_client_errors_do_not_carry_it_in_the_body(self, client: AsyncTestClient[Any]) -> None:
        response = await client.get("/v1/stories/no-such-story")
        assert response.status_code == 404 and "request_id" not in response.json()

    async def test_log_lines_carry_it(self, client: AsyncTestClient[Any], json_log: io.StringIO) -> None:
        response = await client.post(
            "/v1/context", json={"url": "https://news.example/a", "text": ARTICLE}, headers={"x-request-id": "req-1"}
        )
        assert response.status_code == 200
        lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
        built = [line for line in lines if line["msg"] == "context built"]
        # Logged in the worker thread that did the matching, and still under the request's id.
        assert built and built[-1]["request_id"] == "req-1"
        assert ARTICLE[:40] not in json_log.getvalue()


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("backstory")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
