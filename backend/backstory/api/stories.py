"""Read API over the event set: stories with their timelines, and single events."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from backstory.api.problems import problem_responses
from backstory.api.schemas import EventOut, StoryDetailOut, StoryOut
from backstory.events.models import Event
from backstory.events.store import EventStore


def event_out(event: Event) -> EventOut:
    return EventOut(
        id=event.id, story_id=event.story_id, date=event.date, title=event.title, summary=event.summary,
        entities=event.entities, numbers=event.numbers, phrases=event.phrases, sources=event.sources,
        background=event.background,
    )  # fmt: skip


class StoriesController(Controller):
    path = "/v1"
    tags = ["stories"]

    @get("/stories", operation_id="listStories", summary="All stories")
    async def list_stories(self, store: NamedDependency[EventStore]) -> list[StoryOut]:
        stories = await store.list_stories()
        counts: dict[str, int] = {}
        for event in await store.list_events():
            counts[event.story_id] = counts.get(event.story_id, 0) + 1
        return [StoryOut(id=s.id, title=s.title, summary=s.summary, event_count=counts.get(s.id, 0)) for s in stories]

    @get(
        "/stories/{story_id:str}",
        operation_id="getStory",
        summary="A story with its timeline, oldest first",
        responses=problem_responses(404),
    )
    async def get_story(self, story_id: FromPath[str], store: NamedDependency[EventStore]) -> StoryDetailOut:
        story = await store.get_story(story_id)
        events = await store.list_events(story_id)
        return StoryDetailOut(
            id=story.id, title=story.title, summary=story.summary, event_count=len(events),
            timeline=[event_out(e) for e in events],
        )  # fmt: skip

    @get("/events/{event_id:str}", operation_id="getEvent", summary="One event", responses=problem_responses(404))
    async def get_event(self, event_id: FromPath[str], store: NamedDependency[EventStore]) -> EventOut:
        return event_out(await store.get_event(event_id))
