"""An invented story in several scripts (made-up people, places and sentences) for the matching tests."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.index import EventIndex


def _event(event_id: str, day: dt.date, entities: list[str], numbers: list[str], phrases: list[str]) -> Event:
    return Event(
        id=event_id, story_id="harbour", date=day, title={"en": event_id.replace("-", " ")},
        summary={"en": f"Summary of {event_id}."}, entities=entities, numbers=numbers, phrases=phrases,
    )  # fmt: skip


CATALOG = Catalog(
    stories=[Story(id="harbour", title={"en": "The Harbour dispute"})],
    entities=[
        Entity(
            id="mirko-zaslavsky", kind="person", name="Mirko Zaslavsky",
            aliases=["Zaslavsky", "Заславский", "Заслаўскі", "Zasławski", "Zaslavskis", "Saslawski"],
        ),
        Entity(id="orla-fenwick", kind="person", name="Orla Fenwick", aliases=["Fenwick", "Фенвик", "Fenvikas"]),
        Entity(id="port-veln", kind="place", name="Port Veln", aliases=["Veln", "Вельн"]),
        Entity(id="bluefin-air", kind="org", name="Bluefin Air", aliases=["Bluefin", "Блюфин"]),
        Entity(id="tmk", kind="org", name="TMK", aliases=["ТМК"]),
    ],
    events=[
        _event("envoy-visit", dt.date(2025, 3, 4), ["orla-fenwick", "mirko-zaslavsky", "port-veln"], ["3"], []),
        _event(
            "airline-deal", dt.date(2025, 5, 20), ["bluefin-air", "mirko-zaslavsky", "port-veln"], ["41"],
            ["open skies", "открытое небо"],
        ),
        _event("cargo-fine", dt.date(2025, 7, 9), ["tmk", "mirko-zaslavsky", "port-veln"], ["1300"], []),
    ],
)  # fmt: skip


def one_entity_index(entity: Entity) -> EventIndex:
    """The harbour story's first event listing ``entity`` alone: how one name is found, with nothing else to find."""
    return entities_index(entity)


def entities_index(*entities: Entity) -> EventIndex:
    """The harbour story's first event listing ``entities`` alone."""
    event = msgspec.structs.replace(CATALOG.events[0], entities=[entity.id for entity in entities])
    return EventIndex.build(Catalog(stories=CATALOG.stories, entities=list(entities), events=[event]))


@pytest.fixture(scope="session")
def index() -> EventIndex:
    return EventIndex.build(CATALOG)
