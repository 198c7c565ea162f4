from __future__ import annotations

import gettext
from importlib import resources

import msgspec
import pytest

from backstory.events.models import Entity
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex
from backstory.matching.subdivisions import SUBDIVISIONS_FILE, Subdivisions, read_table, subdivision_aliases
from backstory.research.subdivisions import subdivisions
from tests.unit.matching.conftest import one_entity_index


class _Catalog(gettext.NullTranslations):
    """A translation catalog from a dict, as gettext gives iso-codes' ones."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)


class TestTheTable:
    def test_a_subdivision_is_filed_under_its_english_name_with_the_names_that_differ(self) -> None:
        english = _Catalog({"Bayern": "Bavaria"})
        others = {"ru": _Catalog({"Bayern": "Бавария", "Texas": "Техас"}), "de": _Catalog({})}

        table = subdivisions(["Bayern", "Texas", "Ohio"], english, others, "test")

        assert table.names == {"Bavaria": ["Бавария"], "Texas": ["Техас"]}

    def test_the_shipped_table_is_what_the_installed_package_gives(self) -> None:
        pytest.importorskip("pycountry", reason="the test extra is not installed")
        from backstory.research.subdivisions import from_package

        shipped = msgspec.json.decode(
            resources.files("backstory.matching").joinpath(SUBDIVISIONS_FILE).read_bytes(), type=Subdivisions
        )
        assert shipped == from_package()
        assert shipped.license.startswith("LGPL-2.1")

    def test_a_country_or_city_that_cldr_names_is_left_to_cldr(self) -> None:
        table = read_table()
        # Georgia is a US state too; Washington a state and a city.
        assert "Тексас" in subdivision_aliases(["Texas"], table)
        assert subdivision_aliases(["Georgia"], table) == []


class TestInTheIndex:
    @staticmethod
    def _index(kind: str) -> EventIndex:
        return one_entity_index(Entity(id="texas", kind=kind, name="Texas"))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("text", "lang"),
        [("Спалах у Техасі триває.", "uk"), ("ההתפרצות בטקסס נמשכת.", "he"), ("टेक्सास में प्रकोप जारी है।", "hi")],
    )
    def test_a_state_curated_in_english_is_found_in_other_scripts(self, text: str, lang: str) -> None:
        assert "texas" in gather(build_document(text, langs=[lang]), self._index("place")).names

    def test_only_places_get_their_names(self) -> None:
        assert "texas" not in gather(build_document("Спалах у Техасі.", langs=["uk"]), self._index("org")).names
