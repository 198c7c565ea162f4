"""The fitting procedure on invented feature rows (the real ones come from matching labelled articles)."""

from __future__ import annotations

import random

import pytest

from backstory.matching.calibration import DEFAULT_FEATURES, FEATURES
from backstory.research.fit import Row, candidate_feature_sets, fit, nested_cross_validation

pytest.importorskip("sklearn")


def _rows(seed: int = 1) -> list[Row]:
    """Positives with more evidence than negatives, with noise, in two languages."""
    rng = random.Random(seed)
    rows = []
    for i in range(60):
        kind = ("positive", "positive", "hard_negative", "easy_negative")[i % 4]
        label = int(kind == "positive")
        evidence = (3.0 if label else 1.5) + rng.gauss(0, 0.5)
        features = [rng.random() for _ in FEATURES]
        features[FEATURES.index("evidence")] = evidence
        rows.append(Row(f"x-{i}", kind, features, label, "ru" if i % 3 else "en"))
    return rows


class TestFit:
    def test_it_reports_cross_validated_figures_per_language(self) -> None:
        calibration = fit(_rows(), folds=3, repeats=2, regularisation=1.0, features=["evidence"])
        figures = calibration.cross_validation
        assert figures["repeats"] == 2 and figures["folds"] == 3
        assert {"accuracy_at_1[en]", "accuracy_at_1[ru]"} <= set(figures)
        assert figures["accuracy_at_1"] > 0.8 and figures["hard_negative_false_match_rate"] < 0.2
        assert calibration.coef[0] > 0 and "--repeats 2" in calibration.fitted_on

    def test_unknown_features_are_refused(self) -> None:
        with pytest.raises(ValueError, match="unknown features"):
            fit(_rows(), features=["evidence", "luck"])


class TestNestedCrossValidation:
    def test_it_chooses_per_outer_fold_and_reports_held_out_figures(self) -> None:
        steps: list[int] = []
        result = nested_cross_validation(
            _rows(),
            folds=3,
            repeats=2,
            feature_sets=[("evidence",), ("second",)],
            regularisations=(1.0,),
            progress=lambda done, total: steps.append(done),
        )
        assert steps == [1, 2, 3, 4, 5, 6]
        assert len(result.choices) == 6
        # Only "evidence" tells the kinds apart here, so the inner cross-validation picks it.
        assert all(features == ("evidence",) for features, _ in result.choices)
        assert result.metrics["accuracy_at_1"] > 0.8

    def test_candidate_sets_drop_and_add_one_feature_each(self) -> None:
        sets = candidate_feature_sets()
        assert sets[0] == DEFAULT_FEATURES
        assert all(abs(len(s) - len(DEFAULT_FEATURES)) == 1 for s in sets[1:])
        assert not any("semantic" in s for s in sets)
