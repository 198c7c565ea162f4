"""The story page: ``/stories/{id}`` lists every event of a story with its date, summary and sources.

It is the permalink behind the popup's "Open the whole story": server-rendered HTML that any reader can open and
share without the extension, and without JavaScript. One language per page, as in the popup: ``?lang=`` picks the
labels (English, Russian or Belarusian) and the titles and summaries in that language where the story has them;
any other language gets English throughout. Text is escaped by Jinja2's autoescape; source links are kept only when
they are http(s).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cache
from typing import Annotated
from urllib.parse import urlsplit

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, PackageLoader, Template, select_autoescape
from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.enums import MediaType
from litestar.params import FromPath, QueryParameter

from backstory.catalog import LiveCatalog
from backstory.errors import NotFound
from backstory.events.models import Event, Source, Story, localised

# The labels of the page, in the languages the extension speaks.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "site": "Backstory",
        "events": "Events, oldest first",
        "count": "{count} events",
        "background": "Background",
        "sources": "Sources",
        "source": "Source",
        "languages": "Read this page in",
        "about": "Backstory gives the backstory of news articles: the event an article reports and what happened "
        "before, with dates and sources.",
    },
    "ru": {
        "site": "Backstory",
        "events": "События, от ранних к поздним",
        "count": "Событий: {count}",
        "background": "Предыстория",
        "sources": "Источники",
        "source": "Источник",
        "languages": "Читать на языке",
        "about": "Backstory рассказывает предысторию новостей: о каком событии сообщает статья и что было до него, "
        "с датами и источниками.",
    },
    "be": {
        "site": "Backstory",
        "events": "Падзеі, ад ранніх да позніх",
        "count": "Падзей: {count}",
        "background": "Перадгісторыя",
        "sources": "Крыніцы",
        "source": "Крыніца",
        "languages": "Чытаць на мове",
        "about": "Backstory расказвае перадгісторыю навін: пра якую падзею паведамляе артыкул і што было да яе, "
        "з датамі і крыніцамі.",
    },
}
DEFAULT_LANG = "en"
# Dates as the popup writes them: "11 Sept 2025" in English (its messages are en-GB).
DATE_LOCALES = {"en": "en_GB"}

PageLang = Annotated[
    str | None, QueryParameter(name="lang", required=False, description="Language of the page (en, ru, be)")
]


@dataclass(frozen=True)
class Text:
    """A text and the language it is in, which may differ from the page's when a translation is missing."""

    value: str
    lang: str


@dataclass(frozen=True)
class SourceLink:
    href: str
    label: str
    title: str
    meta: str
    lang: str | None


@dataclass(frozen=True)
class EventItem:
    id: str
    iso_date: str
    date: str
    title: Text
    summary: Text
    background: bool
    sources: list[SourceLink]


@cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("backstory.api", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("story.html")


def page_language(lang: str | None) -> str:
    return lang if lang in LABELS else DEFAULT_LANG


def text_in(texts: dict[str, str], lang: str) -> Text:
    if lang in texts:
        return Text(texts[lang], lang)
    return Text(localised(texts, DEFAULT_LANG), DEFAULT_LANG if DEFAULT_LANG in texts else next(iter(texts), lang))


def language_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    try:
        name = str(Locale.parse(lang).languages.get(code, code))
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:]


def source_link(source: Source, lang: str) -> SourceLink | None:
    """A source as a link, or None when its URL is not a web address (never made clickable)."""
    parts = urlsplit(source.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.removeprefix("www.")
    try:
        ipaddress.ip_address(host)
        is_address = True
    except ValueError:
        is_address = False
    label = source.publisher or (LABELS[lang]["source"] if is_address else host)
    when = format_date(source.date, format="medium", locale=DATE_LOCALES.get(lang, lang)) if source.date else ""
    meta = " · ".join(part for part in (language_name(source.lang, lang), when) if part)
    return SourceLink(href=source.url, label=label, title=source.title or "", meta=meta, lang=source.lang)


def event_item(event: Event, lang: str) -> EventItem:
    return EventItem(
        id=event.id,
        iso_date=event.date.isoformat(),
        date=format_date(event.date, format="long", locale=DATE_LOCALES.get(lang, lang)),
        title=text_in(event.title, lang),
        summary=text_in(event.summary, lang),
        background=event.background,
        sources=[link for link in (source_link(source, lang) for source in event.sources) if link],
    )


def render_story(story: Story, events: list[Event], lang: str) -> str:
    labels = LABELS[lang]
    html: str = _template().render(
        lang=lang,
        labels=labels,
        count=labels["count"].format(count=len(events)),
        title=text_in(story.title, lang),
        summary=text_in(story.summary, lang) if story.summary else None,
        events=[event_item(event, lang) for event in sorted(events, key=lambda event: (event.date, event.id))],
        languages=[(code, language_name(code, code)) for code in LABELS],
        story_id=story.id,
    )
    return html


class StoryPageController(Controller):
    path = "/stories"
    include_in_schema = False

    @get("/{story_id:str}", media_type=MediaType.HTML)
    async def story_page(
        self, story_id: FromPath[str], catalog: NamedDependency[LiveCatalog], lang: PageLang = None
    ) -> Response[str]:
        # The same snapshot matching uses, as in the stories API.
        index = catalog.current.index
        story = index.stories.get(story_id)
        if story is None:
            raise NotFound(f"No story {story_id!r}.")
        events = index.story_timeline(story_id)
        return Response(render_story(story, events, page_language(lang)), media_type=MediaType.HTML)
