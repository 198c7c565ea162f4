from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.document import build_document
from backstory.matching.evidence import find_terms, gather
from backstory.matching.index import EventIndex
from tests.unit.matching.conftest import CATALOG, entities_index, one_entity_index


class TestFindTerms:
    def test_inflected_names_are_found(self, index: EventIndex) -> None:
        doc = build_document("Встреча с Заславским и Фенвиком прошла в Вельне.", None, ["ru"])
        assert {hit.term.target for hit in find_terms(doc, index)} == {
            "mirko-zaslavsky",
            "orla-fenwick",
            "port-veln",
        }

    @pytest.mark.parametrize(
        "text",
        [
            "التقى زاسلافسكي بالوفد في الميناء.",
            "זסלבסקי נפגש עם המשלחת בנמל.",
            "자슬랍스키는 항구에서 대표단을 만났다.",
            "ザスラフスキー氏は港で代表団と会った。",
        ],
    )
    def test_names_are_found_by_their_consonants_in_scripts_without_aliases(self, index: EventIndex, text: str) -> None:
        assert "mirko-zaslavsky" in {hit.term.target for hit in find_terms(build_document(text), index)}

    def test_a_name_found_by_its_consonants_is_found_each_time_it_is_written(self, index: EventIndex) -> None:
        doc = build_document("التقى زاسلافسكي بالوفد. ثم غادر زاسلافسكي الميناء.")
        assert {(hit.start, hit.end) for hit in find_terms(doc, index)} == {(1, 2), (5, 6)}

    def test_letters_and_syllables_are_both_read_in_one_article(self, index: EventIndex) -> None:
        doc = build_document("زاسلافسكي قال. 자슬랍스키는 항구에서 말했다.")
        assert {(hit.start, hit.end) for hit in find_terms(doc, index)} == {(0, 1), (2, 7)}

    def test_a_long_name_is_found_with_other_vowels(self, index: EventIndex) -> None:
        hits = find_terms(build_document("Mirko Zoslovsky arrived.", None, ["en"]), index)
        assert "mirko-zaslavsky" in {hit.term.target for hit in hits}

    def test_a_long_name_is_found_again_by_the_look_ups_remembered_for_the_index(self, index: EventIndex) -> None:
        found = [
            {hit.term.target for hit in find_terms(build_document("Mirko Zoslovsky arrived.", None, [lang]), index)}
            for lang in ("en", "en", "de")
        ]
        assert all("mirko-zaslavsky" in targets for targets in found)

    @pytest.mark.parametrize(("text", "lang"), [("Трунва прибыла.", "ru"), ("Η Τρανβο έφτασε.", "el")])
    def test_a_shorter_name_in_another_alphabet_is_found_with_other_vowels(
        self, vowels: EventIndex, text: str, lang: str
    ) -> None:
        assert "trenvo" in gather(build_document(text, None, [lang]), vowels).names

    @pytest.mark.parametrize(
        ("text", "lang"),
        [("Η τρανβο έφτασε.", "el"), ("Прибыла трунва.", "ru")],
    )
    def test_a_word_in_small_letters_is_no_name_by_other_vowels(self, vowels: EventIndex, text: str, lang: str) -> None:
        # Greek ανακοίνωσε ("announced") read as Nakanishi, Spanish previsto as Prevost.
        assert "trenvo" not in gather(build_document(text, None, [lang]), vowels).names

    def test_a_latin_word_needs_a_long_name_to_meet_it_by_consonants(self, vowels: EventIndex) -> None:
        assert "trenvo" not in gather(build_document("Trinvu arrived.", None, ["en"]), vowels).names

    @pytest.fixture
    def vowels(self) -> EventIndex:
        return one_entity_index(Entity(id="trenvo", kind="person", name="Ada Trenvo"))

    def test_short_acronyms_must_be_capitalised(self, index: EventIndex) -> None:
        assert find_terms(build_document("the tmk of it", None, ["en"]), index) == []
        assert [h.term.target for h in find_terms(build_document("the TMK fined", None, ["en"]), index)] == ["tmk"]

    def test_a_short_word_in_capitals_is_no_name(self) -> None:
        # An acronym meets acronyms only: QSI folds as Xi does.
        xi = one_entity_index(Entity(id="xi", kind="person", name="Xi Jinping", aliases=["Xi"]))
        assert "xi" not in gather(build_document("Le fonds QSI a investi.", None, ["fr"]), xi).names
        assert "xi" in gather(build_document("Xi a parlé.", None, ["fr"]), xi).names

    def test_a_two_letter_acronym_is_not_a_word_opening_a_sentence(self) -> None:
        un = one_entity_index(Entity(id="un", kind="org", name="United Nations", aliases=["UN"]))
        doc = build_document("Un día antes, la ayuda del UN llegó a Mandalay.", None, ["es"])
        assert [(h.term.target, h.start) for h in find_terms(doc, un)] == [("un", 6)]

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("I said JJ won.", "en"),
            ("Η νίκη του JJ.", "el"),
            ("И JJ победил.", "ru"),
            ("Я знаю, что JJ победил.", "ru"),
        ],
    )
    def test_a_letter_alone_is_no_acronym(self, text: str, lang: str) -> None:
        # JJ folds as English I, Greek Η, Russian И do: only the word JJ is the singer.
        jj = one_entity_index(Entity(id="jj", kind="person", name="JJ"))
        doc = build_document(text, None, [lang])
        assert [doc.tokens.words[h.start] for h in find_terms(doc, jj)] == ["JJ"]

    @pytest.mark.parametrize(
        ("text", "lang"), [("Модели ИИ растут.", "ru"), ("King Charles III spoke.", "en"), ("ХСС победил.", "ru")]
    )
    def test_an_acronym_is_its_letters_transliterated_not_folded(self, text: str, lang: str) -> None:
        # ИИ (Russian AI) and the numeral III fold as JJ, ХСС (CSU) as HHS; НАТО is NATO's letters.
        index = entities_index(
            Entity(id="jj", kind="person", name="JJ"),
            Entity(id="hhs", kind="org", name="HHS"),
            Entity(id="nato", kind="org", name="NATO"),
        )
        assert not gather(build_document(text, None, [lang]), index).names
        assert "nato" in gather(build_document("Саммит НАТО прошёл.", None, ["ru"]), index).names

    def test_a_transliterated_acronym_may_keep_a_small_letter(self) -> None:
        usa = one_entity_index(Entity(id="usa", kind="place", name="United States", aliases=["SShA"]))
        assert [h.term.target for h in find_terms(build_document("Посол США прибыл.", None, ["ru"]), usa)] == ["usa"]

    def test_an_acronym_counts_each_time_it_is_written_in_capitals_only(self, index: EventIndex) -> None:
        doc = build_document("The TMK fined it; the tmk of it; TMK again.", None, ["en"])
        assert [(h.term.target, h.start) for h in find_terms(doc, index)] == [("tmk", 1), ("tmk", 8)]

    def test_a_phrase_is_found_each_time_it_is_written(self, index: EventIndex) -> None:
        doc = build_document("Open skies first, then open the skies, then open skies again.", None, ["en"])
        assert sorted((h.start, h.end) for h in find_terms(doc, index)) == [(0, 2), (4, 7), (8, 10)]

    def test_the_longest_name_wins_over_its_parts(self, index: EventIndex) -> None:
        (hit,) = find_terms(build_document("Mirko Zaslavsky spoke.", None, ["en"]), index)
        assert hit.term.label == "Mirko Zaslavsky"

    def test_a_short_word_may_stand_inside_a_phrase(self, index: EventIndex) -> None:
        doc = build_document("They agreed on open the skies over the bay.", None, ["en"])
        assert [h.term.label for h in find_terms(doc, index)] == ["open skies"]


