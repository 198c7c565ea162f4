"""Matching evaluation over labelled articles, as defined in ``shared/eval/README.md``.

Each item goes through the same service as ``POST /v1/context`` with its url, text and (when known)
published date; never its language or its label.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

import msgspec

from backstory.context import ArticleInput, ContextResult
from backstory.errors import BackstoryError

ItemKind = Literal["positive", "hard_negative", "easy_negative"]


class EvalItem(msgspec.Struct, kw_only=True):
    id: str
    url: str
    lang: str
    published: dt.date | None = None
    event: str | None = None
    kind: ItemKind
    text: str
    doubt: str | None = None


class ItemOutcome(msgspec.Struct, kw_only=True):
    id: str
    kind: ItemKind
    lang: str
    expected: str | None
    claimed: str | None
    detected_lang: str | None
    confidence: float | None
    ms: float


class EvalReport(msgspec.Struct, kw_only=True):
    n_positive: int
    n_hard_negative: int
    n_easy_negative: int
    accuracy_at_1: float
    positive_abstention_rate: float
    hard_negative_false_match_rate: float
    easy_negative_false_match_rate: float
    language_accuracy: float
    per_lang: dict[str, float]
    median_ms: float


def read_items(path: Path) -> list[EvalItem]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(msgspec.json.decode(line, type=EvalItem))
            except msgspec.ValidationError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
    return items


def plain_request(item: EvalItem) -> ArticleInput:
    """The request the eval README defines: url, text and (when known) published; never lang nor the label."""
    return ArticleInput(url=item.url, text=item.text, published=item.published)


def run_item(build: Callable[[ArticleInput], ContextResult], item: EvalItem, request: ArticleInput) -> ItemOutcome:
    started = time.perf_counter()
    try:
        answer = build(request)
        claimed = answer.claimed.event_id if answer.claimed is not None else None
        confidence = answer.candidates[0].confidence if answer.candidates else None
        detected = answer.article.lang
    except BackstoryError:
        claimed, confidence, detected = None, None, None
    return ItemOutcome(
        id=item.id, kind=item.kind, lang=item.lang, expected=item.event, claimed=claimed,
        detected_lang=detected, confidence=confidence, ms=(time.perf_counter() - started) * 1000,
    )  # fmt: skip


def run(
    build: Callable[[ArticleInput], ContextResult],
    items: Iterable[EvalItem],
    request_for: Callable[[EvalItem], ArticleInput] = plain_request,
) -> Iterator[ItemOutcome]:
    """Each item through ``build``, sent as ``request_for`` makes it (the README's request by default)."""
    for item in items:
        yield run_item(build, item, request_for(item))


def _rate(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def report(outcomes: list[ItemOutcome]) -> EvalReport:
    by_kind: dict[str, list[ItemOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    positives = by_kind["positive"]
    per_lang_hits: dict[str, list[bool]] = defaultdict(list)
    for outcome in positives:
        per_lang_hits[outcome.lang].append(outcome.claimed == outcome.expected)
    return EvalReport(
        n_positive=len(positives),
        n_hard_negative=len(by_kind["hard_negative"]),
        n_easy_negative=len(by_kind["easy_negative"]),
        accuracy_at_1=_rate(sum(o.claimed == o.expected for o in positives), len(positives)),
        positive_abstention_rate=_rate(sum(o.claimed is None for o in positives), len(positives)),
        hard_negative_false_match_rate=_rate(
            sum(o.claimed is not None for o in by_kind["hard_negative"]), len(by_kind["hard_negative"])
        ),
        easy_negative_false_match_rate=_rate(
            sum(o.claimed is not None for o in by_kind["easy_negative"]), len(by_kind["easy_negative"])
        ),
        language_accuracy=_rate(sum(o.detected_lang == o.lang for o in outcomes), len(outcomes)),
        per_lang={lang: _rate(sum(hits), len(hits)) for lang, hits in sorted(per_lang_hits.items())},
        median_ms=round(statistics.median(o.ms for o in outcomes), 2) if outcomes else 0.0,
    )
