"""Read API over the event set: stories with their timelines, and single events.

It reads the live catalog, the same snapshot matching uses, so what a reader browses and what an article is
matched against always agree.
"""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from backstory.api.presenters import event_out
from backstory.api.problems import problem_responses
from backstory.api.schemas import EventOut, StoryDetailOut, StoryOut
from backstory.catalog import LiveCatalog
from backstory.errors import NotFound


class StoriesController(Controller):
    path = "/v1"
    tags = ["stories"]

    @get("/stories", operation_id="listStories", summary="All stories")
    async def list_stories(self, catalog: NamedDependency[LiveCatalog]) -> list[StoryOut]:
        index = catalog.current.index
        return [
            StoryOut(id=s.id, title=s.title, summary=s.summary, event_count=len(index.story_timeline(s.id)))
            for s in sorted(index.stories.values(), key=lambda s: s.id)
        ]

    @get(
        "/stories/{story_id:str}",
        operation_id="getStory",
        summary="A story with its timeline, oldest first",
        responses=problem_responses(404),
    )
    async def get_story(self, story_id: FromPath[str], catalog: NamedDependency[LiveCatalog]) -> StoryDetailOut:
        index = catalog.current.index
        story = index.stories.get(story_id)
        if story is None:
            raise NotFound(f"No story {story_id!r}.")
        events = index.story_timeline(story_id)
        return StoryDetailOut(
            id=story.id, title=story.title, summary=story.summary, event_count=len(events),
            timeline=[event_out(e) for e in events],
        )  # fmt: skip

    @get("/events/{event_id:str}", operation_id="getEvent", summary="One event", responses=problem_responses(404))
    async def get_event(self, event_id: FromPath[str], catalog: NamedDependency[LiveCatalog]) -> EventOut:
        event = catalog.current.index.events.get(event_id)
        if event is None:
            raise NotFound(f"No event {event_id!r}.")
        return event_out(event)
