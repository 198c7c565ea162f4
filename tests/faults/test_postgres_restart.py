"""PostgreSQL restarted under two running servers while readers and a writer keep going.

Instance A takes the writes and checks the version every second (polling); instance B never polls within the test
(``POLL_NEVER_S``), so only a PostgreSQL notification can bring a change to it: B catching up after the restart
shows that its LISTEN connection came back. The database is a private cluster (``conftest.py``), stopped with
``pg_ctl stop -m fast`` (every connection cut) and started again on the same port.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.faults.services import BackstoryServer, PrivatePostgres, create_token

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
PAGE = next(e for e in json.loads((PAGES / "manifest.json").read_text()) if e["file"] == "en_coale_52_freed.html")
ARTICLE = {"url": PAGE["url"], "published": PAGE["published"], "html": (PAGES / PAGE["file"]).read_text()}
POLL_NEVER_S = "600"
# Bounds on each phase: the test waits for what it needs to see, never longer than these.
UP_S = 3.0
DOWN_MIN_S = 3.0
DOWN_MAX_S = 30.0
BACK_MAX_S = 60.0
FOLLOW_S = 15.0
WRITES_MAX = 2000


@dataclass
class Outcome:
    """One answer, with the database's state when the request was sent and when its answer came."""

    status: int
    sent: str
    answered: str
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def while_down(self) -> bool:
        return self.sent == self.answered == "down"


@dataclass
class Run:
    database: str = "up"
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    reads: dict[str, list[Outcome]] = field(default_factory=lambda: {"A": [], "B": []})
    writes: list[tuple[str, Outcome]] = field(default_factory=list)
    feedback: list[Outcome] = field(default_factory=list)

    def acknowledged(self) -> list[str]:
        return [story_id for story_id, outcome in self.writes if 200 <= outcome.status < 300]


async def _request(run: Run, send: Callable[[], Any]) -> Outcome:
    sent = run.database
    response: httpx.Response = await send()
    body = response.json() if response.headers.get("content-type", "").endswith("json") else {}
    return Outcome(response.status_code, sent, run.database, body, dict(response.headers))


async def _reader(run: Run, name: str, client: httpx.AsyncClient) -> None:
    while not run.stop.is_set() and len(run.reads[name]) < 20_000:
        run.reads[name].append(await _request(run, lambda: client.post("/v1/context", json=ARTICLE)))


async def _writer(run: Run, client: httpx.AsyncClient) -> None:
    for number in range(WRITES_MAX):
        if run.stop.is_set():
            return
        story = {"id": f"restart-{number:04d}", "title": {"en": f"Restart story {number}"}}
        run.writes.append(
            (story["id"], await _request(run, lambda story=story: client.post("/v1/admin/stories", json=story)))
        )
        # A reader's report is a write too; it must fail as calmly as a curator's while the database is away.
        report = {"url": ARTICLE["url"], "verdict": "missed"}
        run.feedback.append(await _request(run, lambda report=report: client.post("/v1/feedback", json=report)))
        await asyncio.sleep(0.05)


