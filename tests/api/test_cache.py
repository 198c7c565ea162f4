"""The cache of context answers: repeats are answered from it, an admin change or other content is not."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio
from litestar.testing import AsyncTestClient
from prometheus_client import REGISTRY

from backstory.api.cache import ANSWER_CACHE, RedisAnswerCache
from backstory.app import create_app
from backstory.settings import Settings

from .admin_data import STORY

REDIS_URL = "redis://127.0.0.1:6379/0"
CLOSED_PORT_URL = "redis://127.0.0.1:1/0"
ARTICLE = {
    "url": "https://news.example/cache",
    "text": "Belarus freed 52 prisoners on Thursday after a visit to Minsk by the US envoy John Coale, who said "
    "Washington would lift sanctions on the state airline Belavia. The freed prisoners were taken to Lithuania.",
    "published": "2025-09-12",
}


def lookups(result: str) -> float:
    return REGISTRY.get_sample_value("backstory_context_cache_total", {"result": result}) or 0.0


async def post(client: AsyncTestClient[Any], **changes: str) -> str:
    """POST the article (with ``changes``) and say whether the cache answered: "hit" or "miss"."""
    hits, misses = lookups("hit"), lookups("miss")
    response = await client.post("/v1/context", json={**ARTICLE, **changes})
    assert response.status_code == 200
    return "hit" if lookups("hit") > hits else "miss" if lookups("miss") > misses else "none"


class TestAnswerCache:
    async def test_a_repeated_request_is_answered_from_the_cache(self, admin: AsyncTestClient[Any]) -> None:
        first = await post(admin)
        assert [first, await post(admin)] == ["miss", "hit"]

    async def test_a_cached_answer_is_the_answer_computed(self, admin: AsyncTestClient[Any]) -> None:
        computed = (await admin.post("/v1/context", json=ARTICLE)).json()
        assert (await admin.post("/v1/context", json=ARTICLE)).json() == computed

    async def test_an_admin_change_makes_the_next_request_a_miss(self, admin: AsyncTestClient[Any]) -> None:
        await post(admin)
        assert (await admin.post("/v1/admin/stories", json=STORY)).status_code == 201
        assert await post(admin) == "miss"

    @pytest.mark.parametrize("change", [{"text": ARTICLE["text"] + " More."}, {"published": "2025-09-13"}])
    async def test_other_content_at_the_same_url_is_a_miss(
        self, admin: AsyncTestClient[Any], change: dict[str, str]
    ) -> None:
        await post(admin)
        assert await post(admin, **change) == "miss"

    async def test_two_instances_share_answers_through_redis(
        self, tmp_path: Path, redis_client: redis.asyncio.Redis
    ) -> None:
        prefix = f"backstory:test:{secrets.token_hex(6)}:"
        clients = []
        for name in ("one", "two"):
            app = create_app(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / name}.db", redis_url=REDIS_URL))
            app.state[ANSWER_CACHE] = RedisAnswerCache(REDIS_URL, 16, 60, prefix=prefix)
            clients.append(AsyncTestClient(app))
        try:
            async with clients[0] as one, clients[1] as two:
                assert [await post(one), await post(two)] == ["miss", "hit"]
        finally:
            async for key in redis_client.scan_iter(f"{prefix}*"):
                await redis_client.delete(key)

    async def test_without_redis_answers_are_cached_in_process(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'down.db'}", redis_url=CLOSED_PORT_URL)
        async with AsyncTestClient(create_app(settings)) as client:
            assert [await post(client), await post(client)] == ["miss", "hit"]
        assert "redis unreachable" in caplog.text


@pytest.fixture
async def redis_client() -> AsyncIterator[redis.asyncio.Redis]:
    client = redis.asyncio.Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()
