"""``backstory bench``: what a context request costs over the floor of reading the page (issue 12).

One process, one run: in-process figures first (extraction alone, the whole pipeline, language detection,
matching and index build at 16 to 100,000 events, memory), then the shipped server over loopback HTTP
(``bench_http.py``). Every figure is a median of repeated measurements; the report keeps the issue's keys.
Times are figures to read, never assertions: the machine may be shared.
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import trafilatura

from backstory.api.presenters import context_response
from backstory.articles.extract import extract_page
from backstory.articles.language import LanguageDetectorService
from backstory.catalog import Snapshot
from backstory.context import ArticleInput, ContextService
from backstory.events.models import Catalog
from backstory.events.store import read_bundled
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import score
from backstory.research.bench_http import cached_over_cold, http_figures, served
from backstory.research.bench_pages import BenchPage, news_pages
from backstory.research.synthetic import merge_catalogs, synthetic_catalog
from backstory.settings import Settings

SIZES = (1_000, 10_000, 100_000)
"""Synthetic events added to the bundled story; the bundled story alone is reported under its own size."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How much to measure: ``quick`` trades repetitions (and HTTP seconds) for time, never the 100,000 set."""

    pages: int
    repeats: int
    match_texts: int
    http_seconds: float
    cache_words: int = 200_000
    """Distinct words sent to fill the word caches: ten times what one cache keeps, in either plan."""

    @classmethod
    def of(cls, quick: bool) -> Plan:
        return cls(pages=18, repeats=2, match_texts=36, http_seconds=6) if quick else cls(36, 5, 72, 30)


