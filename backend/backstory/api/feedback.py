"""Readers tell when a match is wrong: ``POST /v1/feedback``, public, cookie-less, nothing personal kept."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, post
from litestar.datastructures import State
from litestar.di import NamedDependency

from backstory.api.problems import problem_responses
from backstory.api.ratelimit import within_rate_limit
from backstory.api.schemas import STRICT_JSON
from backstory.articles.urls import normalise_url
from backstory.catalog import LiveCatalog
from backstory.errors import InvalidRecord
from backstory.events.feedback import FeedbackStore, Verdict


class FeedbackIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    url: Annotated[str, msgspec.Meta(min_length=1, max_length=8192, pattern=r"^https?://")]
    """The article's address (fragment and tracking parameters are removed before it is kept)."""
    event_id: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    """The event Backstory claimed, or null when it claimed none."""
    verdict: Verdict
    comment: Annotated[str, msgspec.Meta(max_length=1000)] | None = None


class FeedbackCreated(msgspec.Struct, kw_only=True):
    id: str


class FeedbackController(Controller):
    path = "/v1/feedback"
    tags = ["feedback"]
    # The same per-client budget as /v1/context: a report follows a context request, never many of them.
    guards = [within_rate_limit]

    @post(
        operation_id="sendFeedback",
        summary="Report a wrong or missed match",
        status_code=201,
        responses=problem_responses(400, 422, 429),
    )
    async def send(
        self, data: Annotated[FeedbackIn, STRICT_JSON], state: State, catalog: NamedDependency[LiveCatalog]
    ) -> FeedbackCreated:
        if data.event_id is not None and data.event_id not in catalog.current.index.events:
            raise InvalidRecord("event_id", f"{data.event_id!r} is not a known event")
        feedback: FeedbackStore = state.feedback
        comment = data.comment.strip() if data.comment else None
        try:
            url = normalise_url(data.url)
        except ValueError as exc:  # UnicodeError included: a host no URL library can read
            raise InvalidRecord("url", "is not a URL that can be read") from exc
        created = await feedback.add(url=url, event_id=data.event_id, verdict=data.verdict, comment=comment or None)
        return FeedbackCreated(id=created)
