"""Drafts: a source article in, an event drafted from it out (not stored; the curator corrects and saves it)."""

from __future__ import annotations

from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException

from backstory.api.admin.guard import SECURITY, require_token
from backstory.api.context import ContextBody, bounded
from backstory.api.limits import run_in_thread
from backstory.api.problems import admin_validation_error, problem_responses
from backstory.catalog import LiveCatalog
from backstory.context import ArticleInput
from backstory.drafts import Draft, DraftService
from backstory.settings import Settings


class DraftsController(Controller):
    path = "/v1/admin/drafts"
    tags = ["admin: events"]
    guards = [require_token]
    security = SECURITY
    exception_handlers = {ValidationException: admin_validation_error}

    @post(
        operation_id="adminDraftEvent",
        summary="Draft an event from a source article (nothing is stored; save it with POST /v1/admin/events)",
        status_code=200,
        responses=problem_responses(400, 401, 403, 413, 422, 503),
    )
    async def draft(
        self,
        data: ContextBody,
        drafts: NamedDependency[DraftService],
        catalog: NamedDependency[LiveCatalog],
        settings: NamedDependency[Settings],
    ) -> Draft:
        article = bounded(
            ArticleInput(
                url=data.url, html=data.html, text=data.text, title=data.title, published=data.published, lang=data.lang
            )
        )
        snapshot = catalog.current
        return await run_in_thread(lambda: drafts.draft(article, snapshot), settings.request_timeout_s)
