from __future__ import annotations

from backstory.research.bench import KEYS, Plan, Text, bundled_catalog, median_ms, rss_mb, scale


class TestBenchPieces:
    def test_quick_keeps_every_figure_and_measures_less(self) -> None:
        quick, full = Plan.of(quick=True), Plan.of(quick=False)
        assert quick.repeats < full.repeats and quick.http_seconds < full.http_seconds

    def test_the_report_has_the_issues_keys(self) -> None:
        assert set(KEYS) == {
            "extract_only_ms_p50", "pipeline_ms_p50", "pipeline_over_extract", "match_ms_p50", "index_build_s",
            "rss_mb", "cached_over_cold", "http", "ready_s", "language_ms_p50",
        }  # fmt: skip

    def test_a_median_is_in_milliseconds(self) -> None:
        assert median_ms([0.001, 0.002, 0.010]) == 2.0

    def test_memory_is_read_from_the_process(self) -> None:
        assert rss_mb() > 10

    def test_scale_reports_each_size_under_its_event_count(self) -> None:
        bundled = bundled_catalog()
        text = Text("Minsk freed prisoners on Thursday, officials in Vilnius said.", None, "en")
        figures = scale(bundled, [text], repeats=1, sizes=(20,))
        assert set(figures["index_build_s"]) == {str(len(bundled.events)), "20"}
