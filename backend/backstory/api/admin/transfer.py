"""NDJSON import and export of the whole event set.

An import is streamed: lines are decoded, checked and written in batches as the body arrives, inside one
transaction, so 100,000 events take the memory of a batch (and of their ids), not of the file. It is all or
nothing: one bad line rejects the whole import, listing every error by line number, and the store is left as
it was. ``dry_run=true`` does all of that and rolls back, answering what would be created, updated and left
unchanged. The export streams too, and an export imported into an empty store exports to the same bytes.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIType, Operation, RequestBody, Schema
from litestar.params import QueryParameter
from litestar.response import Stream

from backstory.api.admin.guard import READ_PROBLEMS, SECURITY, WRITE_PROBLEMS, actor_of, require_token
from backstory.api.problems import admin_validation_error
from backstory.api.schemas import ImportOut
from backstory.curation import CurationService
from backstory.errors import InvalidInput, PayloadTooLarge
from backstory.settings import Settings

NDJSON = "application/x-ndjson"


@dataclass
class _NdjsonBody(Operation):
    """The import reads its body as a stream, so its OpenAPI request body is declared here."""

    def __post_init__(self) -> None:
        self.request_body = RequestBody(
            required=True,
            description="One record a line (stories, entities, events), as `GET /v1/admin/export` writes them.",
            content={NDJSON: OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))},
        )


async def numbered_lines(chunks: AsyncIterable[bytes], max_bytes: int) -> AsyncIterator[tuple[int, bytes]]:
    """The lines of a byte stream with their 1-based numbers; ``PayloadTooLarge`` past ``max_bytes``."""
    number, size, rest = 0, 0, b""
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(f"the import is larger than BACKSTORY_MAX_IMPORT_BYTES ({max_bytes} bytes)")
        rest += chunk
        *lines, rest = rest.split(b"\n")
        for line in lines:
            number += 1
            yield number, line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line
    if rest:
        number += 1
        yield number, rest.removeprefix(b"\xef\xbb\xbf") if number == 1 else rest


class TransferController(Controller):
    path = "/v1/admin"
    tags = ["admin: import and export"]
    guards = [require_token]
    security = SECURITY
    exception_handlers = {ValidationException: admin_validation_error}

    @post(
        "/import",
        operation_id="adminImport",
        summary="Import NDJSON records, all or nothing",
        status_code=200,
        operation_class=_NdjsonBody,
        responses=WRITE_PROBLEMS,
        request_max_body_size=None,  # limited while streaming, by BACKSTORY_MAX_IMPORT_BYTES
    )
    async def import_records(
        self,
        request: Request[Any, Any, Any],
        curation: NamedDependency[CurationService],
        settings: NamedDependency[Settings],
        dry_run: Annotated[
            bool, QueryParameter(name="dry_run", description="Check and count, then change nothing.")
        ] = False,
    ) -> ImportOut:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in (NDJSON, "application/jsonl", "text/plain"):
            raise InvalidInput(f"send the records as {NDJSON}, one a line (got {content_type or 'no content type'})")
        lines = numbered_lines(request.stream(), settings.max_import_bytes)
        summary = await curation.import_lines(lines, actor=actor_of(request), dry_run=dry_run)
        return ImportOut(created=summary.created, updated=summary.updated, unchanged=summary.unchanged, dry_run=dry_run)

    @get(
        "/export",
        operation_id="adminExport",
        summary="The whole event set as NDJSON",
        media_type=NDJSON,
        responses=READ_PROBLEMS,
    )
    async def export_records(self, curation: NamedDependency[CurationService]) -> Stream:
        return Stream(curation.export(), media_type=NDJSON)