def median_ms(samples: Iterable[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def timed(work: Callable[[], object]) -> float:
    """Seconds ``work()`` took."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory now (Linux), or another line of ``/proc/self/status`` in kB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def anon_mb() -> float:
    """The part of resident memory that is this process's own (``RssAnon``): not the pages of files it maps, which
    workers share and the kernel may drop. Those vary with how the page cache holds a file: lingua's 100 MB library
    counted 66 MB resident once freshly written and 111 MB after many runs had read it, in one venv, same code."""
    return rss_mb("RssAnon")


def bundled_catalog() -> Catalog:
    return Catalog.of(read_bundled())


def extract_only(pages: list[BenchPage], repeats: int) -> float:
    """The floor: trafilatura alone, as the issue defines it."""
    return median_ms(
        timed(lambda page=page: trafilatura.bare_extraction(page.html, with_metadata=True))  # type: ignore[misc]
        for _ in range(repeats)
        for page in pages
    )


def pipeline(service: ContextService, snapshot: Snapshot, pages: list[BenchPage], repeats: int) -> float:
    """The whole ``/v1/context`` work in process: extract, language, match, cards, presenter, JSON."""

    def one(page: BenchPage) -> bytes:
        result = service.build(ArticleInput(url=page.url, html=page.html), snapshot)
        return msgspec.json.encode(context_response(result, None))

    return median_ms(timed(lambda page=page: one(page)) for _ in range(repeats) for page in pages)  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class Text:
    """An extracted article, ready to match: what the matching figures are measured on."""

    text: str
    title: str | None
    lang: str | None


def extracted(detector: LanguageDetectorService, pages: list[BenchPage]) -> list[Text]:
    texts = []
    for page in pages:
        got = extract_page(page.html, page.url)
        texts.append(Text(got.text, got.title, detector.detect(got.text)))
    return texts


def language(detector: LanguageDetectorService, texts: list[Text], repeats: int) -> float:
    return median_ms(timed(lambda t=t: detector.detect(t.text)) for _ in range(repeats) for t in texts)  # type: ignore[misc]


def matching(index: EventIndex, texts: list[Text], repeats: int) -> float:
    """Normalising the article and scoring it: what grows with the event set."""

    def one(t: Text) -> None:
        score(build_document(t.text, t.title, [t.lang] if t.lang else []), index)

    return median_ms(timed(lambda t=t: one(t)) for _ in range(repeats) for t in texts)  # type: ignore[misc]


def scale(
    bundled: Catalog, texts: list[Text], repeats: int, sizes: Iterable[int] = SIZES
) -> dict[str, dict[str, float]]:
    """Per event-set size: matching time, index build time, and this process's memory with that index held.

    Sizes go up and one index is held at a time, so the memory at each size is the process with that index
    (what was freed before is reused, not added).
    """
    figures: dict[str, dict[str, float]] = {"match_ms_p50": {}, "index_build_s": {}, "rss_mb": {}, "anon_mb": {}}
    catalogs: list[tuple[str, Callable[[], Catalog]]] = [(str(len(bundled.events)), lambda: bundled)]
    catalogs += [(str(n), lambda n=n: merge_catalogs(bundled, synthetic_catalog(n))) for n in sizes]  # type: ignore[misc]
    for name, make in catalogs:
        catalog = make()
        started = time.perf_counter()
        index = EventIndex.build(catalog)
        figures["index_build_s"][name] = round(time.perf_counter() - started, 2)
        del catalog
        gc.collect()
        figures["rss_mb"][name] = rss_mb()
        figures["anon_mb"][name] = anon_mb()
        figures["match_ms_p50"][name] = matching(index, texts, repeats)
        del index
        gc.collect()
    return figures


# Letters of the random words ``word_caches`` sends, per language it names them in.
_LETTERS = {"en": "abcdefghiklmnoprstuvwz", "de": "abcdefghiklmnoprstuvwzäöü", "pl": "abcdeghiklmnoprstuwzółęąś",
            "ru": "абвгдежзиклмнопрстуфхцчшыя"}  # fmt: skip


def word_caches(index: EventIndex, words: int, seed: int = 0) -> float:
    """MB that matching ``words`` distinct random words in four languages leaves held: the bound the word caches put
    on a worker's memory (``normalise.WORDS_REMEMBERED``), which bench pages, repeating news vocabulary, never reach.
    Counted by ``tracemalloc`` (what Python holds), not by resident memory, which reuses what the larger indexes
    measured before freed and would hide it."""
    rng = random.Random(seed)
    gc.collect()
    tracemalloc.start()
    try:
        per_text = 2000
        for _ in range(words // per_text):
            lang = rng.choice(sorted(_LETTERS))
            letters = _LETTERS[lang]
            text = " ".join("".join(rng.choices(letters, k=rng.randint(4, 12))) for _ in range(per_text)) + "."
            score(build_document(text, None, [lang]), index)
        gc.collect()
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(held / 2**20, 1)


def in_process(plan: Plan, settings: Settings, progress: Callable[[str], None]) -> dict[str, Any]:
    """Every in-process figure of the report."""
    pages = news_pages(plan.pages)
    progress("loading the language models and the bundled story")
    service = ContextService.create(settings)
    bundled = bundled_catalog()
    snapshot = Snapshot.of(bundled)
    progress("extraction alone and the whole pipeline")
    report: dict[str, Any] = {}
    # Interleaved, so that a burst of load on a shared machine hits both sides of the ratio alike.
    floors, whole = [], []
    for _ in range(plan.repeats):
        floors.append(extract_only(pages, 1))
        whole.append(pipeline(service, snapshot, pages, 1))
    report["extract_only_ms_p50"] = round(statistics.median(floors), 2)
    report["pipeline_ms_p50"] = round(statistics.median(whole), 2)
    report["pipeline_over_extract"] = round(report["pipeline_ms_p50"] / report["extract_only_ms_p50"], 3)
    texts = extracted(service.detector, news_pages(plan.match_texts, seed=1))
    report["language_ms_p50"] = language(service.detector, texts, plan.repeats)
    progress(f"matching and index build at {len(bundled.events)} events and + {', '.join(map(str, SIZES))}")
    report.update(scale(bundled, texts, plan.repeats))
    progress(f"memory after {plan.cache_words:,} distinct words")
    report["word_caches_mb"] = word_caches(EventIndex.build(bundled), plan.cache_words)
    return report


HTTP_CLIENTS = 16


def over_http(plan: Plan, progress: Callable[[str], None]) -> dict[str, Any]:
    """Start-up, the cache and throughput of ``backstory serve`` as shipped, on a fresh SQLite file."""
    pages = news_pages(plan.pages, seed=2)
    with tempfile.TemporaryDirectory(prefix="backstory-bench-") as folder:
        progress("starting backstory serve")
        with served(Path(folder) / "bench.db") as server:
            progress(f"the cache, then {HTTP_CLIENTS} clients and one for {plan.http_seconds:g} s each")
            cached = cached_over_cold(server.port, pages[:6])
            http = http_figures(server.port, pages, HTTP_CLIENTS, plan.http_seconds)
            return {"ready_s": server.ready_s, "cached_over_cold": cached, "http": http}


KEYS = (
    "extract_only_ms_p50", "pipeline_ms_p50", "pipeline_over_extract", "match_ms_p50", "index_build_s", "rss_mb",
    "anon_mb", "cached_over_cold", "http", "ready_s", "language_ms_p50", "word_caches_mb",
)  # fmt: skip


def run(quick: bool, settings: Settings, progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """The whole benchmark: the report's keys in the issue's order."""
    plan = Plan.of(quick)
    # The server first: the in-process part leaves this process holding hundreds of MB the server does not need.
    served_figures = over_http(plan, progress)
    figures = {**in_process(plan, settings, progress), **served_figures}
    return {key: figures[key] for key in KEYS}
