"""Fitting the confidence model (``backstory fit``) on labelled articles, with k-fold cross-validation.

Each labelled article is matched; its top candidate's features become one row, labelled 1 when that
candidate is the article's event and 0 otherwise (a wrong top candidate, a negative). The logistic model
is fitted on all rows for shipping; the figures reported are out-of-fold: every article scored by a model
fitted without it, and decided as ``score.shared`` and ``score.settle`` decide it (a rival shortlisted candidate
that reaches the threshold where the top one falls short is claimed, and candidates scored alike that each reach it
share it, so a row keeps the rivals' features and labels).

Choosing the features and the regularisation by looking at those figures would make them optimistic again;
``nested_cross_validation`` measures the whole procedure instead: inside each outer training part, an inner
cross-validation picks the features and regularisation, and the pick is scored on the outer held-out fold.

Rows may come from several labelled sets (``--set NAME=PATH[:thin]``), each matched against its own event set.
The same article can then appear in more than one set (dev under the full and the thinned story): its rows are
kept in one fold, so that no article is scored by a model fitted on another copy of itself, and the figures are
reported per set, prefixed with the set's name (``thin-dev:accuracy_at_1``).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from backstory.matching.calibration import DEFAULT_FEATURES, FEATURES, SEMANTIC_FEATURES, Calibration
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import belonging, score, settle, shared
from backstory.matching.semantic import SemanticScorer
from backstory.research.evaluation import EvalItem


@dataclass(frozen=True, slots=True)
class Row:
    item_id: str
    kind: str
    features: list[float]
    label: int
    lang: str = ""
    """The article's labelled language."""
    set_name: str = ""
    """The labelled set the row comes from; empty when fitting on one file alone."""
    rivals: tuple[tuple[tuple[float, ...], int], ...] = ()
    """The other shortlisted candidates' features and labels, best-scored first: ``score.settle`` may claim one of
    them when the top candidate falls short, and the figures count what it claims."""


@dataclass(frozen=True, slots=True)
class LabelledSet:
    """One ``--set NAME=PATH[:thin]`` of ``backstory fit``: labelled articles and how their event set is built."""

    name: str
    path: Path
    thin: bool = False
    """Match against the bundled story thinned as ``shared/eval/thin_story.py`` thins it."""

    def __str__(self) -> str:
        return f"{self.name}={self.path}{':thin' if self.thin else ''}"


_SET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def parse_labelled_set(text: str) -> LabelledSet:
    """``NAME=PATH`` or ``NAME=PATH:thin``; raise ValueError saying what is wrong."""
    name, sep, path = text.partition("=")
    if not sep or not path:
        raise ValueError(f"{text!r}: expected NAME=PATH or NAME=PATH:thin")
    if not _SET_NAME.fullmatch(name):
        raise ValueError(f"{text!r}: a set's name is letters, digits, '.', '_' and '-' (it prefixes its figures)")
    thin = path.endswith(":thin")
    if thin:
        path = path.removesuffix(":thin")
    if not path:
        raise ValueError(f"{text!r}: no path")
    return LabelledSet(name, Path(path), thin)


def parse_labelled_sets(texts: Iterable[str]) -> list[LabelledSet]:
    """Each ``--set`` parsed, in order; names must differ."""
    sets = [parse_labelled_set(text) for text in texts]
    seen: set[str] = set()
    for labelled in sets:
        if labelled.name in seen:
            raise ValueError(f"set {labelled.name!r} is given twice")
        seen.add(labelled.name)
    return sets


# Languages with at least this many positives get their own accuracy (issue 5's per-language target).
MIN_LANG_POSITIVES = 5
# What nested cross-validation chooses among: the regularisations, and feature sets around the default one.
REGULARISATIONS = (0.1, 0.3, 1.0, 3.0)


def candidate_feature_sets(base: Sequence[str] = DEFAULT_FEATURES) -> list[tuple[str, ...]]:
    """``base``, ``base`` without each of its features, and ``base`` with each other non-semantic feature."""
    others = [name for name in FEATURES if name not in base and name not in SEMANTIC_FEATURES]
    return [
        tuple(base),
        *(tuple(name for name in base if name != dropped) for dropped in base),
        *((*base, added) for added in others),
    ]


