"""Drafting an event from a source article, for a curator to correct and save (``POST /v1/admin/events``).

Nothing is stored. From the article (HTML or text, as ``/v1/context`` takes it) the draft takes:

- the date: the page's publish date (or the one sent), else today;
- the title: the article's headline, in the article's language (``title[lang]``; the curator adds English);
- the summary: the first sentences of its lead, at most ``SUMMARY_CHARS``;
- the entities of the catalog it names, with the spellings found (the matcher's own look-up, so a name spelled in
  another script is found as matching would find it);
- candidate new names: runs of two or more capitalised words that are no entity's name. Simple on purpose: a
  sentence's first word is left out (it is capitalised anyway), and scripts without capitals (Arabic, Chinese…)
  give none. They are hints for new entities, to be checked;
- the numbers it gives (years left out);
- the source: its URL, the publisher when the page names its site (trafilatura's ``sitename``), title, date, lang;
- the story it most likely belongs to: the claimed event's story, else the related story, else the story most
  of the entities it names belong to (a new development often shares names but no event evidence); and the
  event it matches, if any, since the article may report an event the catalog already has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import msgspec
import trafilatura

from backstory.articles.extract import extract_page
from backstory.catalog import Snapshot
from backstory.context import ArticleInput, ContextService, text_length
from backstory.errors import InvalidInput, NotAnArticle
from backstory.matching.automatic import ID_PREFIX, SENTENCE_END
from backstory.matching.document import Document, build_document
from backstory.matching.evidence import find_terms
from backstory.matching.normalise import fold_phrase, unspace

SUMMARY_CHARS = 400
MAX_NAMES = 20
MAX_NUMBERS = 20

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_YEAR = re.compile(r"^(19|20)\d\d$")
# Entities of a story an article must name for the draft to propose that story when matching relates it to none.
MIN_STORY_NAMES = 2

StorySource = Literal["claimed", "related", "names"]


class DraftEntity(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    kind: str
    name: str
    spellings: list[str]
    """As written in the article."""


class DraftSource(msgspec.Struct, frozen=True, kw_only=True):
    url: str
    publisher: str | None
    title: str | None
    date: dt.date | None
    lang: str | None


class Draft(msgspec.Struct, frozen=True, kw_only=True):
    """An event to correct and save; ``story_id``, ``entities`` and ``numbers`` are in the shape events take."""

    date: dt.date
    date_source: Literal["given", "page", "today"]
    title: dict[str, str]
    summary: dict[str, str]
    story_id: str | None
    story_source: StorySource | None
    """``claimed``: the matched event's story; ``related``: the story matching found the article related to;
    ``names``: the story most of the entities it names belong to (at least ``MIN_STORY_NAMES``)."""
    matches_event: str | None
    """The event of the catalog the article was matched to: maybe it is not new."""
    entities: list[DraftEntity]
    new_names: list[str]
    numbers: list[str]
    source: DraftSource


@dataclass(frozen=True, slots=True)
class _Page:
    text: str
    title: str | None
    published: dt.date | None
    published_source: Literal["given", "page"] | None
    site_name: str | None


@dataclass
class DraftService:
    context: ContextService
    today: Callable[[], dt.date] = lambda: dt.datetime.now(dt.UTC).date()

    def draft(self, article: ArticleInput, snapshot: Snapshot) -> Draft:
        page = self._read(article)
        result = self.context.build(
            ArticleInput(
                url=article.url, text=page.text, title=page.title, published=page.published, lang=article.lang
            ),
            snapshot,
        )
        info = result.article
        lang = info.lang or "und"
        title = info.title or ""
        doc = build_document(page.text, title or None, [info.lang] if info.lang else [])
        entities, named_words = _entities(doc, snapshot)
        story_id = result.story_id or result.related_story_id or _story_of(entities, snapshot)
        story_source: StorySource | None = None
        if story_id is not None:
            story_source = "claimed" if result.story_id else "related" if result.related_story_id else "names"
        day_source: Literal["given", "page", "today"] = page.published_source or "today"
        day = page.published or self.today()
        return Draft(
            date=day,
            date_source=day_source,
            title={lang: title} if title else {},
            summary={lang: lead_summary(page.text, title)},
            story_id=story_id,
            story_source=story_source,
            matches_event=result.claimed.event_id if result.claimed else None,
            entities=entities,
            new_names=new_names(page.text, named_words),
            numbers=_numbers(doc),
            source=DraftSource(
                url=info.url, publisher=page.site_name, title=title or None, date=page.published, lang=info.lang
            ),
        )

    def _read(self, article: ArticleInput) -> _Page:
        if (article.html is None) == (article.text is None):
            raise InvalidInput("send the page as 'html' or its article text as 'text' (one of them)")
        given: Literal["given", "page"] | None = "given" if article.published else None
        if article.html is None:
            text = (article.text or "").strip()
            if not text:
                raise NotAnArticle("the text is empty")
            return _Page(text, article.title, article.published, given, None)
        page = extract_page(article.html, article.url)
        if not page.is_article or text_length(page.text) < self.context.settings.min_text_chars:
            raise NotAnArticle("no article could be found on this page")
        published, source = article.published, given
        if published is None and page.published is not None:
            published, source = page.published, "page"
        return _Page(page.text, article.title or page.title, published, source, site_name(article.html))


def site_name(html: str) -> str | None:
    """The site's name as the page declares it (``og:site_name`` and the like), when it does."""
    metadata = trafilatura.extract_metadata(html)
    name = getattr(metadata, "sitename", None) if metadata is not None else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def lead_summary(text: str, title: str | None = None) -> str:
    """The first sentences of the article after its headline, at most ``SUMMARY_CHARS`` characters."""
    body = text.strip()
    if title and body.startswith(title.strip()):
        body = body[len(title.strip()) :].strip()
    body = " ".join(body.split())
    summary = ""
    for sentence in SENTENCE_END.split(body):
        if len(summary) + len(sentence) + 1 > SUMMARY_CHARS:
            break
        summary = f"{summary} {sentence}".strip()
    if not summary:  # one long first sentence: cut at a word
        summary = body[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary


def _entities(doc: Document, snapshot: Snapshot) -> tuple[list[DraftEntity], set[str]]:
    """The stored entities the article names, with their spellings, and the folded words of those spellings."""
    spellings: dict[str, dict[str, None]] = {}
    words: set[str] = set()
    for hit in find_terms(doc, snapshot.index):
        if hit.term.kind != "name" or hit.term.target.startswith(ID_PREFIX):
            continue
        first, last = doc.tokens[hit.start], doc.tokens[hit.end - 1]
        end = last.start + len(last.raw)
        written = unspace(doc.text[first.start : end])
        words.update(fold_phrase(written))
        spellings.setdefault(hit.term.target, {})[written] = None
    found = []
    for entity_id, seen in spellings.items():
        entity = snapshot.index.entities.get(entity_id)
        if entity is not None:
            found.append(DraftEntity(id=entity.id, kind=entity.kind, name=entity.name, spellings=list(seen)))
    return found, words


def new_names(text: str, known_words: set[str]) -> list[str]:
    """Runs of two or more capitalised words (a sentence's first word left out), none of whose words is part of a
    known name (``known_words``: folded keys), most frequent first."""
    counts: Counter[str] = Counter()
    for line in text.split("\n"):
        for sentence in SENTENCE_END.split(line):
            words = list(_WORD.finditer(sentence))
            run: list[str] = []
            for position, word in enumerate(words):
                gap = sentence[words[position - 1].end() : word.start()] if position else ""
                capital = position > 0 and word.group()[0].isupper()
                if capital and run and gap == " ":
                    run.append(word.group().rstrip(".-'’"))
                    continue
                _count(run, counts, known_words)
                run = [word.group().rstrip(".-'’")] if capital else []
            _count(run, counts, known_words)
    return [name for name, _ in counts.most_common(MAX_NAMES)]


def _count(run: list[str], counts: Counter[str], known_words: set[str]) -> None:
    if len(run) >= 2 and not any(key in known_words for word in run for key in fold_phrase(word)):
        counts[" ".join(run)] += 1


def _story_of(entities: list[DraftEntity], snapshot: Snapshot) -> str | None:
    """The story whose entities the article names most, if it names at least ``MIN_STORY_NAMES`` of them."""
    counts: Counter[str] = Counter()
    for entity in entities:
        counts.update(snapshot.index.entity_stories.get(entity.id, ()))
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= MIN_STORY_NAMES else None


def _numbers(doc: Document) -> list[str]:
    found: dict[str, None] = {}
    for mention in doc.numbers:
        if not _YEAR.match(mention.value) and mention.value != "0":
            found[mention.value] = None
    return list(found)[:MAX_NUMBERS]
