"""The context API: the article in front of the reader -> matched event and backstory cards."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.openapi.spec import OpenAPIType, Schema
from litestar.params import Body, QueryParameter

from backstory.api.cache import ANSWER_CACHE, AnswerCache, answer_key, body_key, record_lookup
from backstory.api.limits import run_in_thread
from backstory.api.metrics import record_context_outcome
from backstory.api.presenters import context_response
from backstory.api.problems import problem_responses
from backstory.api.ratelimit import within_rate_limit
from backstory.api.schemas import ContextRequest, ContextResponse
from backstory.articles.bounds import bounded_html, bounded_text
from backstory.articles.fetch import AddressPolicy, FetchLimits, Resolver, fetch, resolve
from backstory.catalog import LiveCatalog
from backstory.context import ArticleInput, ContextService
from backstory.settings import Settings
from backstory.suggestions import SuggestionRecorder

FETCH_RESOLVER = "fetch_resolver"
"""App-state key of the resolver ``GET /v1/context?url=`` uses (the system's unless a test sets its own)."""
FETCH_POLICY = "fetch_policy"
"""App-state key of the rule for addresses fetched from (public ones, or any with ``fetch_allow_private``,
unless a test sets its own, e.g. loopback only so that generated URLs never leave the machine)."""

SummaryLang = Annotated[
    str | None,
    QueryParameter(
        name="summary_lang",
        pattern=r"^[a-z]{2,3}$",
        required=False,
        description="Language of card titles and summaries; defaults to the article's language.",
    ),
]
ArticleUrl = Annotated[
    str,
    QueryParameter(
        min_length=1, max_length=8192, pattern=r"^[hH][tT][tT][pP][sS]?://", description="http(s) URL of the article"
    ),
]

# What the server refuses, said in the schema too: exactly one of html and text, as a string, and no other fields.
_HTML_OR_TEXT = [
    Schema(required=["html"], properties={"html": Schema(type=OpenAPIType.STRING)}),
    Schema(required=["text"], properties={"text": Schema(type=OpenAPIType.STRING)}),
]
ContextBody = Annotated[
    ContextRequest,
    Body(media_type=RequestEncodingType.JSON, schema_extra={"additional_properties": False, "one_of": _HTML_OR_TEXT}),
]


def bounded(article: ArticleInput) -> ArticleInput:
    """The article with its page or text cut to what one request may make the server read."""
    return dataclasses.replace(
        article,
        html=bounded_html(article.html) if article.html is not None else None,
        text=bounded_text(article.text) if article.text is not None else None,
    )


class ContextController(Controller):
    path = "/v1/context"
    tags = ["context"]
    guards = [within_rate_limit]

    @post(
        operation_id="buildContext",
        summary="Match an article to an event and answer with its backstory",
        status_code=200,
        responses=problem_responses(400, 413, 415, 422, 429, 503),
    )
    async def build(
        self,
        data: ContextBody,
        context_service: NamedDependency[ContextService],
        catalog: NamedDependency[LiveCatalog],
        settings: NamedDependency[Settings],
        state: State,
        suggestion_recorder: NamedDependency[SuggestionRecorder],
        request: Request[Any, Any, Any],
        summary_lang: SummaryLang = None,
    ) -> ContextResponse:
        body = await request.body()  # read already, to decode ``data``

        def article() -> ArticleInput:
            return bounded(
                ArticleInput(
                    url=data.url,
                    html=data.html,
                    text=data.text,
                    title=data.title,
                    published=data.published,
                    lang=data.lang,
                )
            )

        return await _answer(
            context_service,
            catalog,
            article,
            lambda version: body_key(body, summary_lang, version),
            summary_lang,
            settings,
            state,
            suggestion_recorder,
        )

    @get(
        operation_id="buildContextFromUrl",
        summary="Fetch an article by URL and answer with its backstory",
        responses=problem_responses(400, 422, 429, 502, 503),
    )
    async def build_from_url(
        self,
        url: ArticleUrl,
        context_service: NamedDependency[ContextService],
        catalog: NamedDependency[LiveCatalog],
        settings: NamedDependency[Settings],
        state: State,
        suggestion_recorder: NamedDependency[SuggestionRecorder],
        summary_lang: SummaryLang = None,
    ) -> ContextResponse:
        limits = FetchLimits(
            timeout_s=settings.fetch_timeout_s,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            allow_private=settings.fetch_allow_private,
        )
        resolver: Resolver = state.get(FETCH_RESOLVER, resolve)
        policy: AddressPolicy | None = state.get(FETCH_POLICY)
        page = await fetch(url, limits, resolver, policy)
        article = bounded(ArticleInput(url=page.url, html=page.html))
        return await _answer(
            context_service,
            catalog,
            lambda: article,
            lambda version: answer_key(article, summary_lang, version),
            summary_lang,
            settings,
            state,
            suggestion_recorder,
        )


async def _answer(
    service: ContextService,
    catalog: LiveCatalog,
    article_of: Callable[[], ArticleInput],
    key_of: Callable[[int], str],
    summary_lang: str | None,
    settings: Settings,
    state: State,
    suggestions: SuggestionRecorder,
) -> ContextResponse:
    """The answer from the cache (``key_of`` the event set's version), or computed for ``article_of()``: an answer
    found costs no more than its key, not the article's bounding."""
    # One snapshot for the whole request, taken before the work moves to a thread: a swap meanwhile changes nothing.
    snapshot = catalog.current
    cache: AnswerCache | None = state.get(ANSWER_CACHE)
    key = key_of(snapshot.version) if cache is not None else ""
    if cache is not None:
        cached = await cache.get(key)
        record_lookup(hit=cached is not None)
        if cached is not None:
            answer = msgspec.json.decode(cached, type=ContextResponse)
            record_context_outcome(answer.abstained)
            return answer
    article = article_of()
    result = await run_in_thread(lambda: service.build(article, snapshot), settings.request_timeout_s)
    record_context_outcome(result.claimed is None)
    suggestions.note(result)  # a few look-ups and an append; written to the database off the request path
    answer = context_response(result, summary_lang)
    if cache is not None:
        await cache.put(key, msgspec.json.encode(answer))
    return answer
