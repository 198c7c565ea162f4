from __future__ import annotations

import datetime as dt

from backstory.cards.timeline import matched_timeline, story_timeline
from backstory.matching.index import EventIndex
from backstory.matching.score import Evidence
from tests.unit.matching.conftest import CATALOG

INDEX = EventIndex.build(CATALOG)
EVIDENCE = [
    Evidence("name", "Bluefin", "Bluefin Air", 2.0, "headline", entity_id="bluefin-air"),
    Evidence("number", "41", "41", 1.0, "lead"),
]


class TestMatchedTimeline:
    def test_cards_run_newest_first_with_the_reported_event_marked(self) -> None:
        cards = matched_timeline(INDEX, "airline-deal", EVIDENCE)
        assert [(c.event_id, c.relation) for c in cards] == [
            ("cargo-fine", "later"),
            ("airline-deal", "this"),
            ("envoy-visit", "earlier"),
        ]

    def test_the_reported_card_says_what_matched(self) -> None:
        card = next(c for c in matched_timeline(INDEX, "airline-deal", EVIDENCE) if c.relation == "this")
        assert card.reason.code == "reported"
        assert card.reason.evidence == ("Bluefin Air", "41")
        assert "Bluefin Air" in card.why and "41" in card.why

    def test_the_reported_card_names_the_entities_the_article_named(self) -> None:
        card = next(c for c in matched_timeline(INDEX, "airline-deal", EVIDENCE) if c.relation == "this")
        assert card.reason.entity_ids == ("bluefin-air",)

    def test_other_cards_give_a_reason_code(self) -> None:
        card = next(c for c in matched_timeline(INDEX, "envoy-visit", []) if c.event_id == "airline-deal")
        assert card.reason.code in ("shared_entities", "same_story")
        assert card.why.startswith("Later in the same story")


class TestStoryTimeline:
    def test_events_after_publication_are_later(self) -> None:
        cards = story_timeline(INDEX, "harbour", dt.date(2025, 6, 1))
        assert {c.event_id: c.relation for c in cards} == {
            "cargo-fine": "later",
            "airline-deal": "earlier",
            "envoy-visit": "earlier",
        }

    def test_every_card_is_of_the_same_story(self) -> None:
        cards = story_timeline(INDEX, "harbour", None)
        assert {c.reason.code for c in cards} == {"same_story"}