async def _until(condition: Callable[[], bool], minimum_s: float, maximum_s: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < maximum_s:
        if time.monotonic() - started >= minimum_s and condition():
            return
        await asyncio.sleep(0.1)


class TestPostgresRestart:
    async def test_reads_go_on_writes_wait_and_nothing_acknowledged_is_lost(
        self,
        private_postgres: PrivatePostgres,
        postgres_url: str,
        servers: Callable[..., BackstoryServer],
    ) -> None:
        token = create_token(postgres_url, "curator")
        first = servers("A", database_url=postgres_url, catalog_poll_s="1")
        second = servers("B", database_url=postgres_url, catalog_poll_s=POLL_NEVER_S)
        await asyncio.gather(asyncio.to_thread(first.start), asyncio.to_thread(second.start))
        run = Run()
        auth = {"Authorization": f"Bearer {token}"}
        async with (
            httpx.AsyncClient(base_url=first.base_url, headers=auth, timeout=30) as a,
            httpx.AsyncClient(base_url=second.base_url, timeout=30) as b,
        ):
            tasks = [
                asyncio.create_task(_reader(run, "A", a)),
                asyncio.create_task(_reader(run, "B", b)),
                asyncio.create_task(_writer(run, a)),
            ]
            try:
                await asyncio.sleep(UP_S)
                await asyncio.to_thread(private_postgres.stop, "fast")
                run.database = "down"
                ready_while_down = (await b.get("/readyz")).json()
                await _until(lambda: _seen_down(run), DOWN_MIN_S, DOWN_MAX_S)
                run.database = "starting"
                await asyncio.to_thread(private_postgres.start)
                run.database = "back"
                acknowledged_before = len(run.acknowledged())
                await _until(lambda: len(run.acknowledged()) >= acknowledged_before + 3, 0, BACK_MAX_S)
            finally:
                run.stop.set()
                await asyncio.gather(*tasks, return_exceptions=True)
            for task in tasks:
                task.result()  # a reader or the writer that raised fails the test here

            acknowledged = run.acknowledged()
            # B never polls: only a notification on its re-established LISTEN connection brings it the new stories.
            last = {"id": "restart-after", "title": {"en": "Written after the restart"}}
            assert (await a.post("/v1/admin/stories", json=last)).status_code == 201
            b_follows = await _seen(b, f"/v1/stories/{last['id']}", FOLLOW_S)
            versions = [(await c.get("/readyz")).json()["catalog_version"] for c in (a, b)]

        stored = set(private_postgres.sql("SELECT id FROM stories", database=postgres_url.rsplit("/", 1)[1]).split())
        reads = run.reads["A"] + run.reads["B"]
        down_writes = [outcome for _, outcome in run.writes if outcome.while_down]
        refused = [outcome for _, outcome in run.writes if outcome.status >= 300]
        print(
            f"\npostgres restart: {len(reads)} reads ({sum(o.while_down for o in reads)} while down), "
            f"{len(run.writes)} writes: {len(acknowledged)} acknowledged, {len(refused)} refused "
            f"({sorted({o.status for o in refused})}), {len(down_writes)} while down; "
            f"refused yet stored: {len({i for i, o in run.writes if o.status >= 300} & stored)}"
        )

        assert ready_while_down["status"] == "ok" and ready_while_down["database"] == "unreachable"
        assert {o.status for o in reads} == {200}, "every read answered, before, during and after"
        assert {o.body["matches"][0]["event_id"] for o in reads} == {PAGE["expected_event"]}
        assert all(sum(o.while_down for o in run.reads[name]) >= 10 for name in ("A", "B"))
        assert down_writes and all(o.status == 503 for o in down_writes)
        assert all(_is_store_unavailable(o) for o in refused), [(o.status, o.body) for o in refused]
        assert [o for o in run.feedback if o.while_down] and all(
            _is_store_unavailable(o) for o in run.feedback if o.status >= 300
        ), [(o.status, o.body) for o in run.feedback if o.status >= 300]
        assert any(o.sent == "back" for _, o in run.writes if o.status == 201), "writes succeed after the restart"
        assert set(acknowledged) <= stored, f"acknowledged but lost: {sorted(set(acknowledged) - stored)}"
        assert b_follows, "instance B's index follows writes after the restart"
        assert versions[0] == versions[1]
        assert any(e["msg"].startswith("catalog notifications lost") for e in second.log_entries())


def _seen_down(run: Run) -> bool:
    refused = sum(o.while_down and o.status == 503 for _, o in run.writes)
    read = min(sum(o.while_down for o in run.reads[name]) for name in ("A", "B"))
    return refused >= 3 and read >= 10


def _is_store_unavailable(outcome: Outcome) -> bool:
    return (
        outcome.status == 503
        and outcome.headers.get("content-type", "").startswith("application/problem+json")
        and outcome.body.get("type") == "urn:backstory:problem:store-unavailable"
        and "retry-after" in outcome.headers
    )


async def _seen(client: httpx.AsyncClient, path: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (await client.get(path)).status_code == 200:
            return True
        await asyncio.sleep(0.1)
    return False
