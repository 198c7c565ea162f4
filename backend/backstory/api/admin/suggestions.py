"""Alias suggestions for curators: spellings learnt from confidently matched articles, to accept or reject.

Accepting adds the spelling to the entity's aliases through the curation service (audited in the token's name,
live in matching at once); rejecting keeps the spelling from being suggested again.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter

from backstory.api.admin.guard import READ_PROBLEMS, SECURITY, WRITE_PROBLEMS, actor_of, require_token
from backstory.api.problems import admin_validation_error
from backstory.events.suggestions import CURSOR_PATTERN, Suggestion, SuggestionPage
from backstory.suggestions import SuggestionService


class SuggestionsController(Controller):
    path = "/v1/admin/suggestions"
    tags = ["admin: suggestions"]
    guards = [require_token]
    security = SECURITY
    exception_handlers = {ValidationException: admin_validation_error}

    @get(
        operation_id="adminListSuggestions",
        summary="Alias suggestions, newest or most frequent first",
        responses=READ_PROBLEMS,
    )
    async def list_items(
        self,
        suggestions: NamedDependency[SuggestionService],
        order: Annotated[
            Literal["newest", "frequent"],
            QueryParameter(description="newest: most recently first seen first; frequent: most articles first."),
        ] = "newest",
        status: Annotated[
            Literal["open", "accepted", "rejected"], QueryParameter(description="Which suggestions to list.")
        ] = "open",
        cursor: Annotated[
            str | None,
            QueryParameter(required=False, pattern=CURSOR_PATTERN, description="The next_cursor of the previous page."),
        ] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500, description="Suggestions per page.")] = 50,
    ) -> SuggestionPage:
        return await suggestions.list(status=status, order=order, cursor=cursor, limit=limit)

    @post(
        "/{suggestion_id:str}/accept",
        operation_id="adminAcceptSuggestion",
        summary="Add the spelling to the entity's aliases (an audited write) and mark the suggestion accepted",
        status_code=200,
        responses=WRITE_PROBLEMS,
    )
    async def accept(
        self, suggestion_id: str, suggestions: NamedDependency[SuggestionService], request: Request[Any, Any, Any]
    ) -> Suggestion:
        return await suggestions.accept(suggestion_id, actor=actor_of(request))

    @post(
        "/{suggestion_id:str}/reject",
        operation_id="adminRejectSuggestion",
        summary="Mark the suggestion rejected: this spelling is never suggested again",
        status_code=200,
        responses=WRITE_PROBLEMS,
    )
    async def reject(
        self, suggestion_id: str, suggestions: NamedDependency[SuggestionService], request: Request[Any, Any, Any]
    ) -> Suggestion:
        return await suggestions.reject(suggestion_id, actor=actor_of(request))
