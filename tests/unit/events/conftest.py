"""A small invented event set (made-up names and sentences) shared by the events tests."""

from __future__ import annotations

import datetime as dt

import pytest

from backstory.events.models import Entity, Event, Record, Source, Story


@pytest.fixture
def records() -> list[Record]:
    """One story, three entities and three events, in the order an import applies them."""
    return [
        Story(
            id="sorrel-accord",
            title={"en": "The Sorrel Valley water accord", "de": "Das Wasserabkommen im Sorreltal"},
            summary={"en": "Two valley towns bargain over a reservoir."},
        ),
        Entity(id="ottilie-varga", kind="person", name="Ottilie Varga", aliases=["Оттилия Варга", "Otylia Warga"]),
        Entity(id="northwind-rail", kind="org", name="Northwind Rail", aliases=["Nordwind-Bahn"]),
        Entity(id="lake-sorrel", kind="place", name="Lake Sorrel"),
        Event(
            id="talks-open",
            story_id="sorrel-accord",
            date=dt.date(2025, 3, 1),
            title={"en": "Talks on the reservoir open", "uk": "Почалися переговори щодо водосховища"},
            summary={"en": "Mayor Varga meets the rail company at the lake."},
            entities=["ottilie-varga", "lake-sorrel"],
            numbers=["14"],
            phrases=["water first"],
            sources=[Source(url="https://example.org/talks", title="Talks open", lang="en")],
        ),
        Event(
            id="accord-signed",
            story_id="sorrel-accord",
            date=dt.date(2025, 6, 12),
            title={"en": "The accord is signed"},
            summary={"en": "Both towns sign; the railway pays for a new pipe."},
            entities=["northwind-rail", "ottilie-varga"],
            numbers=["1300"],
        ),
        Event(
            id="old-drought",
            story_id="sorrel-accord",
            date=dt.date(2019, 8, 3),
            title={"en": "The drought of 2019"},
            summary={"en": "The lake falls to a record low."},
            entities=["lake-sorrel"],
            background=True,
        ),
    ]
