"""Alias suggestions learnt from confidently matched articles, through the real app (SQLite and PostgreSQL).

The story, names and sentences are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from .admin_data import STORY

HARBOUR_MASTER = {"id": "oskar-wendrovich", "kind": "person", "name": "Oskar Wendrovich", "aliases": []}
OPERATOR = {"id": "quillon-marine", "kind": "org", "name": "Quillon Marine", "aliases": []}
TOWN = {"id": "velmora", "kind": "place", "name": "Velmora", "aliases": []}
EVENT = {
    "id": "2025-10-02-quillon-fined",
    "story_id": STORY["id"],
    "date": "2025-10-02",
    "title": {"en": "Velmora's harbour master Oskar Wendrovich fines Quillon Marine 7,400 euros"},
    "summary": {"en": "The harbour master fines the ferry operator for cancelled crossings."},
    "entities": ["oskar-wendrovich", "quillon-marine", "velmora"],
    "numbers": ["7400"],
    "phrases": ["cancelled crossings"],
}
# The harbour master's name spelled with other vowels, as a translation might write it.
ARTICLE = {
    "url": "https://paper.example/2025/10/03/velmora-fine",
    "published": "2025-10-03",
    "text": (
        "Harbour master Vandrovych fines Quillon Marine 7,400 euros over cancelled crossings\n"
        "The harbour master of Velmora, Oskar Vandrovych, fined the ferry operator Quillon Marine 7,400 euros on "
        "Thursday after a week of cancelled crossings left islanders stranded on the quay. Vandrovych said Quillon "
        "Marine had ignored three warnings about cancelled crossings. The company said it would appeal the fine "
        "and blamed the storms for the cancelled crossings of the past week in Velmora."
    ),
}

# The same spelling with an ending (as in Czech or Polish): matching reaches it from an alias, not from the name.
INFLECTED = {
    **ARTICLE,
    "url": ARTICLE["url"] + "-inflected",
    "text": ARTICLE["text"].replace("Oskar Vandrovych", "Vandrovychem").replace("Vandrovych ", "Vandrovychem "),
}


async def _named(admin: AsyncTestClient[Any], article: dict[str, Any]) -> set[str]:
    """The curated names the article's best match found."""
    evidence = (await admin.post("/v1/context", json=article)).json()["matches"][0]["evidence"]
    return {item["matched"] for item in evidence if item["kind"] == "name"}


async def _load_story(admin: AsyncTestClient[Any]) -> None:
    assert (await admin.post("/v1/admin/stories", json=STORY)).status_code == 201
    for entity in (HARBOUR_MASTER, OPERATOR, TOWN):
        assert (await admin.post("/v1/admin/entities", json=entity)).status_code == 201
    assert (await admin.post("/v1/admin/events", json=EVENT)).status_code == 201


async def _suggestions(admin: AsyncTestClient[Any], **params: Any) -> list[dict[str, Any]]:
    answer = await admin.get("/v1/admin/suggestions", params=params)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


