"""The story page (/stories/{id}): server-rendered HTML of a whole story, in the reader's language."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any

from litestar.testing import AsyncTestClient

from backstory.events.models import Event, Source, Story
from backstory.events.store import EventStore

STORY = "us-belarus-2025"


def tags(html: str, name: str) -> list[str]:
    return re.findall(rf"<{name}\b[^>]*>(.*?)</{name}>", html, flags=re.S)


class TestStoryPage:
    async def test_it_lists_every_event_with_its_date_summary_and_sources(self, client: AsyncTestClient[Any]) -> None:
        timeline = (await client.get(f"/v1/stories/{STORY}")).json()["timeline"]
        response = await client.get(f"/stories/{STORY}")

        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        html = response.text
        assert tags(html, "title") == [f"{timeline and (await self.story_title(client, 'en'))} · Backstory"]
        assert re.findall(r'<time datetime="([\d-]+)"', html) == [event["date"] for event in timeline]
        for event in timeline:
            assert f'id="{event["id"]}"' in html
            assert event["summary"]["en"].replace("'", "&#39;").replace('"', "&#34;") in html
            for source in event["sources"]:
                assert f'href="{source["url"].replace("&", "&amp;")}"' in html
        assert "<script" not in html

    async def test_it_speaks_the_language_asked_for(self, client: AsyncTestClient[Any]) -> None:
        html = (await client.get(f"/stories/{STORY}", params={"lang": "ru"})).text
        assert '<html lang="ru">' in html
        assert tags(html, "title") == [f"{await self.story_title(client, 'ru')} · Backstory"]
        assert "События, от ранних к поздним" in html and "Источники" in html
        assert "Sources" not in html and "Events, oldest first" not in html
        assert re.search(r"<time [^>]*>\d{1,2} [а-я]+ 2025\s?г\.</time>", html), "dates in Russian"

    async def test_it_speaks_belarusian(self, client: AsyncTestClient[Any]) -> None:
        html = (await client.get(f"/stories/{STORY}", params={"lang": "be"})).text
        assert '<html lang="be">' in html and "Крыніцы" in html
        assert tags(html, "title") == [f"{await self.story_title(client, 'be')} · Backstory"]

    async def test_a_language_it_has_no_labels_for_gets_english_throughout(self, client: AsyncTestClient[Any]) -> None:
        html = (await client.get(f"/stories/{STORY}", params={"lang": "ar"})).text
        assert '<html lang="en">' in html and "Sources" in html
        assert tags(html, "title") == [f"{await self.story_title(client, 'en')} · Backstory"]
        assert re.search(r"<time [^>]*>\d{1,2} [A-Z][a-z]+ 2025</time>", html), (
            "dates in English, as the popup writes them"
        )

    async def test_an_unknown_story_is_a_404_problem(self, client: AsyncTestClient[Any]) -> None:
        response = await client.get("/stories/no-such-story")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 404

    async def test_it_is_not_part_of_the_api_schema(self, client: AsyncTestClient[Any]) -> None:
        schema = (await client.get("/docs/openapi.json")).json()
        assert not any(path.startswith("/stories") for path in schema["paths"])

    async def test_text_is_escaped_and_only_web_links_are_kept(
        self, client: AsyncTestClient[Any], store: EventStore
    ) -> None:
        # Written through a store of the test's own (the app's engine lives on the test client's event loop).
        await store.import_records(
            [
                Story(id="odd", title={"en": "<script>alert(1)</script> & co"}),
                Event(
                    id="odd-1",
                    story_id="odd",
                    date=dt.date(2025, 3, 1),
                    title={"en": 'A "quoted" <b>title</b>'},
                    summary={"en": "Summary <img src=x onerror=alert(1)>"},
                    sources=[
                        Source(url="javascript:alert(1)", publisher="Bad"),
                        Source(url="http://203.0.113.9/item", lang="pl"),
                        Source(url="https://www.wire.example/item", title="Wire <i>story</i>"),
                    ],
                ),
            ],
            actor="test",
        )
        await _wait_for_story(client, "odd")
        html = (await client.get("/stories/odd")).text
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
        assert "<b>title</b>" not in html and "<img" not in html
        assert "javascript:" not in html and ">Bad<" not in html
        assert '<a href="http://203.0.113.9/item" rel="noopener noreferrer">Source</a>' in html
        assert ">wire.example</a> · <span>Wire &lt;i&gt;story&lt;/i&gt;</span>" in html
        assert "Polish" in html

    @staticmethod
    async def story_title(client: AsyncTestClient[Any], lang: str) -> str:
        story = (await client.get(f"/v1/stories/{STORY}")).json()
        title: str = story["title"][lang]
        return title.replace("'", "&#39;")


async def _wait_for_story(client: AsyncTestClient[Any], story_id: str) -> None:
    """The page reads the live catalog, which sees a write made from outside the app by its version check."""
    for _ in range(100):
        if (await client.get(f"/v1/stories/{story_id}")).status_code == 200:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"story {story_id!r} never appeared")
