from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from backstory.events.models import Catalog, Entity, Event, Source, Story
from backstory.matching.automatic import (
    MAX_FOUND,
    capitalised_runs,
    countries_named,
    found_name_id,
    names_in,
    with_found_countries,
    with_found_names,
    with_story_entities_named,
)
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex


class TestCountriesNamed:
    def test_countries_and_their_adjectives_are_found(self) -> None:
        text = "Romanian and Bulgarian envoys met in Portugal."
        assert countries_named(text) == {"RO": "Romania", "BG": "Bulgaria", "PT": "Portugal"}

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Australian police", {"AU": "Australia"}),  # not Austria
            ("Ukrainians and Israelis; Turkish troops", {"UA": "Ukraine", "IL": "Israel", "TR": "Türkiye"}),
            ("The Dolmabahce Palace", {}),  # not Palau
            ("George W. Bush in Indiana", {}),  # neither Georgia nor India
        ],
    )
    def test_english_adds_only_a_demonym_or_a_plural_to_a_country(self, text: str, expected: dict[str, str]) -> None:
        assert countries_named(text) == expected

    def test_a_word_without_a_capital_is_no_country(self) -> None:
        assert countries_named("They roasted a turkey and a chad of paper.") == {}


class TestWithFoundCountries:
    def test_an_event_gets_the_countries_its_title_names(self, catalog: Catalog) -> None:
        event = with_found_countries(catalog).events[0]
        assert event.entities == ["orla-fenwick", "fjord-council", "cldr-no"]

    def test_a_country_the_story_has_an_entity_for_is_not_added_again(self, catalog: Catalog) -> None:
        event = with_found_countries(catalog).events[1]
        assert event.entities == ["orla-fenwick", "chile"]

    def test_a_country_read_in_a_listed_persons_name_is_not_added(self) -> None:
        pope = Entity(id="pope-francis", kind="person", name="Pope Francis")
        texts = {"ill": "Pope Francis admitted to hospital", "trip": "Pope Francis flies to France"}
        catalog = Catalog(
            stories=[Story(id="rome", title={"en": "Rome"})],
            entities=[pope],
            events=[
                Event(
                    id=id_,
                    story_id="rome",
                    date=dt.date(2025, 2, 14),
                    title={"en": text},
                    summary={},
                    entities=[pope.id],
                )
                for id_, text in texts.items()
            ],
        )
        ill, trip = with_found_countries(catalog).events
        assert countries_named(texts["ill"]) == {"FR": "France"}  # Francis, read as an inflected France
        assert ill.entities == ["pope-francis"]
        assert trip.entities == ["pope-francis", "cldr-fr"]

    @pytest.mark.parametrize(
        "text", ["Фенвик прибыла в Норвегию.", "وصلت فينويك إلى النرويج.", "펜윅이 노르웨이에 도착했다."]
    )
    def test_the_found_country_is_matched_in_every_language(self, catalog: Catalog, text: str) -> None:
        index = EventIndex.build(catalog)
        assert "cldr-no" in gather(build_document(text), index).names

    @pytest.fixture
    def catalog(self) -> Catalog:
        return Catalog(
            stories=[Story(id="fjords", title={"en": "Fjords"}), Story(id="andes", title={"en": "Andes"})],
            entities=[
                Entity(id="orla-fenwick", kind="person", name="Orla Fenwick", aliases=["Фенвик"]),
                Entity(id="chile", kind="place", name="Chile"),
                Entity(id="fjord-council", kind="org", name="Fjord Council"),
            ],
            events=[
                Event(
                    id="visit", story_id="fjords", date=dt.date(2025, 2, 1), title={"en": "Fenwick visits Norway"},
                    summary={"en": "The Norwegian hosts met her."}, entities=["orla-fenwick", "fjord-council"],
                ),
                Event(
                    id="trade", story_id="andes", date=dt.date(2025, 3, 1), title={"en": "Fenwick in Chile"},
                    summary={"en": "Trade talks in Chile."}, entities=["orla-fenwick", "chile"],
                ),
            ],
        )  # fmt: skip


class TestWithStoryEntitiesNamed:
    """An event's English texts name entities its story's other events list: they are the event's too, listed last."""

    def test_an_entity_another_event_lists_and_this_one_names_is_added_last(self) -> None:
        events = with_story_entities_named(self._catalog()).events
        assert events[1].entities == ["orla-fenwick", "fjord-council", "bergen"]

    def test_a_possessive_names_it_and_a_longer_word_does_not(self) -> None:
        events = with_story_entities_named(self._catalog()).events
        assert events[0].entities == ["orla-fenwick", "bergen", "fjord-council"]  # "the Fjord Council's chair"
        assert events[2].entities == ["orla-fenwick", "fjord-council"]  # "Bergenhus" is not Bergen

    def test_not_across_stories_nor_for_events_whose_names_are_found(self) -> None:
        catalog = self._catalog()
        bare = msgspec.structs.replace(catalog.events[1], entities=["orla-fenwick"])
        other = msgspec.structs.replace(catalog.events[1], id="elsewhere", story_id="andes")
        events = with_story_entities_named(
            msgspec.structs.replace(catalog, events=[catalog.events[0], bare, other])
        ).events
        assert events[1].entities == ["orla-fenwick"]
        assert events[2].entities == ["orla-fenwick", "fjord-council"]

    def test_the_added_name_weighs_less_where_every_event_carries_it(self) -> None:
        catalog = self._catalog()
        index = EventIndex.build(catalog)
        # Bergen is listed by one event of three and named by another: both have it, so it tells them apart less.
        assert index.centrality("council-vote", "bergen") > 0
        assert (
            index.entity_weight[("fjords", "bergen")]
            < EventIndex.build(
                msgspec.structs.replace(catalog, events=[catalog.events[0], catalog.events[2]])
            ).entity_weight[("fjords", "bergen")]
        )

    @staticmethod
    def _catalog() -> Catalog:
        def event(event_id: str, title: str, summary: str, entities: list[str]) -> Event:
            return Event(
                id=event_id, story_id="fjords", date=dt.date(2025, 2, 1), title={"en": title},
                summary={"en": summary}, entities=entities,
            )  # fmt: skip

        return Catalog(
            stories=[Story(id="fjords", title={"en": "Fjords"}), Story(id="andes", title={"en": "Andes"})],
            entities=[
                Entity(id="orla-fenwick", kind="person", name="Orla Fenwick"),
                Entity(id="bergen", kind="place", name="Bergen"),
                Entity(id="fjord-council", kind="org", name="Fjord Council"),
            ],
            events=[
                event(
                    "visit", "Fenwick visits Bergen", "She met the Fjord Council's chair.", ["orla-fenwick", "bergen"]
                ),
                event(
                    "council-vote",
                    "Fjord Council votes",
                    "Fenwick's plan passed in Bergen.",
                    ["orla-fenwick", "fjord-council"],
                ),
                event("harbour", "Harbour deal", "Fenwick signed it at Bergenhus.", ["orla-fenwick", "fjord-council"]),
            ],
        )


