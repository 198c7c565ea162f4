"""Stories, entities and events through the admin API: create, read, patch, delete; live in matching at once."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from .admin_data import ARTICLE, ENTITIES, EVENT, STORY

PROBLEM = "urn:backstory:problem:"


async def create_story(admin: AsyncTestClient[Any]) -> None:
    assert (await admin.post("/v1/admin/stories", json=STORY)).status_code == 201
    for entity in ENTITIES:
        assert (await admin.post("/v1/admin/entities", json=entity)).status_code == 201
    assert (await admin.post("/v1/admin/events", json=EVENT)).status_code == 201


async def claimed(client: AsyncTestClient[Any]) -> str | None:
    answer = (await client.post("/v1/context", json=ARTICLE)).json()
    return None if answer["abstained"] else answer["matches"][0]["event_id"]


async def evidence_texts(client: AsyncTestClient[Any], article: dict[str, Any]) -> list[str]:
    answer = (await client.post("/v1/context", json=article)).json()
    return [item["text"] for match in answer["matches"][:1] for item in match["evidence"]]


class TestCreateAndRead:
    async def test_a_created_record_reads_back_with_an_etag(self, admin: AsyncTestClient[Any]) -> None:
        created = await admin.post("/v1/admin/stories", json=STORY)
        read = await admin.get(f"/v1/admin/stories/{STORY['id']}")

        assert created.status_code == 201 and read.status_code == 200
        assert read.json() == STORY
        assert read.headers["etag"] == created.headers["etag"] and read.headers["etag"].startswith('"')

    async def test_an_event_created_a_moment_ago_is_matched_and_shown(self, admin: AsyncTestClient[Any]) -> None:
        assert await claimed(admin) is None

        await create_story(admin)

        assert await claimed(admin) == EVENT["id"]
        story = (await admin.get(f"/v1/stories/{STORY['id']}")).json()
        assert [event["id"] for event in story["timeline"]] == [EVENT["id"]]

    async def test_a_deleted_event_is_no_longer_matched(self, admin: AsyncTestClient[Any]) -> None:
        await create_story(admin)
        etag = (await admin.get(f"/v1/admin/events/{EVENT['id']}")).headers["etag"]

        deleted = await admin.delete(f"/v1/admin/events/{EVENT['id']}", headers={"If-Match": etag})

        assert deleted.status_code == 204
        assert await claimed(admin) is None
        assert (await admin.get(f"/v1/events/{EVENT['id']}")).status_code == 404

    async def test_a_taken_id_is_a_conflict(self, admin: AsyncTestClient[Any]) -> None:
        await admin.post("/v1/admin/stories", json=STORY)

        again = await admin.post("/v1/admin/stories", json=STORY)

        assert again.status_code == 409 and again.json()["type"] == PROBLEM + "conflict"

    async def test_lists_page_by_id(self, admin: AsyncTestClient[Any]) -> None:
        first = (await admin.get("/v1/admin/entities", params={"limit": 5})).json()
        second = (await admin.get("/v1/admin/entities", params={"limit": 5, "cursor": first["next_cursor"]})).json()

        ids = [e["id"] for e in first["items"] + second["items"]]
        assert len(ids) == 10 and ids == sorted(ids) and len(set(ids)) == 10

    async def test_an_unknown_id_is_404(self, admin: AsyncTestClient[Any]) -> None:
        response = await admin.get("/v1/admin/events/no-such-event")

        assert response.status_code == 404 and response.json()["type"] == PROBLEM + "not-found"


class TestValidation:
    @pytest.mark.parametrize(
        ("path", "body", "field"),
        [
            ("stories", {**STORY, "id": "Not a slug"}, "id"),
            ("stories", {**STORY, "title": {"en": "ok", "english": "no"}}, "title"),
            ("stories", {**STORY, "title": {"de": "Nur Deutsch"}}, "title.en"),
            ("entities", {**ENTITIES[0], "kind": "animal"}, "kind"),
            ("entities", {**ENTITIES[0], "aliases": ["Quillon", "quillon"]}, "aliases[1]"),
            ("events", {**EVENT, "date": "2025-02-30"}, "date"),
            ("events", {**EVENT, "story_id": "no-such-story"}, "story_id"),
            ("events", {**EVENT, "entities": ["velmora", "nobody-known"]}, "entities[1]"),
            ("events", {**EVENT, "sources": [{"url": "ftp://files.example/x"}]}, "sources[0].url"),
            ("events", {**EVENT, "numbers": ["seven"]}, "numbers[0]"),
            ("events", {**EVENT, "colour": "blue"}, "colour"),
        ],
    )
    async def test_a_bad_record_is_422_naming_the_field(
        self, admin: AsyncTestClient[Any], path: str, body: dict[str, Any], field: str
    ) -> None:
        await admin.post("/v1/admin/stories", json={**STORY, "id": "velmora-other"})
        if path == "events":
            await admin.post("/v1/admin/stories", json=STORY)
            for entity in ENTITIES:
                await admin.post("/v1/admin/entities", json=entity)

        response = await admin.post(f"/v1/admin/{path}", json=body)

        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["type"] == PROBLEM + "invalid-record"
        assert problem["field"] == field
        assert response.headers["content-type"].startswith("application/problem+json")


class TestPatch:
    async def test_it_changes_only_the_fields_sent(self, admin: AsyncTestClient[Any]) -> None:
        await create_story(admin)
        etag = (await admin.get("/v1/admin/entities/quillon-marine")).headers["etag"]

        patched = await admin.patch(
            "/v1/admin/entities/quillon-marine", json={"aliases": ["Quillon", "Квиллон"]}, headers={"If-Match": etag}
        )

        assert patched.status_code == 200
        assert patched.json() == {**ENTITIES[0], "aliases": ["Quillon", "Квиллон"]}
        assert patched.headers["etag"] != etag

    async def test_null_resets_an_optional_field_and_is_refused_for_a_required_one(
        self, admin: AsyncTestClient[Any]
    ) -> None:
        await create_story(admin)
        path = f"/v1/admin/events/{EVENT['id']}"
        etag = (await admin.get(path)).headers["etag"]

        refused = await admin.patch(path, json={"date": None}, headers={"If-Match": etag})
        reset = await admin.patch(path, json={"phrases": None}, headers={"If-Match": etag})

        assert refused.status_code == 422 and refused.json()["field"] == "date"
        assert reset.status_code == 200 and reset.json()["phrases"] == []

    async def test_a_new_alias_is_matched_at_once(self, admin: AsyncTestClient[Any]) -> None:
        await create_story(admin)
        article = {**ARTICLE, "text": ARTICLE["text"].replace("Quillon Marine", "QMX Ferries")}
        assert "QMX Ferries" not in await evidence_texts(admin, article)
        etag = (await admin.get("/v1/admin/entities/quillon-marine")).headers["etag"]

        await admin.patch(
            "/v1/admin/entities/quillon-marine", json={"aliases": ["QMX Ferries"]}, headers={"If-Match": etag}
        )

        assert "QMX Ferries" in await evidence_texts(admin, article)

    async def test_without_if_match_it_is_428(self, admin: AsyncTestClient[Any]) -> None:
        await admin.post("/v1/admin/stories", json=STORY)

        response = await admin.patch(f"/v1/admin/stories/{STORY['id']}", json={"summary": None})

        assert response.status_code == 428 and response.json()["type"] == PROBLEM + "precondition-required"

    async def test_two_editors_never_overwrite_each_other(self, admin: AsyncTestClient[Any]) -> None:
        await admin.post("/v1/admin/stories", json=STORY)
        path = f"/v1/admin/stories/{STORY['id']}"
        etag = (await admin.get(path)).headers["etag"]

        first, second = await asyncio.gather(
            admin.patch(path, json={"title": {"en": "Edited by one"}}, headers={"If-Match": etag}),
            admin.patch(path, json={"title": {"en": "Edited by two"}}, headers={"If-Match": etag}),
        )

        assert sorted([first.status_code, second.status_code]) == [200, 412]
        winner = first if first.status_code == 200 else second
        assert (await admin.get(path)).json()["title"] == winner.json()["title"]


class TestDelete:
    async def test_an_entity_still_used_is_409_listing_its_events(self, admin: AsyncTestClient[Any]) -> None:
        await create_story(admin)
        etag = (await admin.get("/v1/admin/entities/velmora")).headers["etag"]

        response = await admin.delete("/v1/admin/entities/velmora", headers={"If-Match": etag})

        assert response.status_code == 409
        assert response.json()["events"] == [EVENT["id"]]

    async def test_a_stale_etag_is_412(self, admin: AsyncTestClient[Any]) -> None:
        await create_story(admin)
        path = "/v1/admin/entities/tessaly-brandt"
        etag = (await admin.get(path)).headers["etag"]
        await admin.patch(path, json={"aliases": ["T. Brandt"]}, headers={"If-Match": etag})

        response = await admin.delete(path, headers={"If-Match": etag})

        assert response.status_code == 412
        assert (await admin.get(path)).status_code == 200
