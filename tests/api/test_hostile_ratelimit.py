"""Rate limits on /v1/context through the real app: per client address, or per bearer token when one is sent."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio
from litestar.testing import AsyncTestClient

from backstory.api.ratelimit import REDIS_PREFIX, WINDOW_S, InProcessRateLimiter, RedisRateLimiter
from backstory.app import create_app
from backstory.settings import Settings
from tests.local_servers import TcpProxy


async def _client(tmp: Path, per_minute: int) -> AsyncIterator[AsyncTestClient[Any]]:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp / 'rl.db'}", rate_limit_per_minute=per_minute)
    async with AsyncTestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
async def limited(tmp_path: Path) -> AsyncIterator[AsyncTestClient[Any]]:
    async for client in _client(tmp_path, 3):
        yield client


async def _fresh_window(clock: Callable[[], float]) -> None:
    """Wait out the last seconds of a window, so a test's requests all fall in one (limits reset each minute)."""
    left = WINDOW_S - clock() % WINDOW_S
    if left < 10:
        await asyncio.sleep(left + 0.1)


async def _ask(client: AsyncTestClient[Any], token: str | None = None) -> int:
    # A body the server refuses (400) costs no matching, and the limit is checked before the body is read.
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return (await client.post("/v1/context", json={"url": "https://news.example/a"}, headers=headers)).status_code


class TestRateLimit:
    async def test_past_the_limit_the_answer_is_429_with_retry_after(self, limited: AsyncTestClient[Any]) -> None:
        await _fresh_window(time.monotonic)
        assert [await _ask(limited) for _ in range(3)] == [400, 400, 400]
        response = await limited.get("/v1/context", params={"url": "https://news.example/a"})
        assert response.status_code == 429
        assert response.headers["content-type"].startswith("application/problem+json")
        assert 1 <= int(response.headers["retry-after"]) <= 60
        assert response.json()["status"] == 429

    async def test_each_bearer_token_has_its_own_budget(self, limited: AsyncTestClient[Any]) -> None:
        await _fresh_window(time.monotonic)
        assert [await _ask(limited, "token-a") for _ in range(4)] == [400, 400, 400, 429]
        assert await _ask(limited, "token-b") == 400
        assert await _ask(limited) == 400, "the address's own budget is untouched by token requests"

    async def test_other_endpoints_and_preflights_are_not_counted(self, limited: AsyncTestClient[Any]) -> None:
        await _fresh_window(time.monotonic)
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


REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
async def redis_client() -> AsyncIterator[redis.asyncio.Redis]:
    client = redis.asyncio.Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()


async def _redis_count(client: redis.asyncio.Redis, key_part: str) -> int:
    keys = [key async for key in client.scan_iter(f"{REDIS_PREFIX}*{key_part}*")]
    return sum([int(await client.get(key) or 0) for key in keys])


class TestSharedThroughRedis:
    """Real Redis 7 on 127.0.0.1:6379; each test uses its own client key, so tests never share counts."""

    async def test_two_instances_share_one_budget(self, tmp_path: Path, redis_client: redis.asyncio.Redis) -> None:
        token = f"shared-{uuid.uuid4().hex}"

        def app(name: str) -> Any:
            return create_app(
                Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / name}.db", rate_limit_per_minute=3, redis_url=REDIS_URL)
            )  # fmt: skip

        async with AsyncTestClient(app("a")) as first, AsyncTestClient(app("b")) as second:
            await _fresh_window(time.time)
            assert [await _ask(first, token), await _ask(first, token), await _ask(second, token)] == [400, 400, 400]
            assert await _ask(second, token) == 429
            assert await _ask(first, token) == 429
        token_key = client_key_for(token)
        assert await _redis_count(redis_client, token_key) == 5
        async for key in redis_client.scan_iter(f"{REDIS_PREFIX}*{token_key}*"):
            await redis_client.delete(key)

    async def test_an_app_whose_redis_is_unreachable_keeps_answering(self, tmp_path: Path) -> None:
        # Nothing listens on port 1 of loopback: every Redis call fails at once.
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'down.db'}", rate_limit_per_minute=3, redis_url="redis://127.0.0.1:1/0"
        )  # fmt: skip
        async with AsyncTestClient(create_app(settings)) as client:
            await _fresh_window(time.time)
            assert [await _ask(client) for _ in range(4)] == [400, 400, 400, 429]
            assert (await client.get("/healthz")).status_code == 200

    async def test_without_redis_limits_hold_in_process_and_redis_is_used_again_when_back(
        self, redis_client: redis.asyncio.Redis, caplog: pytest.LogCaptureFixture
    ) -> None:
        proxy = TcpProxy("127.0.0.1", 6379)
        await proxy.start()
        now = time.time()
        # One frozen moment: the test is about Redis going and coming back, not about windows turning over.
        limiter = RedisRateLimiter(f"redis://127.0.0.1:{proxy.port}/0", 2, retry_s=0, clock=lambda: now)
        client = f"addr:test-{uuid.uuid4().hex}"
        try:
            assert [(await limiter.hit(client)).allowed for _ in range(3)] == [True, True, False]
            assert await _redis_count(redis_client, client) == 3

            await proxy.stop()
            with caplog.at_level(logging.WARNING, logger="backstory.api.redis_link"):
                down = [(await limiter.hit(client)).allowed for _ in range(3)]
            # Counted in this process from zero: answers go on, and the limit still holds there.
            assert down == [True, True, False]
            assert not limiter.using_redis
            assert "redis unreachable" in caplog.text

            await proxy.start()
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="backstory.api.redis_link"):
                assert (await limiter.hit(client)).allowed is False, "Redis's count for this minute is 3 already"
            assert limiter.using_redis
            assert "redis is back" in caplog.text
            assert await _redis_count(redis_client, client) == 4
        finally:
            await limiter.aclose()
            async for key in redis_client.scan_iter(f"{REDIS_PREFIX}{client}*"):
                await redis_client.delete(key)
            await proxy.stop()


def client_key_for(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]
