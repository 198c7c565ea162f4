from __future__ import annotations

from backstory.research.wikinews import (
    UNDATED,
    QueryOutcome,
    WikiEvent,
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


class TestWikinewsCatalog:
    def test_events_have_no_entities_and_one_date(self) -> None:
        catalog = wikinews_catalog(EVENTS)

        assert [event.entities for event in catalog.events] == [[], []]
        assert {event.date for event in catalog.events} == {UNDATED}
        assert catalog.events[0].summary == {"en": EVENTS[0].lead}

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
