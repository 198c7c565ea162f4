from __future__ import annotations

from backstory.research.wikinews import (
    UNDATED,
    QueryOutcome,
    WikiEvent,
    capitalised_runs,
    report,
    wikinews_catalog,
)

# Invented English events, in the shape of shared/external/wikinews/events.jsonl.
EVENTS = [
    WikiEvent(
        id="ev-1",
        title="Harbour master Tessaly Brandt fines Quillon Marine",
        lead="The harbour of Velmora fined the operator Quillon Marine 7,400 euros in 2024 over 14 cancelled crossings.",
    ),
    WikiEvent(
        id="ev-2",
        title="Quillon Marine appeals",
        lead="The operator Quillon Marine said on Monday it would appeal the fine.",
    ),
]


class TestCapitalisedRuns:
    def test_it_finds_names_but_not_a_sentences_first_word(self) -> None:
        runs = capitalised_runs("The harbour of Velmora fined Quillon Marine. Islanders met Tessaly Brandt.")

        assert runs == ["Velmora", "Quillon Marine", "Tessaly Brandt"]


class TestWikinewsCatalog:
    def test_without_names_events_have_no_entities_and_one_date(self) -> None:
        catalog = wikinews_catalog(EVENTS)

        assert [event.entities for event in catalog.events] == [[], []]
        assert {event.date for event in catalog.events} == {UNDATED}
        assert catalog.events[0].summary == {"en": EVENTS[0].lead}

    def test_names_are_shared_entities_with_their_longer_words(self) -> None:
        catalog = wikinews_catalog(EVENTS, names=True)

        first, second = (set(event.entities) for event in catalog.events)
        assert {"n-kuilon-marine", "n-kuilon", "n-marine", "n-tesali-brandt", "n-velmora"} <= first
        assert "n-kuilon-marine" in second

    def test_numbers_leave_years_out(self) -> None:
        catalog = wikinews_catalog(EVENTS, numbers=True)

        assert catalog.events[0].numbers == ["7400", "14"]


class TestReport:
    def test_it_gives_accuracy_and_mean_reciprocal_rank(self) -> None:
        outcomes = [
            QueryOutcome(id="a", lang="fr", rank=1, top="ev-1", claimed="ev-1"),
            QueryOutcome(id="b", lang="it", rank=2, top="ev-2", claimed=None),
            QueryOutcome(id="c", lang="it", rank=None, top=None, claimed=None),
        ]

        figures = report(outcomes, {"a": ["ev-1"], "b": ["ev-1"], "c": ["ev-2"]})

        assert (figures.accuracy_at_1, figures.mrr, figures.claimed_correct) == (0.3333, 0.5, 0.3333)
        assert figures.per_lang["it"] == {"n": 2.0, "accuracy_at_1": 0.0, "mrr": 0.25}