class TestGather:
    def test_a_name_keeps_its_highest_place_and_its_count(self, index: EventIndex) -> None:
        doc = build_document("Zaslavsky speaks\n" + "Filler words here. " * 60 + "Zaslavsky again.", None, ["en"])
        seen = gather(doc, index).names["mirko-zaslavsky"]
        assert (seen.zone, seen.count) == ("headline", 2)

    def test_only_numbers_the_event_set_knows_are_kept(self, index: EventIndex) -> None:
        doc = build_document("Of 41 routes and 77 ships, 1,300 fines.", None, ["en"])
        assert set(gather(doc, index).numbers) == {"41", "1300"}

    def test_event_numbers_are_read_when_written_in_words(self, index: EventIndex) -> None:
        doc = build_document("Сорок один маршрут открыт; сорок один корабль ждёт.", None, ["ru"])
        seen = gather(doc, index).numbers["41"]
        assert seen.count == 2 and seen.text == "Сорок один"

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Forty-one routes opened in the bay.", "ru"),
            ("Сорок один маршрут открыт.", "en"),
            ("Forty-one ships.", None),
        ],
    )
    def test_number_words_count_only_in_the_articles_language(
        self, index: EventIndex, text: str, lang: str | None
    ) -> None:
        doc = build_document(text, None, [lang] if lang else [])
        assert "41" not in gather(doc, index).numbers


class TestNumberWordsInArabicAndHebrew:
    """Arabic and Hebrew fold without the letters that tell ten from other words: عشرة (ten) and سراح (release), עשר
    (ten) and שר (minister) fold alike. A number in those letters is read only as written."""

    @pytest.fixture
    def ten(self) -> EventIndex:
        event = msgspec.structs.replace(CATALOG.events[0], numbers=["10"])
        return EventIndex.build(msgspec.structs.replace(CATALOG, events=[event]))

    @pytest.mark.parametrize(
        ("text", "lang"),
        [("أطلقت السلطات سراح المعتقلين.", "ar"), ("השר נפגש עם המשלחת.", "he"), ("שר החוץ נפגש עם המשלחת.", "he")],
    )
    def test_a_word_that_folds_like_ten_is_not_ten(self, ten: EventIndex, text: str, lang: str) -> None:
        assert "10" not in gather(build_document(text, None, [lang]), ten).numbers

    @pytest.mark.parametrize(
        ("text", "lang"),
        [("أطلقت السلطات سراح عشرة معتقلين.", "ar"), ("وعشرة آخرون ينتظرون.", "ar"), ("עשר ספינות הגיעו לנמל.", "he")],
    )
    def test_ten_as_spelled_is_ten(self, ten: EventIndex, text: str, lang: str) -> None:
        assert "10" in gather(build_document(text, None, [lang]), ten).numbers


