"""The fitting procedure on invented feature rows (the real ones come from matching labelled articles)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from backstory.matching.calibration import DEFAULT_FEATURES, FEATURES
from backstory.matching.score import OUTCAST
from backstory.research.fit import (
    LabelledSet,
    Row,
    article_groups,
    candidate_feature_sets,
    fit,
    in_sample_figures,
    nested_cross_validation,
    parse_labelled_set,
    parse_labelled_sets,
    settled,
    splits,
)

pytest.importorskip("sklearn")


def _vector(evidence: float, margin: float = 0.0) -> list[float]:
    """A candidate's features: this evidence and margin, the rest 0."""
    features = [0.0] * len(FEATURES)
    features[FEATURES.index("evidence")] = evidence
    features[FEATURES.index("margin")] = margin
    return features


def _tenth_of_evidence(vectors: Sequence[Sequence[float]]) -> list[float]:
    """A confidence model for settling: a tenth of the evidence."""
    return [vector[FEATURES.index("evidence")] / 10 for vector in vectors]


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


def _sets(seed: int = 2) -> list[Row]:
    """The same 40 invented articles in a "full" and a "thin" set, and 20 others in a set of their own."""
    rows = []
    for name, start, count in (("full", 0, 40), ("thin", 0, 40), ("other", 100, 20)):
        for row in _rows(seed)[:count]:
            number = int(row.item_id.removeprefix("x-")) + start
            rows.append(Row(f"x-{number}", row.kind, row.features, row.label, row.lang, name))
    return rows


class TestFit:
    def test_it_reports_cross_validated_figures_per_language(self) -> None:
        calibration = fit(_rows(), folds=3, repeats=2, regularisation=1.0, features=["evidence"])
        figures = calibration.cross_validation
        assert figures["repeats"] == 2 and figures["folds"] == 3
        assert {"accuracy_at_1[en]", "accuracy_at_1[ru]"} <= set(figures)
        assert figures["accuracy_at_1"] > 0.8 and figures["hard_negative_false_match_rate"] < 0.2
        assert calibration.coef[0] > 0 and "--repeats 2" in calibration.fitted_on

    def test_labelled_sets_get_their_own_prefixed_figures_and_are_named_in_fitted_on(self) -> None:
        calibration = fit(_sets(), folds=3, repeats=2, features=["evidence"], command="backstory fit --set …")
        figures = calibration.cross_validation
        assert {"full:accuracy_at_1", "thin:accuracy_at_1", "other:accuracy_at_1", "full:accuracy_at_1[ru]"} <= set(
            figures
        )
        assert "accuracy_at_1" not in figures
        assert calibration.fitted_on.startswith("full (40 articles), thin (40 articles), other (20 articles): 100 rows")
        assert "`backstory fit --set …`" in calibration.fitted_on

    def test_in_sample_figures_use_the_rounded_coefficients_per_set(self) -> None:
        rows = _sets()
        calibration = fit(rows, folds=3, repeats=1, features=["evidence"])
        figures = in_sample_figures(rows, calibration)
        assert set(figures) == set(calibration.cross_validation) - {"folds", "repeats", "threshold"}

    def test_a_rival_the_top_candidate_yields_to_is_what_the_figures_count(self) -> None:
        rows = [
            # The top candidate falls short, a rival that is the article's event reaches the threshold: a right claim.
            Row("a", "positive", _vector(2.0), 0, rivals=((tuple(_vector(7.0)), 1),)),
            # A rival reaches it for an article that reports no event: a false match.
            Row(
                "b",
                "hard_negative",
                _vector(1.0),
                0,
                rivals=((tuple(_vector(3.0, margin=-0.5)), 0), (tuple(_vector(6.0)), 0)),
            ),
            # The top candidate reaches it: its own label counts, whatever the rivals scored well below.
            Row("c", "positive", _vector(8.0), 1, rivals=((tuple(_vector(9.0, margin=-0.5)), 0),)),
            # A rival scored far below the top one is not claimed, however sure.
            Row("d", "positive", _vector(2.0), 0, rivals=((tuple(_vector(9.0, margin=-0.5)), 1),)),
        ]
        decided, probabilities = settled(rows, _tenth_of_evidence, 0.5)
        assert [row.label for row in decided] == [1, 0, 1, 0] and probabilities == [0.7, 0.6, 0.8, 0.2]
        figures = in_sample_figures(rows, fit(_rows(), folds=3, repeats=1, features=["evidence"]))
        # a and c claimed right, d not claimed; b's rival a false match.
        assert figures["accuracy_at_1"] == pytest.approx(2 / 3, abs=1e-4)
        assert figures["hard_negative_false_match_rate"] == 1.0

    def test_an_article_that_fits_two_events_alike_counts_as_unclaimed(self) -> None:
        row = Row("e", "hard_negative", _vector(8.0, 0.05), 0, rivals=((tuple(_vector(7.5, -0.05)), 0),))
        _, probabilities = settled([row], _tenth_of_evidence, 0.5)
        assert probabilities == [pytest.approx(0.4)]

    def test_an_event_of_a_story_the_article_does_not_belong_to_is_weighed_as_score_weighs_it(self) -> None:
        outcast = _vector(8.0, 0.5)
        outcast[FEATURES.index("cast_lead")] = -0.2  # and "anchored" 0: no anchor of its story named
        _, probabilities = settled([Row("f", "hard_negative", outcast, 0)], _tenth_of_evidence, 0.5)
        assert probabilities == [pytest.approx(0.8 * OUTCAST)]

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


class TestGrouping:
    def test_rows_of_one_file_are_not_grouped(self) -> None:
        assert article_groups(_rows()) is None

    @pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
    def test_an_articles_rows_in_every_set_fall_in_one_fold(self, seed: int) -> None:
        rows = _sets()
        groups = article_groups(rows)
        assert groups is not None
        tested: list[int] = []
        for train, test in splits([row.label for row in rows], groups, 5, seed):
            assert not {groups[i] for i in train} & {groups[i] for i in test}
            tested += list(test)
        assert sorted(tested) == list(range(len(rows)))

    def test_an_article_shared_by_two_sets_is_one_group(self) -> None:
        groups = article_groups(_sets())
        assert groups is not None
        assert groups.count("x-3") == 2 and groups.count("x-103") == 1


class TestParseLabelledSet:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("dev=a/dev.jsonl", LabelledSet("dev", Path("a/dev.jsonl"))),
            ("thin-dev=../a/dev.jsonl:thin", LabelledSet("thin-dev", Path("../a/dev.jsonl"), thin=True)),
            ("s2.dev=x=y.jsonl", LabelledSet("s2.dev", Path("x=y.jsonl"))),
        ],
    )
    def test_it_reads_name_path_and_thin(self, text: str, expected: LabelledSet) -> None:
        assert parse_labelled_set(text) == expected
        assert str(parse_labelled_set(text)) == text

    @pytest.mark.parametrize("text", ["dev.jsonl", "=dev.jsonl", "dev=", "dev=:thin", "a:b=dev.jsonl", "a b=x"])
    def test_a_malformed_set_is_refused(self, text: str) -> None:
        with pytest.raises(ValueError, match=repr(text)):
            parse_labelled_set(text)

    def test_a_name_given_twice_is_refused(self) -> None:
        with pytest.raises(ValueError, match="'dev' is given twice"):
            parse_labelled_sets(["dev=a.jsonl", "dev=b.jsonl:thin"])

    def test_sets_keep_their_order(self) -> None:
        sets = parse_labelled_sets(["b=b.jsonl", "a=a.jsonl:thin"])
        assert [labelled.name for labelled in sets] == ["b", "a"]
