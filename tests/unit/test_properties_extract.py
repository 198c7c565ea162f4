"""Extraction never raises, whatever page it is given: arbitrary Unicode, broken and hostile markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backstory.articles.bounds import MAX_HTML_CHARS, MAX_HTML_TAGS, bounded_html, bounded_text
from backstory.articles.extract import extract_page
from tests.unit.hostile_text import hostile_html, hostile_text


@settings(max_examples=300, deadline=None)
@given(
    html=st.one_of(hostile_html, hostile_text), url=st.one_of(st.none(), st.just("https://news.example/a"), st.text())
)
def test_extraction_never_raises(html: str, url: str | None) -> None:
    page = extract_page(html, url)
    assert isinstance(page.text, str)
    assert page.page_lang is None or page.page_lang.isalpha()


@settings(max_examples=200, deadline=None)
@given(html=st.one_of(hostile_html, hostile_text))
def test_bounding_a_page_keeps_its_start_and_stays_within_bounds(html: str) -> None:
    bounded = bounded_html(html)
    assert html.startswith(bounded)
    assert len(bounded) <= MAX_HTML_CHARS and bounded.count("<") < MAX_HTML_TAGS
    if len(html) <= MAX_HTML_CHARS and html.count("<") < MAX_HTML_TAGS:
        assert bounded == html


@given(text=hostile_text)
def test_bounding_a_text_keeps_its_start(text: str) -> None:
    assert text.startswith(bounded_text(text))
