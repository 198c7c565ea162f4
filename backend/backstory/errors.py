"""Domain errors. Services raise these; ``api/problems.py`` maps them to RFC 9457 answers.

Each kind has a ``slug``: the last part of its problem ``type`` URI, stable so that clients never parse titles.
"""

from __future__ import annotations

from typing import Any


class BackstoryError(Exception):
    """Base of the errors a caller can act on."""

    title = "Request failed"
    slug = "request-failed"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra
        """Further members of the problem answer (e.g. the events that still use an entity)."""


class NotFound(BackstoryError):
    title = "Not found"
    slug = "not-found"


class Conflict(BackstoryError):
    title = "Conflict"
    slug = "conflict"


class InvalidInput(BackstoryError):
    title = "Invalid input"
    slug = "invalid-input"


class InvalidRecord(BackstoryError):
    """A record that cannot be stored as it is; ``field`` says which (a JSON path below the record)."""

    title = "Invalid record"
    slug = "invalid-record"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", field=field)
        self.field = field


class PreconditionRequired(BackstoryError):
    """A change without ``If-Match``: the writer has not said which version it read."""

    title = "Precondition required"
    slug = "precondition-required"


class PreconditionFailed(BackstoryError):
    """A change whose ``If-Match`` names a version that is no longer current: someone else changed it first."""

    title = "Precondition failed"
    slug = "precondition-failed"


class NotAnArticle(BackstoryError):
    """The page holds no article text that could be extracted."""

    title = "Not an article"
    slug = "not-an-article"


class FetchFailed(BackstoryError):
    """A page could not be fetched for ``GET /v1/context?url=``."""

    title = "Page could not be fetched"
    slug = "fetch-failed"


class FetchRefused(BackstoryError):
    """The address is not one the server may fetch (scheme, private network)."""

    title = "Address not allowed"
    slug = "fetch-refused"


class Unauthorized(BackstoryError):
    title = "Unauthorized"
    slug = "unauthorized"


class Forbidden(BackstoryError):
    title = "Forbidden"
    slug = "forbidden"


class AdminNotConfigured(BackstoryError):
    """The admin API has no token yet, so nobody could be let in."""

    title = "Admin API not configured"
    slug = "admin-not-configured"


class StoreUnavailable(BackstoryError):
    """The database cannot be reached; reads go on from memory, writes wait."""

    title = "Store unavailable"
    slug = "store-unavailable"


class PayloadTooLarge(BackstoryError):
    title = "Request body too large"
    slug = "payload-too-large"


class ImportRejected(BackstoryError):
    """An NDJSON import had errors; nothing was written."""

    title = "Import rejected"
    slug = "import-rejected"

    def __init__(self, errors: list[tuple[int, str]], *, total: int | None = None) -> None:
        self.errors = errors
        self.total = len(errors) if total is None else total
        shown = "; ".join(f"line {line}: {message}" for line, message in errors[:10])
        more = f" (and {self.total - 10} more)" if self.total > 10 else ""
        super().__init__(f"{self.total} error(s), nothing imported: {shown}{more}")
