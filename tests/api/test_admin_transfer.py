"""NDJSON import (streamed, all or nothing, dry run) and export through the admin API."""

from __future__ import annotations

import json
from typing import Any

from litestar.testing import AsyncTestClient

from .admin_data import ENTITIES, EVENT, STORY

NDJSON = {"Content-Type": "application/x-ndjson"}


def ndjson(*records: tuple[str, dict[str, Any]]) -> bytes:
    return b"".join(json.dumps({"type": kind, **body}).encode() + b"\n" for kind, body in records)


STORY_LINES = ndjson(("story", STORY), *(("entity", e) for e in ENTITIES), ("event", EVENT))


class TestImport:
    async def test_it_counts_what_it_created_and_matching_uses_it(self, admin: AsyncTestClient[Any]) -> None:
        response = await admin.post("/v1/admin/import", content=STORY_LINES, headers=NDJSON)

        assert response.status_code == 200, response.text
        assert response.json()["created"] == {"stories": 1, "entities": 3, "events": 1}
        assert (await admin.get(f"/v1/events/{EVENT['id']}")).status_code == 200

    async def test_importing_again_changes_nothing(self, admin: AsyncTestClient[Any]) -> None:
        await admin.post("/v1/admin/import", content=STORY_LINES, headers=NDJSON)
        version = (await admin.get("/readyz")).json()["catalog_version"]

        again = (await admin.post("/v1/admin/import", content=STORY_LINES, headers=NDJSON)).json()

        assert again["unchanged"] == {"stories": 1, "entities": 3, "events": 1}
        assert again["created"] == again["updated"] == {"stories": 0, "entities": 0, "events": 0}
        assert (await admin.get("/readyz")).json()["catalog_version"] == version

    async def test_a_dry_run_counts_and_changes_nothing(self, admin: AsyncTestClient[Any]) -> None:
        response = await admin.post("/v1/admin/import", params={"dry_run": "true"}, content=STORY_LINES, headers=NDJSON)

        assert response.json()["created"]["events"] == 1 and response.json()["dry_run"] is True
        assert (await admin.get(f"/v1/admin/events/{EVENT['id']}")).status_code == 404
        assert (await admin.get("/v1/admin/audit", params={"limit": 1})).json()["entries"][0]["actor"] == "bundled"

    async def test_one_bad_line_rejects_all_and_every_error_is_listed(self, admin: AsyncTestClient[Any]) -> None:
        lines = (
            STORY_LINES
            + b"not json\n"
            + ndjson(("event", {**EVENT, "id": "2025-10-05-other", "entities": ["nobody"]}))
            + ndjson(("event", {**EVENT, "id": "Bad Id"}))
        )
        before = (await admin.get("/v1/admin/export")).content

        response = await admin.post("/v1/admin/import", content=lines, headers=NDJSON)

        assert response.status_code == 422
        problem = response.json()
        assert [error["line"] for error in problem["errors"]] == [6, 7, 8]
        assert "nobody" in problem["errors"][1]["message"] and "$.id" in problem["errors"][2]["message"]
        assert (await admin.get("/v1/admin/export")).content == before

    async def test_an_event_may_come_before_its_story_in_the_file(self, admin: AsyncTestClient[Any]) -> None:
        reordered = ndjson(("event", EVENT), ("story", STORY), *(("entity", e) for e in ENTITIES))

        response = await admin.post("/v1/admin/import", content=reordered, headers=NDJSON)

        assert response.status_code == 200 and response.json()["created"]["events"] == 1

    async def test_another_content_type_is_refused(self, admin: AsyncTestClient[Any]) -> None:
        response = await admin.post("/v1/admin/import", content=b"{}", headers={"Content-Type": "image/png"})

        assert response.status_code == 400


class TestExport:
    async def test_export_import_export_gives_the_same_bytes(
        self, admin: AsyncTestClient[Any], empty_admin: AsyncTestClient[Any]
    ) -> None:
        await admin.post("/v1/admin/import", content=STORY_LINES, headers=NDJSON)
        exported = (await admin.get("/v1/admin/export")).content

        imported = await empty_admin.post("/v1/admin/import", content=exported, headers=NDJSON)
        again = (await empty_admin.get("/v1/admin/export")).content

        assert imported.status_code == 200
        assert again == exported and exported.count(b"\n") > 200

    async def test_it_is_ndjson_with_stories_then_entities_then_events(self, admin: AsyncTestClient[Any]) -> None:
        response = await admin.get("/v1/admin/export")

        kinds = [json.loads(line)["type"] for line in response.content.splitlines()]
        assert response.headers["content-type"].startswith("application/x-ndjson")
        assert kinds == sorted(kinds, key=["story", "entity", "event"].index)
