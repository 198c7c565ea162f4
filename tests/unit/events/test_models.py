"""Names and texts for a reader of a language."""

from __future__ import annotations

import pytest

from backstory.events.models import Entity, entity_name, script_of

ENTITY = Entity(
    id="ottilie-varga", kind="person", name="Ottilie Varga", aliases=["Otylia Warga", "Оттилия Варга", "Οτίλια Βάργκα"]
)


class TestEntityName:
    @pytest.mark.parametrize(
        ("lang", "expected"),
        [("ru", "Оттилия Варга"), ("be", "Оттилия Варга"), ("el", "Οτίλια Βάργκα"), ("de", "Ottilie Varga"),
         ("pl", "Ottilie Varga"), (None, "Ottilie Varga"), ("ar", "Ottilie Varga")],
    )  # fmt: skip
    def test_a_reader_gets_the_name_in_the_script_of_their_language(self, lang: str | None, expected: str) -> None:
        assert entity_name(ENTITY, lang) == expected


class TestScriptOf:
    @pytest.mark.parametrize(
        ("text", "script"), [("Minsk", "LATIN"), ("«Минск»", "CYRILLIC"), ("明斯克", "CJK"), ("123", "")]
    )
    def test_it_names_the_script_of_the_first_letter(self, text: str, script: str) -> None:
        assert script_of(text) == script