class TestScriptsReadBySound:
    """Chinese characters, kana and hangul are folded by their sound, a token a character or syllable: they meet a term
    only in its own script (or, but for Chinese, a Latin name transliterated), and Chinese characters only written
    together, one of them as the term writes it."""

    @pytest.fixture
    def names(self) -> EventIndex:
        return entities_index(
            Entity(id="jeddah", kind="place", name="Jeddah", aliases=["吉达"]),
            Entity(id="xi", kind="person", name="Xi Jinping", aliases=["Xi"]),
            Entity(id="china", kind="place", name="China", aliases=["סין"]),
            Entity(id="us", kind="place", name="United States", aliases=["美国"]),
            Entity(id="uk", kind="place", name="United Kingdom", aliases=["英国"]),
            Entity(id="lida", kind="place", name="Lida", aliases=["リダ"]),
            Entity(id="tsikhanouski", kind="person", name="Siarhei Tsikhanouski"),
            Entity(id="witkoff", kind="person", name="Steve Witkoff"),
        )

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("这一决定极大地影响了市场。", "zh"),  # 极大, greatly: ji da, as 吉达 (Jeddah) is
            ("希望双方继续对话。", "zh"),  # 希 (xi), hope
            ("日大の学生が集まった。", "ja"),  # 日大 (ri da), as リダ
            ("신속하게 대응했다.", "ko"),  # quickly: its consonants are Tsikhanouski's
            ("신 정부가 출범했다.", "ko"),  # 신 (sin), new: Hebrew סין folds so
        ],
    )
    def test_words_that_sound_like_a_name_are_not_it(self, names: EventIndex, text: str, lang: str) -> None:
        assert gather(build_document(text, None, [lang]), names).names == {}

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("特使抵达吉达。", "zh", "jeddah"),
            ("美國財政部長表示。", "zh", "us"),  # the traditional form of 美国 shares 美
            ("应对美国的关税。", "zh", "us"),  # not 英国 (ying guo) read over 应 and 国 around 美
            ("위트코프 특사가 도착했다.", "ko", "witkoff"),
            ("ウィトコフ特使が到着した。", "ja", "witkoff"),
        ],
    )
    def test_names_as_written_are_found(self, names: EventIndex, text: str, lang: str, found: str) -> None:
        assert set(gather(build_document(text, None, [lang]), names).names) == {found}


class TestSyllablesWrittenTogether:
    """Katakana and hangul are read a syllable a token: a name's syllables follow one another, and in katakana a name
    is no part of a longer word."""

    @pytest.fixture
    def names(self) -> EventIndex:
        return entities_index(
            Entity(id="france", kind="place", name="France", aliases=["フランス"]),
            Entity(id="uk", kind="place", name="United Kingdom", aliases=["영국"]),
        )

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("フランシスコ教皇が入院した。", "ja"),  # Francisco: フランス with a syllable between and one after
            ("영의국 대사가 말했다.", "ko"),  # 영국 with a syllable between
        ],
    )
    def test_a_name_spread_over_a_longer_word_is_not_it(self, names: EventIndex, text: str, lang: str) -> None:
        assert gather(build_document(text, None, [lang]), names).names == {}

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("フランスの大統領が到着した。", "ja", "france"),
            ("영국군이 도착했다.", "ko", "uk"),  # Korean writes nouns together: the British army
        ],
    )
    def test_the_name_itself_is_found(self, names: EventIndex, text: str, lang: str, found: str) -> None:
        assert set(gather(build_document(text, None, [lang]), names).names) == {found}


class TestCaseEndingsInCyrillic:
    """A name found in another alphabet by its consonants (Трамп) is found with a case ending that adds one too."""

    @pytest.fixture
    def trump(self) -> EventIndex:
        return one_entity_index(Entity(id="trump", kind="person", name="Donald Trump"))

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Лукашенко поговорил с Трампом.", "ru"),  # the instrumental
            ("Лукашенко поговорив з Трампом.", "uk"),
            ("Трампа поддержали.", "ru"),  # a vowel ending, as before
        ],
    )
    def test_the_inflected_name_is_found(self, trump: EventIndex, text: str, lang: str) -> None:
        assert "trump" in gather(build_document(text, None, [lang]), trump).names

    @pytest.mark.parametrize("text", ["Встреча с Коулом.", "Письмо Коула.", "Лист Коулу передали."])
    def test_a_short_name_takes_them_too(self, text: str) -> None:
        # A folded name of three letters takes no ending as a longer one does (Коул: kul).
        coale = one_entity_index(Entity(id="coale", kind="person", name="Coale", aliases=["Коул"]))
        assert "coale" in gather(build_document(text, None, ["ru"]), coale).names

    def test_a_short_name_declined_needs_a_capital(self) -> None:
        coale = one_entity_index(Entity(id="coale", kind="person", name="Coale", aliases=["Коул"]))
        assert "coale" not in gather(build_document("письмо коула", None, ["ru"]), coale).names

    def test_only_in_the_languages_that_write_such_endings(self, trump: EventIndex) -> None:
        assert "trump" not in gather(build_document("Ο Τράμπομ μίλησε.", None, ["el"]), trump).names


class TestGreekForeignConsonants:
    """Greek writes a foreign b and d as μπ and ντ before a vowel, inside a name too (at its end μπ is m-p), and a
    Russian name's closing v as φ."""

    @pytest.fixture
    def names(self) -> EventIndex:
        return entities_index(
            Entity(id="rubio", kind="person", name="Marco Rubio"),
            Entity(id="trump", kind="person", name="Donald Trump"),
        )

    def test_a_capitalised_word_is_read_so(self, names: EventIndex) -> None:
        found = gather(build_document("Ο Ρούμπιο συναντήθηκε με τον Τραμπ.", None, ["el"]), names).names
        assert {"rubio", "trump"} <= set(found)

    def test_a_word_in_small_letters_is_not(self, names: EventIndex) -> None:
        assert "rubio" not in gather(build_document("Το ρούμπιο είναι εδώ.", None, ["el"]), names).names

    def test_a_russian_names_closing_v_is_written_phi(self) -> None:
        umerov = one_entity_index(Entity(id="umerov", kind="person", name="Rustem Umerov"))
        assert "umerov" in gather(build_document("Ο Ουμέροφ μίλησε.", None, ["el"]), umerov).names


