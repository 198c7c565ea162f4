"""Confidence of a match: a logistic model over the features ``score.py`` computes for each candidate.

The coefficients are fitted on labelled articles by ``backstory fit`` (README, "How matching works") and
shipped as ``calibration.json`` beside this module, together with the cross-validated figures of the fit.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

import msgspec

# Every feature score.py computes for a candidate; a calibration uses those it names.
FEATURES = (
    "evidence", "lead", "coverage", "central", "margin", "kinds", "second", "recency", "gap", "undated", "early", "story",
    "actors", "cast", "cast_lead", "anchored", "own", "own_apart", "topics", "semantic", "semantic_margin",
)  # fmt: skip
# Features only the optional semantic re-ranker provides.
SEMANTIC_FEATURES = ("semantic", "semantic_margin")
# What `backstory fit` uses unless told otherwise: the amount of evidence and its second-strongest piece, the lead
# over the runner-up, the publish-date fit, and how many of the story's actors the headline and lead name. Richer
# sets did no better under cross-validation on the dev set (85 articles), and fewer coefficients fitted on so few
# articles carry over better to unseen ones.
# The shipped calibration adds "cast_lead" (stories compete) and "topics" (topic words the article shares with the
# event, ``topics.py``); calibration.json says how it was fitted.
DEFAULT_FEATURES = ("evidence", "second", "margin", "gap", "undated", "actors")


class Calibration(msgspec.Struct, kw_only=True, frozen=True):
    features: list[str]
    coef: list[float]
    intercept: float
    fitted_on: str = ""
    """What the model was fitted on, and how (the command and data)."""
    cross_validation: dict[str, float] = msgspec.field(default_factory=dict)
    """Out-of-fold figures of the fit: what to expect on articles it has not seen."""

    def confidence(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(c * features.get(name, 0.0) for name, c in zip(self.features, self.coef, strict=True))
        # Clamped: a logistic of a very negative number underflows to an exact zero otherwise.
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    @property
    def semantic(self) -> bool:
        return any(name in SEMANTIC_FEATURES for name in self.features)


@cache
def default_calibration(semantic: bool = False) -> Calibration:
    """The shipped calibration: ``calibration-semantic.json`` for the semantic re-ranker, else ``calibration.json``."""
    name = "calibration-semantic.json" if semantic else "calibration.json"
    raw = resources.files("backstory.matching").joinpath(name).read_bytes()
    return msgspec.json.decode(raw, type=Calibration)
