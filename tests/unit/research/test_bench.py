from __future__ import annotations

from backstory.matching.consonants import vowelless
from backstory.matching.index import EventIndex, lookup_slots
from backstory.matching.normalise import WORDS_REMEMBERED, fold_word
from backstory.research.bench import (
    KEYS,
    Plan,
    Text,
    anon_mb,
    bundled_catalog,
    median_ms,
    rss_mb,
    scale,
    word_caches,
)


class TestBenchPieces:
    def test_quick_keeps_every_figure_and_measures_less(self) -> None:
        quick, full = Plan.of(quick=True), Plan.of(quick=False)
        assert quick.repeats < full.repeats and quick.http_seconds < full.http_seconds

    def test_the_report_has_the_issues_keys(self) -> None:
        assert set(KEYS) == {
            "extract_only_ms_p50", "pipeline_ms_p50", "pipeline_over_extract", "match_ms_p50", "index_build_s",
            "rss_mb", "anon_mb", "cached_over_cold", "http", "ready_s", "language_ms_p50", "word_caches_mb",
        }  # fmt: skip

    def test_a_median_is_in_milliseconds(self) -> None:
        assert median_ms([0.001, 0.002, 0.010]) == 2.0

    def test_memory_is_read_from_the_process(self) -> None:
        assert rss_mb() > 10

    def test_the_processs_own_memory_is_part_of_its_resident_memory(self) -> None:
        own, resident = anon_mb(), rss_mb()
        assert 1 < own < resident

    def test_scale_reports_each_size_under_its_event_count(self) -> None:
        bundled = bundled_catalog()
        text = Text("Minsk freed prisoners on Thursday, officials in Vilnius said.", None, "en")
        figures = scale(bundled, [text], repeats=1, sizes=(20,))
        assert set(figures["index_build_s"]) == {str(len(bundled.events)), "20"}
        assert set(figures["anon_mb"]) == set(figures["rss_mb"]) == set(figures["index_build_s"])

    def test_the_word_caches_keep_at_most_their_share_of_many_more_words(self) -> None:
        grown = word_caches(EventIndex.build(bundled_catalog()), words=2 * WORDS_REMEMBERED + 4000)
        assert isinstance(grown, float)
        for cache in (lookup_slots, fold_word, vowelless):
            info = cache.cache_info()
            assert info.maxsize == WORDS_REMEMBERED and info.currsize <= WORDS_REMEMBERED
