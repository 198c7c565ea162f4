"""Every error answer is RFC 9457 problem+json; domain errors map to statuses in one table."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from backstory.api.schemas import ProblemOut
from backstory.api.security import request_id_of
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
    extra: dict[str, Any] = _request_id(request, status)
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
    titles = {
        401: "Unauthorized", 404: "Not found", 405: "Method not allowed", 413: "Request body too large",
        415: "Unsupported media type", 429: "Too many requests", 503: "Service unavailable",
    }  # fmt: skip
    title = titles.get(exc.status_code, "Request failed")
    detail = str(exc.detail) if exc.detail else title
    if exc.status_code == 413:
        detail = "the request body is larger than the server accepts (BACKSTORY_MAX_BODY_BYTES)"
    extra = _request_id(request, exc.status_code)
    response = problem(exc.status_code, title, detail, instance=request.url.path, **extra)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def nesting_error(request: Request[Any, Any, Any], exc: RecursionError) -> Response[dict[str, Any]]:
    # Litestar decodes a JSON body generically before checking it against the schema; msgspec stops at a
    # depth limit with a RecursionError (a clean exception, the process is fine). Nothing we accept nests deeply.
    log.warning("request nested too deeply", extra={"path": request.url.path})
    return problem(400, "Invalid request", "the request body is nested too deeply", instance=request.url.path)


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    # Logged with its traceback for us; the caller gets a calm answer without internals.
    request_id = request_id_of(request.scope)
    log.exception(
        "unhandled error", extra={"path": request.url.path, "method": request.method, "request_id": request_id}
    )
    return problem(
        HTTP_500_INTERNAL_SERVER_ERROR, "Internal error", "something went wrong on our side; it has been logged",
        instance=request.url.path, request_id=request_id,
    )  # fmt: skip


def _request_id(request: Request[Any, Any, Any], status: int) -> dict[str, Any]:
    # Server-side failures carry the id the logs have, so a report of one can be found there.
    return {"request_id": request_id_of(request.scope)} if status >= 500 else {}


EXCEPTION_HANDLERS = {
    BackstoryError: domain_error,
    ValidationException: validation_error,
    HTTPException: http_error,
    RecursionError: nesting_error,
    Exception: unexpected_error,
}


_DESCRIPTIONS = {
    400: "Malformed request: the body or a parameter does not fit the schema",
    404: "No such story or event",
    413: "The request body is larger than BACKSTORY_MAX_BODY_BYTES",
    415: "The request body was sent compressed (Content-Encoding); send it plain",
    422: "The page holds no article",
    429: "Too many requests from this client; Retry-After says when to try again",
    502: "The page could not be fetched",
    503: "The request took longer than BACKSTORY_REQUEST_TIMEOUT_S, or the server is busy; Retry-After says when to retry",
}


def problem_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI documentation of the problem+json answers an operation can give."""
    return {
        status: ResponseSpec(
            data_container=ProblemOut,
            media_type=PROBLEM_JSON,
            description=_DESCRIPTIONS[status],
            generate_examples=False,
        )
        for status in statuses
    }


__all__ = ["EXCEPTION_HANDLERS", "PROBLEM_JSON", "problem", "problem_responses"]
