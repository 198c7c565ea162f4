"""Rate limits on /v1/context through the real app: per client address, or per bearer token when one is sent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from backstory.api.ratelimit import InProcessRateLimiter
from backstory.app import create_app
from backstory.settings import Settings


async def _client(tmp: Path, per_minute: int) -> AsyncIterator[AsyncTestClient[Any]]:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp / 'rl.db'}", rate_limit_per_minute=per_minute)
    async with AsyncTestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
async def limited(tmp_path: Path) -> AsyncIterator[AsyncTestClient[Any]]:
    async for client in _client(tmp_path, 3):
        yield client


async def _ask(client: AsyncTestClient[Any], token: str | None = None) -> int:
    # A body the server refuses (400) costs no matching, and the limit is checked before the body is read.
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return (await client.post("/v1/context", json={"url": "https://news.example/a"}, headers=headers)).status_code


class TestRateLimit:
    async def test_past_the_limit_the_answer_is_429_with_retry_after(self, limited: AsyncTestClient[Any]) -> None:
        assert [await _ask(limited) for _ in range(3)] == [400, 400, 400]
        response = await limited.get("/v1/context", params={"url": "https://news.example/a"})
        assert response.status_code == 429
        assert response.headers["content-type"].startswith("application/problem+json")
        assert 1 <= int(response.headers["retry-after"]) <= 60
        assert response.json()["status"] == 429

    async def test_each_bearer_token_has_its_own_budget(self, limited: AsyncTestClient[Any]) -> None:
        assert [await _ask(limited, "token-a") for _ in range(4)] == [400, 400, 400, 429]
        assert await _ask(limited, "token-b") == 400
        assert await _ask(limited) == 400, "the address's own budget is untouched by token requests"

    async def test_other_endpoints_and_preflights_are_not_counted(self, limited: AsyncTestClient[Any]) -> None:
        for _ in range(5):
            assert (await limited.get("/healthz")).status_code == 200
            preflight = await limited.options(
                "/v1/context", headers={"origin": "chrome-extension://abc", "access-control-request-method": "POST"}
            )
            assert preflight.status_code == 204
        assert await _ask(limited) == 400

    async def test_zero_turns_limits_off(self, tmp_path: Path) -> None:
        async for client in _client(tmp_path, 0):
            assert {await _ask(client) for _ in range(20)} == {400}


class TestInProcessRateLimiter:
    async def test_a_new_minute_is_a_new_window(self) -> None:
        now = [120.0]
        limiter = InProcessRateLimiter(2, clock=lambda: now[0])
        assert [(await limiter.hit("a")).allowed for _ in range(3)] == [True, True, False]
        assert (await limiter.hit("a")).retry_after_s == 60
        now[0] = 179.5
        assert (await limiter.hit("a")).retry_after_s == 1
        now[0] = 180.0
        assert (await limiter.hit("a")).allowed
