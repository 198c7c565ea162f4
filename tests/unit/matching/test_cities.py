from __future__ import annotations

import datetime as dt

import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.cities import city_names
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex
from backstory.matching.normalise import fold_text


class TestCityNames:
    def test_a_city_gets_its_names_in_other_scripts(self) -> None:
        names = city_names(["Geneva"])["Geneva"]

        assert {"Genf", "Женева", "日内瓦", "제네바", "Γενεύη"} <= set(names)

    def test_the_most_populous_city_of_the_name_is_meant(self) -> None:
        # GeoNames also knows a small Moscow in Idaho; the press means the capital.
        assert "Москва" in city_names(["Moscow"])["Moscow"]

    def test_a_name_geonames_spells_otherwise_is_found_among_its_other_names(self) -> None:
        # GeoNames writes the capital of Myanmar Nay Pyi Taw, and Mumbai so: their other names hold the curator's.
        naypyitaw = city_names(["Naypyitaw"])["Naypyitaw"]
        assert "Nay Pyi Taw" in naypyitaw and "Naypyitaw" not in naypyitaw
        assert "Мумбаи" in city_names(["Bombay"])["Bombay"]
        assert city_names(["Naypyitawville"])["Naypyitawville"] == ()

    def test_a_country_or_a_short_name_is_not_looked_for_among_other_names(self) -> None:
        # GeoNames' other names hold India for the Serbian town of Inđija, and Kina (China in Swedish) for Kinna.
        assert city_names(["India", "Kina", "USA"]) == {"India": (), "Kina": (), "USA": ()}

    def test_what_follows_a_comma_is_the_region(self) -> None:
        assert "Анкоридж" in city_names(["Anchorage, Alaska"])["Anchorage, Alaska"]

    def test_codes_romanisations_and_notes_are_left_out(self) -> None:
        names = city_names(["Geneva", "Istanbul"])

        assert "GVA" not in names["Geneva"]  # an airport code
        assert not [name for name in names["Geneva"] if name[0] in "abcdefghijklmnopqrstuvwxyz"]  # romanisations
        assert not [name for name in names["Istanbul"] if "(" in name or "[" in name]

    def test_a_name_that_folds_too_short_is_left_out(self) -> None:
        # Hebrew לבוב (Lviv) is four letters in ASCII, lbvv, but folds to two, as short as common words; Syriac
        # ܐܬܝܢܐ (Athens) folds to "tin", which the Greek article την is too.
        lviv, athens = city_names(["Lviv"])["Lviv"], city_names(["Athens"])["Athens"]

        assert "Львів" in lviv and "לבוב" not in lviv
        assert "Αθήνα" in athens and "ܐܬܝܢܐ" not in athens
        assert all(sum(map(len, fold_text(name))) >= 3 for name in [*lviv, *athens])

    def test_a_short_arabic_or_persian_name_is_kept(self) -> None:
        # Vowels unwritten, three letters are a whole name there: Persian ژنو, Geneva.
        assert "ژنو" in city_names(["Geneva"])["Geneva"]

    def test_an_unknown_place_has_no_names(self) -> None:
        assert city_names(["Ostravel"]) == {"Ostravel": ()}

    def test_a_name_not_known_to_be_a_place_takes_only_a_large_citys_own_name(self) -> None:
        # Found in an event's capitals, Mumbai is GeoNames' own name of a city of millions; Bombay only one of its
        # other names, and Idaho's Moscow a town of 25,000.
        found = city_names([], found=["Mumbai", "Bombay", "Ostravel"], least=100_000)

        assert "Бомбей" in found["Mumbai"] and "Bombay" not in found and "Ostravel" not in found
        assert "Moscow" in city_names([], found=["Moscow"], least=100_000)
        assert city_names([], found=["Moscow"], least=20_000_000) == {}
        # A name curated as a place is one, whatever its size.
        assert "Москва" in city_names(["Moscow"], found=["Moscow"], least=20_000_000)["Moscow"]


class TestPlacesInTheIndex:
    @staticmethod
    def _index(kind: str) -> EventIndex:
        return EventIndex.build(
            Catalog(
                stories=[Story(id="s", title={"en": "s"})],
                entities=[Entity(id="geneva", kind=kind, name="Geneva")],  # type: ignore[arg-type]
                events=[
                    Event(
                        id="e", story_id="s", date=dt.date(2025, 11, 23),
                        title={"en": "Talks in Geneva"}, summary={"en": "Talks in Geneva."}, entities=["geneva"],
                    )
                ],
            )
        )  # fmt: skip

    @pytest.mark.parametrize(
        ("text", "lang"),
        [("Переговоры в Женеве продолжились в воскресенье.", "ru"), ("代表团周日在日内瓦继续会谈。", "zh")],
    )
    def test_a_place_curated_in_english_is_found_in_other_scripts(self, text: str, lang: str) -> None:
        evidence = gather(build_document(text, langs=[lang]), self._index("place"))

        assert "geneva" in evidence.names

    def test_only_places_get_city_names(self) -> None:
        # A person or an organisation called like a city is not that city.
        evidence = gather(build_document("Переговоры в Женеве продолжились.", langs=["ru"]), self._index("org"))

        assert "geneva" not in evidence.names

    def test_a_city_found_in_an_uncurated_events_capitals_is_found_under_its_other_names(self) -> None:
        # An event imported with a title and a lead only (as WikiNews' are): its names are found in its capitals.
        index = EventIndex.build(
            Catalog(
                stories=[Story(id="s", title={"en": "s"})],
                entities=[],
                events=[
                    Event(
                        id="e", story_id="s", date=dt.date(2025, 11, 23), title={"en": "Gunmen attack hotels in Mumbai"},
                        summary={"en": "Gunmen attacked two hotels and a railway station in Mumbai on Wednesday."},
                    )
                ],
            )
        )  # fmt: skip
        found = [e for e in index.events["e"].entities if index.entities[e].name == "Mumbai"]
        assert found

        for text, lang in [("Attacchi a Bombay: colpiti due alberghi.", "it"), ("Нападения в Мумбаи на отели.", "ru")]:
            assert found[0] in gather(build_document(text, langs=[lang]), index).names
