"""The cache of context answers: repeats are answered from it, an admin change or other content is not."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio
from litestar.testing import AsyncTestClient
from prometheus_client import REGISTRY

from backstory.api.cache import ANSWER_CACHE, RedisAnswerCache, answer_key, body_key
from backstory.app import create_app
from backstory.context import ArticleInput
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

    async def test_the_same_article_at_its_address_with_tracking_parameters_is_a_hit(
        self, admin: AsyncTestClient[Any]
    ) -> None:
        await post(admin)
        assert await post(admin, url=f"{ARTICLE['url']}?utm_source=feed") == "hit"

    @pytest.mark.parametrize(
        "change", [{"text": ARTICLE["text"] + " More."}, {"published": "2025-09-13"}, {"title": "Freed"}]
    )
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


class TestKeys:
    BODY = json.dumps(ARTICLE).encode()

    def test_a_body_is_keyed_by_what_it_sends(self) -> None:
        assert body_key(self.BODY, None, 1) == body_key(json.dumps(ARTICLE).encode(), None, 1)
        assert body_key(self.BODY, None, 1) != body_key(json.dumps({**ARTICLE, "text": "Other."}).encode(), None, 1)

    def test_the_summary_language_and_the_event_set_version_are_part_of_it(self) -> None:
        assert len({body_key(self.BODY, None, 1), body_key(self.BODY, "de", 1), body_key(self.BODY, None, 2)}) == 3

    def test_a_field_is_not_another(self) -> None:
        as_title = {"url": ARTICLE["url"], "title": ARTICLE["text"]}
        assert body_key(self.BODY, None, 1) != body_key(json.dumps(as_title).encode(), None, 1)

    def test_other_escapes_of_the_same_text_are_another_key(self) -> None:
        # Never a wrong answer: at worst a miss.
        escaped = json.dumps({**ARTICLE, "text": "Minsk — Belavia"}, ensure_ascii=True).encode()
        unescaped = json.dumps({**ARTICLE, "text": "Minsk — Belavia"}, ensure_ascii=False).encode()
        assert body_key(escaped, None, 1) != body_key(unescaped, None, 1)

    def test_a_sent_body_and_a_fetched_page_never_share_a_key(self) -> None:
        fetched = ArticleInput(url=ARTICLE["url"], text=ARTICLE["text"], published=dt.date(2025, 9, 12))
        assert body_key(self.BODY, None, 1).split(":")[:2] == answer_key(fetched, None, 1).split(":")[:2]
        assert body_key(self.BODY, None, 1) != answer_key(fetched, None, 1)


@pytest.fixture
async def redis_client() -> AsyncIterator[redis.asyncio.Redis]:
    client = redis.asyncio.Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()
