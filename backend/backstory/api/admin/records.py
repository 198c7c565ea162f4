"""Stories, entities and events, one controller each: list, read, create, patch, delete.

Every record answers with an ``ETag``; PATCH and DELETE need ``If-Match`` with the ETag the curator read (428
without it, 412 when someone changed the record since), so two curators never overwrite each other. The handlers
only translate HTTP; ``curation.py`` does the work.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.exceptions import ValidationException
from litestar.params import HeaderParameter, QueryParameter

from backstory.api.admin.guard import READ_PROBLEMS, SECURITY, WRITE_PROBLEMS, actor_of, require_token
from backstory.api.presenters import record_body
from backstory.api.problems import admin_validation_error
from backstory.api.schemas import (
    STRICT_JSON,
    EntityBody,
    EntityPatch,
    EntityRecord,
    EventBody,
    EventPatch,
    EventRecord,
    StoryBody,
    StoryPatch,
    StoryRecord,
    patch_changes,
)
from backstory.curation import CurationService, Versioned, to_record
from backstory.errors import PreconditionRequired
from backstory.events.store import Kind

IfMatch = Annotated[
    str | None,
    HeaderParameter(name="If-Match", required=False, description="The ETag of the record as you read it."),
]
Cursor = Annotated[
    str | None, QueryParameter(name="cursor", required=False, description="The next_cursor of the previous page.")
]
Limit = Annotated[int, QueryParameter(name="limit", ge=1, le=1000, description="Records per page.")]


class StoryPage(msgspec.Struct, kw_only=True):
    items: list[StoryRecord]
    next_cursor: str | None


class EntityPage(msgspec.Struct, kw_only=True):
    items: list[EntityRecord]
    next_cursor: str | None


class EventPage(msgspec.Struct, kw_only=True):
    items: list[EventRecord]
    next_cursor: str | None


def etag_of(header: str | None) -> str:
    """The digest an ``If-Match`` header names; 428 when there is none."""
    if not header or not header.strip():
        raise PreconditionRequired("send the record's ETag as If-Match: read it first, then change it")
    value = header.strip().removeprefix("W/")
    return value.strip('"')


def _answer(item: Versioned, status: int = 200) -> Response[Any]:
    return Response(record_body(item.record), status_code=status, headers={"ETag": f'"{item.etag}"'})


async def _page(curation: CurationService, kind: Kind, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    records = await curation.list(kind, after=cursor, limit=limit)
    return [record_body(r) for r in records], records[-1].id if len(records) == limit else None


async def _create(
    curation: CurationService, kind: Kind, body: msgspec.Struct, request: Request[Any, Any, Any]
) -> Response[Any]:
    item = await curation.create(to_record(kind, body), actor=actor_of(request))
    return _answer(item, 201)


async def _patch(
    curation: CurationService,
    kind: Kind,
    record_id: str,
    body: msgspec.Struct,
    if_match: str | None,
    request: Request[Any, Any, Any],
) -> Response[Any]:
    expected = etag_of(if_match)
    item = await curation.patch(kind, record_id, patch_changes(body), actor=actor_of(request), if_match=expected)
    return _answer(item)


async def _delete(
    curation: CurationService, kind: Kind, record_id: str, if_match: str | None, request: Request[Any, Any, Any]
) -> None:
    await curation.delete(kind, record_id, actor=actor_of(request), if_match=etag_of(if_match))


class _AdminController(Controller):
    guards = [require_token]
    security = SECURITY
    exception_handlers = {ValidationException: admin_validation_error}


class StoriesAdminController(_AdminController):
    path = "/v1/admin/stories"
    tags = ["admin: stories"]

    @get(operation_id="adminListStories", summary="Stories, by id", responses=READ_PROBLEMS)
    async def list_items(
        self, curation: NamedDependency[CurationService], cursor: Cursor = None, limit: Limit = 100
    ) -> StoryPage:
        items, next_cursor = await _page(curation, "story", cursor, limit)
        return StoryPage(items=items, next_cursor=next_cursor)

    @get("/{record_id:str}", operation_id="adminGetStory", summary="One story, with its ETag", responses=READ_PROBLEMS)
    async def get_item(self, record_id: str, curation: NamedDependency[CurationService]) -> Response[StoryRecord]:
        return _answer(await curation.get("story", record_id))

    @post(operation_id="adminCreateStory", summary="Create a story", responses=WRITE_PROBLEMS)
    async def create_item(
        self,
        data: Annotated[StoryBody, STRICT_JSON],
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
    ) -> Response[StoryRecord]:
        return await _create(curation, "story", data, request)

    @patch(
        "/{record_id:str}",
        operation_id="adminPatchStory",
        summary="Change some fields of a story",
        responses=WRITE_PROBLEMS,
    )
    async def patch_item(
        self,
        record_id: str,
        data: Annotated[StoryPatch, STRICT_JSON],
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
        if_match: IfMatch = None,
    ) -> Response[StoryRecord]:
        return await _patch(curation, "story", record_id, data, if_match, request)

    @delete(
        "/{record_id:str}",
        operation_id="adminDeleteStory",
        summary="Delete a story that has no events",
        responses=WRITE_PROBLEMS,
    )
    async def delete_item(
        self,
        record_id: str,
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
        if_match: IfMatch = None,
    ) -> None:
        await _delete(curation, "story", record_id, if_match, request)


class EntitiesController(_AdminController):
    path = "/v1/admin/entities"
    tags = ["admin: entities"]

    @get(operation_id="adminListEntities", summary="Entities, by id", responses=READ_PROBLEMS)
    async def list_items(
        self, curation: NamedDependency[CurationService], cursor: Cursor = None, limit: Limit = 100
    ) -> EntityPage:
        items, next_cursor = await _page(curation, "entity", cursor, limit)
        return EntityPage(items=items, next_cursor=next_cursor)

    @get(
        "/{record_id:str}", operation_id="adminGetEntity", summary="One entity, with its ETag", responses=READ_PROBLEMS
    )
    async def get_item(self, record_id: str, curation: NamedDependency[CurationService]) -> Response[EntityRecord]:
        return _answer(await curation.get("entity", record_id))

    @post(
        operation_id="adminCreateEntity",
        summary="Create an entity (names and aliases in any script)",
        responses=WRITE_PROBLEMS,
    )
    async def create_item(
        self,
        data: Annotated[EntityBody, STRICT_JSON],
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
    ) -> Response[EntityRecord]:
        return await _create(curation, "entity", data, request)

    @patch(
        "/{record_id:str}",
        operation_id="adminPatchEntity",
        summary="Change some fields of an entity",
        responses=WRITE_PROBLEMS,
    )
    async def patch_item(
        self,
        record_id: str,
        data: Annotated[EntityPatch, STRICT_JSON],
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
        if_match: IfMatch = None,
    ) -> Response[EntityRecord]:
        return await _patch(curation, "entity", record_id, data, if_match, request)

    @delete(
        "/{record_id:str}",
        operation_id="adminDeleteEntity",
        summary="Delete an entity no event names",
        responses=WRITE_PROBLEMS,
    )
    async def delete_item(
        self,
        record_id: str,
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
        if_match: IfMatch = None,
    ) -> None:
        await _delete(curation, "entity", record_id, if_match, request)


class EventsController(_AdminController):
    path = "/v1/admin/events"
    tags = ["admin: events"]

    @get(operation_id="adminListEvents", summary="Events, by id", responses=READ_PROBLEMS)
    async def list_items(
        self, curation: NamedDependency[CurationService], cursor: Cursor = None, limit: Limit = 100
    ) -> EventPage:
        items, next_cursor = await _page(curation, "event", cursor, limit)
        return EventPage(items=items, next_cursor=next_cursor)

    @get("/{record_id:str}", operation_id="adminGetEvent", summary="One event, with its ETag", responses=READ_PROBLEMS)
    async def get_item(self, record_id: str, curation: NamedDependency[CurationService]) -> Response[EventRecord]:
        return _answer(await curation.get("event", record_id))

    @post(
        operation_id="adminCreateEvent", summary="Create an event; matching uses it at once", responses=WRITE_PROBLEMS
    )
    async def create_item(
        self,
        data: Annotated[EventBody, STRICT_JSON],
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
    ) -> Response[EventRecord]:
        return await _create(curation, "event", data, request)

    @patch(
        "/{record_id:str}",
        operation_id="adminPatchEvent",
        summary="Change some fields of an event",
        responses=WRITE_PROBLEMS,
    )
    async def patch_item(
        self,
        record_id: str,
        data: Annotated[EventPatch, STRICT_JSON],
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
        if_match: IfMatch = None,
    ) -> Response[EventRecord]:
        return await _patch(curation, "event", record_id, data, if_match, request)

    @delete("/{record_id:str}", operation_id="adminDeleteEvent", summary="Delete an event", responses=WRITE_PROBLEMS)
    async def delete_item(
        self,
        record_id: str,
        curation: NamedDependency[CurationService],
        request: Request[Any, Any, Any],
        if_match: IfMatch = None,
    ) -> None:
        await _delete(curation, "event", record_id, if_match, request)
