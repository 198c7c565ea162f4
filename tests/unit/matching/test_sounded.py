from __future__ import annotations

import pytest

from backstory.events.models import Entity
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex
from backstory.matching.sounded import sounded_forms, sounded_forms_of
from tests.unit.matching.conftest import one_entity_index


class TestSoundedForms:
    @pytest.mark.parametrize(
        ("name", "form"),
        [
            ("Coale", "Koul"),  # oa, and a closing silent e
            ("Vance", "Vens"),  # c before e; a closed by consonants heard as e
            ("Vance", "Vans"),  # and as a
            ("Emmanuel Macron", "Emmanuel Makron"),  # c elsewhere
            ("Christopher Smith", "Kristopher Smit"),  # ch before a consonant, th
            ("John Coale", "Dzhon Koul"),  # j opening a syllable, an h closing one
            ("Karoline Leavitt", "Karolin Levitt"),  # ea
            ("Jamieson Greer", "Dzhamieson Grir"),  # ee
            ("Steve Witkoff", "Stev Uitkoff"),  # w opening a word
            ("Luigi Mangione", "Luigi Mandzhone"),  # gi before a vowel, and an Italian name's closing e sounded
            ("Rudy Giuliani", "Rudy Dzhuliani"),
            ("Angela Rayner", "Angela Reiner"),  # ay, the diphthong ei
        ],
    )
    def test_the_spelling_by_sound_is_among_the_forms(self, name: str, form: str) -> None:
        assert form in sounded_forms(name)

    @pytest.mark.parametrize(
        "name",
        [
            "Donald Trump",  # spelled as it sounds already
            "Marco",  # four letters or more, but Rubio-like: c is k
            "Ивано",  # another alphabet: nothing to spell out
            "Lee",  # too short: it would become another word
            "Schmidt",  # sch is no ch
            "Bayer",  # ay before a vowel is no diphthong
        ],
    )
    def test_no_form_beyond_the_name(self, name: str) -> None:
        forms = sounded_forms(name)
        assert name not in forms and all(form.lower() != name.lower() for form in forms)
        if name != "Marco":
            assert forms == []

    def test_the_case_of_each_word_is_kept(self) -> None:
        assert sounded_forms("Coale") == ["Koul"]
        assert sounded_forms("coale") == ["koul"]

    def test_forms_of_several_names_once_each(self) -> None:
        assert sounded_forms_of(["Coale", "Coale", "Trump"]) == ["Koul"]


class TestInTheIndex:
    """A person curated in English spelling is found where the press of another alphabet writes the name as it
    sounds, and only there."""

    @pytest.fixture
    def index(self) -> EventIndex:
        return one_entity_index(Entity(id="coale", kind="person", name="John Coale"))

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            ("ru", "Джон Коул прибыл в Минск."),
            ("uk", "Коул прибув до Мінська."),
            ("sr", "Džon Koul je stigao u Minsk."),
        ],
    )
    def test_the_spelling_by_sound_is_found(self, index: EventIndex, lang: str, text: str) -> None:
        assert "coale" in gather(build_document(text, None, [lang]), index).names

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            ("el", "Ο Βανς έφτασε στο Μινσκ."),
            ("hy", "Վենսը ժամանեց Մինսկ։"),
            ("ka", "ვენსი ჩავიდა მინსკში."),  # Georgian writes names without capitals
        ],
    )
    def test_in_other_alphabets(self, lang: str, text: str) -> None:
        index = one_entity_index(Entity(id="vance", kind="person", name="JD Vance"))
        assert "vance" in gather(build_document(text, None, [lang]), index).names

    @pytest.mark.parametrize(
        ("lang", "text"),
        [
            ("ru", "Луиджи Манджоне не признал вину."),
            ("hy", "Լուիջի Մանջոնե դատարանում է։"),
            ("ka", "ლუიჯი მანჯონე სასამართლოშია."),
        ],
    )
    def test_an_italian_name(self, lang: str, text: str) -> None:
        index = one_entity_index(Entity(id="mangione", kind="person", name="Luigi Mangione", aliases=["Mangione"]))
        assert "mangione" in gather(build_document(text, None, [lang]), index).names

    def test_not_in_languages_that_write_names_as_spelled(self, index: EventIndex) -> None:
        # A Dutch or English "Koul" is no Coale.
        assert "coale" not in gather(build_document("Koul arrived in Minsk.", None, ["en"]), index).names
        assert "coale" not in gather(build_document("Koul kwam in Minsk aan.", None, ["nl"]), index).names

    def test_no_form_when_the_curator_wrote_the_name_in_another_alphabet(self) -> None:
        index = one_entity_index(Entity(id="coale", kind="person", name="John Coale", aliases=["Джон Коул"]))
        assert "coale" in gather(build_document("Джон Коул прибыл.", None, ["ru"]), index).names
        assert "coale" not in gather(build_document("Koul je stigao.", None, ["sr"]), index).names

    def test_only_written_with_a_capital(self) -> None:
        index = one_entity_index(Entity(id="kallas", kind="person", name="Kaja Kallas"))
        # Greek κάλεσε ("called") folds as Kallas heard with an e.
        assert (
            "kallas" not in gather(build_document("Ο υπουργός κάλεσε τους δημοσιογράφους.", None, ["el"]), index).names
        )
