from __future__ import annotations

import datetime as dt

import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex


class TestEventIndex:
    @pytest.mark.parametrize(
        ("text", "lang"), [("Polijas valdība piekrita.", "lv"), ("Rząd Polski się zgodził.", "pl")]
    )
    def test_cldr_names_of_a_place_are_found_inflected(self, index: EventIndex, text: str, lang: str) -> None:
        assert "poland" in gather(build_document(text, None, [lang]), index).names

    @pytest.mark.parametrize(("text", "lang"), [("Die politische Lage bleibt ruhig.", "de")])
    def test_a_short_cldr_stem_does_not_start_other_words(self, index: EventIndex, text: str, lang: str) -> None:
        # Latvian Polija would stem to "poli", the start of politische, policy, polizia.
        assert "poland" not in gather(build_document(text, None, [lang]), index).names

    def test_a_person_is_found_by_the_surname_alone(self, index: EventIndex) -> None:
        assert "orla-fenwick" in gather(build_document("Фенвик прибыла.", None, ["ru"]), index).names

    @pytest.fixture
    def index(self) -> EventIndex:
        return EventIndex.build(
            Catalog(
                stories=[Story(id="s", title={"en": "S"})],
                entities=[
                    Entity(id="poland", kind="place", name="Poland"),
                    Entity(id="orla-fenwick", kind="person", name="Orla Fenwick"),
                ],
                events=[
                    Event(
                        id="e", story_id="s", date=dt.date(2025, 1, 1), title={"en": "E"}, summary={"en": "E."},
                        entities=["poland", "orla-fenwick"],
                    )
                ],
            )
        )  # fmt: skip
