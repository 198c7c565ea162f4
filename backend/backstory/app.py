"""``create_app(settings)`` assembles the Litestar application; nothing here runs on import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin

from backstory.api.context import ContextController
from backstory.api.health import HealthController
from backstory.api.limits import RefuseEncodedBodies
from backstory.api.metrics import MetricsController, metrics_config
from backstory.api.problems import EXCEPTION_HANDLERS
from backstory.api.ratelimit import RATE_LIMITER, rate_limiter
from backstory.api.security import CorsPolicy, RequestIdMiddleware, answer_headers
from backstory.api.stories import StoriesController
from backstory.context import ContextService
from backstory.events.store import open_store
from backstory.settings import Settings

log = logging.getLogger(__name__)


def _lifespan(settings: Settings) -> Any:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        # Opened in order, closed in reverse: store, index and detector, HTTP client.
        async with open_store(settings.database_url, bundled=settings.load_bundled) as store:
            catalog = await store.load_catalog()
            # Indexing and loading models is CPU work (seconds with the semantic re-ranker): off the event loop.
            service = await anyio.to_thread.run_sync(ContextService.create, settings, catalog)
            async with httpx.AsyncClient(timeout=settings.fetch_timeout_s) as client:
                app.state.store = store
                app.state.http_client = client
                app.state.context_service = service
                log.info("ready", extra={"events": len(service.index.events), "stories": len(service.index.stories)})
                try:
                    yield
                finally:
                    app.state.context_service = None

    return lifespan


def _from_state(name: str) -> Provide:
    def provide(state: State) -> Any:
        return state[name]

    return Provide(provide, sync_to_thread=False)


def create_app(settings: Settings) -> Litestar:
    limiter = rate_limiter(settings.rate_limit_per_minute, settings.redis_url)
    return Litestar(
        route_handlers=[ContextController, StoriesController, HealthController, MetricsController],
        lifespan=[_lifespan(settings)],
        dependencies={
            "settings": Provide(lambda: settings, sync_to_thread=False, use_cache=True),
            "store": _from_state("store"),
            "context_service": _from_state("context_service"),
            "http_client": _from_state("http_client"),
        },
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        request_max_body_size=settings.max_body_bytes,
        # CORS for extensions and BACKSTORY_CORS_ORIGINS only, never for /v1/admin/; security headers and a
        # request id on every answer (api/security.py). Outermost first: the request id is set before anything logs.
        cors_config=None,
        before_send=[answer_headers(CorsPolicy(settings.cors_origin_list))],
        middleware=[RequestIdMiddleware, metrics_config().middleware, RefuseEncodedBodies],
        on_shutdown=[limiter.aclose] if limiter else [],
        openapi_config=OpenAPIConfig(
            title="Backstory API",
            version="1.0.0",
            description="The backstory of the news article in front of you: matched event and context cards.",
            path="/docs",
            render_plugins=[SwaggerRenderPlugin(path="/"), JsonRenderPlugin(path="/openapi.json")],
        ),
        state=State({"context_service": None, RATE_LIMITER: limiter}),
        # Logging is configured once by the command that serves (backstory.logs), not by the framework.
        logging_config=None,
        debug=False,
    )