class TestSlavicChInArabicAndHebrew:
    """Arabic writes the ch of a Slavic name (ч) as تش, Hebrew as צ' or, at the end, ץ'."""

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("أفرج عن ستاتكيفيتش.", "ar", "statkevich"),
            ("أفرج عن كوزنيتشيك.", "ar", "kuznechyk"),  # inside the word too
            ("סטטקביץ' שוחרר.", "he", "statkevich"),
            ("סטטקביץ שוחרר.", "he", "statkevich"),  # the mark lost to the article's punctuation
        ],
    )
    def test_the_name_is_found(self, text: str, lang: str, found: str) -> None:
        index = entities_index(
            Entity(id="statkevich", kind="person", name="Mikalai Statkevich"),
            Entity(id="kuznechyk", kind="person", name="Andrei Kuznechyk"),
        )
        assert set(gather(build_document(text, None, [lang]), index).names) == {found}


class TestArabicScriptSpellings:
    """Folded without short vowels, Arabic-script words meet names they do not spell: a word in that script reads a
    name in it only as its letters spell it, with the words written onto a noun and a short ending."""

    @pytest.fixture
    def places(self) -> EventIndex:
        return entities_index(
            Entity(id="canada", kind="place", name="Canada", aliases=["كندا"]),
            Entity(id="china", kind="place", name="China", aliases=["الصين", "چین"]),
            Entity(id="belarus", kind="place", name="Belarus", aliases=["بيلاروس"]),
            Entity(id="istanbul", kind="place", name="Istanbul", aliases=["إسطنبول", "استانبول"]),
        )

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("او این کار را می‌کند.", "fa"),  # کند, does: folds as كندا
            ("حين وصل الوفد بدأت المحادثات.", "ar"),  # حين, when: folds as چین
        ],
    )
    def test_a_word_that_only_folds_like_a_name_is_not_it(self, places: EventIndex, text: str, lang: str) -> None:
        assert gather(build_document(text, None, [lang]), places).names == {}

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("وصل الوفد إلى كندا.", "ar", "canada"),
            ("التقى الوفد والصين أمس.", "ar", "china"),  # و + الصين
            ("قالت بيلاروسيا إن الوفد وصل.", "ar", "belarus"),  # an ending
            ("هیئت به استانبول رسید.", "fa", "istanbul"),  # Persian spelling, kept beside the Arabic one
        ],
    )
    def test_names_as_spelled_are_found(self, places: EventIndex, text: str, lang: str, found: str) -> None:
        assert set(gather(build_document(text, None, [lang]), places).names) == {found}


class TestShortNamesAcrossScripts:
    """A name of four letters or fewer, folded, meets a word of another script only as a name transliterated: into
    Latin letters, from an alphabet with capitals written with one, or a person's from a script without them."""

    @pytest.fixture
    def names(self) -> EventIndex:
        return entities_index(
            Entity(id="china", kind="place", name="China", aliases=["סין"]),
            Entity(id="paris", kind="place", name="Paris", aliases=["پاریس"]),
            Entity(id="rome", kind="place", name="Rome", aliases=["Rom"]),
            Entity(id="peru", kind="place", name="Peru"),
            Entity(id="dati", kind="person", name="Rachida Dati"),
            Entity(id="modi", kind="person", name="Narendra Modi"),
        )

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Llegaron sin retraso.", "es"),  # sin, without: Hebrew סין folds so
            ("Il a pris la parole.", "fr"),  # pris, taken: Persian پاریس
            ("Треба дати відповідь.", "uk"),  # дати, to give, in small letters
            ("ვიცით, რომ ის მოვიდა.", "ka"),  # რომ, that: German Rom
        ],
    )
    def test_short_words_are_not_other_scripts_names(self, names: EventIndex, text: str, lang: str) -> None:
        assert gather(build_document(text, None, [lang]), names).names == {}

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("Дати прибыла в Лувр.", "ru", "dati"),
            ("मोदी ने कहा।", "hi", "modi"),
            ("प्रतिनिधिमंडल पेरू पहुंचा।", "hi", "peru"),  # CLDR's Hindi name, kept beside Latin Peru
            ("La delegación llegó a Roma.", "es", "rome"),
        ],
    )
    def test_transliterated_and_own_script_names_are_found(
        self, names: EventIndex, text: str, lang: str, found: str
    ) -> None:
        assert found in gather(build_document(text, None, [lang]), names).names


class TestShortNamesOfOneKeyInAbjads:
    """Two short names with the same consonants (p/b, n, h) that an Arabic or Persian word could both be written as:
    the word is the one whose vowels it writes as they are mostly written."""

    @pytest.fixture
    def names(self) -> EventIndex:
        # Invented: the word writes Panahe's a with alef as usual, and would write Binohe's o with an alef only.
        return entities_index(
            Entity(id="panahe", kind="person", name="Jafer Panahe"),
            Entity(id="binohe", kind="person", name="Luc Binohe"),
        )

    @pytest.mark.parametrize(("text", "lang"), [("فاز بناهي بالجائزة", "ar"), ("پناهی برنده شد", "fa")])
    def test_the_name_whose_vowels_it_writes_as_usual_is_found(self, names: EventIndex, text: str, lang: str) -> None:
        found = gather(build_document(text, None, [lang]), names).names
        assert "panahe" in found and "binohe" not in found


