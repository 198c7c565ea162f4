"""Readers' reports: sent by anyone without a token, read by curators with one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from backstory.app import create_app
from backstory.settings import Settings

EVENT = "2025-09-11-coale-52-freed-belavia"


class TestFeedback:
    async def test_a_report_reaches_the_curators_without_tracking(self, admin: AsyncTestClient[Any]) -> None:
        report = {"url": "https://news.example/a?utm_source=x#top", "event_id": EVENT, "verdict": "wrong"}

        sent = await admin.post("/v1/feedback", json=report, headers={"Authorization": ""})
        listed = (await admin.get("/v1/admin/feedback")).json()["entries"]

        assert sent.status_code == 201 and sent.json()["id"]
        assert listed[0]["url"] == "https://news.example/a"
        assert (listed[0]["event_id"], listed[0]["verdict"], listed[0]["comment"]) == (EVENT, "wrong", None)

    async def test_reports_are_listed_newest_first_with_a_cursor(self, admin: AsyncTestClient[Any]) -> None:
        for n in range(3):
            await admin.post("/v1/feedback", json={"url": f"https://n.example/{n}", "verdict": "missed"})

        first = (await admin.get("/v1/admin/feedback", params={"limit": 2})).json()
        second = (await admin.get("/v1/admin/feedback", params={"limit": 2, "cursor": first["next_cursor"]})).json()

        urls = [entry["url"] for entry in first["entries"] + second["entries"]]
        assert urls == ["https://n.example/2", "https://n.example/1", "https://n.example/0"]

    @pytest.mark.parametrize(
        "body",
        [
            {"url": "https://n.example/", "verdict": "maybe"},
            {"url": "javascript:alert(1)", "verdict": "wrong"},
            {"url": "https://n.example/", "verdict": "wrong", "comment": "x" * 1001},
            {"url": "https://n.example/", "verdict": "wrong", "email": "reader@example.org"},
        ],
    )
    async def test_bad_reports_get_a_problem_answer(self, admin: AsyncTestClient[Any], body: dict[str, Any]) -> None:
        response = await admin.post("/v1/feedback", json=body)

        assert response.status_code == 400
        assert response.headers["content-type"].startswith("application/problem+json")

    async def test_an_unknown_event_is_422_naming_the_field(self, admin: AsyncTestClient[Any]) -> None:
        body = {"url": "https://n.example/", "verdict": "wrong", "event_id": "no-such-event"}

        response = await admin.post("/v1/feedback", json=body)

        assert response.status_code == 422 and response.json()["field"] == "event_id"

    async def test_reading_reports_needs_a_token(self, client: AsyncTestClient[Any]) -> None:
        assert (await client.get("/v1/admin/feedback")).status_code in (401, 503)

    async def test_reports_are_rate_limited(self, tmp_path: Path) -> None:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'f.db'}", rate_limit_per_minute=2)
        report = {"url": "https://n.example/", "verdict": "missed"}
        async with AsyncTestClient(create_app(settings)) as client:
            statuses = [(await client.post("/v1/feedback", json=report)).status_code for _ in range(3)]
            limited = await client.post("/v1/feedback", json=report)

        assert statuses[:2] == [201, 201] and limited.status_code == 429
        assert int(limited.headers["retry-after"]) > 0
