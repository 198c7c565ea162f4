"""Every error answer is RFC 9457 problem+json; domain errors map to statuses in one table.

A problem's ``type`` is a stable URI per kind of problem (``urn:backstory:problem:<slug>``), so clients can
tell problems apart without reading titles, which are for people.
"""

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
    AdminNotConfigured,
    BackstoryError,
    Conflict,
    FetchFailed,
    FetchRefused,
    Forbidden,
    ImportRejected,
    InvalidInput,
    InvalidRecord,
    NotAnArticle,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    PreconditionRequired,
    StoreUnavailable,
    Unauthorized,
)

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE = "urn:backstory:problem:"

STATUS: dict[type[BackstoryError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 400,
    InvalidRecord: 422,
    NotAnArticle: 422,
    ImportRejected: 422,
    PreconditionRequired: 428,
    PreconditionFailed: 412,
    PayloadTooLarge: 413,
    Unauthorized: 401,
    Forbidden: 403,
    AdminNotConfigured: 503,
    StoreUnavailable: 503,
    FetchRefused: 400,
    FetchFailed: 502,
}

# Problems raised by the framework itself, by status.
_HTTP_SLUGS = {
    400: ("invalid-request", "Invalid request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
    503: ("service-unavailable", "Service unavailable"),
}


def problem(
    status: int, slug: str, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response[dict[str, Any]]:
    body = {"type": PROBLEM_TYPE + slug, "title": title, "status": status, "detail": detail, **extra}
    return Response(content=body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def domain_error(request: Request[Any, Any, Any], exc: BackstoryError) -> Response[dict[str, Any]]:
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
    extra: dict[str, Any] = {**exc.extra, **_request_id(request, status)}
    headers: dict[str, str] = {}
    if isinstance(exc, ImportRejected):
        extra["errors"] = [{"line": line, "message": message} for line, message in exc.errors]
        extra["error_count"] = exc.total
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="backstory-admin"'
    if isinstance(exc, StoreUnavailable):
        headers["Retry-After"] = "5"
    return problem(status, exc.slug, exc.title, exc.detail, headers, instance=request.url.path, **extra)


def validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    errors = exc.extra if isinstance(exc.extra, list) else []
    detail = "; ".join(f"{e.get('key') or 'body'}: {e.get('message')}" for e in errors if isinstance(e, dict)) or str(
        exc.detail
    )
    return problem(400, "invalid-request", "Invalid request", detail, instance=request.url.path, errors=errors)


def admin_validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    """The admin API's records are checked field by field: 422, naming the field (a JSON path in the body).
    A malformed query or header is still a malformed request: 400, as everywhere."""
    errors = [e for e in (exc.extra if isinstance(exc.extra, list) else []) if isinstance(e, dict)]
    if any(e.get("source") not in (None, "body") for e in errors):
        return validation_error(request, exc)
    fields = [_field(e) for e in errors]
    detail = "; ".join(f"{f or 'body'}: {e.get('message')}" for f, e in zip(fields, errors, strict=True)) or str(
        exc.detail
    )
    return problem(
        422, "invalid-record", "Invalid record", detail, instance=request.url.path,
        field=fields[0] if fields else "", errors=errors,
    )  # fmt: skip


def _field(error: dict[str, Any]) -> str:
    # msgspec's message ends with the path ("… - at `$.title.en`"); Litestar puts the top-level key in "key".
    message = str(error.get("message", ""))
    if "at `$" in message:
        return message.rsplit("at `$", 1)[1].split("`", 1)[0].lstrip(".")
    if "unknown field `" in message:
        return message.split("unknown field `", 1)[1].split("`", 1)[0]
    key = str(error.get("key") or "")
    return "" if key == "data" else key


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    slug, title = _HTTP_SLUGS.get(exc.status_code, ("request-failed", "Request failed"))
    detail = str(exc.detail) if exc.detail else title
    if exc.status_code == 413:
        detail = "the request body is larger than the server accepts (BACKSTORY_MAX_BODY_BYTES)"
    extra = _request_id(request, exc.status_code)
    return problem(exc.status_code, slug, title, detail, dict(exc.headers or {}), instance=request.url.path, **extra)


def nesting_error(request: Request[Any, Any, Any], exc: RecursionError) -> Response[dict[str, Any]]:
    # Litestar decodes a JSON body generically before checking it against the schema; msgspec stops at a
    # depth limit with a RecursionError (a clean exception, the process is fine). Nothing we accept nests deeply.
    log.warning("request nested too deeply", extra={"path": request.url.path})
    return problem(
        400, "invalid-request", "Invalid request", "the request body is nested too deeply", instance=request.url.path
    )


def unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    # Logged with its traceback for us; the caller gets a calm answer without internals.
    request_id = request_id_of(request.scope)
    log.exception(
        "unhandled error", extra={"path": request.url.path, "method": request.method, "request_id": request_id}
    )
    return problem(
        HTTP_500_INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
        "something went wrong on our side; it has been logged", instance=request.url.path, request_id=request_id,
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
    401: "No admin token, or not a valid one (WWW-Authenticate: Bearer)",
    403: "A read-only admin token asked to change something",
    404: "No such story, entity, event or record",
    409: "The id is taken, or other records still refer to this one (`events` lists them)",
    412: "If-Match names a version that is no longer current: someone changed the record since it was read",
    413: "The request body is larger than BACKSTORY_MAX_BODY_BYTES",
    415: "The request body was sent compressed (Content-Encoding); send it plain",
    422: "The page holds no article; or, for the admin API, a record or import line is invalid (`field`, `errors`)",
    428: "A change without If-Match: read the record first and send its ETag",
    429: "Too many requests from this client; Retry-After says when to try again",
    502: "The page could not be fetched",
    503: "Busy, past BACKSTORY_REQUEST_TIMEOUT_S, no admin token created yet, or the database unreachable; "
    "Retry-After says when to retry where it applies",
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

__all__ = [
    "EXCEPTION_HANDLERS",
    "PROBLEM_JSON",
    "PROBLEM_TYPE",
    "admin_validation_error",
    "problem",
    "problem_responses",
]
