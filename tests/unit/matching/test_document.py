from __future__ import annotations

import pytest

from backstory.matching import dates
from backstory.matching.document import build_document, preload_languages


class TestPreloadLanguages:
    def test_an_article_in_a_preloaded_language_reads_no_calendar(self, monkeypatch: pytest.MonkeyPatch) -> None:
        dates.month_table.cache_clear()
        dates.month_prefixes.cache_clear()
        preload_languages(["de"])

        def unread(*args: object, **kwargs: object) -> None:
            raise AssertionError("CLDR read after preloading")

        monkeypatch.setattr(dates, "get_month_names", unread)
        doc = build_document("Die Gespräche endeten am 12. März in Berlin.", None, ["de"])

        assert [(d.day, d.month) for d in doc.dates] == [(12, 3)]
