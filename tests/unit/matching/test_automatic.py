from __future__ import annotations

import datetime as dt

import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.automatic import countries_named, with_found_countries
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex


class TestCountriesNamed:
    def test_countries_and_their_adjectives_are_found(self) -> None:
        text = "Romanian and Bulgarian envoys met in Portugal."
        assert countries_named(text) == {"RO": "Romania", "BG": "Bulgaria", "PT": "Portugal"}

    def test_a_word_without_a_capital_is_no_country(self) -> None:
        assert countries_named("They roasted a turkey and a chad of paper.") == {}


class TestWithFoundCountries:
    def test_an_event_gets_the_countries_its_title_names(self, catalog: Catalog) -> None:
        event = with_found_countries(catalog).events[0]
        assert event.entities == ["orla-fenwick", "cldr-no"]

    def test_a_country_the_story_has_an_entity_for_is_not_added_again(self, catalog: Catalog) -> None:
        event = with_found_countries(catalog).events[1]
        assert event.entities == ["orla-fenwick", "chile"]

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
            ],
            events=[
                Event(
                    id="visit", story_id="fjords", date=dt.date(2025, 2, 1), title={"en": "Fenwick visits Norway"},
                    summary={"en": "The Norwegian hosts met her."}, entities=["orla-fenwick"],
                ),
                Event(
                    id="trade", story_id="andes", date=dt.date(2025, 3, 1), title={"en": "Fenwick in Chile"},
                    summary={"en": "Trade talks in Chile."}, entities=["orla-fenwick", "chile"],
                ),
            ],
        )  # fmt: skip