class TestNamesInSmallLetters:
    """A Latin word in small letters is a place's adjective (inflected) at most, never a person or an organisation,
    nor a place as written whole."""

    @pytest.fixture
    def names(self) -> EventIndex:
        return entities_index(
            Entity(id="rutte", kind="person", name="Mark Rutte"),
            Entity(id="nexta", kind="org", name="NEXTA", aliases=["Nexta"]),
            Entity(id="rome", kind="place", name="Rome", aliases=["Rom"]),
            Entity(id="belarus", kind="place", name="Belarus"),
            Entity(id="athens", kind="place", name="Athens"),
            Entity(id="india", kind="place", name="India"),
            Entity(id="us", kind="place", name="United States", aliases=["American"]),
            Entity(id="russia", kind="place", name="Russia"),
        )

    @pytest.mark.parametrize(
        ("text", "lang"),
        [("The routes were closed.", "en"), ("Read it next week.", "en"), ("They waited in the room.", "en")],
    )
    def test_common_words_are_no_names(self, names: EventIndex, text: str, lang: str) -> None:
        assert gather(build_document(text, None, [lang]), names).names == {}

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            # Each starts as a place's name in some language does (Italian Atene, India, Spanish Rusia, Ramma), and
            # goes on with a consonant that no adjective adds.
            ("They paid attention, and he was indicted.", "en"),
            ("Az eljárást indított ügyész.", "hu"),
            ("Rozmowy ruszyli w ramach planu.", "pl"),
        ],
    )
    def test_a_word_that_goes_on_with_another_consonant_is_no_adjective(
        self, names: EventIndex, text: str, lang: str
    ) -> None:
        assert gather(build_document(text, None, [lang]), names).names == {}

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("Les autorités indiennes ont réagi.", "fr", "india"),
            ("Die ukrainischen und russischen Delegationen trafen sich.", "de", "russia"),
        ],
    )
    def test_an_adjective_adds_a_vowel_or_the_consonant_of_its_suffix(
        self, names: EventIndex, text: str, lang: str, found: str
    ) -> None:
        assert found in gather(build_document(text, None, [lang]), names).names

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("Die belarussischen Behörden schwiegen.", "de", "belarus"),
            ("Rutte said so.", "en", "rutte"),
            ("Sie reisten nach Rom.", "de", "rome"),
        ],
    )
    def test_names_and_adjectives_are_found(self, names: EventIndex, text: str, lang: str, found: str) -> None:
        assert found in gather(build_document(text, None, [lang]), names).names


class TestLandmarksInSyllables:
    """Korean and Japanese write an organisation's or a place's name as it sounds; CLDR names only countries and
    cities. A run of hangul or katakana that writes a curated name's consonants and vowels is that name."""

    @pytest.fixture
    def landmarks(self) -> EventIndex:
        return one_entity_index(Entity(id="louvre", kind="org", name="Louvre"))

    @pytest.mark.parametrize(
        ("text", "lang"), [("루브르 박물관에서 보석이 사라졌다.", "ko"), ("ルーヴル美術館で宝石が盗まれた。", "ja")]
    )
    def test_the_name_as_it_sounds_is_found(self, landmarks: EventIndex, text: str, lang: str) -> None:
        assert "louvre" in gather(build_document(text, None, [lang]), landmarks).names

    def test_other_vowels_are_another_word(self, landmarks: EventIndex) -> None:
        assert "louvre" not in gather(build_document("라브르 박물관에서 만났다.", None, ["ko"]), landmarks).names

    @pytest.mark.parametrize(("text", "lang"), [("트롬순트가 이겼다.", "ko"), ("トロムスントが勝った。", "ja")])
    def test_a_name_of_many_consonants_is_found_by_them(self, text: str, lang: str) -> None:
        club = one_entity_index(Entity(id="tromsund", kind="org", name="Tromsund"))
        assert "tromsund" in gather(build_document(text, None, [lang]), club).names
        # Hangul must write its vowels as well.
        assert "tromsund" not in gather(build_document("트람산트가 이겼다.", None, ["ko"]), club).names

    def test_a_landmark_a_persons_name_would_also_be_is_neither(self) -> None:
        # Japanese writes their vowels freely: a run both would be is left to the person (a katakana Fluminense
        # also read as Francis).
        both = entities_index(
            Entity(id="tromsund", kind="org", name="Tromsund"), Entity(id="p", kind="person", name="Tremisande")
        )
        assert not both.syllabic_landmarks

    def test_a_place_named_in_hangul_is_not_read_by_the_sound_of_its_other_names(self) -> None:
        # CLDR names China 중국; read by the sound of an Italian alias, Cina, it was 지나, "past".
        china = one_entity_index(Entity(id="china", kind="place", name="China", aliases=["Cina"]))
        assert "china" not in gather(build_document("한 주가 지나 회담이 열렸다.", None, ["ko"]), china).names
        assert "china" in gather(build_document("중국에서 회담이 열렸다.", None, ["ko"]), china).names

    def test_a_place_named_in_hangul_and_katakana_is_not_read_by_its_sound(self) -> None:
        # CLDR names Kyiv 키예프 and キーウ; read by its sound too (as Kiev), it was 기업, "company".
        kyiv = one_entity_index(Entity(id="kyiv", kind="place", name="Kyiv", aliases=["Kiev"]))

        assert "kyiv" in gather(build_document("키예프에서 회담이 열렸다.", None, ["ko"]), kyiv).names
        assert "kyiv" not in gather(build_document("기업 대표들이 만났다.", None, ["ko"]), kyiv).names


class TestShortNamesInAbjads:
    """A short Latin name that an Arabic, Persian or Hebrew word folds as must have its vowels written where the word
    writes vowel letters, and no shin where it has no sh (invented name)."""

    @pytest.fixture
    def sisi(self) -> EventIndex:
        return one_entity_index(Entity(id="sisi", kind="person", name="Abdel Fattah el-Sisi", aliases=["Sisi"]))

    @pytest.mark.parametrize(("text", "lang"), [("رئیس جمهور سیسی گفت", "fa"), ("הנשיא סיסי אמר", "he")])
    def test_the_name_as_written(self, sisi: EventIndex, text: str, lang: str) -> None:
        assert "sisi" in gather(build_document(text, None, [lang]), sisi).names

    @pytest.mark.parametrize(("text", "lang"), [("یک تحلیلگر سیاسی گفت", "fa"), ("ביום שישי נפגשו", "he")])
    def test_words_that_fold_alike(self, sisi: EventIndex, text: str, lang: str) -> None:
        # Persian "political", Hebrew "Friday".
        assert "sisi" not in gather(build_document(text, None, [lang]), sisi).names


