"""Several instances on one database: a change made through one is used by the others without a restart."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from litestar.testing import AsyncTestClient

from backstory.app import create_app
from backstory.settings import Settings

from .admin_data import STORY

# Long enough that, on PostgreSQL, only a notification can bring the change within the deadline below.
POSTGRES_POLL_S = 120.0
DEADLINE_S = 10.0


class TestSeveralInstances:
    async def test_a_change_through_one_instance_reaches_the_other(
        self, database_url: str, admin_tokens: dict[str, str]
    ) -> None:
        # SQLite has no notifications: the other instance finds the new version by polling.
        poll = POSTGRES_POLL_S if database_url.startswith("postgresql") else 0.2
        settings = Settings(database_url=database_url, catalog_poll_s=poll)
        async with AsyncTestClient(create_app(settings)) as first, AsyncTestClient(create_app(settings)) as second:
            first.headers["Authorization"] = f"Bearer {admin_tokens['curator']}"
            assert (await second.get(f"/v1/stories/{STORY['id']}")).status_code == 404

            created = await first.post("/v1/admin/stories", json=STORY)

            assert created.status_code == 201
            assert await _seen_within(second, f"/v1/stories/{STORY['id']}", DEADLINE_S)
            versions = [(await c.get("/readyz")).json()["catalog_version"] for c in (first, second)]
            assert versions[0] == versions[1]


async def _seen_within(client: AsyncTestClient[Any], path: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (await client.get(path)).status_code == 200:
            return True
        await asyncio.sleep(0.05)
    return False
