"""Readers' reports for curators, newest first."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.datastructures import State
from litestar.params import QueryParameter

from backstory.api.admin.guard import READ_PROBLEMS, SECURITY, require_token
from backstory.events.feedback import FeedbackPage, FeedbackStore


class FeedbackAdminController(Controller):
    path = "/v1/admin/feedback"
    tags = ["admin: feedback"]
    guards = [require_token]
    security = SECURITY

    @get(operation_id="adminFeedback", summary="Readers' reports on matches, newest first", responses=READ_PROBLEMS)
    async def list_feedback(
        self,
        state: State,
        cursor: Annotated[str | None, QueryParameter(name="cursor", required=False, pattern=r"^[0-9]{1,18}$")] = None,
        limit: Annotated[int, QueryParameter(name="limit", ge=1, le=500)] = 50,
    ) -> FeedbackPage:
        feedback: FeedbackStore = state.feedback
        return await feedback.list(cursor=cursor, limit=limit)