class TestKoreanWordsThatAreNoNames:
    """Korean words and particles written in the syllables of a short name (invented names)."""

    @pytest.fixture
    def lago(self) -> EventIndex:
        return one_entity_index(Entity(id="lago", kind="person", name="Andre do Lago", aliases=["Lago"]))

    def test_the_name(self, lago: EventIndex) -> None:
        assert "lago" in gather(build_document("라고 의장이 말했다.", None, ["ko"]), lago).names

    def test_no_vowel_before_the_first_consonant(self, lago: EventIndex) -> None:
        # 이라고: "that", closing a quotation, is i-ra-go.
        assert "lago" not in gather(build_document("협상 결과 이라고 말했다.", None, ["ko"]), lago).names

    @pytest.mark.parametrize("text", ["“협상은 끝났다”라고 말했다.", '"협상은 끝났다"라고 말했다.'])
    def test_a_particle_right_after_a_closing_quote(self, lago: EventIndex, text: str) -> None:
        assert "lago" not in gather(build_document(text, None, ["ko"]), lago).names

    def test_a_name_in_straight_quotes(self) -> None:
        diddy = one_entity_index(Entity(id="combs", kind="person", name="Sean Combs", aliases=["Diddy"]))
        assert "combs" in gather(build_document("'디디' 숀 콤스가 말했다.", None, ["ko"]), diddy).names


class TestProperTopicsInSyllables:
    """A topic's proper name (a named storm) is read in hangul and katakana by its sound, as a place's is, and
    Korean writes a foreign e as e or ae, eo only in a closing -er (invented storm)."""

    @pytest.fixture
    def storm(self) -> EventIndex:
        return one_entity_index(Entity(id="storm", kind="topic", name="Hurricane Eril", aliases=["Eril"]))

    @pytest.mark.parametrize(
        ("text", "lang"), [("허리케인 에릴이 강해졌다.", "ko"), ("ハリケーン・エリルが強まった。", "ja")]
    )
    def test_found(self, storm: EventIndex, text: str, lang: str) -> None:
        assert "storm" in gather(build_document(text, None, [lang]), storm).names

    @pytest.mark.parametrize("text", ["회의가 열릴 예정이다.", "어릴 때부터 살았다."])
    def test_korean_eo_is_no_e(self, storm: EventIndex, text: str) -> None:
        assert "storm" not in gather(build_document(text, None, ["ko"]), storm).names

    def test_not_a_topics_common_words(self) -> None:
        fees = one_entity_index(Entity(id="fees", kind="topic", name="port fees", aliases=["fees"]))
        assert not fees.syllabic_landmarks and not fees.syllabic_names


class TestOpeningJ:
    """A name of several words opening with j before a vowel is read as the alphabets that write the j dzh write it
    (invented place)."""

    @pytest.fixture
    def point(self) -> EventIndex:
        return one_entity_index(Entity(id="point", kind="place", name="Jorvik Point"))

    @pytest.mark.parametrize(
        ("text", "lang"), [("जोरविक पॉइंट में बैठक हुई।", "hi"), ("В Джорвик-Пойнте прошла встреча.", "ru")]
    )
    def test_found(self, point: EventIndex, text: str, lang: str) -> None:
        assert "point" in gather(build_document(text, None, [lang]), point).names

    def test_only_in_the_languages_of_those_alphabets(self, point: EventIndex) -> None:
        respelled = [term for terms in point.compound_names.values() for term in terms if term.langs]
        assert respelled and all("he" not in term.langs and "ar" not in term.langs for term in respelled)


class TestCaseNames:
    """A court case curated by its English name is read where the article's language writes "against" between the
    parties' Latin names, and only in that language (invented case)."""

    @pytest.fixture
    def case(self) -> EventIndex:
        event = msgspec.structs.replace(CATALOG.events[0], phrases=["Orlova v. Veln"])
        return EventIndex.build(msgspec.structs.replace(CATALOG, events=[event]))

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Orlova v. Veln was decided.", "en"),
            ("W sprawie Orlova przeciwko Veln zapadł wyrok.", "pl"),
            ("Im Fall Orlova gegen Veln fiel ein Urteil.", "de"),
        ],
    )
    def test_found(self, case: EventIndex, text: str, lang: str) -> None:
        assert self._read(case, text, lang) == ["Orlova v. Veln"]

    def test_not_in_another_language(self, case: EventIndex) -> None:
        # German gegen, in a Polish article, is no "v.".
        assert self._read(case, "Orlova gegen Veln.", "pl") == []

    @staticmethod
    def _read(index: EventIndex, text: str, lang: str) -> list[str]:
        phrases = gather(build_document(text, None, [lang]), index).phrases
        return [seen.label for found in phrases.values() for seen in found.values()]


class TestClosingEr:
    """Japanese and Korean leave a name's closing r unwritten; Japanese writes the e before it as a, Korean as eo."""

    @pytest.fixture
    def sinner(self) -> EventIndex:
        return one_entity_index(Entity(id="sinner", kind="person", name="Jannik Sinner", aliases=["Sinner"]))

    @pytest.mark.parametrize(("text", "lang"), [("시너가 우승했다.", "ko"), ("シナーが優勝した。", "ja")])
    def test_found(self, sinner: EventIndex, text: str, lang: str) -> None:
        assert "sinner" in gather(build_document(text, None, [lang]), sinner).names

    def test_a_korean_a_is_no_closing_er(self, sinner: EventIndex) -> None:
        assert "sinner" not in gather(build_document("일주일이 지나 결과가 나왔다.", None, ["ko"]), sinner).names


