"""The context service: an article in, the matched event and its backstory cards out.

Free of HTTP: the API controller and the CLI both call ``ContextService.build`` and shape its domain result
themselves (``api/presenters.py``). The work is CPU-bound and synchronous (extraction, detection, matching take
milliseconds); async callers run it in a worker thread. The event set comes in as the catalog snapshot the caller
read, so one request sees one version of it from start to end.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Literal

from backstory.articles.extract import extract_page
from backstory.articles.language import LanguageDetectorService
from backstory.articles.urls import normalise_url
from backstory.cards.timeline import Card, matched_timeline, story_timeline
from backstory.catalog import Snapshot
from backstory.errors import InvalidInput, NotAnArticle
from backstory.matching.document import build_document
from backstory.matching.score import Candidate, score
from backstory.matching.semantic import SemanticScorer, load_semantic_scorer
from backstory.settings import Settings

log = logging.getLogger(__name__)

LangSource = Literal["given", "detected", "page"]
PublishedSource = Literal["given", "page"]
AbstainCode = Literal["too_short", "no_evidence", "low_confidence"]

# Candidates listed in an answer beyond the claimed one, so callers can see what came close.
MAX_MATCHES = 5


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """The article as a caller sends it: its URL and either the page's HTML or its text."""

    url: str
    html: str | None = None
    text: str | None = None
    title: str | None = None
    published: dt.date | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    url: str
    """Normalised: no fragment, no tracking parameters."""
    title: str | None
    lang: str | None
    lang_source: LangSource | None
    published: dt.date | None
    published_source: PublishedSource | None
    chars: int


@dataclass(frozen=True, slots=True)
class ContextResult:
    article: ArticleInfo
    snapshot: Snapshot
    """The event set the answer was computed from."""
    candidates: list[Candidate]
    """Best first, at most ``MAX_MATCHES``."""
    claimed: Candidate | None
    abstain_code: AbstainCode | None
    abstain_reason: str | None
    story_id: str | None
    """The claimed event's story."""
    related_story_id: str | None
    """When nothing is claimed: the story the article clearly belongs to, if any."""
    cards: list[Card]
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _ReadArticle:
    text: str
    title: str | None
    published: dt.date | None
    published_source: PublishedSource | None
    page_lang: str | None
    """The language the page declares (``<html lang>``), a fallback when detection cannot tell."""
    length: int
    """``text_length(text)``."""


