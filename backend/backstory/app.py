"""``create_app(settings)`` assembles the Litestar application; nothing here runs on import."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import anyio
from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from backstory.api.admin import ADMIN_CONTROLLERS
from backstory.api.cache import ANSWER_CACHE, answer_cache
from backstory.api.context import ContextController
from backstory.api.feedback import FeedbackController
from backstory.api.health import HealthController
from backstory.api.limits import RefuseEncodedBodies
from backstory.api.metrics import MetricsController, metrics_config, record_catalog_version
from backstory.api.problems import EXCEPTION_HANDLERS
from backstory.api.ratelimit import RATE_LIMITER, rate_limiter
from backstory.api.security import CorsPolicy, RequestIdMiddleware, answer_headers
from backstory.api.stories import StoriesController
from backstory.api.story_page import StoryPageController
from backstory.catalog import LiveCatalog
from backstory.context import ContextService
from backstory.curation import CurationService
from backstory.drafts import DraftService
from backstory.events.feedback import FeedbackStore
from backstory.events.store import open_store
from backstory.events.suggestions import SuggestionStore
from backstory.events.tokens import TokenStore
from backstory.logs import configure_logging
from backstory.settings import Settings
from backstory.suggestions import SuggestionRecorder, SuggestionService

log = logging.getLogger(__name__)


def _lifespan(settings: Settings) -> Any:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        # Opened in order, closed in reverse: store, models, catalog and its watcher. (The URL fetch opens a client
        # per request: its connections go to addresses checked in that request; see articles/fetch.py.)
        # Loading models is CPU work (seconds with the semantic re-ranker): off the event loop, and started first so
        # that it overlaps opening the store and building the index (lingua's loading leaves the GIL to them part of
        # the time). They live as long as the process; only the index is rebuilt when the event set changes.
        loading = asyncio.create_task(anyio.to_thread.run_sync(ContextService.create, settings))
        async with open_store(settings.database_url, bundled=settings.load_bundled) as store:
            # The re-ranker embeds each new index's events, so it must be there before the first one is built.
            service = await loading if settings.semantic_model else None
            catalog = LiveCatalog(
                store,
                prepare=service.semantic.prepare if service and service.semantic else None,
                swapped=lambda snapshot: record_catalog_version(snapshot.version),
            )
            await catalog.refresh()
            service = service or await loading
            watcher = asyncio.create_task(catalog.watch(settings.catalog_poll_s), name="catalog-watch")
            curation = CurationService(store, catalog)
            recorder = SuggestionRecorder(SuggestionStore(store.engine), settings.suggest_confidence)
            flusher = asyncio.create_task(recorder.run(settings.suggest_flush_s), name="suggestions-flush")
            try:
                app.state.store = store
                app.state.tokens = TokenStore(store.engine)
                app.state.feedback = FeedbackStore(store.engine)
                app.state.context_service = service
                app.state.catalog = catalog
                app.state.curation = curation
                app.state.suggestion_recorder = recorder
                app.state.drafts = DraftService(service)
                app.state.suggestions = SuggestionService(recorder.store, curation, recorder)
                index = catalog.current.index
                log.info(
                    "ready",
                    extra={
                        "events": len(index.events),
                        "stories": len(index.stories),
                        "catalog_version": catalog.current.version,
                    },
                )
                yield
            finally:
                catalog.stop()
                flusher.cancel()
                for task in (flusher, watcher):
                    with suppress(asyncio.CancelledError):
                        await task
                app.state.catalog = None

    return lifespan


def _from_state(name: str) -> Provide:
    def provide(state: State) -> Any:
        return state[name]

    return Provide(provide, sync_to_thread=False)


def app_from_env() -> Litestar:
    """The app for ``BACKSTORY_*`` as found when called: the factory uvicorn's worker processes each import and call."""
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    return create_app(settings)


def create_app(settings: Settings) -> Litestar:
    limiter = rate_limiter(settings.rate_limit_per_minute, settings.redis_url)
    answers = answer_cache(settings.cache_entries, settings.cache_ttl_s, settings.redis_url)
    return Litestar(
        route_handlers=[
            ContextController,
            StoriesController,
            StoryPageController,
            FeedbackController,
            HealthController,
            MetricsController,
            *ADMIN_CONTROLLERS,
        ],
        lifespan=[_lifespan(settings)],
        dependencies={
            "settings": Provide(lambda: settings, sync_to_thread=False, use_cache=True),
            "store": _from_state("store"),
            "context_service": _from_state("context_service"),
            "catalog": _from_state("catalog"),
            "curation": _from_state("curation"),
            "suggestion_recorder": _from_state("suggestion_recorder"),
            "suggestions": _from_state("suggestions"),
            "drafts": _from_state("drafts"),
        },
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        request_max_body_size=settings.max_body_bytes,
        # CORS for extensions and BACKSTORY_CORS_ORIGINS only, never for /v1/admin/; security headers and a
        # request id on every answer (api/security.py). Outermost first: the request id is set before anything logs.
        cors_config=None,
        before_send=[answer_headers(CorsPolicy(settings.cors_origin_list))],
        middleware=[RequestIdMiddleware, metrics_config().middleware, RefuseEncodedBodies],
        on_shutdown=[closer.aclose for closer in (limiter, answers) if closer is not None],
        openapi_config=OpenAPIConfig(
            title="Backstory API",
            version="1.0.0",
            description="The backstory of the news article in front of you: matched event and context cards. "
            "The admin API (`/v1/admin/…`) needs a bearer token made with `backstory admin create-token`.",
            path="/docs",
            render_plugins=[SwaggerRenderPlugin(path="/"), JsonRenderPlugin(path="/openapi.json")],
            components=Components(
                security_schemes={
                    "AdminToken": SecurityScheme(
                        type="http",
                        scheme="bearer",
                        description="An admin token: `backstory admin create-token --name NAME` prints one.",
                    )
                }
            ),
        ),
        state=State({"catalog": None, RATE_LIMITER: limiter, ANSWER_CACHE: answers}),
        # Logging is configured once by the command that serves (backstory.logs), not by the framework.
        logging_config=None,
        debug=False,
    )
