"""The context API: the article in front of the reader -> matched event and backstory cards."""

from __future__ import annotations

from typing import Annotated

import anyio
import httpx
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter

from backstory.api.presenters import context_response
from backstory.api.schemas import ContextRequest, ContextResponse
from backstory.articles.fetch import FetchLimits, fetch_page
from backstory.catalog import LiveCatalog
from backstory.context import ArticleInput, ContextService
from backstory.settings import Settings

SummaryLang = Annotated[
    str | None,
    QueryParameter(
        name="summary_lang",
        pattern=r"^[a-z]{2,3}$",
        required=False,
        description="Language of card titles and summaries; defaults to the article's language.",
    ),
]
ArticleUrl = Annotated[str, QueryParameter(min_length=1, max_length=8192, description="http(s) URL of the article")]


class ContextController(Controller):
    path = "/v1/context"
    tags = ["context"]

    @post(
        operation_id="buildContext",
        summary="Match an article to an event and answer with its backstory",
        status_code=200,
    )
    async def build(
        self,
        data: JSONBody[ContextRequest],
        context_service: NamedDependency[ContextService],
        catalog: NamedDependency[LiveCatalog],
        summary_lang: SummaryLang = None,
    ) -> ContextResponse:
        article = ArticleInput(
            url=data.url, html=data.html, text=data.text, title=data.title, published=data.published, lang=data.lang
        )
        return await _answer(context_service, catalog, article, summary_lang)

    @get(operation_id="buildContextFromUrl", summary="Fetch an article by URL and answer with its backstory")
    async def build_from_url(
        self,
        url: ArticleUrl,
        context_service: NamedDependency[ContextService],
        catalog: NamedDependency[LiveCatalog],
        http_client: NamedDependency[httpx.AsyncClient],
        settings: NamedDependency[Settings],
        summary_lang: SummaryLang = None,
    ) -> ContextResponse:
        limits = FetchLimits(
            timeout_s=settings.fetch_timeout_s,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            allow_private=settings.fetch_allow_private,
        )
        page = await fetch_page(http_client, url, limits)
        return await _answer(context_service, catalog, ArticleInput(url=page.url, html=page.html), summary_lang)


async def _answer(
    service: ContextService, catalog: LiveCatalog, article: ArticleInput, summary_lang: str | None
) -> ContextResponse:
    # One snapshot for the whole request, taken before the work moves to a thread: a swap meanwhile changes nothing.
    snapshot = catalog.current
    result = await anyio.to_thread.run_sync(lambda: service.build(article, snapshot))
    return context_response(result, summary_lang)