@dataclass
class ContextService:
    """Long-lived models (language detector, optional semantic re-ranker); the event set comes with each call."""

    settings: Settings
    detector: LanguageDetectorService
    semantic: SemanticScorer | None = None
    """The optional cross-lingual re-ranker (``BACKSTORY_SEMANTIC_MODEL``)."""

    @classmethod
    def create(cls, settings: Settings) -> ContextService:
        """Load the language models and, when set, the semantic re-ranker: seconds of CPU work, run it in a thread.

        Without the re-ranker's package installed, ``semantic`` stays None (logged by the loader).
        """
        semantic = load_semantic_scorer(settings.semantic_model) if settings.semantic_model else None
        return cls(settings=settings, detector=LanguageDetectorService(settings.language_codes), semantic=semantic)

    def build(self, request: ArticleInput, snapshot: Snapshot) -> ContextResult:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        index = snapshot.index
        read = self._read(request)
        timings["extract"] = _ms(started)

        mark = time.perf_counter()
        lang, lang_source = self._language(request, read)
        timings["language"] = _ms(mark)
        text, title, published = read.text, read.title, read.published

        article = ArticleInfo(
            url=normalise_url(request.url),
            title=title or _first_line(text),
            lang=lang,
            lang_source=lang_source,
            published=published,
            published_source=read.published_source,
            chars=len(text),
        )
        if read.length < self.settings.min_text_chars:
            timings["total"] = _ms(started)
            reason = (
                f"the article text is too short to match ({read.length} characters, "
                f"at least {self.settings.min_text_chars} needed)"
            )
            return ContextResult(article, snapshot, [], None, "too_short", reason, None, None, [], timings)

        mark = time.perf_counter()
        doc = build_document(text, title, [lang] if lang else [])
        result = score(
            doc, index, published=published, threshold=self.settings.confidence_threshold, semantic=self.semantic
        )
        timings["match"] = _ms(mark)

        mark = time.perf_counter()
        story_id = related = None
        abstain_code: AbstainCode | None = None
        if result.claimed is not None:
            story_id = index.events[result.claimed.event_id].story_id
            cards = matched_timeline(index, result.claimed.event_id, result.claimed.evidence)
        else:
            abstain_code = "low_confidence" if result.candidates else "no_evidence"
            related = result.related_story
            cards = story_timeline(index, related, published) if related else []
        timings["cards"] = _ms(mark)
        timings["total"] = _ms(started)

        log.info(
            "context built",
            extra={
                "url_host": article.url.split("/")[2] if "//" in article.url else None,
                "lang": lang,
                "event_id": result.claimed.event_id if result.claimed else None,
                "abstained": result.claimed is None,
                "catalog_version": snapshot.version,
                "total_ms": timings["total"],
            },
        )
        return ContextResult(
            article=article,
            snapshot=snapshot,
            candidates=result.candidates[:MAX_MATCHES],
            claimed=result.claimed,
            abstain_code=abstain_code,
            abstain_reason=result.abstain_reason,
            story_id=story_id,
            related_story_id=related,
            cards=cards,
            timings_ms=timings,
        )

    def _read(self, request: ArticleInput) -> _ReadArticle:
        """The article's text, title and publish date, from the page or as sent."""
        if request.html is not None and request.text is not None:
            raise InvalidInput("send either 'html' or 'text', not both")
        if request.html is None and request.text is None:
            raise InvalidInput("send the page as 'html' or its article text as 'text'")
        published_source: PublishedSource | None = "given" if request.published else None
        if request.html is None:
            text = (request.text or "").strip()
            if not text:
                raise NotAnArticle("the text is empty")
            return _ReadArticle(text, request.title, request.published, published_source, None, text_length(text))
        page = extract_page(request.html, request.url)
        length = text_length(page.text)
        if length < self.settings.min_text_chars or not page.is_article:
            raise NotAnArticle(
                "no article could be found on this page: it reads like a section front, a list of links or an "
                f"empty page ({len(page.text)} characters of text extracted)"
            )
        published = request.published
        if published is None and page.published is not None:
            published, published_source = page.published, "page"
        return _ReadArticle(page.text, request.title or page.title, published, published_source, page.page_lang, length)

    def _language(self, request: ArticleInput, read: _ReadArticle) -> tuple[str | None, LangSource | None]:
        """As given, else as detected, else as the page declares it."""
        if request.lang:
            return request.lang, "given"
        lang = self.detector.detect(f"{read.title}\n{read.text}" if read.title else read.text)
        if lang is not None:
            return lang, "detected"
        if read.page_lang:
            return read.page_lang, "page"
        return None, None


# Chinese, Japanese and Korean say in one character about what alphabets say in three.
_DENSE_LETTER = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
_DENSE_SCRIPT = re.compile(_DENSE_LETTER)
_DENSE_RUN = re.compile(_DENSE_LETTER + "+")


def text_length(text: str) -> int:
    """Length in Latin-equivalent characters, so that the minimum means as much text in every script."""
    first = _DENSE_SCRIPT.search(text)
    if first is None:
        return len(text)
    # Counted by runs, one string a run rather than one a character: 0.5 -> 0.13 ms on a Chinese article. (The run
    # pattern alone is slower on texts without any: the search for a first character goes first.)
    return len(text) + 2 * sum(map(len, _DENSE_RUN.findall(text, first.start())))


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line if 0 < len(line) <= 300 else None


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)
