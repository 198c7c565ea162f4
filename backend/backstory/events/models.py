"""The event set's domain types: stories, events, entities and their aliases.

These Structs are what the store returns, what the matcher indexes and what NDJSON files hold (one record a
line, tagged by ``type``). They carry no database or HTTP details.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Annotated, Literal

import msgspec

EntityKind = Literal["person", "org", "place", "topic"]

# The shapes every record must have, checked wherever one is decoded (NDJSON files, the admin API).
Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        max_length=200,
        description="A lowercase slug: letters a-z, digits and single hyphens, e.g. '2025-09-11-envoy-visit'.",
    ),
]
LangKey = Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2}$", description="ISO 639-1 language code, e.g. 'ru'.")]
Url = Annotated[
    str, msgspec.Meta(pattern=r"^https?://[^\s/?#]+[^\s]*$", max_length=2000, description="An http(s) URL.")
]
Digits = Annotated[str, msgspec.Meta(pattern=r"^[0-9]+$", max_length=20, description="A number as plain digits.")]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]

# Titles and summaries keyed by ISO 639-1 language code; "en" is always present.
Localised = dict[LangKey, str]


class Source(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    url: Url
    title: str | None = None
    publisher: str | None = None
    """The publisher's name as curated (never derived from the address)."""
    lang: LangKey | None = None
    date: dt.date | None = None


class Entity(msgspec.Struct, frozen=True, kw_only=True, tag="entity", tag_field="type"):
    """A person, organisation, place or topic, with its names in every script and spelling known."""

    id: Id
    kind: EntityKind
    name: Text
    aliases: list[Text] = msgspec.field(default_factory=list)


class Event(msgspec.Struct, frozen=True, kw_only=True, tag="event", tag_field="type"):
    """One dated development of a story."""

    id: Id
    story_id: Id
    date: dt.date
    title: Localised
    summary: Localised
    entities: list[Id] = msgspec.field(default_factory=list)
    """Ids of the entities involved, most central first."""
    numbers: list[Digits] = msgspec.field(default_factory=list)
    """Key numbers as plain digits ("52", "1300", "4978")."""
    phrases: list[str] = msgspec.field(default_factory=list)
    """Distinctive phrases in any language ("big deal", "большая сделка")."""
    sources: list[Source] = msgspec.field(default_factory=list)
    background: bool = False
    """True for earlier context (e.g. the 2020 election) rather than a development of the story itself."""


class Story(msgspec.Struct, frozen=True, kw_only=True, tag="story", tag_field="type"):
    id: Id
    title: Localised
    summary: Localised = msgspec.field(default_factory=dict)


Record = Story | Entity | Event


class Catalog(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the matcher and the read API need, loaded in one go."""

    stories: list[Story]
    events: list[Event]
    entities: list[Entity]

    @classmethod
    def of(cls, records: Iterable[Record]) -> Catalog:
        """The catalog of records in any order (the reverse of ``records()``)."""
        records = list(records)
        return cls(
            stories=[r for r in records if isinstance(r, Story)],
            events=[r for r in records if isinstance(r, Event)],
            entities=[r for r in records if isinstance(r, Entity)],
        )

    def records(self) -> list[Record]:
        """Stories, then entities, then events: the order an import can apply them in."""
        return [*self.stories, *self.entities, *sorted(self.events, key=lambda e: (e.date, e.id))]


# The script each language is written in, where it is not Latin: an entity's name for a reader of the language is
# its first alias in that script (its curated name is English).
_SCRIPTS = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "kk"), "CYRILLIC"),
    **dict.fromkeys(("ar", "fa", "ur"), "ARABIC"),
    "he": "HEBREW", "el": "GREEK", "ka": "GEORGIAN", "hy": "ARMENIAN", "ko": "HANGUL", "hi": "DEVANAGARI",
    "zh": "CJK", "ja": "CJK",
}  # fmt: skip


def script_of(text: str) -> str:
    """The Unicode script of a text's first letter ("LATIN", "CYRILLIC", …), "" without letters."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) else name.split(" ", 1)[0]
    return ""


def entity_name(entity: Entity, lang: str | None) -> str:
    """The entity's name for a reader of ``lang``: its first alias written in that language's script, if the
    language is not written in Latin letters and the entity has one; else its curated name."""
    script = _SCRIPTS.get(lang or "")
    if script is None:
        return entity.name
    return next((alias for alias in entity.aliases if script_of(alias) == script), entity.name)


def localised(texts: Localised, lang: str | None) -> str:
    """The text in ``lang`` when there is one, else English, else any."""
    if lang and lang in texts:
        return texts[lang]
    if "en" in texts:
        return texts["en"]
    return next(iter(texts.values()), "")
