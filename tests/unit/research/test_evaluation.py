from __future__ import annotations

from backstory.research.evaluation import ItemOutcome, report


def _outcome(
    kind: str, lang: str, expected: str | None, claimed: str | None, detected: str | None = None
) -> ItemOutcome:
    return ItemOutcome(
        id=f"{kind}-{lang}-{claimed}", kind=kind, lang=lang, expected=expected, claimed=claimed,  # type: ignore[arg-type]
        detected_lang=detected or lang, confidence=None, ms=2.0,
    )  # fmt: skip


class TestReport:
    def test_it_computes_the_metrics_of_the_eval_readme(self) -> None:
        metrics = report(
            [
                _outcome("positive", "en", "a", "a"),
                _outcome("positive", "en", "b", None),
                _outcome("positive", "ru", "c", "d", detected="uk"),
                _outcome("positive", "ru", "c", "c"),
                _outcome("hard_negative", "pl", None, "a"),
                _outcome("hard_negative", "pl", None, None),
                _outcome("easy_negative", "de", None, None),
            ]
        )
        assert metrics.n_positive == 4 and metrics.n_hard_negative == 2 and metrics.n_easy_negative == 1
        assert metrics.accuracy_at_1 == 0.5
        assert metrics.positive_abstention_rate == 0.25
        assert metrics.hard_negative_false_match_rate == 0.5
        assert metrics.easy_negative_false_match_rate == 0.0
        assert metrics.language_accuracy == round(6 / 7, 4)
        assert metrics.per_lang == {"en": 0.5, "ru": 0.5}
        assert metrics.median_ms == 2.0