class TestSuggestions:
    async def test_a_confident_match_spelling_a_name_a_new_way_creates_a_suggestion(
        self, story_admin: AsyncTestClient[Any]
    ) -> None:
        matched = (await story_admin.post("/v1/context", json=ARTICLE)).json()
        await story_admin.post("/v1/context", json={**ARTICLE, "url": ARTICLE["url"] + "-2"})

        assert matched["matches"][0]["event_id"] == EVENT["id"] and matched["matches"][0]["confidence"] >= 0.8
        [suggestion] = [s for s in await _suggestions(story_admin) if s["entity_id"] == HARBOUR_MASTER["id"]]
        assert suggestion["spelling"].endswith("Vandrovych") and suggestion["count"] == 2

    async def test_spellings_the_curated_names_already_cover_are_not_suggested(
        self, story_admin: AsyncTestClient[Any]
    ) -> None:
        await story_admin.post("/v1/context", json=ARTICLE)

        suggested = {s["entity_id"] for s in await _suggestions(story_admin)}
        assert suggested == {HARBOUR_MASTER["id"]}

    async def test_an_unconfident_or_abstained_article_teaches_nothing(self, story_admin: AsyncTestClient[Any]) -> None:
        text = "Vandrovych went sailing.\n" + "The weather was calm and the sea was quiet all afternoon. " * 5
        await story_admin.post("/v1/context", json={"url": "https://paper.example/sail", "text": text})

        assert await _suggestions(story_admin) == []

    async def test_accepting_makes_the_alias_live_at_once_in_the_curators_name(
        self, story_admin: AsyncTestClient[Any]
    ) -> None:
        await story_admin.post("/v1/context", json=ARTICLE)
        [suggestion] = await _suggestions(story_admin)
        assert HARBOUR_MASTER["name"] not in await _named(story_admin, INFLECTED)

        accepted = await story_admin.post(f"/v1/admin/suggestions/{suggestion['id']}/accept")

        assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
        entity = (await story_admin.get(f"/v1/admin/entities/{HARBOUR_MASTER['id']}")).json()
        assert suggestion["spelling"] in entity["aliases"]
        assert HARBOUR_MASTER["name"] in await _named(story_admin, INFLECTED)
        [entry] = (await story_admin.get("/v1/admin/audit", params={"limit": 1})).json()["entries"]
        assert (entry["actor"], entry["action"], entry["target"]) == (
            "curator",
            "update",
            f"entity:{HARBOUR_MASTER['id']}",
        )
        assert await _suggestions(story_admin) == []

    async def test_rejecting_hides_the_spelling_for_good(self, story_admin: AsyncTestClient[Any]) -> None:
        await story_admin.post("/v1/context", json=ARTICLE)
        [suggestion] = await _suggestions(story_admin)

        rejected = await story_admin.post(f"/v1/admin/suggestions/{suggestion['id']}/reject")
        await story_admin.post("/v1/context", json={**ARTICLE, "url": ARTICLE["url"] + "-again"})

        assert rejected.status_code == 200 and rejected.json()["decided_by"] == "curator"
        assert await _suggestions(story_admin) == []
        [kept] = await _suggestions(story_admin, status="rejected")
        assert kept["count"] == 1

    async def test_a_decided_suggestion_cannot_be_decided_again(self, story_admin: AsyncTestClient[Any]) -> None:
        await story_admin.post("/v1/context", json=ARTICLE)
        [suggestion] = await _suggestions(story_admin)
        await story_admin.post(f"/v1/admin/suggestions/{suggestion['id']}/reject")

        again = await story_admin.post(f"/v1/admin/suggestions/{suggestion['id']}/accept")

        assert again.status_code == 409

    async def test_an_unknown_suggestion_is_404(self, story_admin: AsyncTestClient[Any]) -> None:
        assert (await story_admin.post("/v1/admin/suggestions/999999/accept")).status_code == 404

    @pytest.mark.parametrize("order", ["newest", "frequent"])
    async def test_a_cursor_walks_every_suggestion_once(self, story_admin: AsyncTestClient[Any], order: str) -> None:
        for i, spelling in enumerate(["Vandrovych", "Windravech", "Wundrevych"]):
            text = ARTICLE["text"].replace("Vandrovych", spelling)
            for j in range(i + 1):
                await story_admin.post(
                    "/v1/context", json={**ARTICLE, "url": f"{ARTICLE['url']}-{i}-{j}", "text": text}
                )

        first = (await story_admin.get("/v1/admin/suggestions", params={"order": order, "limit": 2})).json()
        second = await _suggestions(story_admin, order=order, limit=2, cursor=first["next_cursor"])

        spellings = [s["spelling"].split()[-1] for s in first["items"] + second]
        assert sorted(spellings) == ["Vandrovych", "Windravech", "Wundrevych"]
        if order == "frequent":
            assert [s["count"] for s in first["items"] + second] == [3, 2, 1]

    async def test_the_admin_token_is_needed(self, story_admin: AsyncTestClient[Any]) -> None:
        answer = await story_admin.get("/v1/admin/suggestions", headers={"Authorization": "Bearer wrong"})

        assert answer.status_code == 401

    @pytest.fixture
    async def story_admin(self, admin: AsyncTestClient[Any]) -> AsyncTestClient[Any]:
        await _load_story(admin)
        return admin
