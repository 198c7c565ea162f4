from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from backstory.articles import extract
from backstory.articles.extract import FULL_CASCADE_BELOW_CHARS, extract_page, page_metadata, parse_date

FIXTURE_PAGES = Path(__file__).parents[2] / "fixtures" / "pages"

PAGE = """<!doctype html><html lang="pl"><head><title>Kurier | Nowy most w Veln</title>
<meta property="article:published_time" content="2025-03-05T08:00:00+01:00">
<meta property="og:title" content="Nowy most w Veln otwarty"></head><body>
<nav><a href="/">Strona główna</a><a href="/sport">Sport</a></nav>
<div class="ad">Kup teraz! Reklama samochodów</div>
<article><h1>Nowy most w Veln otwarty</h1>
<p>Burmistrz otworzył w środę nowy most nad rzeką, na który mieszkańcy czekali od dziesięciu lat.</p>
<p>Przeprawa skraca drogę do portu o kilkanaście kilometrów, a ruch ciężarówek omija teraz centrum miasta.</p>
<p>Budowa kosztowała więcej, niż planowano, ale radni uznali, że warto było czekać na jej zakończenie.</p>
</article><section class="comments"><p>Komentarz: w końcu!</p></section></body></html>"""


class TestExtractPage:
    def test_it_keeps_the_article_and_drops_the_rest(self) -> None:
        page = extract_page(PAGE, "https://kurier.example/most")
        assert "nowy most nad rzeką" in page.text and "Reklama" not in page.text and "Komentarz" not in page.text

    def test_it_reads_title_date_and_declared_language(self) -> None:
        page = extract_page(PAGE, "https://kurier.example/most")
        assert (page.title, page.published, page.page_lang) == ("Nowy most w Veln otwarty", dt.date(2025, 3, 5), "pl")

    def test_markup_the_parsers_trip_on_is_not_an_article(self) -> None:
        # htmldate asserts inside lxml on this one (found by tests/unit/test_properties_extract.py).
        page = extract_page("<svg>html")

        assert (page.text, page.is_article) == ("", False)

    def test_a_page_without_an_article_gives_next_to_no_text(self) -> None:
        assert len(extract_page("<html><body><nav>Menu</nav></body></html>").text) < 20


class TestParseDate:
    def test_it_reads_a_timestamp_prefix(self) -> None:
        assert parse_date("2025-09-12T10:00:00Z") == dt.date(2025, 9, 12)

    def test_it_ignores_garbage(self) -> None:
        assert parse_date("not a date") is None and parse_date(None) is None


SECTION_FRONT = """<html lang="en"><head><meta property="og:type" content="website"><title>World news</title></head><body>
<nav><a href="/">Home</a></nav><main><h2><a href="/a">Harbour talks resume</a></h2><p>Both sides meet again on Monday.</p>
<h2><a href="/b">Storm closes ferry routes</a></h2><p>Services are expected to restart at the weekend.</p>
<h2><a href="/c">Council approves budget</a></h2><p>The vote passed with a narrow majority after a long debate.</p>
<h2><a href="/d">New museum opens</a></h2><p>Visitors queued for hours to see the first exhibition.</p>
</main></body></html>"""


class TestArticleOrNot:
    def test_a_section_front_is_not_an_article(self) -> None:
        assert not extract_page(SECTION_FRONT).is_article

    def test_a_news_story_is_an_article(self) -> None:
        assert extract_page(PAGE).is_article


class TestPageMetadata:
    """``page_metadata`` is trafilatura's ``extract_metadata`` less the fields we never read: the same title, date and
    page type, on every fixture page (the date in meta tags, JSON-LD or both) and on the pages above."""

    @pytest.mark.parametrize(
        "html",
        [PAGE, SECTION_FRONT, *(page.read_text(encoding="utf-8") for page in sorted(FIXTURE_PAGES.glob("*.html")))],
        ids=["page", "section_front", *(page.stem for page in sorted(FIXTURE_PAGES.glob("*.html")))],
    )
    @pytest.mark.parametrize("url", [None, "https://news.example/a/1"])
    def test_it_reads_what_trafilatura_reads(self, html: str, url: str | None) -> None:
        ours = page_metadata(load_html(html), url)
        theirs = extract_metadata(load_html(html), url, {"original_date": True, "extensive_search": False})

        assert (ours.title, ours.date, ours.pagetype) == (theirs.title, theirs.date, theirs.pagetype)
        assert ours.title  # every page here has one: the comparison is not of two Nones


LONG_PAGE = PAGE.replace(
    "</article>", "<p>" + "Radni zapowiedzieli kolejne inwestycje w porcie i na drogach. " * 12 + "</p></article>"
)


class TestFastPass:
    """trafilatura's fast pass reads articles; pages where it finds too little get the whole cascade."""

    @pytest.fixture
    def passes(self, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
        seen: list[bool] = []
        real = extract.trafilatura.bare_extraction

        def spy(*args: object, fast: bool, **kwargs: object) -> object:
            seen.append(fast)
            return real(*args, fast=fast, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(extract.trafilatura, "bare_extraction", spy)
        return seen

    def test_an_article_is_read_once_in_the_fast_pass(self, passes: list[bool]) -> None:
        page = extract_page(LONG_PAGE, "https://kurier.example/most")

        assert passes == [True] and len(page.text) >= FULL_CASCADE_BELOW_CHARS

    def test_a_short_text_is_read_again_with_every_fallback(self, passes: list[bool]) -> None:
        page = extract_page(PAGE, "https://kurier.example/most")

        assert passes == [True, False] and "nowy most nad rzeką" in page.text

    def test_a_section_front_is_read_again_with_every_fallback(self, passes: list[bool]) -> None:
        assert not extract_page(SECTION_FRONT).is_article and passes == [True, False]
