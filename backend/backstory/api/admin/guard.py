"""Who may use the admin API: a bearer token checked against the stored digests on every request.

No token created yet answers 503 with how to create one (so a fresh install is closed, not open); a missing or
wrong token 401; a read-only token asking to change something 403. The token's name becomes the actor of the
writes the request makes.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from backstory.api.problems import problem_responses
from backstory.errors import AdminNotConfigured, Forbidden, StoreUnavailable, Unauthorized
from backstory.events.store import UNREACHABLE
from backstory.events.tokens import TokenStore

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# OpenAPI security requirement of every admin route; the scheme is declared in app.py.
SECURITY: list[dict[str, list[str]]] = [{"AdminToken": []}]
# The problems an admin read or write may answer with, for the OpenAPI document.
READ_PROBLEMS = problem_responses(400, 401, 403, 404, 503)
WRITE_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 412, 413, 422, 428, 503)


async def require_token(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    tokens: TokenStore = connection.app.state.tokens
    scheme, _, value = connection.headers.get("authorization", "").partition(" ")
    token = value.strip() if scheme.lower() == "bearer" else None
    try:
        outcome, info = await tokens.check(token)
    except UNREACHABLE as exc:
        raise StoreUnavailable("the token store cannot be reached right now; try again shortly") from exc
    if outcome == "none_configured":
        raise AdminNotConfigured(
            "no admin token exists yet: create one on the server with `backstory admin create-token --name NAME`"
        )
    if info is None:
        raise Unauthorized("send a valid admin token as 'Authorization: Bearer <token>'")
    if info.read_only and connection.scope.get("method", "GET") not in READ_METHODS:
        raise Forbidden(f"the token {info.name!r} is read-only")
    connection.state.actor = info.name


def actor_of(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The name of the token the guard let in."""
    actor: str = connection.state.actor
    return actor