class TestBrahmicLandmarks:
    """Devanagari and Bengali letters carry a vowel they do not write, which transliteration leaves out: a place's or
    an organisation's name is read there by its consonants, as a person's is (invented names)."""

    @pytest.fixture
    def places(self) -> EventIndex:
        return entities_index(Entity(id="kashtomar", kind="place", name="Kashtomar"))

    @pytest.mark.parametrize(("text", "lang"), [("कश्तोमर में हमला हुआ।", "hi"), ("কশ্তোমরে হামলা হয়েছে।", "bn")])
    def test_found_by_its_consonants(self, places: EventIndex, text: str, lang: str) -> None:
        assert "kashtomar" in gather(build_document(text, None, [lang]), places).names

    def test_not_in_other_scripts(self, places: EventIndex) -> None:
        # Cyrillic writes the vowels: another vowel is another word.
        assert "kashtomar" not in gather(build_document("В Коштимере прошла встреча.", None, ["ru"]), places).names

    def test_not_a_key_a_persons_name_has_too(self) -> None:
        both = entities_index(
            Entity(id="kashtomar", kind="place", name="Kashtomar"), Entity(id="p", kind="person", name="Koshtimer")
        )
        assert not both.brahmic_landmarks


class TestMisspeltNames:
    """A capitalised Latin word that meets no name may be one written with a letter too many inside it."""

    @pytest.fixture
    def places(self) -> EventIndex:
        return entities_index(
            Entity(id="kashmir", kind="place", name="Kashmir"), Entity(id="paris", kind="place", name="Paris")
        )

    def test_a_name_with_a_letter_too_many_is_found(self, places: EventIndex) -> None:
        assert "kashmir" in gather(build_document("22 villageois tués au Kashemir", None, ["fr"]), places).names

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Les villageois du kashemir.", "fr"),  # in small letters: no name
            ("KASHEMIR", "fr"),  # in capitals: an acronym or a shout
            ("Patriği konuştu.", "tr"),  # patriarch: CLDR's Italian Parigi, a name derived, not listed
        ],
    )
    def test_other_words_are_not(self, places: EventIndex, text: str, lang: str) -> None:
        assert gather(build_document(text, None, [lang]), places).names == {}


class TestShortAbjadWords:
    """A four-letter word in Hebrew or Arabic letters is found only as written: a letter added to it makes another
    word (CLDR's Hebrew name of India, הודו, is not the start of הוודאות, the certainty)."""

    @pytest.fixture
    def places(self) -> EventIndex:
        return one_entity_index(Entity(id="india", kind="place", name="India"))

    def test_the_word_as_written_is_found(self, places: EventIndex) -> None:
        assert "india" in gather(build_document("המשלחת הגיעה אל הודו אתמול.", None, ["he"]), places).names

    def test_a_longer_word_that_starts_with_it_is_not(self, places: EventIndex) -> None:
        assert "india" not in gather(build_document("הוודאות בשוק ירדה אתמול.", None, ["he"]), places).names

    def test_latin_four_letter_names_still_take_endings(self, index: EventIndex) -> None:
        assert "port-veln" in gather(build_document("Встреча прошла в Вельне.", None, ["ru"]), index).names


class TestBackgroundDates:
    def test_a_date_set_off_as_background_is_recalled(self, index: EventIndex) -> None:
        # The envoy's visit was on 4 March: named in the news it is news, after "Напомним" it is background.
        news = gather(
            build_document("Заславский выступил в Вельне.\nОн встретил Фенвика 4 марта.", None, ["ru"]), index
        )
        recalled = gather(
            build_document("Заславский выступил в Вельне.\nНапомним, 4 марта он встретил Фенвика.", None, ["ru"]),
            index,
        )
        assert not news.dates[(3, 4)][0].recalled
        assert recalled.dates[(3, 4)][0].recalled
        assert news.dates[(3, 4)][0].zone == recalled.dates[(3, 4)][0].zone
        assert recalled.dates[(3, 4)][0].factor < news.dates[(3, 4)][0].factor


class TestSequelClauses:
    def test_a_name_in_a_clause_of_an_earlier_development_is_recalled(self) -> None:
        # Sequels (``sequels.py``): what "a day after" or "in response to" introduces happened before the news.
        index = one_entity_index(Entity(id="fordow", kind="place", name="Fordow"))
        news = gather(build_document("Strikes hit Fordow. Putin met Araghchi in Moscow.", None, ["en"]), index)
        sequel = gather(
            build_document("Putin met Araghchi in Moscow, a day after strikes hit Fordow.", None, ["en"]), index
        )
        assert not news.names["fordow"].recalled
        assert sequel.names["fordow"].recalled


