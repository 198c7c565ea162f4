"""Wording: character 4-grams weighed by rarity within a story, and how it ranks events imported without names."""

from __future__ import annotations

import datetime as dt

import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import ScoringParams, score
from backstory.matching.wording import cosine, grams, rarity, weighed

DAY = dt.date(2024, 4, 2)


def _event(event_id: str, title: str, summary: str, entities: tuple[str, ...] = ()) -> Event:
    return Event(
        id=event_id, story_id="feed", date=DAY, title={"en": title}, summary={"en": summary}, entities=list(entities)
    )


# Two headline-and-lead events that name the same town and minister, as a feed would import them: names alone
# cannot tell them apart, their wording can.
FLOOD = _event(
    "flood",
    "Floods cut off Torvala as the Brenn river bursts its banks",
    "Minister Idris Kalloway said the army would evacuate villages around Torvala after torrential rain.",
)
BUDGET = _event(
    "budget",
    "Torvala council adopts a budget with a new tram line",
    "Minister Idris Kalloway praised the council of Torvala for financing the tram and a public library.",
)
STORY = Story(id="feed", title={"en": "Imported headlines"})
# An article in French about the flood: it names the town and the minister (as the budget names them too), and
# shares the flood's cognates.
FRENCH_FLOOD = (
    "Inondations à Torvala : la rivière déborde\n"
    "Le ministre Idris Kalloway a annoncé que l'armée allait évacuer les villages autour de Torvala après des "
    "pluies torrentielles."
)


class TestGrams:
    def test_grams_are_read_from_the_transliterated_lower_case_text(self) -> None:
        assert grams("МИР мир") == grams("mir mir")

    def test_grams_run_across_words_and_skip_punctuation(self) -> None:
        assert set(grams("a, bc")) == {" a b", "a bc", " bc "}


class TestRarity:
    def test_a_gram_every_event_has_weighs_one_and_a_rarer_one_more(self) -> None:
        idf = rarity([FLOOD, BUDGET])
        assert idf["torv"] == pytest.approx(1.0)
        assert idf["flood"[:4]] > 1.0

    def test_weighed_vectors_are_unit_length_and_leave_out_unknown_grams(self) -> None:
        idf = rarity([FLOOD, BUDGET])
        vector = weighed(grams("Torvala zzzz"), idf)
        assert "zzzz" not in vector
        assert cosine(vector, vector) == pytest.approx(1.0)

    def test_a_translation_is_more_alike_its_original_than_another_event(self) -> None:
        idf = rarity([FLOOD, BUDGET])
        article = weighed(grams(FRENCH_FLOOD), idf)
        flood = weighed(grams(f"{FLOOD.title['en']} {FLOOD.summary['en']}"), idf)
        budget = weighed(grams(f"{BUDGET.title['en']} {BUDGET.summary['en']}"), idf)
        assert cosine(article, flood) > cosine(article, budget) + 0.05


def _ranked(catalog: Catalog, weight: float) -> list[str]:
    index = EventIndex.build(catalog)
    # Topic words (a flood is a concept of the topic lexicon) left out: this is about wording alone.
    params = ScoringParams(wording_weight=weight, topic_weight=0.0)
    result = score(build_document(FRENCH_FLOOD, langs=["fr"]), index, params=params)
    return [candidate.event_id for candidate in result.candidates]


class TestRanking:
    def test_among_uncurated_events_the_article_shares_the_wording_of_ranks_first(self) -> None:
        catalog = Catalog(stories=[STORY], entities=[], events=[BUDGET, FLOOD])
        assert EventIndex.build(catalog).uncurated == {"flood", "budget"}
        # The same names found in both: without wording the tie goes to the first id, the budget.
        assert _ranked(catalog, 0.0) == ["budget", "flood"]
        assert _ranked(catalog, 8.0) == ["flood", "budget"]

    def test_curated_events_are_left_to_their_names(self) -> None:
        entities = [
            Entity(id="torvala", kind="place", name="Torvala"),
            Entity(id="kalloway", kind="person", name="Idris Kalloway"),
        ]
        curated = [_event(e.id, e.title["en"], e.summary["en"], ("torvala", "kalloway")) for e in (FLOOD, BUDGET)]
        catalog = Catalog(stories=[STORY], entities=entities, events=curated)
        index = EventIndex.build(catalog)
        assert not index.uncurated
        doc = build_document(FRENCH_FLOOD, langs=["fr"])
        plain = score(doc, index, params=ScoringParams(wording_weight=0.0)).candidates
        weighed_ = score(doc, index, params=ScoringParams(wording_weight=8.0)).candidates
        assert [(c.event_id, c.score) for c in plain] == [(c.event_id, c.score) for c in weighed_]
