"""The event set's domain types: stories, events, entities and their aliases.

These Structs are what the store returns, what the matcher indexes and what NDJSON files hold (one record a
line, tagged by ``type``). They carry no database or HTTP details.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

EntityKind = Literal["person", "org", "place", "topic"]

# Titles and summaries keyed by ISO 639-1 language code; "en" is always present.
Localised = dict[str, str]


class Source(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    url: str
    title: str | None = None
    publisher: str | None = None
    lang: str | None = None


class Entity(msgspec.Struct, frozen=True, kw_only=True, tag="entity", tag_field="type"):
    """A person, organisation, place or topic, with its names in every script and spelling known."""

    id: str
    kind: EntityKind
    name: str
    aliases: list[str] = msgspec.field(default_factory=list)


class Event(msgspec.Struct, frozen=True, kw_only=True, tag="event", tag_field="type"):
    """One dated development of a story."""

    id: str
    story_id: str
    date: dt.date
    title: Localised
    summary: Localised
    entities: list[str] = msgspec.field(default_factory=list)
    """Ids of the entities involved, most central first."""
    numbers: list[str] = msgspec.field(default_factory=list)
    """Key numbers as plain digits ("52", "1300", "4978")."""
    phrases: list[str] = msgspec.field(default_factory=list)
    """Distinctive phrases in any language ("big deal", "большая сделка")."""
    sources: list[Source] = msgspec.field(default_factory=list)
    background: bool = False
    """True for earlier context (e.g. the 2020 election) rather than a development of the story itself."""


class Story(msgspec.Struct, frozen=True, kw_only=True, tag="story", tag_field="type"):
    id: str
    title: Localised
    summary: Localised = msgspec.field(default_factory=dict)


Record = Story | Entity | Event


class Catalog(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the matcher and the read API need, loaded in one go."""

    stories: list[Story]
    events: list[Event]
    entities: list[Entity]

    def records(self) -> list[Record]:
        """Stories, then entities, then events: the order an import can apply them in."""
        return [*self.stories, *self.entities, *sorted(self.events, key=lambda e: (e.date, e.id))]


def localised(texts: Localised, lang: str | None) -> str:
    """The text in ``lang`` when there is one, else English, else any."""
    if lang and lang in texts:
        return texts[lang]
    if "en" in texts:
        return texts["en"]
    return next(iter(texts.values()), "")