class TestNamesOfSeveralShortWords:
    """A name of several short words (a Korean person's, a firm's) is written in other alphabets with their own
    vowels; read word by word by its consonants, each word starting as the name's does."""

    @pytest.fixture
    def names(self) -> EventIndex:
        # Invented: a person named as Korean names are, and a firm of two short words.
        return entities_index(
            Entity(id="yoon", kind="person", name="Yoon Sok Yeol"),
            Entity(id="nipa", kind="org", name="Nippa Steel"),
        )

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("Суд заарештував Юн Сок Йоля вдруге.", "uk", "yoon"),
            ("იუნ სოკ იოლი ხელახლა დააპატიმრეს.", "ka", "yoon"),
            ("यून सोक-योल को फिर गिरफ्तार किया गया।", "hi", "yoon"),
            ("निप्पा स्टील ने सौदा पूरा किया।", "hi", "nipa"),
            ("Сделку закрыла Ниппа стил.", "ru", "nipa"),
            # Arabic, Persian and Hebrew letters, read without their letters for vowels (and Persian's alef before
            # s and another consonant).
            ("شركة نيبا ستيل أتمت الصفقة", "ar", "nipa"),
            ("شرکت نیپا استیل خرید را نهایی کرد", "fa", "nipa"),
            ("יון סוק-יול נעצר שוב", "he", "yoon"),
        ],
    )
    def test_the_name_is_found_in_other_alphabets(self, names: EventIndex, text: str, lang: str, found: str) -> None:
        assert found in gather(build_document(text, None, [lang]), names).names

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("बैठक में सोक योल पर चर्चा हुई।", "hi"),  # में ("in") has Yoon's n, not its opening vowel
            ("Він прийшов до Юн. Сок Йоль мовчав.", "uk"),  # a full stop between the words
            ("Yoon Sok Yeol", "en"),  # Latin: the curated spelling, matched as written
        ],
    )
    def test_words_that_do_not_write_it_are_not_read_so(self, names: EventIndex, text: str, lang: str) -> None:
        assert "yoon" not in {
            hit.term.target for hit in find_terms(build_document(text, None, [lang]), names) if hit.quality == 1
        }


class TestNamesOfSeveralWordsInSyllables:
    """Japanese and Korean write a name of several words word by word as they sound, apart by a space or a middle
    dot: each run of syllables read by its consonants, starting as the name's word does."""

    @pytest.fixture
    def names(self) -> EventIndex:
        # Invented: a club of two words, and one whose first word closes in -er.
        return entities_index(
            Entity(id="tolen", kind="org", name="Tolen Mardis"), Entity(id="denver", kind="org", name="Denver Kolstad")
        )

    @pytest.mark.parametrize(
        ("text", "lang", "found"),
        [
            ("톨렌 마르디스가 이겼다.", "ko", "tolen"),  # a particle written onto the last word
            ("トレン・マルディスが勝った。", "ja", "tolen"),  # the middle dot between the words
            ("덴버 콜스타드는 졌다.", "ko", "denver"),  # -er written without its r
            ("デンバー・コルスタッドが負けた。", "ja", "denver"),  # and a long-vowel mark closing the first word
        ],
    )
    def test_the_name_is_found(self, names: EventIndex, text: str, lang: str, found: str) -> None:
        assert found in gather(build_document(text, None, [lang]), names).names

    @pytest.mark.parametrize(
        "text",
        [
            "올렌 마르디스가 이겼다.",  # the first word opens with a vowel, the name's with t
            "톨렌, 마르디스가 이겼다.",  # a comma between the words
        ],
    )
    def test_runs_that_do_not_write_it_are_not_read_so(self, names: EventIndex, text: str) -> None:
        assert "tolen" not in gather(build_document(text, None, ["ko"]), names).names

    def test_runs_with_its_consonants_but_none_of_its_vowels_are_not_read_so(self) -> None:
        # Korean 탈퇴 사실 ("the fact of leaving") has the consonants of this invented name run by run, and none of
        # its vowels.
        name = one_entity_index(Entity(id="tirth", kind="org", name="Tirth Sosel"))
        assert "tirth" not in gather(build_document("탈퇴 사실이 밝혀졌다.", None, ["ko"]), name).names
        assert "tirth" in gather(build_document("티르트 소셀이 밝혀졌다.", None, ["ko"]), name).names


class TestOneSyllable:
    """A Latin name transliterated into hangul or kana takes more than one syllable: a single one is a word."""

    @pytest.fixture
    def names(self) -> EventIndex:
        # Invented: a person whose surname is one Korean syllable's sound, and a two-syllable one.
        return entities_index(
            Entity(id="yeol", kind="person", name="Dan Yeol"), Entity(id="putin", kind="person", name="Ivo Putin")
        )

    def test_a_single_syllable_is_no_name(self, names: EventIndex) -> None:
        assert "yeol" not in gather(build_document("열 가지 이유가 있다.", None, ["ko"]), names).names

    def test_a_name_of_two_syllables_is_found(self, names: EventIndex) -> None:
        assert "putin" in gather(build_document("푸틴 대통령이 말했다.", None, ["ko"]), names).names


class TestNamesOfOtherStoriesSharingAKey:
    """Two people's names with the same consonants (Wilmore and Palmer: w/p, l, m, r) are both read from an Arabic
    word when they are of different stories, whose other names then tell which the article means; of one story,
    neither is."""

    @staticmethod
    def _index(second_story: str) -> EventIndex:
        # Invented: a ferry pilot of one story and a striker of another, or of the same.
        people = [
            Entity(id="velmor", kind="person", name="Dan Velmor"),
            Entity(id="balmer", kind="person", name="Ari Balmer"),
        ]
        stories = [Story(id="ferries", title={"en": "Ferries"}), Story(id="football", title={"en": "Football"})]
        events = [
            Event(id="e1", story_id="ferries", date=dt.date(2025, 3, 1), title={"en": "A ferry lands"},
                  summary={"en": "The ferry lands."}, entities=["velmor"]),
            Event(id="e2", story_id=second_story, date=dt.date(2025, 3, 2), title={"en": "A goal"},
                  summary={"en": "A goal is scored."}, entities=["balmer"]),
        ]  # fmt: skip
        return EventIndex.build(Catalog(stories=stories, entities=people, events=events))

    def test_names_of_different_stories_are_both_read(self) -> None:
        found = gather(build_document("عاد بالمور إلى الميناء", None, ["ar"]), self._index("football")).names
        assert {"velmor", "balmer"} <= set(found)

    def test_names_of_one_story_are_neither(self) -> None:
        found = gather(build_document("عاد بالمور إلى الميناء", None, ["ar"]), self._index("ferries")).names
        assert not {"velmor", "balmer"} & set(found)
