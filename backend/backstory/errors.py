"""Domain errors. Services raise these; ``api/problems.py`` maps them to RFC 9457 answers."""

from __future__ import annotations


class BackstoryError(Exception):
    """Base of the errors a caller can act on."""

    title = "Request failed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(BackstoryError):
    title = "Not found"


class Conflict(BackstoryError):
    title = "Conflict"


class InvalidInput(BackstoryError):
    title = "Invalid input"


class NotAnArticle(BackstoryError):
    """The page holds no article text that could be extracted."""

    title = "Not an article"


class FetchFailed(BackstoryError):
    """A page could not be fetched for ``GET /v1/context?url=``."""

    title = "Page could not be fetched"


class FetchRefused(BackstoryError):
    """The address is not one the server may fetch (scheme, private network)."""

    title = "Address not allowed"


class ImportRejected(BackstoryError):
    """An NDJSON import had errors; nothing was written."""

    title = "Import rejected"

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = errors
        shown = "; ".join(f"line {line}: {message}" for line, message in errors[:10])
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        super().__init__(f"{len(errors)} error(s), nothing imported: {shown}{more}")
