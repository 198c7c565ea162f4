"""Fitting the confidence model (``backstory fit``) on labelled articles, with k-fold cross-validation.

Each labelled article is matched; its top candidate's features become one row, labelled 1 when that
candidate is the article's event and 0 otherwise (a wrong top candidate, a negative). The logistic model
is fitted on all rows for shipping; the figures reported are out-of-fold: every article scored by a model
fitted without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from backstory.evaluation import EvalItem
from backstory.matching.calibration import DEFAULT_FEATURES, FEATURES, Calibration
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import score
from backstory.matching.semantic import SemanticScorer


@dataclass(frozen=True, slots=True)
class Row:
    item_id: str
    kind: str
    features: list[float]
    label: int


def collect_rows(
    items: Iterable[EvalItem],
    index: EventIndex,
    detect: Callable[[str], str | None],
    semantic: SemanticScorer | None = None,
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
        rows.append(Row(item.id, item.kind, features, label))
    return rows


def _model(regularisation: float, negative_weight: float) -> object:
    try:
        from sklearn.linear_model import LogisticRegression  # optional extra: backstory[fit]
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("fitting needs scikit-learn: pip install 'backstory[fit]'") from exc
    # A false claim misleads a reader; an abstention only withholds: negatives may weigh more.
    return LogisticRegression(C=regularisation, max_iter=1000, class_weight={0: negative_weight, 1: 1.0})


def _metrics(rows: Sequence[Row], probabilities: Sequence[float], threshold: float) -> dict[str, float]:
    def rate(kind: str, hit: Callable[[Row, float], bool]) -> float:
        chosen = [(r, p) for r, p in zip(rows, probabilities, strict=True) if r.kind == kind]
        return round(sum(hit(r, p) for r, p in chosen) / len(chosen), 4) if chosen else 0.0

    return {
        "accuracy_at_1": rate("positive", lambda r, p: r.label == 1 and p >= threshold),
        "positive_abstention_rate": rate("positive", lambda r, p: p < threshold),
        "hard_negative_false_match_rate": rate("hard_negative", lambda r, p: p >= threshold),
        "easy_negative_false_match_rate": rate("easy_negative", lambda r, p: p >= threshold),
    }


def fit(
    rows: Sequence[Row],
    *,
    folds: int = 5,
    threshold: float = 0.5,
    regularisation: float = 1.0,
    negative_weight: float = 1.0,
    features: Sequence[str] = DEFAULT_FEATURES,
    source: str = "",
) -> Calibration:
    """The model fitted on all rows, carrying the out-of-fold figures of ``folds``-fold cross-validation."""
    unknown = set(features) - set(FEATURES)
    if unknown:
        raise ValueError(f"unknown features: {', '.join(sorted(unknown))} (known: {', '.join(FEATURES)})")
    columns = [FEATURES.index(name) for name in features]
    from sklearn.model_selection import StratifiedKFold  # optional extra, as above

    x = [[row.features[c] for c in columns] for row in rows]
    y = [row.label for row in rows]
    out_of_fold = [0.0] * len(rows)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(x, y):
        model = _model(regularisation, negative_weight)
        model.fit([x[i] for i in train], [y[i] for i in train])  # type: ignore[attr-defined]
        for i, p in zip(test, model.predict_proba([x[i] for i in test])[:, 1], strict=True):  # type: ignore[attr-defined]
            out_of_fold[i] = float(p)
    model = _model(regularisation, negative_weight)
    model.fit(x, y)  # type: ignore[attr-defined]
    return Calibration(
        features=list(features),
        coef=[round(float(c), 4) for c in model.coef_[0]],  # type: ignore[attr-defined]
        intercept=round(float(model.intercept_[0]), 4),  # type: ignore[attr-defined]
        fitted_on=f"{source} ({len(rows)} articles) by `backstory fit --folds {folds} --regularisation "
        f"{regularisation} --negative-weight {negative_weight} --features {','.join(features)}` "
        f"on {dt.date.today().isoformat()}",
        cross_validation={"folds": float(folds), "threshold": threshold, **_metrics(rows, out_of_fold, threshold)},
    )