def collect_rows(
    items: Iterable[EvalItem],
    index: EventIndex,
    detect: Callable[[str], str | None],
    semantic: SemanticScorer | None = None,
    set_name: str = "",
) -> list[Row]:
    """Features of each article's top candidate, as the context service would compute them."""
    # Features are read before any calibration is applied, so the one in force does not matter here.
    calibration = Calibration(features=[], coef=[], intercept=0.0)
    rows = []
    for item in items:
        lang = detect(item.text)
        document = build_document(item.text, None, [lang] if lang else [])
        result = score(document, index, published=item.published, calibration=calibration, semantic=semantic)
        top = result.candidates[0] if result.candidates else None
        features = [top.features.get(name, 0.0) for name in FEATURES] if top else [0.0] * len(FEATURES)
        label = int(top is not None and item.kind == "positive" and top.event_id == item.event)
        rivals = tuple(
            (
                tuple(rival.features.get(name, 0.0) for name in FEATURES),
                int(item.kind == "positive" and rival.event_id == item.event),
            )
            for rival in result.candidates[1:]
        )
        rows.append(Row(item.id, item.kind, features, label, item.lang, set_name, rivals))
    return rows


def _model(regularisation: float, negative_weight: float) -> object:
    try:
        from sklearn.linear_model import LogisticRegression  # optional extra: backstory[fit]
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("fitting needs scikit-learn: pip install 'backstory[fit]'") from exc
    # A false claim misleads a reader; an abstention only withholds: negatives may weigh more.
    return LogisticRegression(C=regularisation, max_iter=1000, class_weight={0: negative_weight, 1: 1.0})


def _metrics(rows: Sequence[Row], probabilities: Sequence[float], threshold: float) -> dict[str, float]:
    """The eval figures for these probabilities; ``accuracy_at_1[xx]`` per language with enough positives."""

    def rate(kind: str, hit: Callable[[Row, float], bool], lang: str | None = None) -> float:
        chosen = [
            (r, p)
            for r, p in zip(rows, probabilities, strict=True)
            if r.kind == kind and (lang is None or r.lang == lang)
        ]
        return round(sum(hit(r, p) for r, p in chosen) / len(chosen), 4) if chosen else 0.0

    def correct(r: Row, p: float) -> bool:
        return r.label == 1 and p >= threshold

    metrics = {
        "accuracy_at_1": rate("positive", correct),
        "positive_abstention_rate": rate("positive", lambda r, p: p < threshold),
        "hard_negative_false_match_rate": rate("hard_negative", lambda r, p: p >= threshold),
        "easy_negative_false_match_rate": rate("easy_negative", lambda r, p: p >= threshold),
    }
    positives = Counter(r.lang for r in rows if r.kind == "positive")
    for lang in sorted(lang for lang, count in positives.items() if count >= MIN_LANG_POSITIVES):
        metrics[f"accuracy_at_1[{lang}]"] = rate("positive", correct, lang)
    return metrics


def _figures(rows: Sequence[Row], probabilities: Sequence[float], threshold: float) -> dict[str, float]:
    """``_metrics`` of all rows, or of each labelled set apart with its name as prefix when rows name their set."""
    names = list(dict.fromkeys(row.set_name for row in rows))
    if names == [""]:
        return _metrics(rows, probabilities, threshold)
    figures = {}
    for name in names:
        chosen = [i for i, row in enumerate(rows) if row.set_name == name]
        metrics = _metrics([rows[i] for i in chosen], [probabilities[i] for i in chosen], threshold)
        figures.update({f"{name}:{key}": value for key, value in metrics.items()})
    return figures


MARGIN = FEATURES.index("margin")


def settled(
    rows: Sequence[Row], confidences_of: Callable[[Sequence[Sequence[float]]], list[float]], threshold: float
) -> tuple[list[Row], list[float]]:
    """Each row as ``score.settle`` decides its article with these confidences (``confidences_of`` full feature
    vectors, all rows' candidates in one call): the top candidate's label and confidence, or those of the rival it
    claims instead (``score.shared`` first divides among candidates scored alike that each reach the threshold, then
    ``score.belonging`` weighs each, as ``score.score`` does)."""
    vectors = [vector for row in rows for vector in (row.features, *(features for features, _ in row.rivals))]
    every = iter(confidences_of(vectors))
    weights = iter([belonging(dict(zip(FEATURES, vector, strict=True))) for vector in vectors])
    out_rows, out_probabilities = [], []
    for row in rows:
        confidences = [next(every) for _ in range(1 + len(row.rivals))]
        margins = [row.features[MARGIN], *(features[MARGIN] for features, _ in row.rivals)]
        confidences = [c * next(weights) for c in shared(confidences, margins, threshold)]
        chosen = settle(confidences, margins, threshold)
        label = row.label if chosen == 0 else row.rivals[chosen - 1][1]
        out_rows.append(row if label == row.label else replace(row, label=label))
        out_probabilities.append(confidences[chosen])
    return out_rows, out_probabilities


