"""HTML page -> article text, title, publish date and the page's declared language (trafilatura)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import trafilatura
from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.utils import load_html

if TYPE_CHECKING:
    from lxml.html import HtmlElement

log = logging.getLogger(__name__)

# A paragraph at least this long is article prose; section fronts and teaser lists have none.
ARTICLE_PARAGRAPH_CHARS = 250
# A text shorter than this (two paragraphs of prose) may be an under-read page: extracted again with every fallback.
FULL_CASCADE_BELOW_CHARS = 2 * ARTICLE_PARAGRAPH_CHARS
_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    published: dt.date | None
    page_lang: str | None
    is_article: bool
    """False for pages that declare themselves no article and read like a list of teasers."""


def parse_date(value: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` prefix as a date, None when absent or malformed."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """The main text of a news page without navigation, ads and comments.

    The date comes from the page's markup only (meta tags, JSON-LD, ``<time>``): ``original_date`` asks for
    publication rather than last modification, and the extensive search is off because it guesses dates
    from any year in the text ("since 2020" became 2020-01-01), which would rule out every later event.

    The page is parsed once: the metadata we use is read from the tree (``page_metadata``), then trafilatura extracts
    the text from the same tree without its own metadata pass, in its fast mode unless that finds too little
    (``_found_too_little``).
    """
    lang_match = _HTML_LANG.search(html[:5000])
    page_lang = lang_match.group(1).lower() if lang_match else None
    try:
        tree = load_html(html)
        if tree is None:
            return ExtractedPage(text="", title=None, published=None, page_lang=page_lang, is_article=False)
        metadata = page_metadata(tree, url)
        document = _main_text(tree, url, fast=True)
        if _found_too_little(document, metadata.pagetype):
            document = _main_text(tree, url, fast=False)
    except Exception as exc:
        # Found by the property test: htmldate asserts inside lxml on some broken pages (an <svg> left without a
        # parent). Such a page holds no article we could read; answer so rather than fail the request.
        log.warning("extraction failed", extra={"error": type(exc).__name__})
        return ExtractedPage(text="", title=None, published=None, page_lang=page_lang, is_article=False)
    if document is None or not document.text:
        return ExtractedPage(text="", title=None, published=None, page_lang=page_lang, is_article=False)
    text = document.text.strip()
    return ExtractedPage(
        text=text,
        title=(metadata.title or None),
        published=parse_date(metadata.date),
        page_lang=page_lang,
        is_article=_reads_like_article(text, metadata.pagetype),
    )


def _main_text(tree: HtmlElement, url: str | None, *, fast: bool) -> TrafilaturaDocument | None:
    """trafilatura's text of the page (it reads a copy of ``tree``): ``fast`` skips its comparison with readability
    and jusText, which are there for pages its own extractor under-reads."""
    document = trafilatura.bare_extraction(tree, url=url, fast=fast, include_comments=False, include_tables=False)
    return document if isinstance(document, TrafilaturaDocument) else None


def _found_too_little(document: TrafilaturaDocument | None, page_type: str | None) -> bool:
    """Whether the fast pass may have missed the article: no text, less than two paragraphs of it, or a text that
    does not read like an article. Such pages get trafilatura's whole cascade; articles (nearly every page a reader
    asks about) do not need it: on 262 pages the fast pass gave the same text as the full one."""
    text = document.text.strip() if document is not None and document.text else ""
    return len(text) < FULL_CASCADE_BELOW_CHARS or not _reads_like_article(text, page_type)


def page_metadata(tree: HtmlElement, url: str | None) -> TrafilaturaDocument:
    """Title, publish date and page type as ``trafilatura.extract_metadata`` finds them, and nothing else.

    The same steps in the same order (meta tags, then JSON-LD, then the title from the markup, the canonical URL
    for htmldate), without the fields we never read: the author search alone scans the whole tree and took 1.6 of
    the 2.4 ms metadata cost on the benchmark's pages; categories, tags, licence and site name another 0.7.
    tests/unit/articles/test_extract.py checks the result against ``extract_metadata`` on the fixture pages.
    """
    metadata = examine_meta(tree)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as exc:  # as extract_metadata does: bugs in trafilatura's JSON-LD reader
        log.debug("JSON-LD metadata unreadable", extra={"error": type(exc).__name__})
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    metadata.date = find_date(tree, url=metadata.url, original_date=True, extensive_search=False)
    metadata.clean_and_trim()
    return metadata


def _reads_like_article(text: str, page_type: str | None) -> bool:
    # og:type "website" alone is not enough (some outlets set it on every page); with no paragraph of prose
    # it is a section front or an index.
    declared_other = bool(page_type) and "article" not in (page_type or "").lower()
    longest = max((len(line) for line in text.split("\n")), default=0)
    return not (declared_other and longest < ARTICLE_PARAGRAPH_CHARS)
