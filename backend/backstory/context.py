"""The context service: an article in, the matched event and its backstory cards out.

Free of HTTP: the API controller and the CLI both call ``ContextService.build``. The work is CPU-bound and
synchronous (extraction, detection, matching take milliseconds); async callers run it in a worker thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass

from backstory.api.schemas import (
    ArticleOut,
    ContextRequest,
    ContextResponse,
    EvidenceOut,
    LangSource,
    MatchOut,
    PublishedSource,
    StoryRef,
)
from backstory.articles.extract import extract_page
from backstory.articles.language import LanguageDetectorService
from backstory.articles.urls import normalise_url
from backstory.cards.timeline import matched_timeline, story_timeline
from backstory.errors import InvalidInput, NotAnArticle
from backstory.events.models import Catalog, localised
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import Candidate, score
from backstory.matching.semantic import SemanticScorer, load_semantic_scorer
from backstory.settings import Settings

log = logging.getLogger(__name__)

# Candidates listed in an answer beyond the claimed one, so callers can see what came close.
MAX_MATCHES = 5


@dataclass(frozen=True, slots=True)
class _ReadArticle:
    text: str
    title: str | None
    published: dt.date | None
    published_source: PublishedSource | None
    page_lang: str | None
    """The language the page declares (``<html lang>``), a fallback when detection cannot tell."""


@dataclass
class ContextService:
    settings: Settings
    detector: LanguageDetectorService
    index: EventIndex
    """Replaced whole when the event set changes; requests in flight keep the one they started with."""
    semantic: SemanticScorer | None = None
    """The optional cross-lingual re-ranker (``BACKSTORY_SEMANTIC_MODEL``)."""

    @classmethod
    def create(cls, settings: Settings, catalog: Catalog) -> ContextService:
        """Index the catalog, load the language models and, when set, the semantic re-ranker.

        Seconds of CPU work with the re-ranker (it embeds every event): async callers run it in a thread.
        Without the re-ranker's package installed, ``semantic`` stays None (logged by the loader).
        """
        index = EventIndex.build(catalog)
        semantic = load_semantic_scorer(settings.semantic_model) if settings.semantic_model else None
        if semantic is not None:
            semantic.prepare(index)
        return cls(
            settings=settings, detector=LanguageDetectorService(settings.language_codes), index=index, semantic=semantic
        )

    def build(self, request: ContextRequest, *, summary_lang: str | None = None) -> ContextResponse:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        index = self.index
        read = self._read(request)
        timings["extract"] = _ms(started)

        mark = time.perf_counter()
        lang, lang_source = self._language(request, read)
        timings["language"] = _ms(mark)
        text, title, published = read.text, read.title, read.published

        article = ArticleOut(
            url=normalise_url(request.url),
            title=title or _first_line(text),
            lang=lang,
            lang_source=lang_source,
            published=published,
            published_source=read.published_source,
            chars=len(text),
        )
        if text_length(text) < self.settings.min_text_chars:
            timings["total"] = _ms(started)
            return ContextResponse(
                article=article, matches=[], abstained=True,
                abstain_reason=f"the article text is too short to match ({text_length(text)} characters, "
                f"at least {self.settings.min_text_chars} needed)",
                story=None, related_story=None, cards=[], timings_ms=timings,
            )  # fmt: skip

        mark = time.perf_counter()
        doc = build_document(text, title, [lang] if lang else [])
        result = score(
            doc, index, published=published, threshold=self.settings.confidence_threshold, semantic=self.semantic
        )
        timings["match"] = _ms(mark)

        mark = time.perf_counter()
        card_lang = summary_lang or lang
        if result.claimed is not None:
            claimed_event = index.events[result.claimed.event_id]
            cards = matched_timeline(index, claimed_event.id, result.claimed.evidence, card_lang)
            story = self._story_ref(index, claimed_event.story_id, card_lang)
            related = None
        else:
            story = None
            related = self._story_ref(index, result.related_story, card_lang) if result.related_story else None
            cards = story_timeline(index, related.id, published, card_lang) if related else []
        timings["cards"] = _ms(mark)
        timings["total"] = _ms(started)

        log.info(
            "context built",
            extra={
                "url_host": article.url.split("/")[2] if "//" in article.url else None,
                "lang": lang,
                "event_id": result.claimed.event_id if result.claimed else None,
                "abstained": result.claimed is None,
                "total_ms": timings["total"],
            },
        )
        return ContextResponse(
            article=article,
            matches=[self._match_out(index, c, card_lang) for c in result.candidates[:MAX_MATCHES]],
            abstained=result.claimed is None,
            abstain_reason=result.abstain_reason,
            story=story,
            related_story=related,
            cards=cards,
            timings_ms=timings,
        )

    def _read(self, request: ContextRequest) -> _ReadArticle:
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
            return _ReadArticle(text, request.title, request.published, published_source, None)
        page = extract_page(request.html, request.url)
        if text_length(page.text) < self.settings.min_text_chars or not page.is_article:
            raise NotAnArticle(
                "no article could be found on this page: it reads like a section front, a list of links or an "
                f"empty page ({len(page.text)} characters of text extracted)"
            )
        published = request.published
        if published is None and page.published is not None:
            published, published_source = page.published, "page"
        return _ReadArticle(page.text, request.title or page.title, published, published_source, page.page_lang)

    def _language(self, request: ContextRequest, read: _ReadArticle) -> tuple[str | None, LangSource | None]:
        """As given, else as detected, else as the page declares it."""
        if request.lang:
            return request.lang, "given"
        lang = self.detector.detect(f"{read.title}\n{read.text}" if read.title else read.text)
        if lang is not None:
            return lang, "detected"
        if read.page_lang:
            return read.page_lang, "page"
        return None, None

    @staticmethod
    def _story_ref(index: EventIndex, story_id: str, lang: str | None) -> StoryRef:
        return StoryRef(id=story_id, title=localised(index.stories[story_id].title, lang))

    @staticmethod
    def _match_out(index: EventIndex, candidate: Candidate, lang: str | None) -> MatchOut:
        event = index.events[candidate.event_id]
        return MatchOut(
            event_id=event.id,
            story_id=event.story_id,
            title=localised(event.title, lang),
            date=event.date,
            score=round(candidate.score, 3),
            confidence=round(candidate.confidence, 3),
            evidence=[
                EvidenceOut(
                    kind=e.kind,
                    text=e.text,
                    matched=e.matched,
                    weight=round(e.weight, 3),
                    zone=e.zone,  # type: ignore[arg-type]
                    recalled=e.recalled,
                )
                for e in candidate.evidence
            ],
        )


# Chinese, Japanese and Korean say in one character about what alphabets say in three.
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def text_length(text: str) -> int:
    """Length in Latin-equivalent characters, so that the minimum means as much text in every script."""
    return len(text) + 2 * len(_DENSE_SCRIPT.findall(text))


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line if 0 < len(line) <= 300 else None


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)