class TestCapitalisedRuns:
    def test_it_finds_names_but_not_a_sentences_first_word(self) -> None:
        runs = capitalised_runs("The harbour of Velmora fined Quillon Marine. Islanders met Tessaly Brandt.")

        assert runs == ["Velmora", "Quillon Marine", "Tessaly Brandt"]

    def test_a_comma_ends_a_run(self) -> None:
        assert capitalised_runs("She met Brandt, Velmora and Quillon.") == ["Brandt", "Velmora", "Quillon"]


class TestNamesIn:
    def test_each_longer_word_of_a_run_is_a_name_too(self) -> None:
        names = names_in(["The harbour of Velmora fined Quillon Marine on Tuesday."])

        assert names == ["Velmora", "Quillon Marine", "Quillon", "Marine", "Tuesday"]

    def test_a_title_cased_headline_gives_no_names(self) -> None:
        assert names_in(["Harbour Master Fines Quillon Marine Over Cancelled Crossings"]) == []


class TestFoundNameId:
    def test_a_latin_name_gives_a_readable_id_and_another_script_a_digest(self) -> None:
        assert found_name_id(("kuilon", "marine")) == "auto-kuilon-marine"
        cyrillic = found_name_id(("квиллон",))
        assert cyrillic.startswith("auto-") and len(cyrillic) == len("auto-") + 16


class TestWithFoundNames:
    def test_an_event_without_entities_gets_the_names_of_its_summary_and_sources(self, catalog: Catalog) -> None:
        event = with_found_names(catalog).events[0]

        # Velmora is the name of a curated entity: that entity is the one linked.
        assert event.entities == ["velmora", "auto-kuilon-marine", "auto-kuilon", "auto-marine", "auto-brandt"]

    def test_an_event_with_curated_entities_is_left_as_curated(self, catalog: Catalog) -> None:
        assert with_found_names(catalog).events[2] == catalog.events[2]

    def test_two_events_naming_the_same_one_share_its_entity(self, catalog: Catalog) -> None:
        found = with_found_names(catalog)

        assert "auto-kuilon-marine" in found.events[1].entities
        assert [e.id for e in found.entities].count("auto-kuilon-marine") == 1

    def test_an_event_keeps_at_most_max_found_names(self) -> None:
        words = " with ".join(f"Name{chr(65 + i % 26)}{chr(65 + i // 26)}x" for i in range(MAX_FOUND + 5))
        event = Event(
            id="e", story_id="s", date=dt.date(2025, 1, 1), title={"en": "A list"}, summary={"en": f"We met {words}."}
        )
        found = with_found_names(Catalog(stories=[Story(id="s", title={"en": "S"})], events=[event], entities=[]))

        assert len(found.events[0].entities) == MAX_FOUND

    def test_the_index_matches_an_article_on_a_found_name(self, catalog: Catalog) -> None:
        index = EventIndex.build(catalog)

        names = gather(build_document("Le port de Velmora a infligé une amende à Quillon Marine."), index).names
        assert {"velmora", "auto-kuilon-marine"} <= set(names)

    @pytest.fixture
    def catalog(self) -> Catalog:
        return Catalog(
            stories=[Story(id="harbour", title={"en": "Harbour"})],
            entities=[
                Entity(id="tessaly-brandt", kind="person", name="Tessaly Brandt"),
                Entity(id="velmora", kind="place", name="Velmora"),
            ],
            events=[
                Event(
                    id="fine", story_id="harbour", date=dt.date(2025, 2, 1), title={"en": "A harbour fines an operator"},
                    summary={"en": "The harbour of Velmora fined Quillon Marine."},
                    sources=[Source(url="https://example.org/a", title="Штраф: порт оштрафовал Брандт")],
                ),
                Event(
                    id="appeal", story_id="harbour", date=dt.date(2025, 2, 9), title={"en": "The operator appeals"},
                    summary={"en": "The operator Quillon Marine said it would appeal."}, entities=["tessaly-brandt"],
                ),
                Event(
                    id="hearing", story_id="harbour", date=dt.date(2025, 3, 1), title={"en": "Hearing"},
                    summary={"en": "Tessaly Brandt heard Quillon Marine."}, entities=["tessaly-brandt", "velmora"],
                ),
            ],
        )  # fmt: skip
