"""Schemathesis against the app's own OpenAPI: every operation, generated requests, no 5xx, answers as documented.

The app runs as a real server (uvicorn on 127.0.0.1) and Schemathesis calls it over HTTP. Every operation in the
schema is covered, whatever the schema holds when the test runs: operations added later (the admin API) are
included by themselves, and a bearer token is sent when a fixture named ``admin_token`` is defined.

``GET /v1/context?url=`` fetches what it is given: here its resolver knows no names and its address rule allows
loopback only, so generated URLs never leave the machine (they are refused with 400 or fail with 502).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, positive_data_acceptance

from backstory.api.context import FETCH_POLICY, FETCH_RESOLVER
from backstory.app import create_app
from backstory.events.store import open_store
from backstory.events.tokens import TokenStore
from backstory.settings import Settings
from tests.local_servers import TestResolver


# The admin import's body is NDJSON, declared in the schema as a string: sent as its UTF-8 bytes.
@schemathesis.serializer("application/x-ndjson")
def _ndjson(_ctx: object, value: object) -> bytes:
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else str(value).encode()


def _loopback_only(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.is_loopback


@pytest.fixture(scope="module")
def database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("contract") / "backstory.db"


@pytest.fixture(scope="module")
def admin_token(database_file: Path) -> str:
    """A curator's token in the server's database, so that the admin operations are exercised past the guard."""

    async def create() -> str:
        async with open_store(f"sqlite+aiosqlite:///{database_file}", bundled=False) as store:
            return await TokenStore(store.engine).create("contract")

    return asyncio.run(create())


@pytest.fixture(scope="module")
def server_url(database_file: Path, admin_token: str) -> Iterator[str]:
    app = create_app(
        Settings(database_url=f"sqlite+aiosqlite:///{database_file}", rate_limit_per_minute=0, max_body_bytes=200_000)
    )
    app.state[FETCH_RESOLVER] = TestResolver({})
    app.state[FETCH_POLICY] = _loopback_only
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, lifespan="on"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def api_schema(server_url: str) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{server_url}/docs/openapi.json")


@pytest.fixture
def bearer_token(request: pytest.FixtureRequest) -> str | None:
    """The ``admin_token`` fixture's token when one is defined (the admin API's tests), else none."""
    try:
        token: str | None = request.getfixturevalue("admin_token")
    except pytest.FixtureLookupError:
        return None
    return token


def _operations() -> list[tuple[str, str]]:
    # Read from the app as built, so every operation it has is tested. (Schemathesis' own pytest plugin, which
    # would do this, does not run under pytest 9.)
    paths = create_app(Settings()).openapi_schema.to_schema()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item if method in HTTP_METHODS]


HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}
# What a well-formed request may still get: unknown ids, conflicts, too many requests, a page that holds no
# article (422: the text or HTML is valid input, there is just no article in it), an invalid record (422), and an
# admin change without If-Match or with a stale one (428, 412: the header is optional in the schema on purpose,
# so that its absence is answered with 428 rather than a generic 400).
DESIGNED_REFUSALS = {401, 403, 404, 409, 412, 422, 428, 429}
SEMANTIC_REFUSALS = {
    # A well-formed URL whose address may not be fetched (loopback, private, with credentials): 400, documented.
    ("GET", "/v1/context"): {400},
}
EXPECTED_SERVER_ERRORS = {
    # The page could not be fetched: here every name is unknown to the resolver, so this is the common answer.
    ("GET", "/v1/context"): {502},
}


@pytest.mark.parametrize(("method", "path"), _operations())
def test_every_operation_keeps_its_contract(
    api_schema: schemathesis.BaseSchema, bearer_token: str | None, method: str, path: str
) -> None:
    headers = {"Authorization": f"Bearer {bearer_token}"} if bearer_token else {}
    operation = api_schema[path][method]

    server_errors = EXPECTED_SERVER_ERRORS.get((method, path), set())
    refusals = DESIGNED_REFUSALS | SEMANTIC_REFUSALS.get((method, path), set())

    # Schema-valid requests, and schema-invalid ones the server must refuse with a 4xx.
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @given(case=cases)
    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    def keeps_its_contract(case: schemathesis.Case) -> None:
        # Every other check of Schemathesis runs as it is (status codes, content types, headers and bodies as
        # documented, schema-invalid requests rejected); these two run below with this API's expectations.
        positive = case.meta is not None and case.meta.generation.mode.is_positive
        # The token goes with schema-valid requests only: a schema-invalid one may be invalid by its credentials,
        # and sending ours would make it valid behind the generator's back.
        response = case.call_and_validate(
            headers=headers if positive else {},
            timeout=30,
            excluded_checks=[not_a_server_error, positive_data_acceptance],
        )
        status = response.status_code
        assert status < 500 or status in server_errors, f"server error {status}: {response.text[:300]}"
        if case.meta is not None and case.meta.generation.mode.is_positive:
            assert status < 400 or status in refusals | server_errors, (
                f"a schema-valid request got {status}: {response.text[:300]}"
            )

    keeps_its_contract()


def test_the_schema_covers_the_public_operations(api_schema: schemathesis.BaseSchema) -> None:
    """The test above means something only if the schema it reads lists the API."""
    paths = {operation.ok().path for operation in api_schema.get_all_operations()}
    assert {"/v1/context", "/v1/stories", "/v1/stories/{story_id}", "/v1/events/{event_id}", "/healthz"} <= paths
