"""The audit log: every change to the event set, newest first, who made it and what it changed."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from backstory.api.admin.guard import READ_PROBLEMS, SECURITY, require_token
from backstory.api.schemas import AuditPageOut
from backstory.curation import CurationService


class AuditController(Controller):
    path = "/v1/admin/audit"
    tags = ["admin: audit"]
    guards = [require_token]
    security = SECURITY

    @get(operation_id="adminAudit", summary="Changes to the event set, newest first", responses=READ_PROBLEMS)
    async def list_entries(
        self,
        curation: NamedDependency[CurationService],
        cursor: Annotated[
            str | None,
            QueryParameter(
                name="cursor", required=False, pattern=r"^[0-9]{1,18}$", description="next_cursor of the previous page"
            ),
        ] = None,
        limit: Annotated[int, QueryParameter(name="limit", ge=1, le=500)] = 50,
    ) -> AuditPageOut:
        page = await curation.audit(cursor=cursor, limit=limit)
        return AuditPageOut(entries=page.entries, next_cursor=page.next_cursor)
