from __future__ import annotations

from importlib import resources

import msgspec
import pytest

from backstory.events.models import Entity
from backstory.matching.aliases import (
    PLACES_FILE,
    PlaceTable,
    cldr_places,
    owned_surnames,
    place_aliases,
    place_names,
    surnames,
)
from backstory.matching.normalise import fold_phrase


class TestSurnames:
    def test_a_person_is_also_called_by_the_surname(self) -> None:
        entity = Entity(id="p", kind="person", name="Orla Fenwick", aliases=["O. P. Fenwick-Hale"])
        assert surnames(entity) == ["Fenwick", "Fenwick-Hale"]

    def test_a_short_surname_is_no_alias(self) -> None:
        assert surnames(Entity(id="p", kind="person", name="Lin Xu")) == []

    def test_a_generational_suffix_is_no_surname(self) -> None:
        entity = Entity(id="p", kind="person", name="Ambrose T. Fenwick Jr.", aliases=["Lowell Garrity, III"])
        assert surnames(entity) == ["Fenwick", "Garrity"]

    def test_only_people_get_surnames(self) -> None:
        assert surnames(Entity(id="o", kind="org", name="Bluefin Air")) == []


class TestOwnedSurnames:
    def test_a_shared_surname_belongs_to_whom_the_story_names_most(self) -> None:
        orla = Entity(id="orla", kind="person", name="Orla Fenwick")
        tam = Entity(id="tam", kind="person", name="Tam Fenwick")
        owned = owned_surnames([orla, tam], {"orla": ["harbour"] * 3, "tam": ["harbour"]})
        assert owned == {"orla": ["Fenwick"], "tam": []}

    def test_a_surname_curated_for_another_entity_is_that_ones(self) -> None:
        orla = Entity(id="orla", kind="person", name="Orla Fenwick")
        tam = Entity(id="tam", kind="person", name="Tam Fenwick", aliases=["Fenwick"])
        owned = owned_surnames([orla, tam], {"orla": ["harbour"] * 3, "tam": ["harbour"]})
        assert owned["orla"] == []

    def test_people_of_different_stories_keep_their_surnames(self) -> None:
        orla = Entity(id="orla", kind="person", name="Orla Fenwick")
        tam = Entity(id="tam", kind="person", name="Tam Fenwick")
        owned = owned_surnames([orla, tam], {"orla": ["harbour"], "tam": ["mines"]})
        assert owned == {"orla": ["Fenwick"], "tam": ["Fenwick"]}


class TestPlaceAliases:
    @pytest.mark.parametrize("name", ["Беларусь", "بيلاروس", "벨라루스", "Λευκορωσία", "Białoruś", "Belarus"])
    def test_a_country_gets_its_cldr_names_in_every_language(self, name: str) -> None:
        assert name in place_aliases(Entity(id="b", kind="place", name="Belarus"))

    @pytest.mark.parametrize("name", ["Минск", "مينسك", "ミンスク", "Μινσκ"])
    def test_a_city_gets_the_cldr_names_of_its_time_zone(self, name: str) -> None:
        assert name in place_aliases(Entity(id="m", kind="place", name="Minsk"))

    def test_an_invented_place_gets_nothing(self) -> None:
        assert place_aliases(Entity(id="v", kind="place", name="Port Veln")) == []

    def test_places_are_keyed_by_their_folded_english_name(self) -> None:
        assert "Vereinigte Staaten" in place_names()[fold_phrase("United States")]


class TestShippedPlaceTable:
    """``places.json`` is what ``python -m backstory.research.places`` writes from Babel's CLDR."""

    def test_it_is_what_the_installed_babel_gives(self) -> None:
        shipped = msgspec.json.decode(
            resources.files("backstory.matching").joinpath(PLACES_FILE).read_bytes(), type=PlaceTable
        )
        current = cldr_places()

        if shipped.babel == current.babel:
            assert shipped == current
        else:
            # Another Babel carries another CLDR release: names get corrected, but a place keeps most of them.
            for name in ("Belarus", "Ukraine", "Minsk", "Vilnius", "United States"):
                kept = set(shipped.places[name]) & set(current.places[name])
                assert len(kept) >= 0.8 * len(current.places[name]), name

    def test_the_table_is_read_from_the_file(self) -> None:
        assert place_names()[fold_phrase("Belarus")] == tuple(dict.fromkeys(cldr_places().places["Belarus"]))
