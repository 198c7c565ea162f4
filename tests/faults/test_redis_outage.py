"""Redis stopped under a running app, then started again: answers go on, a warning is logged, Redis is used again.

The app runs in process (Litestar's test client) against a private ``redis-server`` (``conftest.py``); the shared
Redis on 6379 is never touched. Redis holds the shared rate-limit counts, so that is what goes away and comes back.
Each phase uses its own bearer token, so each has its own budget and its own key in Redis.

The shared cache of context answers keeps its entries in this same Redis: repeated answers go on while Redis is
away (kept in process meanwhile) and are written to Redis again after it returns.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio
from litestar.testing import AsyncTestClient

from backstory.api.cache import REDIS_PREFIX as ANSWER_PREFIX
from backstory.api.ratelimit import REDIS_PREFIX, REDIS_RETRY_S, WINDOW_S
from backstory.app import create_app
from backstory.settings import Settings
from tests.faults.services import PrivateRedis

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
PAGE = next(e for e in json.loads((PAGES / "manifest.json").read_text()) if e["file"] == "en_coale_52_freed.html")
ARTICLE = {"url": PAGE["url"], "published": PAGE["published"], "html": (PAGES / PAGE["file"]).read_text()}
PER_MINUTE = 3
BACK_WITHIN_S = REDIS_RETRY_S + 15


@pytest.fixture
async def app_on_redis(tmp_path: Path, private_redis: PrivateRedis) -> AsyncIterator[AsyncTestClient[Any]]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'redis.db'}",
        rate_limit_per_minute=PER_MINUTE,
        redis_url=private_redis.url,
    )
    async with AsyncTestClient(create_app(settings)) as client:
        yield client


class TestRedisOutage:
    async def test_the_service_keeps_answering_without_redis_and_uses_it_again_when_it_returns(
        self,
        app_on_redis: AsyncTestClient[Any],
        private_redis: PrivateRedis,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        caplog.set_level(logging.WARNING, logger="backstory.api.redis_link")
        client = app_on_redis

        up = _token("up")
        await _fresh_window()
        assert [await _ask(client, up) for _ in range(PER_MINUTE + 1)] == [400] * PER_MINUTE + [429]
        assert await _counted(private_redis, up) == PER_MINUTE + 1, "counted in Redis while it runs"
        assert (await client.post("/v1/context", json=ARTICLE, headers=_auth(_token("cache-up")))).status_code == 200
        assert await _answers(private_redis) == 1, "the answer is cached in Redis while it runs"

        private_redis.stop()
        answer = await client.post("/v1/context", json=ARTICLE, headers=_auth(_token("reader")))
        assert answer.status_code == 200
        assert answer.json()["matches"][0]["event_id"] == PAGE["expected_event"]
        repeated = await client.post("/v1/context", json=ARTICLE, headers=_auth(_token("reader-again")))
        assert repeated.status_code == 200 and repeated.json()["matches"] == answer.json()["matches"]
        down = _token("down")
        await _fresh_window()
        assert [await _ask(client, down) for _ in range(PER_MINUTE + 1)] == [400] * PER_MINUTE + [429], (
            "the limit holds in process while Redis is away"
        )
        assert _warned(caplog, "redis unreachable")

        private_redis.start()
        # The limiter tries Redis again REDIS_RETRY_S after it found it gone; a fresh token a try shows when.
        deadline = time.monotonic() + BACK_WITHIN_S
        back = False
        while not back and time.monotonic() < deadline:
            probe = _token("probe")
            assert await _ask(client, probe) == 400
            back = await _counted(private_redis, probe) == 1
            await asyncio.sleep(0.5)
        assert back, f"Redis used again within {BACK_WITHIN_S:g} s of its return"
        assert _warned(caplog, "redis is back")
        # The answer cache has found Redis again too: a new answer is written there (a stopped Redis keeps nothing).
        deadline = time.monotonic() + BACK_WITHIN_S
        cached_again = False
        while not cached_again and time.monotonic() < deadline:
            other = {**ARTICLE, "url": f"{ARTICLE['url']}?v={uuid.uuid4().hex}"}
            assert (
                await client.post("/v1/context", json=other, headers=_auth(_token("cache-back")))
            ).status_code == 200
            cached_again = await _answers(private_redis) >= 1
            await asyncio.sleep(0.5)
        assert cached_again, f"answers cached in Redis again within {BACK_WITHIN_S:g} s of its return"

        again = _token("again")
        await _fresh_window()
        assert [await _ask(client, again) for _ in range(PER_MINUTE + 1)] == [400] * PER_MINUTE + [429]
        assert await _counted(private_redis, again) == PER_MINUTE + 1


def _token(phase: str) -> str:
    return f"{phase}-{uuid.uuid4().hex}"


def _auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def _ask(client: AsyncTestClient[Any], token: str) -> int:
    # A body the server refuses (400) costs no matching, and the limit is checked before the body is read.
    return (await client.post("/v1/context", json={"url": "https://news.example/a"}, headers=_auth(token))).status_code


async def _counted(server: PrivateRedis, token: str) -> int:
    """What Redis holds for the token's windows (the limiter keys them by the token's hash)."""
    key = "token:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    # A client of its own each time: a connection kept across the restart would be a closed one.
    client = redis.asyncio.Redis.from_url(server.url, socket_timeout=2)
    try:
        keys = [k async for k in client.scan_iter(f"{REDIS_PREFIX}{key}:*")]
        return sum([int(await client.get(k) or 0) for k in keys])
    finally:
        await client.aclose()


async def _answers(server: PrivateRedis) -> int:
    """How many context answers Redis holds."""
    client = redis.asyncio.Redis.from_url(server.url, socket_timeout=2)
    try:
        return len([k async for k in client.scan_iter(f"{ANSWER_PREFIX}*")])
    finally:
        await client.aclose()


async def _fresh_window() -> None:
    """Wait out the last seconds of a minute, so a phase's requests all fall in one window (limits reset then)."""
    left = WINDOW_S - time.time() % WINDOW_S
    if left < 10:
        await asyncio.sleep(left + 0.1)


def _warned(caplog: pytest.LogCaptureFixture, start: str) -> bool:
    return any(r.levelno == logging.WARNING and r.getMessage().startswith(start) for r in caplog.records)
