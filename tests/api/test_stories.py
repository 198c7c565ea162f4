from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

STORY = "us-belarus-2025"


class TestStories:
    async def test_the_bundled_story_is_listed(self, client: AsyncTestClient[Any]) -> None:
        stories = (await client.get("/v1/stories")).json()
        assert [s["id"] for s in stories] == [STORY] and stories[0]["event_count"] >= 16

    async def test_a_story_comes_with_its_timeline_in_date_order(self, client: AsyncTestClient[Any]) -> None:
        story = (await client.get(f"/v1/stories/{STORY}")).json()
        dates = [event["date"] for event in story["timeline"]]
        assert dates == sorted(dates) and story["title"]["en"]

    async def test_an_event_is_served_with_title_summary_and_sources(self, client: AsyncTestClient[Any]) -> None:
        event = (await client.get("/v1/events/2025-09-11-coale-52-freed-belavia")).json()
        assert event["date"] == "2025-09-11" and event["title"]["en"] and event["title"]["ru"] and event["sources"]

    async def test_unknown_ids_get_a_404_problem(self, client: AsyncTestClient[Any]) -> None:
        response = await client.get("/v1/events/no-such-event")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")


class TestHealth:
    async def test_healthz_answers(self, client: AsyncTestClient[Any]) -> None:
        assert (await client.get("/healthz")).json() == {"status": "ok"}

    async def test_readyz_counts_what_is_loaded(self, client: AsyncTestClient[Any]) -> None:
        response = await client.get("/readyz")
        assert response.status_code == 200 and response.json()["events"] >= 16

    async def test_the_docs_page_and_schema_are_served(self, client: AsyncTestClient[Any]) -> None:
        assert (await client.get("/docs")).status_code == 200
        schema = (await client.get("/docs/openapi.json")).json()
        assert "/v1/context" in schema["paths"]


class TestContextOnEachDatabase:
    async def test_an_article_is_matched_from_the_stored_event_set(self, client: AsyncTestClient[Any]) -> None:
        text = (
            "Belarus frees 52 prisoners as US lifts sanctions on Belavia\nAfter the US envoy John Coale met "
            "Lukashenko in Minsk, 52 prisoners were freed and driven to Lithuania, and Washington lifted its "
            "sanctions on the state airline Belavia."
        )
        response = await client.post(
            "/v1/context", json={"url": "https://n.example/a", "text": text, "published": "2025-09-11"}
        )
        assert response.json()["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"
