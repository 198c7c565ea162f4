"""The audit log through the admin API: newest first, with who, what, before and after, paged by cursor."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from .admin_data import STORY


class TestAudit:
    async def test_each_change_says_who_what_before_and_after(self, admin: AsyncTestClient[Any]) -> None:
        await admin.post("/v1/admin/stories", json=STORY)
        path = f"/v1/admin/stories/{STORY['id']}"
        etag = (await admin.get(path)).headers["etag"]
        await admin.patch(path, json={"title": {"en": "Renamed"}}, headers={"If-Match": etag})

        update, create = (await admin.get("/v1/admin/audit", params={"limit": 2})).json()["entries"]

        assert (update["action"], update["actor"], update["target"]) == ("update", "curator", f"story:{STORY['id']}")
        assert update["before"]["title"] == STORY["title"] and update["after"]["title"] == {"en": "Renamed"}
        assert create["action"] == "create" and create["before"] is None
        assert update["id"] > create["id"] and update["version"] > create["version"]

    async def test_a_cursor_walks_back_through_every_entry_once(self, admin: AsyncTestClient[Any]) -> None:
        seen: list[int] = []
        cursor: str | None = None
        for _ in range(100):
            params: dict[str, Any] = {"limit": 50} | ({"cursor": cursor} if cursor else {})
            page = (await admin.get("/v1/admin/audit", params=params)).json()
            seen += [entry["id"] for entry in page["entries"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break

        assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) > 200

    async def test_a_cursor_it_never_gave_is_400(self, admin: AsyncTestClient[Any]) -> None:
        response = await admin.get("/v1/admin/audit", params={"cursor": "not-ours"})

        assert response.status_code == 400
