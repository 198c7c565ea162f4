"""What every answer carries: a request id, security headers, and CORS only for the origins that may call us.

The headers are set in a ``before_send`` hook rather than a route middleware: Litestar runs the hook for every
answer, including its own 404 and 405 for paths no handler owns, which route middleware never see.

CORS: the API is called by the browser extension (``chrome-extension://``, ``moz-extension://``) and by the web
origins listed in ``BACKSTORY_CORS_ORIGINS``. Any other page a reader visits gets no CORS headers, so its scripts
cannot read our answers or drive ``GET /v1/context?url=``. Nothing under ``/v1/admin/`` is ever shared
cross-origin: curators call it from tools, not from pages.
"""

from __future__ import annotations

import posixpath
import re
import uuid
from collections.abc import Iterable
from typing import Any

from litestar.datastructures import Headers, MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, BeforeMessageSendHookHandler, Message, Receive, Scope, Send

from backstory.logs import REQUEST_ID

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept when it is short and plain, so it can go into logs and headers as it is.
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_EXTENSION_ORIGIN = re.compile(r"^(chrome-extension|moz-extension)://[A-Za-z0-9-]{1,64}$")
# Checked on the routed path, in lower case: it may only ever exclude more than the router would send there.
NO_CORS_PREFIXES = ("/v1/admin",)
DOCS_PREFIX = "/docs"

ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "authorization, content-type, x-request-id"
PREFLIGHT_MAX_AGE = "600"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# JSON needs nothing from a content security policy: deny everything, framing included.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The docs page is Swagger UI: its script and styles come from jsdelivr, with an inline start-up script.
DOCS_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://cdn.jsdelivr.net; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def request_id_of(scope: Scope) -> str:
    """The request's id: the caller's ``X-Request-ID`` when sane, else a new one; the same for the whole request."""
    state: dict[str, Any] = scope.setdefault("state", {})
    existing = state.get("request_id")
    if isinstance(existing, str):
        return existing
    incoming = Headers.from_scope(scope).get(REQUEST_ID_HEADER)
    request_id = incoming if incoming and _SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    state["request_id"] = request_id
    return request_id


class RequestIdMiddleware:
    """Makes the request id known to the logs for the request's duration (handlers and worker threads)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        token = REQUEST_ID.set(request_id_of(scope))
        try:
            await self.app(scope, receive, send)
        finally:
            REQUEST_ID.reset(token)


class CorsPolicy:
    """Which origins may read our answers: browser extensions and the configured web origins."""

    def __init__(self, origins: Iterable[str]) -> None:
        self.origins = frozenset(origins)

    def allows(self, origin: str, path: str) -> bool:
        if routed_path(path).lower().startswith(NO_CORS_PREFIXES):
            return False
        return bool(_EXTENSION_ORIGIN.match(origin)) or origin in self.origins


def routed_path(path: str) -> str:
    """The path as the router reads it: Litestar routes /v1//admin/x and /v1/x/../admin/x to /v1/admin/x too."""
    return posixpath.normpath(re.sub(r"/+", "/", "/" + path))


def answer_headers(policy: CorsPolicy) -> BeforeMessageSendHookHandler:
    """A ``before_send`` hook adding the request id, security headers and CORS headers to every answer."""

    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start" or scope["type"] != ScopeType.HTTP:
            return
        headers = MutableScopeHeaders.from_message(message)
        headers[REQUEST_ID_HEADER] = request_id_of(scope)
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        path = scope["path"]
        headers["Content-Security-Policy"] = DOCS_CSP if path.startswith(DOCS_PREFIX) else API_CSP
        # Drop whatever CORS headers anything upstream set: this hook alone decides.
        for name in [key for key in headers if key.lower().startswith("access-control-")]:
            del headers[name]
        request_headers = Headers.from_scope(scope)
        origin = request_headers.get("origin")
        headers.add("Vary", "Origin")
        if not origin or not policy.allows(origin, path):
            return
        headers["Access-Control-Allow-Origin"] = origin
        headers["Access-Control-Expose-Headers"] = f"{REQUEST_ID_HEADER}, Retry-After"
        if scope.get("method") == "OPTIONS" and request_headers.get("access-control-request-method"):
            headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE

    return before_send
