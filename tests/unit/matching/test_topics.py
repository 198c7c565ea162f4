"""Topic words: a lexicon of news concepts read in the article's own language, and how it ranks events."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from importlib import resources

import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.document import build_document
from backstory.matching.evidence import gather
from backstory.matching.index import EventIndex
from backstory.matching.normalise import fold_text
from backstory.matching.score import MIN_OWN, ScoringParams, score
from backstory.matching.topics import (
    Lexicon,
    concepts_of,
    event_topics,
    lexicon,
    named_entities,
    rarity,
    read_lexicon,
)

# A small lexicon written for these tests.
SMALL = {
    "en": {
        "pardon": ["pardon", "pardoned"],
        "talks": ["talks"],
        "aircraft": ["planes"],
        "white-house": ["White House"],
        "prisoner-exchange": ["exchange of prisoners"],
        "envoy": ["envoy"],
        "european-union": ["EU"],
    },
    # Белый is a word of four letters once folded (beli): it matches only as written, so its cases are listed.
    "ru": {"pardon": ["помиловал", "помилование"], "talks": ["переговоры"], "white-house": ["Белый дом", "Белом доме"]},
    "pl": {"pardon": ["ułaskawił"], "talks": ["rozmowy", "rozmów"]},
    "ja": {"envoy": ["特使"]},
    "sq": {"european-union": ["BE"]},
    # A concept English does not have is not read at all.
    "de": {"talks": ["Gespräche"], "unknown": ["Unbekanntes"]},
}


def _small() -> Lexicon:
    return read_lexicon({lang: json.dumps(forms).encode() for lang, forms in SMALL.items()})


def _concepts(words: Lexicon, text: str, lang: str) -> set[str]:
    return {hit.concept for hit in words.find(fold_text(text), lang)}


class TestFinding:
    def test_forms_match_inflected_in_the_articles_language(self) -> None:
        words = _small()
        assert _concepts(words, "Стороны провели переговоры", "ru") == {"talks"}
        assert _concepts(words, "говорили о переговорах", "ru") == {"talks"}
        assert _concepts(words, "Prezydent ułaskawił więźniów po rozmowach", "pl") == {"pardon", "talks"}

    def test_a_word_counts_only_in_its_own_language(self) -> None:
        # Polish rozmowy in a Czech article, Russian помиловал in a Ukrainian one: other words there, or none.
        words = _small()
        assert _concepts(words, "rozmowy", "cs") == set()
        assert _concepts(words, "помиловал", "uk") == set()
        assert _concepts(words, "помиловал", None) == set()

    def test_multi_word_forms_match_in_order_with_a_short_word_between(self) -> None:
        words = _small()
        assert _concepts(words, "заявили в Белом доме", "ru") == {"white-house"}
        assert _concepts(words, "заявили в Белого дома", "ru") == set()
        assert _concepts(words, "the White House said", "en") == {"white-house"}
        assert _concepts(words, "an exchange of the prisoners", "en") == {"prisoner-exchange"}
        assert _concepts(words, "an exchange of all the prisoners", "en") == set()
        assert _concepts(words, "a white wall of the house", "en") == set()

    def test_an_acronym_counts_only_in_capitals(self) -> None:
        # Albanian BE is the EU; be is an oath.
        words = _small()
        text = "Ministri foli për BE dhe bëri be"
        tokens = build_document(text).tokens
        hits = words.find(tokens.keys, "sq", tokens.words)
        assert [tokens.words[hit.start] for hit in hits] == ["BE"]

    def test_in_languages_read_syllable_by_syllable_nothing_stands_between(self) -> None:
        # Every Japanese syllable is a short word: with a gap, 特使 (te si, as Han is read) met 特に使う (te ni si u).
        words = _small()
        assert _concepts(words, "米国の特使が到着", "ja") == {"envoy"}
        assert _concepts(words, "特に使う", "ja") == set()

    def test_a_short_stem_matches_only_its_word(self) -> None:
        # "planes" keeps its whole word as stem: "planned" (folded "planed") is not an aircraft.
        words = _small()
        assert _concepts(words, "the planes landed", "en") == {"aircraft"}
        assert _concepts(words, "they planned talks", "en") == {"talks"}

    def test_concepts_english_does_not_name_are_dropped(self) -> None:
        assert _concepts(_small(), "Unbekanntes Gespräche", "de") == {"talks"}
        assert set(_small().labels) == set(SMALL["en"])
        assert _small().table("xx") is None


def _event(event_id: str, title: str, entities: tuple[str, ...] = ("vesna-orlova", "kiremsk")) -> Event:
    return Event(
        id=event_id, story_id="harbour", date=dt.date(2025, 3, 4), title={"en": title},
        summary={"en": f"{title}, officials in Kiremsk said."}, entities=list(entities),
    )  # fmt: skip


ENTITIES = [
    Entity(id="vesna-orlova", kind="person", name="Vesna Orlova", aliases=["Орлова"]),
    Entity(id="kiremsk", kind="place", name="Kiremsk", aliases=["Киремск"]),
    Entity(id="grain-board", kind="org", name="Grain Board"),
]
PARDON = _event("c-pardon", "Orlova pardons 16 prisoners")
TALKS = _event("a-talks", "Orlova opens talks with the harbour unions")
SANCTIONS = _event("b-sanctions", "Kiremsk port put under sanctions")


class TestEvents:
    def test_an_events_concepts_come_from_its_texts_entities_and_phrases(self) -> None:
        words = _small()
        by_id = {entity.id: entity for entity in ENTITIES}
        assert concepts_of(PARDON, by_id, words) == {"pardon"}
        event = Event(
            id="e", story_id="harbour", date=dt.date(2025, 1, 1), title={"en": "A visit", "ru": "Переговоры"},
            summary={}, entities=["grain-board"], phrases=["White House"],
        )  # fmt: skip
        # The English title is read (the Russian one says the same in a curated event), the phrase as English.
        assert concepts_of(event, by_id, words) == {"white-house"}
        # Without an English title, each language's is read as that language.
        russian = Event(id="r", story_id="harbour", date=dt.date(2025, 1, 1), title={"ru": "Переговоры"}, summary={})
        assert concepts_of(russian, by_id, words) == {"talks"}

    def test_the_concepts_no_other_title_of_its_story_names_are_its_headline_concepts(self) -> None:
        more_talks = _event("d-talks", "Orlova resumes talks with the unions")
        catalog = Catalog(
            stories=[Story(id="harbour", title={"en": "Harbour"})],
            entities=ENTITIES,
            events=[TALKS, PARDON, SANCTIONS, more_talks],
        )
        topics = event_topics(EventIndex.build(catalog))

        assert "pardon" in topics.headline_concepts("c-pardon")
        assert "talks" in topics.concepts("a-talks") and "talks" not in topics.headline_concepts("a-talks")

    def test_a_concept_most_events_of_a_story_name_weighs_less(self) -> None:
        weights = rarity([frozenset({"talks"}), frozenset({"talks", "pardon"}), frozenset({"talks"})], 3)
        assert weights["pardon"] > weights["talks"] > 0


class TestShippedLexicon:
    def _files(self) -> dict[str, dict[str, list[str]]]:
        folder = resources.files("backstory.matching").joinpath("topics")
        return {
            entry.name.removesuffix(".json"): json.loads(entry.read_bytes())
            for entry in folder.iterdir()
            if entry.name.endswith(".json")
        }

    def test_every_language_uses_the_english_concepts_and_forms_that_fold(self) -> None:
        files = self._files()
        english = set(files["en"])
        assert len(files) >= 40
        for lang, concepts in files.items():
            assert set(concepts) <= english, lang
            for concept, forms in concepts.items():
                assert forms, (lang, concept)
                for form in forms:
                    assert fold_text(form), (lang, concept, form)

    def test_no_form_is_a_lone_han_character_or_kana(self) -> None:
        # Chinese and Japanese are read syllable by syllable: one character would match inside any word.
        for lang in ("zh", "ja"):
            for forms in self._files()[lang].values():
                for form in forms:
                    letters = [ch for ch in form if not ch.isspace()]
                    assert len(letters) >= 2, (lang, form)

    def test_forms_are_written_without_combining_vowel_points_in_abjad_scripts(self) -> None:
        for lang in ("ar", "fa", "he", "ur"):
            for forms in self._files()[lang].values():
                for form in forms:
                    marks = [ch for ch in form if unicodedata.category(ch) == "Mn"]
                    assert not marks, (lang, form)

    @pytest.mark.parametrize("title", ["Steelmakers sue the government", "Suing over the block", "The firms sued"])
    def test_english_titles_name_a_lawsuit_in_every_form_of_the_verb(self, title: str) -> None:
        # A curator's title says what happened with the verb's base form as often as with its past.
        assert "lawsuit" in {hit.concept for hit in lexicon().find(fold_text(title), "en")}

    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Вспышка кори в Техасе", "ru"),
            ("تفشي الحصبة في تكساس", "ar"),
            ("德州麻疹疫情", "zh"),
            ("टेक्सास में खसरे का प्रकोप", "hi"),
            ("Masern-Ausbruch in Texas", "de"),
        ],
    )
    def test_a_disease_is_read_in_the_articles_language(self, text: str, lang: str) -> None:
        assert "measles" in {hit.concept for hit in lexicon().find(fold_text(text), lang)}

    @pytest.mark.parametrize(
        ("text", "lang", "stage"),
        [
            ("Реал вышел в полуфинал", "ru", "semi-final"),
            ("Bayern scheitert im Viertelfinale", "de", "quarter-final"),
            ("Le PSG en huitièmes de finale", "fr", "round-of-16"),
            ("切尔西闯入决赛", "zh", "final"),
            ("تأهل إلى نصف النهائي", "ar", "semi-final"),
            ("Chelsea won the cup final", "en", "final"),
        ],
    )
    def test_a_tournaments_rounds_are_told_apart(self, text: str, lang: str, stage: str) -> None:
        # Which round a match was is what tells a tournament's events apart: one concept each, and a semi-final is
        # no final.
        rounds = {"final", "semi-final", "quarter-final", "round-of-16"}
        assert {hit.concept for hit in lexicon().find(fold_text(text), lang)} & rounds == {stage}

    @pytest.mark.parametrize(
        ("text", "lang", "concept"),
        [
            ("ФРС снизила ставку на четверть пункта", "ru", "rate-cut"),
            ("Die EZB beschließt eine Zinserhöhung", "de", "rate-hike"),
            ("교황, 양쪽 폐렴으로 입원", "ko", "pneumonia"),
            ("Trump zleca ponowną analizę transakcji", "pl", "review"),
            ("Trump named his nominee for the Fed board", "en", "nomination"),
            # Institutions, as each language's press names them.
            ("Инспекторы МАГАТЭ вернулись", "ru", "iaea"),
            ("أصدرت محكمة العدل الدولية رأيا", "ar", "international-court-of-justice"),
            ("国际法院发表咨询意见", "zh", "international-court-of-justice"),
            ("L'OMS alerte sur une épidémie", "fr", "world-health-organization"),
            ("Trump spoke to the Knesset", "en", "knesset"),
        ],
    )
    def test_general_concepts_and_institutions_are_read(self, text: str, lang: str, concept: str) -> None:
        assert concept in {hit.concept for hit in lexicon().find(fold_text(text), lang)}

    @pytest.mark.parametrize(("text", "lang"), [("They paid a nominal fee", "en"), ("这个问题明显很严重", "zh")])
    def test_words_that_fold_as_a_nomination_are_not_read_as_one(self, text: str, lang: str) -> None:
        # "nominee" met "nominal", and Chinese 提名 the syllables across 问题明显 ("the problem is clearly").
        assert {hit.concept for hit in lexicon().find(fold_text(text), lang)} & {"nomination", "appointment"} == set()

    @pytest.mark.parametrize(
        ("text", "lang"), [("הוא הולך הביתה", "he"), ("أسعار السلع", "ar"), ("mallarına el koydu", "tr")]
    )
    def test_words_that_fold_as_a_disease_are_not_read_as_one(self, text: str, lang: str) -> None:
        # Hebrew "goes", Arabic "goods" and Turkish "their goods" fold as Ebola, tuberculosis and malaria did.
        assert {hit.concept for hit in lexicon().find(fold_text(text), lang)} & {
            "ebola",
            "tuberculosis",
            "malaria",
        } == set()

    def test_the_shipped_lexicon_reads_russian_hungarian_and_arabic_news_words(self) -> None:
        found = {
            lang: {hit.concept for hit in lexicon().find(fold_text(text), lang)}
            for lang, text in {
                "ru": "Президент помиловал заключённых",
                "hu": "tűzszünetről tárgyaltak",
                "ar": "فرض عقوبات جديدة",
            }.items()
        }
        assert "pardon" in found["ru"]
        assert "ceasefire" in found["hu"]
        assert "sanctions" in found["ar"]

    # Pronouns, conjunctions and the commonest verbs: no concept may fold to one of them. Ukrainian "війн" (of wars)
    # folded as "він" (he), and every sentence about someone was read as one about war.
    @pytest.mark.parametrize(
        ("lang", "words"),
        [
            ("en", "he she it we they but and or on in at to is was has had said"),
            ("uk", "він вона воно вони але та що як там тут є був була сказав"),
            ("ru", "он она оно они но что как там тут есть был была сказал"),
            ("be", "ён яна яно яны але што як там тут ёсць быў была сказаў"),
            ("pl", "on ona ono oni ale jak tam tu jest był była powiedział"),
            ("bg", "той тя то те но че как там тук е беше каза"),
            ("sr", "on ona ono oni ali kao tamo ovde je bio bila rekao"),
            ("de", "er sie es wir aber und oder an in ist war hat sagte"),
            ("fr", "il elle ils mais et ou sur dans est était a dit"),
            ("es", "él ella ellos pero y o en es era ha dijo"),
            ("tr", "o onlar ama ve veya bir bu da de dedi"),
        ],
    )
    def test_no_form_folds_to_a_common_function_word(self, lang: str, words: str) -> None:
        assert {hit.concept for hit in lexicon().find(fold_text(words), lang)} == set()


def _ranked(text: str, lang: str, weight: float) -> list[str]:
    catalog = Catalog(stories=[Story(id="harbour", title={"en": "Harbour"})], entities=ENTITIES,
                      events=[TALKS, PARDON, SANCTIONS])  # fmt: skip
    result = score(
        build_document(text, langs=[lang]), EventIndex.build(catalog), params=ScoringParams(topic_weight=weight)
    )
    return [candidate.event_id for candidate in result.candidates]


class TestRanking:
    # A Russian article naming the person and the town every event lists; only its words say what happened.
    RUSSIAN = "Орлова помиловала 16 заключённых\nВ Киремске Орлова подписала указ о помиловании."

    def test_the_event_whose_topic_the_article_shares_ranks_first(self) -> None:
        # The three events share the names: without topics the tie goes to the first id.
        assert _ranked(self.RUSSIAN, "ru", 0.0)[0] == "a-talks"
        assert _ranked(self.RUSSIAN, "ru", 0.5)[0] == "c-pardon"

    def test_what_the_headline_says_happened_counts_more_where_only_the_events_title_says_it(self) -> None:
        # Pardon is the headline's word and only the pardon's title names it; talks, in the lead, is no headline's.
        text = "Орлова помиловала 16 заключённых\nПосле переговоров в Киремске Орлова подписала указ."
        catalog = Catalog(
            stories=[Story(id="harbour", title={"en": "Harbour"})], entities=ENTITIES, events=[TALKS, PARDON]
        )
        index = EventIndex.build(catalog)

        def weights(headline_weight: float) -> dict[tuple[str, str], float]:
            result = score(
                build_document(text, langs=["ru"]), index, params=ScoringParams(headline_weight=headline_weight)
            )
            return {
                (candidate.event_id, item.matched): item.weight
                for candidate in result.candidates
                for item in candidate.evidence
                if item.kind == "phrase"
            }

        plain, doubled = weights(0.0), weights(1.0)
        assert doubled[("c-pardon", "pardon")] == pytest.approx(2 * plain[("c-pardon", "pardon")])
        assert doubled[("a-talks", "talks")] == pytest.approx(plain[("a-talks", "talks")])

    def test_what_only_the_events_title_says_happened_is_the_events_own(self) -> None:
        # An undated article is tied to an event by something of the event's own up top (``score.belonging``):
        # the pardon its headline names is, as only the pardon's title names it; talks, in two titles, are not.
        more_talks = _event("d-talks", "Orlova resumes talks with the unions")
        catalog = Catalog(
            stories=[Story(id="harbour", title={"en": "Harbour"})],
            entities=ENTITIES,
            events=[TALKS, PARDON, SANCTIONS, more_talks],
        )
        index = EventIndex.build(catalog)

        def own(text: str, event_id: str) -> float:
            result = score(build_document(text, langs=["ru"]), index)
            return next(c.features["own"] for c in result.candidates if c.event_id == event_id)

        assert own("Орлова помиловала заключённых\nВ Киремске подписан указ.", "c-pardon") > MIN_OWN
        assert own("Орлова продолжила переговоры\nВ Киремске прошла встреча.", "a-talks") < MIN_OWN

    def test_topic_evidence_is_shown_with_the_english_concept_it_matched(self) -> None:
        catalog = Catalog(
            stories=[Story(id="harbour", title={"en": "Harbour"})], entities=ENTITIES, events=[TALKS, PARDON]
        )
        result = score(build_document(self.RUSSIAN, langs=["ru"]), EventIndex.build(catalog))
        best = result.candidates[0]
        assert best.event_id == "c-pardon"
        topical = [item for item in best.evidence if item.kind == "phrase"]
        assert {(item.matched, item.text) for item in topical} == {
            ("pardon", "помиловала"),
            ("prisoner", "заключённых"),
        }
        assert best.features["topics"] > 0
        assert result.candidates[1].features["topics"] == 0

    def test_an_event_curated_in_the_articles_language_gets_no_topic_evidence(self) -> None:
        # Its curator wrote what happened in Russian: the lexicon's general words would only blur that.
        russian = Event(
            id="c-pardon", story_id="harbour", date=dt.date(2025, 3, 4),
            title={"en": "Orlova pardons 16 prisoners", "ru": "Орлова помиловала 16 заключённых"},
            summary={}, entities=["vesna-orlova", "kiremsk"],
        )  # fmt: skip
        catalog = Catalog(stories=[Story(id="harbour", title={"en": "Harbour"})], entities=ENTITIES,
                          events=[TALKS, russian])  # fmt: skip
        result = score(build_document(self.RUSSIAN, langs=["ru"]), EventIndex.build(catalog))
        by_id = {candidate.event_id: candidate for candidate in result.candidates}
        assert by_id["c-pardon"].features["topics"] == 0
        assert not [item for item in by_id["c-pardon"].evidence if item.kind == "phrase"]

    @pytest.mark.parametrize("lang", ["uk", None])
    def test_the_russian_words_count_for_nothing_in_another_language(self, lang: str | None) -> None:
        assert _ranked(self.RUSSIAN, lang or "", 0.5) == _ranked(self.RUSSIAN, lang or "", 0.0)


class TestEntitiesNamedByConcepts:
    # Listed by a thin story with their English names only: an institution, a topic, and a topic whose name only
    # holds a concept's word.
    OVAL = Entity(id="oval-office", kind="place", name="Oval Office")
    TRUCE = Entity(id="truce", kind="topic", name="ceasefire", aliases=["truce"])
    HARBOUR_TALKS = Entity(id="harbour-talks", kind="topic", name="Harbour talks")

    def _index(self) -> EventIndex:
        meeting = Event(
            id="a-meeting", story_id="harbour", date=dt.date(2025, 3, 4), title={"en": "Orlova meets the unions"},
            summary={}, entities=["vesna-orlova", "oval-office", "truce", "harbour-talks"],
        )  # fmt: skip
        other = Event(
            id="b-other", story_id="harbour", date=dt.date(2025, 3, 5), title={"en": "Orlova leaves"}, summary={},
            entities=["vesna-orlova", "kiremsk"],
        )  # fmt: skip
        entities = [*ENTITIES, self.OVAL, self.TRUCE, self.HARBOUR_TALKS]
        stories = [Story(id="harbour", title={"en": "Harbour"})]
        return EventIndex.build(Catalog(stories=stories, entities=entities, events=[meeting, other]))

    def test_an_entity_named_as_a_concept_is_named_where_the_concept_is(self) -> None:
        index = self._index()
        assert named_entities(index, "oval-office") == ("oval-office",)
        assert named_entities(index, "ceasefire") == ("truce",)
        assert named_entities(index, "talks") == ()
        doc = build_document("Орлова в Овальном кабинете\nОбъявлено перемирие и начаты переговоры.", langs=["ru"])
        names = gather(doc, index).names
        assert {"oval-office", "truce"} <= set(names)
        assert "harbour-talks" not in names
        assert names["oval-office"].text == "Овальном кабинете"

    def test_a_name_found_in_an_events_capitals_is_named_by_a_concept_of_two_words_only(self) -> None:
        # An event imported with its text alone: its capitalised words are found as names (automatic.py), a common
        # noun of a title among them.
        event = Event(
            id="a-visit", story_id="harbour", date=dt.date(2025, 3, 4),
            title={"en": "Orlova visits the harbour"}, entities=[],
            summary={"en": "On Tuesday the President received Vesna Orlova in the Oval Office and spoke for an hour."},
        )  # fmt: skip
        catalog = Catalog(stories=[Story(id="harbour", title={"en": "Harbour"})], entities=[], events=[event])
        index = EventIndex.build(catalog)
        found = {index.entities[e].name for e in index.events["a-visit"].entities}
        assert {"President", "Oval Office"} <= found
        assert named_entities(index, "president") == ()
        assert [index.entities[e].name for e in named_entities(index, "oval-office")] == ["Oval Office"]

    def test_a_concept_names_one_entity_of_a_story(self) -> None:
        # A second entity under another of the concept's English forms: one Russian word is not both.
        armistice = Entity(id="armistice", kind="topic", name="truce")
        other_truce = Entity(id="other-truce", kind="topic", name="cease-fire")
        events = [
            Event(
                id="a-talks", story_id="harbour", date=dt.date(2025, 3, 4), title={"en": "Orlova agrees a truce"},
                summary={}, entities=["vesna-orlova", "armistice", "truce"],
            ),
            Event(
                id="b-talks", story_id="other", date=dt.date(2025, 3, 4), title={"en": "Kiremsk truce"},
                summary={}, entities=["kiremsk", "other-truce"],
            ),
        ]  # fmt: skip
        stories = [Story(id="harbour", title={"en": "Harbour"}), Story(id="other", title={"en": "Other"})]
        catalog = Catalog(stories=stories, entities=[*ENTITIES, self.TRUCE, armistice, other_truce], events=events)
        index = EventIndex.build(catalog)
        assert set(named_entities(index, "ceasefire")) == {"truce", "armistice", "other-truce"}
        names = gather(build_document("Орлова: объявлено перемирие.", langs=["ru"]), index).names
        # The first of the harbour story's two, and the other story's own.
        assert len({"truce", "armistice"} & set(names)) == 1 and "other-truce" in names

    def test_the_concept_of_a_listed_entity_is_not_counted_twice(self) -> None:
        doc = build_document("Орлова в Овальном кабинете\nОбъявлено перемирие.", langs=["ru"])
        best = score(doc, self._index()).candidates[0]
        assert best.event_id == "a-meeting"
        assert {(item.kind, item.matched) for item in best.evidence} >= {("name", "Oval Office"), ("name", "ceasefire")}
        assert not [item for item in best.evidence if item.kind == "phrase" and item.matched == "Oval Office"]
