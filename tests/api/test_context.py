from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.api.conftest import FIXTURE_PAGES, fixture_manifest

pytestmark = pytest.mark.asyncio(loop_scope="module")

ARTICLE_TEXT = (
    "Belarus freed 52 prisoners on Thursday after a visit to Minsk by the US envoy John Coale, who said "
    "Washington would lift sanctions on the state airline Belavia. The freed prisoners were taken to Lithuania. "
)


class TestPostContext:
    async def test_it_matches_text_and_explains_the_match(self, sqlite_client: AsyncTestClient[Any]) -> None:
        response = await sqlite_client.post(
            "/v1/context",
            json={"url": "https://news.example/a", "text": ARTICLE_TEXT, "published": "2025-09-12"},
        )
        body = response.json()
        assert response.status_code == 200
        assert body["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"
        assert not body["abstained"] and body["matches"][0]["evidence"]

    async def test_evidence_the_article_recalls_is_marked(self, sqlite_client: AsyncTestClient[Any]) -> None:
        text = ARTICLE_TEXT + "Mikalai Statkevich, who stayed behind, had run for president in 2010. "
        body = (
            await sqlite_client.post(
                "/v1/context", json={"url": "https://news.example/a", "text": text, "published": "2025-09-12"}
            )
        ).json()
        assert body["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"
        recalled = {e["matched"]: e["recalled"] for m in body["matches"] for e in m["evidence"]}
        assert recalled["John Coale"] is False
        assert recalled["Mikalai Statkevich"] is True

    async def test_cards_run_newest_first_and_mark_the_reported_event(
        self, sqlite_client: AsyncTestClient[Any]
    ) -> None:
        body = (
            await sqlite_client.post(
                "/v1/context",
                json={"url": "https://news.example/a", "text": ARTICLE_TEXT, "published": "2025-09-12"},
            )
        ).json()
        dates = [card["date"] for card in body["cards"]]
        relations = {card["event_id"]: card["relation"] for card in body["cards"]}
        assert dates == sorted(dates, reverse=True)
        assert relations["2025-09-11-coale-52-freed-belavia"] == "this"
        assert relations["2025-02-12-smith-minsk-visit"] == "earlier"
        assert relations["2025-12-13-123-freed-potash"] == "later"

    async def test_the_url_is_normalised(self, sqlite_client: AsyncTestClient[Any]) -> None:
        body = (
            await sqlite_client.post(
                "/v1/context",
                json={"url": "https://News.example/a?utm_source=x&id=3&fbclid=y#top", "text": ARTICLE_TEXT},
            )
        ).json()
        assert body["article"]["url"] == "https://news.example/a?id=3"

    async def test_the_language_is_detected_and_reported(self, sqlite_client: AsyncTestClient[Any]) -> None:
        body = (
            await sqlite_client.post("/v1/context", json={"url": "https://n.example/", "text": ARTICLE_TEXT})
        ).json()
        assert (body["article"]["lang"], body["article"]["lang_source"]) == ("en", "detected")

    async def test_a_given_language_is_used(self, sqlite_client: AsyncTestClient[Any]) -> None:
        body = (
            await sqlite_client.post(
                "/v1/context", json={"url": "https://n.example/", "text": ARTICLE_TEXT, "lang": "ru"}
            )
        ).json()
        assert (body["article"]["lang"], body["article"]["lang_source"]) == ("ru", "given")

    async def test_summaries_follow_the_requested_language(self, sqlite_client: AsyncTestClient[Any]) -> None:
        body = (
            await sqlite_client.post(
                "/v1/context?summary_lang=ru", json={"url": "https://n.example/", "text": ARTICLE_TEXT}
            )
        ).json()
        assert any("\u0400" <= ch <= "\u04ff" for ch in body["cards"][0]["summary"])

    async def test_short_text_is_answered_with_an_abstention(self, sqlite_client: AsyncTestClient[Any]) -> None:
        response = await sqlite_client.post("/v1/context", json={"url": "https://n.example/", "text": "Lukashenko."})
        body = response.json()
        assert response.status_code == 200
        assert body["abstained"] and "too short" in body["abstain_reason"]

    @pytest.mark.parametrize(
        ("payload", "status"),
        [
            ({"text": ARTICLE_TEXT}, 400),
            ({"url": "https://n.example/"}, 400),
            ({"url": "https://n.example/", "text": ARTICLE_TEXT, "html": "<p>x</p>"}, 400),
            ({"url": "https://n.example/", "text": 42}, 400),
            ({"url": "https://n.example/", "text": ARTICLE_TEXT, "published": "yesterday"}, 400),
            ({"url": "https://n.example/", "text": "   "}, 422),
            ({"url": "https://n.example/", "html": "<html><body><nav>Home</nav></body></html>"}, 422),
        ],
    )
    async def test_bad_input_gets_a_problem_answer(
        self, sqlite_client: AsyncTestClient[Any], payload: dict[str, Any], status: int
    ) -> None:
        response = await sqlite_client.post("/v1/context", json=payload)
        assert response.status_code == status
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["title"] and response.json()["detail"]

    async def test_malformed_json_gets_a_problem_answer(self, sqlite_client: AsyncTestClient[Any]) -> None:
        response = await sqlite_client.post(
            "/v1/context", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert response.status_code == 400
        assert response.headers["content-type"].startswith("application/problem+json")

    async def test_a_body_over_the_limit_is_refused(self, sqlite_client: AsyncTestClient[Any]) -> None:
        response = await sqlite_client.post("/v1/context", json={"url": "https://n.example/", "text": "x" * 1_100_000})
        assert response.status_code == 413
        assert response.headers["content-type"].startswith("application/problem+json")


class TestFixturePages:
    @pytest.mark.parametrize("entry", fixture_manifest(), ids=lambda e: e["file"])
    async def test_each_page_gets_its_expected_answer(
        self, sqlite_client: AsyncTestClient[Any], entry: dict[str, Any]
    ) -> None:
        html = (FIXTURE_PAGES / entry["file"]).read_text(encoding="utf-8")
        response = await sqlite_client.post("/v1/context", json={"url": entry["url"], "html": html})
        if entry["kind"] == "not_article":
            assert response.status_code == 422 or response.json()["abstained"]
            return
        body = response.json()
        assert response.status_code == 200
        assert body["article"]["lang"] == entry["lang"]
        assert body["article"]["published"] == entry["published"]
        claimed = None if body["abstained"] else body["matches"][0]["event_id"]
        assert claimed == entry["expected_event"]

    @pytest.mark.parametrize(
        "entry", [e for e in fixture_manifest() if e["kind"].endswith("negative")], ids=lambda e: e["file"]
    )
    async def test_a_story_article_without_a_known_event_gets_the_story_instead(
        self, sqlite_client: AsyncTestClient[Any], entry: dict[str, Any]
    ) -> None:
        html = (FIXTURE_PAGES / entry["file"]).read_text(encoding="utf-8")
        body = (await sqlite_client.post("/v1/context", json={"url": entry["url"], "html": html})).json()
        related = body["related_story"]["id"] if body["related_story"] else None
        assert body["abstained"]
        if entry["kind"] == "hard_negative":
            assert related == "us-belarus-2025" and body["cards"]
        else:
            assert related is None and body["cards"] == []


class TestDenseScripts:
    async def test_a_chinese_article_is_long_enough_at_fewer_characters(
        self, sqlite_client: AsyncTestClient[Any]
    ) -> None:
        text = (
            "白俄罗斯释放52名囚犯 美国解除对白俄航空的制裁\n美国特使约翰·科尔在明斯克与卢卡申科会面后，白俄罗斯释放了52名囚犯，"
            "其中大部分被送往立陶宛。美国宣布解除对白俄罗斯国家航空公司白俄航空的制裁。这是双方关系改善的最新迹象。"
        )
        body = (
            await sqlite_client.post(
                "/v1/context", json={"url": "https://n.example/zh", "text": text, "published": "2025-09-12"}
            )
        ).json()
        assert body["article"]["lang"] == "zh"
        assert body["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"
