from __future__ import annotations

import random

import pytest

from backstory.articles.extract import extract_page
from backstory.research.bench_pages import LANGUAGES, MAX_PAGE_BYTES, MIN_PAGE_BYTES, article_text, news_pages


class TestNewsPages:
    def test_pages_weigh_what_real_news_pages_weigh(self, pages: list) -> None:
        assert all(MIN_PAGE_BYTES <= len(page.html.encode()) <= MAX_PAGE_BYTES + 10_000 for page in pages)

    def test_pages_cycle_through_languages_of_several_scripts(self, pages: list) -> None:
        assert {page.lang for page in pages} == set(LANGUAGES)

    def test_the_article_is_what_extraction_finds(self, pages: list) -> None:
        page = pages[0]
        assert len(extract_page(page.html, page.url).text) >= 0.9 * page.text_chars - 200

    def test_the_same_seed_makes_the_same_pages(self) -> None:
        assert news_pages(3, seed=5) == news_pages(3, seed=5)

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_articles_are_written_in_their_language_with_a_headline(self, lang: str) -> None:
        headline, body = article_text(random.Random(1), lang, 12)
        assert headline and body.count("\n\n") >= 3

    @pytest.fixture(scope="class")
    def pages(self) -> list:
        return news_pages(len(LANGUAGES))