def article_groups(rows: Sequence[Row]) -> list[str] | None:
    """The cross-validation groups: each row's article id when rows come from labelled sets, else None (rows
    are then split one by one, as they always were for a single file). Two files that used one id for different
    articles would only keep those together: more cautious, never optimistic."""
    return [row.item_id for row in rows] if any(row.set_name for row in rows) else None


def splits(
    y: Sequence[int], groups: Sequence[str] | None, folds: int, seed: int
) -> Iterator[tuple[Sequence[int], Sequence[int]]]:
    """(train, test) indices of ``folds`` stratified folds; rows of one group always fall in the same fold."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold  # optional extra, as in _model

    rows = [[0.0]] * len(y)
    if groups is None:
        yield from StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(rows, y)
    else:
        yield from StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(rows, y, groups)


def _out_of_fold(
    rows: Sequence[Row],
    features: Sequence[str],
    folds: int,
    seed: int,
    regularisation: float,
    negative_weight: float,
    threshold: float,
    groups: Sequence[str] | None = None,
) -> tuple[list[Row], list[float]]:
    """Each article decided (``settled``) by a model fitted on the other folds: its row as settled, and the
    probability of what it claims or shows first."""
    x = _columns(rows, features)
    y = [row.label for row in rows]
    out_rows, out = list(rows), [0.0] * len(rows)
    for train, test in splits(y, groups, folds, seed):
        model = _model(regularisation, negative_weight)
        model.fit([x[i] for i in train], [y[i] for i in train])  # type: ignore[attr-defined]

        decided, probabilities = settled([rows[i] for i in test], _confidences(model, features), threshold)
        for i, row, p in zip(test, decided, probabilities, strict=True):
            out_rows[i], out[i] = row, p
    return out_rows, out


def _confidences(model: object, features: Sequence[str]) -> Callable[[Sequence[Sequence[float]]], list[float]]:
    """A fitted model's probabilities for full feature vectors (``FEATURES``), reading the ``features`` it uses: one
    prediction call for them all."""
    columns = [FEATURES.index(name) for name in features]

    def confidences(vectors: Sequence[Sequence[float]]) -> list[float]:
        if not vectors:
            return []
        chosen = [[vector[c] for c in columns] for vector in vectors]
        return [float(p) for p in model.predict_proba(chosen)[:, 1]]  # type: ignore[attr-defined]

    return confidences


def _utility(metrics: dict[str, float]) -> float:
    """What the inner cross-validation maximises: right claims, less the false ones on both kinds of negative."""
    return (
        metrics["accuracy_at_1"] - metrics["hard_negative_false_match_rate"] - metrics["easy_negative_false_match_rate"]
    )


def fit(
    rows: Sequence[Row],
    *,
    folds: int = 5,
    repeats: int = 5,
    threshold: float = 0.5,
    regularisation: float = 1.0,
    negative_weight: float = 1.0,
    features: Sequence[str] = DEFAULT_FEATURES,
    source: str = "",
    command: str = "",
) -> Calibration:
    """The model fitted on all rows, carrying the out-of-fold figures of ``folds``-fold cross-validation.

    The figures are the mean over ``repeats`` different splits: with a few borderline articles, one split alone
    can move a language's accuracy by a whole article either way. ``command`` is recorded in ``fitted_on``
    (by default, the options of ``backstory fit`` that give this fit).
    """
    check_features(features)
    x = _columns(rows, features)
    y = [row.label for row in rows]
    groups = article_groups(rows)
    per_split = [
        _figures(
            *_out_of_fold(rows, features, folds, seed, regularisation, negative_weight, threshold, groups), threshold
        )
        for seed in range(repeats)
    ]
    model = _model(regularisation, negative_weight)
    model.fit(x, y)  # type: ignore[attr-defined]
    command = command or (
        f"backstory fit --folds {folds} --repeats {repeats} --regularisation {regularisation} "
        f"--negative-weight {negative_weight} --features {','.join(features)}"
    )
    fitted_on = f"{source} ({len(rows)} articles) by `{command}` on {dt.date.today().isoformat()}"
    if groups is not None:
        sizes = ", ".join(f"{name} ({count} articles)" for name, count in Counter(r.set_name for r in rows).items())
        fitted_on = (
            f"{sizes}: {len(rows)} rows, by `{command}` on {dt.date.today().isoformat()}; cross-validated grouped "
            "by article (an article's rows in every set stay in one fold)"
        )
    return Calibration(
        features=list(features),
        coef=[round(float(c), 4) for c in model.coef_[0]],  # type: ignore[attr-defined]
        intercept=round(float(model.intercept_[0]), 4),  # type: ignore[attr-defined]
        fitted_on=fitted_on,
        cross_validation={
            "folds": float(folds),
            "repeats": float(repeats),
            "threshold": threshold,
            **_mean(per_split),
        },
    )


def in_sample_figures(rows: Sequence[Row], calibration: Calibration, threshold: float = 0.5) -> dict[str, float]:
    """The figures of ``calibration`` (as shipped, coefficients rounded) on the rows it was fitted on."""
    return _figures(
        *settled(
            rows,
            lambda vectors: [
                calibration.confidence({name: vector[FEATURES.index(name)] for name in calibration.features})
                for vector in vectors
            ],
            threshold,
        ),
        threshold,
    )


def check_features(features: Iterable[str]) -> None:
    """Raise ValueError naming the features ``score.py`` does not compute."""
    unknown = set(features) - set(FEATURES)
    if unknown:
        raise ValueError(f"unknown features: {', '.join(sorted(unknown))} (known: {', '.join(FEATURES)})")


def _columns(rows: Sequence[Row], features: Sequence[str]) -> list[list[float]]:
    columns = [FEATURES.index(name) for name in features]
    return [[row.features[c] for c in columns] for row in rows]


@dataclass(frozen=True, slots=True)
class NestedResult:
    metrics: dict[str, float]
    """Outer held-out figures, averaged over the repeats."""
    choices: list[tuple[tuple[str, ...], float]]
    """The features and regularisation the inner cross-validation chose, per outer fold and repeat."""


def nested_cross_validation(
    rows: Sequence[Row],
    *,
    folds: int = 5,
    repeats: int = 3,
    threshold: float = 0.5,
    negative_weight: float = 1.0,
    feature_sets: Sequence[Sequence[str]] | None = None,
    regularisations: Sequence[float] = REGULARISATIONS,
    progress: Callable[[int, int], None] | None = None,
) -> NestedResult:
    """Figures of the whole fitting procedure, choice of features and regularisation included, on unseen rows."""
    sets = [tuple(s) for s in (feature_sets or candidate_feature_sets())]
    check_features(name for features in sets for name in features)
    y = [row.label for row in rows]
    groups = article_groups(rows)
    per_repeat: list[dict[str, float]] = []
    choices: list[tuple[tuple[str, ...], float]] = []
    total, done = repeats * folds, 0
    for repeat in range(repeats):
        outer_rows, outer = list(rows), [0.0] * len(rows)
        for train, test in splits(y, groups, folds, 100 + repeat):
            inner_rows = [rows[i] for i in train]
            inner_y = [y[i] for i in train]
            inner_groups = None if groups is None else [groups[i] for i in train]
            best: tuple[float, int, float, tuple[str, ...]] | None = None
            for features in sets:
                for c in regularisations:
                    decided = _out_of_fold(
                        inner_rows, features, folds, repeat, c, negative_weight, threshold, inner_groups
                    )
                    # Ties go to fewer features, then stronger regularisation: the simpler model carries over better.
                    key = (_utility(_metrics(*decided, threshold)), -len(features), -c, features)
                    if best is None or key[:3] > best[:3]:
                        best = key
            assert best is not None
            features, c = best[3], -best[2]
            choices.append((features, c))
            model = _model(c, negative_weight)
            model.fit(_columns(inner_rows, features), inner_y)  # type: ignore[attr-defined]
            decided = settled([rows[i] for i in test], _confidences(model, features), threshold)
            for i, row, p in zip(test, *decided, strict=True):
                outer_rows[i], outer[i] = row, p
            done += 1
            if progress is not None:
                progress(done, total)
        per_repeat.append(_figures(outer_rows, outer, threshold))
    return NestedResult(metrics=_mean(per_repeat), choices=choices)


def _mean(figures: Sequence[dict[str, float]]) -> dict[str, float]:
    return {name: round(statistics.fmean(f[name] for f in figures), 4) for name in figures[0]}
