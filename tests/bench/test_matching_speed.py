"""Matching alone, per dev article: ``build_document`` once, then ``score`` (issue 5: median ≤ 2 ms with 10k extra
events). Language detection, extraction and cards are left out; ``backstory eval`` times the whole pipeline."""

from __future__ import annotations

import math
import statistics
import time
import tracemalloc
from collections.abc import Sequence

import pytest

from backstory.articles.language import LanguageDetectorService
from backstory.events.models import Catalog
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex, lookup_slots
from backstory.matching.normalise import fold_word
from backstory.matching.score import score
from backstory.research.evaluation import EvalItem

# Each article is scored this many times and the fastest run kept, as timeit does: slower runs measure the machine.
SCORE_REPEATS = 3
WARM_UP = "Mayor of Port Veln meets the harbour board on 3 March 2025 to discuss 41 new routes.\nThe talks went on."


@pytest.mark.bench
def test_matching_speed(
    catalogs: dict[str, Catalog], dev_items: list[EvalItem], detector: LanguageDetectorService
) -> None:
    langs = {item.id: detector.detect(item.text) for item in dev_items}
    # First calls pay for lazy set-up (regular expressions, per-language date tables); no article should carry that.
    for item in dev_items:
        build_document(item.text, None, [code] if (code := langs[item.id]) else [])
    medians: dict[str, float] = {}
    print(f"\nmatching speed over {len(dev_items)} dev articles, ms per article: median p90 max")
    for name, catalog in catalogs.items():
        # Words folded cold for each catalog, as for an article never seen; the second is not helped by the first.
        fold_word.cache_clear()
        lookup_slots.cache_clear()
        started = time.perf_counter()
        index = EventIndex.build(catalog)
        build_s = time.perf_counter() - started
        retained, peak = _index_memory(catalog)
        score(build_document(WARM_UP, None, ["en"]), index)  # the first call on an index is not an article's

        doc_ms: list[float] = []
        score_ms: list[float] = []
        reached: list[float] = []
        for item in dev_items:
            started = time.perf_counter()
            lang = langs[item.id]
            doc = build_document(item.text, None, [lang] if lang else [])
            doc_ms.append((time.perf_counter() - started) * 1000)
            runs = []
            for _ in range(SCORE_REPEATS):
                started = time.perf_counter()
                result = score(doc, index, published=item.published)
                runs.append((time.perf_counter() - started) * 1000)
            score_ms.append(min(runs))
            reached.append(len(result.candidates) + result.excluded_after_publication)
        match_ms = [d + s for d, s in zip(doc_ms, score_ms, strict=True)]
        assert len(match_ms) == len(dev_items)
        medians[name] = statistics.median(match_ms)
        terms = index.term_count
        print(
            f"  {name}: {len(catalog.events)} events, {len(catalog.entities)} entities, {terms} terms; "
            f"index built in {build_s * 1000:.0f} ms, holds {retained / 2**20:.1f} MiB (peak {peak / 2**20:.1f} MiB)\n"
            f"    build_document {_spread(doc_ms)}\n"
            f"    score          {_spread(score_ms)}\n"
            f"    matching       {_spread(match_ms)}\n"
            f"    events reached {_spread(reached, '7.0f')}  (candidates sharing evidence, before the publish-date cut)"
        )
    names = list(medians)
    if len(names) == 2:
        print(f"  median matching time {names[1]} / {names[0]}: {medians[names[1]] / medians[names[0]]:.2f}x")


def _index_memory(catalog: Catalog) -> tuple[int, int]:
    """Bytes the index holds once built, and the peak while building it (fold cache already warm)."""
    tracemalloc.start()
    try:
        index = EventIndex.build(catalog)
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del index
    return retained, peak


def _spread(values: Sequence[float], spec: str = "7.3f") -> str:
    """Median, 90th percentile (nearest rank) and maximum."""
    ordered = sorted(values)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
    return " ".join(format(value, spec) for value in (statistics.median(ordered), p90, ordered[-1]))
