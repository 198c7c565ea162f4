from __future__ import annotations

import pytest

from backstory.events.models import Entity
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex
from backstory.matching.slavic import russian_forms, russian_forms_of
from tests.unit.matching.conftest import one_entity_index


class TestRussianForms:
    @pytest.mark.parametrize(
        ("name", "form"),
        [
            ("Ihar Sabiha", "Igar Sabiga"),  # г: h in Belarusian and Ukrainian, g in Russian
            ("Hrodna", "Grodna"),
            ("Tsivanouskaya", "Tivanovskaya"),  # ў after a vowel, and ц before a soft vowel
            ("Dzmitry Palouk", "Dmitry Palovk"),  # дз
        ],
    )
    def test_the_russian_spelling_is_among_the_forms(self, name: str, form: str) -> None:
        assert form in russian_forms(name)

    def test_each_rule_also_alone(self) -> None:
        assert set(russian_forms("Tsivanouskaya")) == {"Tsivanovskaya", "Tivanouskaya", "Tivanovskaya"}

    @pytest.mark.parametrize(
        "name",
        [
            "Kharkiv Shevchuk",  # kh, sh and ch are sounds of their own
            "John Marlow",  # an English silent h
            "Youras",  # the ou of yo writes ю
            "Ивано",  # another alphabet: nothing to spell out
            "Hans",  # too short: it would become a common word
        ],
    )
    def test_no_form_where_no_rule_applies(self, name: str) -> None:
        assert russian_forms(name) == []

    def test_the_case_of_each_letter_is_kept(self) -> None:
        assert "Grodna" in russian_forms("Hrodna")
        assert "grodna" in russian_forms("hrodna")

    def test_forms_of_several_names_once_each(self) -> None:
        assert russian_forms_of(["Hrodna", "Hrodna", "Hans"]) == ["Grodna"]


class TestInTheIndex:
    """A person curated in English as Belarusian spells the name is found where Russian-language news writes it."""

    @pytest.fixture
    def index(self) -> EventIndex:
        return one_entity_index(Entity(id="tsivanouskaya", kind="person", name="Aliona Tsivanouskaya"))

    @pytest.mark.parametrize("text", ["Тивановская прибыла в порт.", "Встреча с Тивановской прошла вчера."])
    def test_the_russian_spelling_is_found(self, index: EventIndex, text: str) -> None:
        assert "tsivanouskaya" in gather(build_document(text, None, ["ru"]), index).names

    def test_other_people_are_not_found(self, index: EventIndex) -> None:
        assert gather(build_document("Иванова прибыла в порт.", None, ["ru"]), index).names == {}
