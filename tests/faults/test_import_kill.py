"""A server killed with SIGKILL in the middle of a large import: the store holds all of it or none of it.

The import (``POST /v1/admin/import``, 20,000 synthetic events streamed as NDJSON) runs in one transaction. The
test streams three quarters of the body, waits until the server's transaction has written to the database (on
PostgreSQL the backend has a transaction id; on SQLite the rollback journal exists), then kills the server: no
rollback, no shutdown. A new server on the same database must hold exactly what was there before. The same file
imported in full and acknowledged, then the server killed at once, must be in the store whole.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from pathlib import Path

import httpx
import pytest

from backstory.events.ndjson import dump_records
from backstory.events.store import open_store
from backstory.research.synthetic import synthetic_catalog
from tests.faults.services import BackstoryServer, PrivatePostgres, create_token

N_EVENTS = 20_000
CHUNK = 64 * 1024
SENT_WITHIN_S = 120.0
WRITING_WITHIN_S = 60.0
IMPORT_TIMEOUT_S = 600.0
NDJSON = {"content-type": "application/x-ndjson"}


@pytest.fixture(scope="module")
def large_import() -> bytes:
    return dump_records(synthetic_catalog(N_EVENTS).records()).encode()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'import.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


async def _counts(database_url: str) -> dict[str, int]:
    """Stories, entities and events in the store, read directly (this also rolls back SQLite's hot journal)."""
    async with open_store(database_url, bundled=False) as store:
        return await store.count()


def _writing(database_url: str, postgres: Callable[[], PrivatePostgres]) -> Callable[[], bool]:
    """Whether an uncommitted transaction has written to the database."""
    if database_url.startswith("sqlite"):
        journal = Path(database_url.split("///", 1)[1] + "-journal")
        return journal.exists
    cluster, database = postgres(), database_url.rsplit("/", 1)[1]
    query = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )
    return lambda: int(cluster.sql(query, database=database)) > 0


class TestImportKilled:
    async def test_a_killed_import_leaves_none_of_it_and_an_acknowledged_one_all_of_it(
        self,
        database_url: str,
        large_import: bytes,
        servers: Callable[..., BackstoryServer],
        request: pytest.FixtureRequest,
    ) -> None:
        token = create_token(database_url, "curator")
        auth = {"Authorization": f"Bearer {token}", **NDJSON}
        first = servers("first", database_url=database_url)
        await asyncio.to_thread(first.start)
        before = await _counts(database_url)

        # Three quarters of the body, cut at a line; then the client holds the request open until the kill.
        cut = large_import.rindex(b"\n", 0, len(large_import) * 3 // 4) + 1
        sent, never = asyncio.Event(), asyncio.Event()

        async def body() -> AsyncIterator[bytes]:
            for offset in range(0, cut, CHUNK):
                yield large_import[offset : min(offset + CHUNK, cut)]
            sent.set()
            await never.wait()

        writing = _writing(database_url, lambda: request.getfixturevalue("private_postgres"))
        async with httpx.AsyncClient(base_url=first.base_url, timeout=IMPORT_TIMEOUT_S) as client:
            upload = asyncio.create_task(client.post("/v1/admin/import", content=body(), headers=auth))
            try:
                await asyncio.wait_for(sent.wait(), SENT_WITHIN_S)
                await asyncio.wait_for(_until(writing), WRITING_WITHIN_S)
                was_writing = writing()
                first.kill()
            finally:
                never.set()
                with suppress(httpx.HTTPError):
                    await upload
            assert upload.done() and (upload.exception() is not None or upload.result().status_code >= 500)

        after_kill = await _counts(database_url)
        second = servers("second", database_url=database_url)
        await asyncio.to_thread(second.start)
        async with httpx.AsyncClient(base_url=second.base_url, timeout=IMPORT_TIMEOUT_S) as client:
            served_after_kill = (await client.get("/readyz")).json()["events"]
            imported = await client.post("/v1/admin/import", content=large_import, headers=auth)
        second.kill()  # at once after the acknowledgement: what was acknowledged must have been made durable

        after_import = await _counts(database_url)
        print(
            f"\nimport killed ({database_url.split('+')[0]}): {cut} of "
            f"{len(large_import)} bytes sent; before {before}, after the kill {after_kill}, "
            f"after a whole import and a kill {after_import}"
        )

        assert was_writing, "the import's transaction had written when the server was killed"
        assert after_kill == before, "none of the killed import"
        assert served_after_kill == before["events"]
        assert imported.status_code == 200 and imported.json()["created"]["events"] == N_EVENTS
        assert after_import["events"] == before["events"] + N_EVENTS, "all of the acknowledged import"


async def _until(condition: Callable[[], bool]) -> None:
    while not await asyncio.to_thread(condition):
        await asyncio.sleep(0.1)
