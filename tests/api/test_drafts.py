"""Drafting an event from a source article, through the real app. The pages and sentences are invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from .admin_data import ENTITIES, EVENT, STORY

# A later development of the invented ferry story: new people and numbers, known names.
TEXT = (
    "Quillon Marine restores the night crossing to Velmora\n"
    "The ferry operator Quillon Marine will run its night crossing to Velmora again from Monday, the harbour "
    "master Tessaly Brandt said on Friday. The company hired 14 new deckhands and leased a second vessel. "
    "Island councillor Maren Oduya Hallet welcomed the decision. Fares stay at 12 euros a crossing."
)
PAGE = f"""<!doctype html><html lang="en"><head>
<title>Quillon Marine restores the night crossing to Velmora | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2025-10-24T08:00:00Z">
</head><body><article><h1>Quillon Marine restores the night crossing to Velmora</h1>
{"".join(f"<p>{sentence}.</p>" for sentence in TEXT.split(chr(10))[1].split(". "))}
<p>Islanders had waited at the quay for weeks while the operator and the town argued over fines and fares, and
many said they would believe in the night crossing when they saw the first boat leave the harbour.</p>
</article></body></html>"""


async def _draft(admin: AsyncTestClient[Any], body: dict[str, Any]) -> dict[str, Any]:
    answer = await admin.post("/v1/admin/drafts", json=body)
    assert answer.status_code == 200, answer.text
    draft: dict[str, Any] = answer.json()
    return draft


class TestDrafts:
    async def test_a_page_gives_its_date_headline_lead_and_publisher(self, story_admin: AsyncTestClient[Any]) -> None:
        draft = await _draft(story_admin, {"url": "https://gazette.example/night-crossing", "html": PAGE})

        assert (draft["date"], draft["date_source"]) == ("2025-10-24", "page")
        assert draft["title"] == {"en": "Quillon Marine restores the night crossing to Velmora"}
        assert draft["summary"]["en"].startswith("The ferry operator Quillon Marine will run")
        assert len(draft["summary"]["en"]) <= 400
        assert draft["source"]["publisher"] == "Harbour Gazette"
        assert draft["source"]["url"] == "https://gazette.example/night-crossing"

    async def test_it_names_the_catalogs_entities_with_their_spellings(self, story_admin: AsyncTestClient[Any]) -> None:
        draft = await _draft(story_admin, {"url": "https://gazette.example/a", "text": TEXT, "published": "2025-10-24"})

        spellings = {entity["id"]: entity["spellings"] for entity in draft["entities"]}
        assert spellings["quillon-marine"] == ["Quillon Marine"]
        assert spellings["tessaly-brandt"] == ["Tessaly Brandt"]
        assert "velmora" in spellings

    async def test_it_lists_new_names_and_numbers(self, story_admin: AsyncTestClient[Any]) -> None:
        draft = await _draft(story_admin, {"url": "https://gazette.example/a", "text": TEXT, "published": "2025-10-24"})

        assert "Maren Oduya Hallet" in draft["new_names"]
        assert not any("Quillon" in name or "Brandt" in name for name in draft["new_names"])
        assert {"14", "12"} <= set(draft["numbers"])

    async def test_it_proposes_the_story_the_article_belongs_to(self, story_admin: AsyncTestClient[Any]) -> None:
        draft = await _draft(story_admin, {"url": "https://gazette.example/a", "text": TEXT, "published": "2025-10-24"})

        assert draft["story_id"] == STORY["id"]

    async def test_without_a_date_it_is_today_and_the_title_is_in_the_articles_language(
        self, story_admin: AsyncTestClient[Any]
    ) -> None:
        text = (
            "Quillon Marine nimmt die Nachtfähre nach Velmora wieder auf\n"
            "Der Fährbetreiber Quillon Marine fährt ab Montag wieder nachts nach Velmora, wie die Hafenmeisterin "
            "Tessaly Brandt am Freitag sagte. Das Unternehmen stellte 14 neue Matrosen ein und mietete ein "
            "zweites Schiff. Die Inselrätin Maren Oduya Hallet begrüßte die Entscheidung."
        )

        draft = await _draft(story_admin, {"url": "https://zeitung.example/b", "text": text})

        assert draft["date"] == dt.datetime.now(dt.UTC).date().isoformat() and draft["date_source"] == "today"
        assert draft["title"] == {"de": "Quillon Marine nimmt die Nachtfähre nach Velmora wieder auf"}

    async def test_a_draft_is_not_stored(self, story_admin: AsyncTestClient[Any]) -> None:
        before = (await story_admin.get("/v1/admin/events", params={"limit": 1000})).json()["items"]
        await _draft(story_admin, {"url": "https://gazette.example/a", "text": TEXT})

        assert (await story_admin.get("/v1/admin/events", params={"limit": 1000})).json()["items"] == before

    async def test_it_needs_the_page_or_its_text(self, story_admin: AsyncTestClient[Any]) -> None:
        answer = await story_admin.post("/v1/admin/drafts", json={"url": "https://gazette.example/a"})

        assert answer.status_code in (400, 422)

    @pytest.fixture
    async def story_admin(self, admin: AsyncTestClient[Any]) -> AsyncTestClient[Any]:
        assert (await admin.post("/v1/admin/stories", json=STORY)).status_code == 201
        for entity in ENTITIES:
            assert (await admin.post("/v1/admin/entities", json=entity)).status_code == 201
        assert (await admin.post("/v1/admin/events", json=EVENT)).status_code == 201
        return admin
