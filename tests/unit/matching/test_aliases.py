from __future__ import annotations

import pytest

from backstory.events.models import Entity
from backstory.matching.aliases import implicit_aliases, place_names
from backstory.matching.normalise import fold_phrase


class TestImplicitAliases:
    def test_a_person_is_also_called_by_the_surname(self) -> None:
        entity = Entity(id="p", kind="person", name="Orla Fenwick", aliases=["O. P. Fenwick-Hale"])
        assert set(implicit_aliases(entity)) == {"Fenwick", "Fenwick-Hale"}

    def test_a_short_surname_is_no_alias(self) -> None:
        assert implicit_aliases(Entity(id="p", kind="person", name="Lin Xu")) == []

    def test_only_people_get_surnames(self) -> None:
        assert implicit_aliases(Entity(id="o", kind="org", name="Bluefin Air")) == []

    @pytest.mark.parametrize("name", ["Беларусь", "بيلاروس", "벨라루스", "Λευκορωσία", "Białoruś", "Belarus"])
    def test_a_country_gets_its_cldr_names_in_every_language(self, name: str) -> None:
        assert name in implicit_aliases(Entity(id="b", kind="place", name="Belarus"))

    @pytest.mark.parametrize("name", ["Минск", "مينسك", "ミンスク", "Μινσκ"])
    def test_a_city_gets_the_cldr_names_of_its_time_zone(self, name: str) -> None:
        assert name in implicit_aliases(Entity(id="m", kind="place", name="Minsk"))

    def test_an_invented_place_gets_nothing(self) -> None:
        assert implicit_aliases(Entity(id="v", kind="place", name="Port Veln")) == []


class TestPlaceNames:
    def test_places_are_keyed_by_their_folded_english_name(self) -> None:
        assert "Vereinigte Staaten" in place_names()[fold_phrase("United States")]
