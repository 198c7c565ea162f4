"""Every error answer is RFC 9457 problem+json; domain errors map to statuses in one table."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from backstory.errors import (
    BackstoryError,
    Conflict,
    FetchFailed,
    FetchRefused,
    ImportRejected,
    InvalidInput,
    NotAnArticle,
    NotFound,
)

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

STATUS: dict[type[BackstoryError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 400,
    NotAnArticle: 422,
    ImportRejected: 422,
    FetchRefused: 400,
    FetchFailed: 502,
}


def problem(status: int, title: str, detail: str, **extra: Any) -> Response[dict[str, Any]]:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return Response(content=body, status_code=status, media_type=PROBLEM_JSON)


def domain_error(request: Request[Any, Any, Any], exc: BackstoryError) -> Response[dict[str, Any]]:
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
    extra: dict[str, Any] = {}
    if isinstance(exc, ImportRejected):
        extra["errors"] = [{"line": line, "message": message} for line, message in exc.errors]
    return problem(status, exc.title, exc.detail, instance=request.url.path, **extra)


def validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    errors = exc.extra if isinstance(exc.extra, list) else []
    detail = "; ".join(f"{e.get('key') or 'body'}: {e.get('message')}" for e in errors if isinstance(e, dict)) or str(
        exc.detail
    )
    return problem(400, "Invalid request", detail, instance=request.url.path, errors=errors)


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    titles = {404: "Not found", 405: "Method not allowed", 413: "Request body too large", 401: "Unauthorized"}
    title = titles.get(exc.status_code, "Request failed")
    detail = str(exc.detail) if exc.detail else title
    if exc.status_code == 413:
        detail = "the request body is larger than the server accepts (BACKSTORY_MAX_BODY_BYTES)"
    response = problem(exc.status_code, title, detail, instance=request.url.path)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    # Logged with its traceback for us; the caller gets a calm answer without internals.
    log.exception("unhandled error", extra={"path": request.url.path, "method": request.method})
    return problem(
        HTTP_500_INTERNAL_SERVER_ERROR, "Internal error", "something went wrong on our side; it has been logged",
        instance=request.url.path,
    )  # fmt: skip


EXCEPTION_HANDLERS = {
    BackstoryError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    Exception: unexpected_error,
}

__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_JSON", "problem"]
