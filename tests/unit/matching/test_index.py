from __future__ import annotations

import datetime as dt

import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import REFERENCE_EVENTS, EventIndex, PostingLists, idf, rarity_scale
from backstory.matching.normalise import fold_phrase


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


class TestSpellingsSharedAcrossStories:
    """A person curated in two stories matches, in each, every spelling either story was curated with."""

    def test_the_thin_record_reads_the_spellings_of_the_rich_one(self, index: EventIndex) -> None:
        # The Bulgarian spelling, with its d, is only in the first story's record.
        names = gather(build_document("Триандафилу пристигна в София.", None, ["bg"]), index).names

        assert {"xenofon-t", "triantafyllou"} <= set(names)

    def test_names_are_not_shared_across_kinds(self, index: EventIndex) -> None:
        # "Velmora" is a town in one story and a ship in the other: the ship does not take the town's old name.
        names = gather(build_document("Корабль прибыл в Старград.", None, ["ru"]), index).names

        assert "velmora-town" in names and "velmora-ship" not in names

    def test_an_entity_whose_name_another_story_lists_is_shared(self, index: EventIndex) -> None:
        # Naming Triantafyllou says no more which of the two stories an article is of than naming Trump does.
        assert {"xenofon-t", "triantafyllou"} <= index.shared_entities

    @pytest.fixture
    def index(self) -> EventIndex:
        return EventIndex.build(
            Catalog(
                stories=[Story(id="rich", title={"en": "Rich"}), Story(id="thin", title={"en": "Thin"})],
                entities=[
                    Entity(
                        id="xenofon-t", kind="person", name="Xenofon Triantafyllou",
                        aliases=["Triantafyllou", "Триандафилу"],
                    ),
                    Entity(id="triantafyllou", kind="person", name="Xenofon Triantafyllou"),
                    Entity(id="velmora-town", kind="place", name="Velmora", aliases=["Старград"]),
                    Entity(id="velmora-ship", kind="org", name="Velmora"),
                ],
                events=[
                    Event(
                        id="a", story_id="rich", date=dt.date(2025, 1, 1), title={"en": "A"}, summary={"en": "A."},
                        entities=["xenofon-t", "velmora-town"],
                    ),
                    Event(
                        id="b", story_id="thin", date=dt.date(2025, 2, 1), title={"en": "B"}, summary={"en": "B."},
                        entities=["triantafyllou", "velmora-ship"],
                    ),
                ],
            )
        )  # fmt: skip


class TestPostingLists:
    def test_rows_given_event_by_event_are_gathered_by_key_in_event_order(self) -> None:
        rows = [[("a", 1.0), ("b", 0.5)], [], [("b", 2.0)], [("a", 0.25), ("c", 3.0)]]
        lists = PostingLists.build(["e0", "e1", "e2", "e3"], lambda: iter(rows))
        assert list(lists) == ["a", "b", "c"]
        assert {key: list(postings) for key, postings in lists.items()} == {
            "a": [("e0", 1.0), ("e3", 0.25)],
            "b": [("e0", 0.5), ("e2", 2.0)],
            "c": [("e3", 3.0)],
        }
        assert len(lists["a"]) == 2
        assert lists.get("missing", ()) == ()
        assert "c" in lists and "missing" not in lists

    def test_an_index_posts_each_entity_with_its_weight_for_each_event_listing_it(self) -> None:
        index = EventIndex.build(
            Catalog(
                stories=[Story(id="s", title={"en": "S"})],
                entities=[Entity(id=e, kind="person", name=e.title()) for e in ("ana", "bo", "cy")],
                events=[
                    Event(
                        id=f"e{k}", story_id="s", date=dt.date(2025, 1, k), title={"en": "E"}, summary={"en": "E."},
                        entities=entities,
                    )
                    for k, entities in enumerate([["ana", "bo"], ["bo", "cy", "bo"], ["ana"]], start=1)
                ],
            )
        )  # fmt: skip
        for entity_id in ("ana", "bo", "cy"):
            expected = [
                (event.id, index.entity_weight[("s", entity_id)] * index.centrality(event.id, entity_id))
                for event in index.events.values()
                if entity_id in event.entities
            ]
            assert list(index.entity_postings[entity_id]) == expected


PEACE_TALKS = " ".join(fold_phrase("peace talks"))
MIRNYE_PEREGOVORY = " ".join(fold_phrase("мирные переговоры"))


class TestViews:
    """What the index works out when asked answers as the tables it used to keep would have."""

    @pytest.fixture
    def index(self) -> EventIndex:
        return EventIndex.build(
            Catalog(
                stories=[Story(id="s", title={"en": "S"}), Story(id="t", title={"en": "T"})],
                entities=[Entity(id=e, kind="person", name=e.title()) for e in ("ana", "bo", "cy")],
                events=[
                    Event(
                        id=f"{story}{k}", story_id=story, date=dt.date(2025, 1, k), title={"en": "E"},
                        summary={"en": "E."}, entities=entities, numbers=numbers, phrases=phrases,
                    )
                    for story, k, entities, numbers, phrases in [
                        ("s", 1, ["ana", "bo"], ["12"], ["peace talks", "мирные переговоры"]),
                        ("s", 2, ["bo", "cy", "bo"], ["12", "7"], []),
                        ("s", 3, ["ana"], [], ["peace talks"]),
                        ("t", 4, ["cy"], ["7"], ["trade deal"]),
                    ]
                ],
            )
        )  # fmt: skip

    def test_weights_answer_by_story_and_key(self, index: EventIndex) -> None:
        assert ("s", "ana") in index.entity_weight and ("t", "ana") not in index.entity_weight
        assert index.entity_weight.get(("t", "ana"), 0.0) == 0.0
        assert index.entity_weight.get(("nowhere", "ana")) is None
        assert set(index.number_weight) == {("s", "12"), ("s", "7"), ("t", "7")}
        # Two of the story's events name the peace talks in English, one in Russian: the Russian is the rarer.
        assert index.phrase_weight[("s", PEACE_TALKS)] < index.phrase_weight[("s", MIRNYE_PEREGOVORY)]
        with pytest.raises(KeyError):
            index.entity_weight[("t", "ana")]

    def test_an_events_mass_is_its_weighed_evidence_with_its_phrases_once(self, index: EventIndex) -> None:
        expected = (
            index.entity_weight[("s", "ana")]
            + index.entity_weight[("s", "bo")]
            + index.number_weight[("s", "12")]
            + max(index.phrase_weight[("s", PEACE_TALKS)], index.phrase_weight[("s", MIRNYE_PEREGOVORY)])
        )
        assert index.event_mass["s1"] == expected
        assert index.event_mass.get("missing") is None
        assert len(index.event_mass) == 4


class TestRarity:
    """A piece of evidence weighs by how few of its story's events show it (``idf``); for the confidence model, a
    smaller story's evidence is scaled to a story of ``REFERENCE_EVENTS``, the size the model is fitted on."""

    @pytest.mark.parametrize("total", [3, 6, 10])
    def test_a_piece_one_event_shows_weighs_as_in_a_story_of_the_reference_size(self, total: int) -> None:
        assert idf(1, total) * rarity_scale(total) == pytest.approx(idf(1, REFERENCE_EVENTS))

    @pytest.mark.parametrize("total", [1, 2, REFERENCE_EVENTS, 40])
    def test_young_stories_and_those_of_the_reference_size_are_not_scaled(self, total: int) -> None:
        assert rarity_scale(total) == 1.0

    def test_the_more_events_show_a_piece_the_less_it_weighs(self) -> None:
        assert idf(1, 6) > idf(3, 6) > idf(6, 6) > 0
