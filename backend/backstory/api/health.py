"""Liveness (the process answers) and readiness (the index is loaded).

Readiness does not hang on the database: matching answers from the index in memory while the database is away
(only curation waits for it), so an instance stays in rotation and says how its database is in ``database``.
"""

from __future__ import annotations

from typing import Literal

from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency

from backstory.api.schemas import HealthOut
from backstory.events.store import EventStore


class HealthController(Controller):
    tags = ["health"]
    include_in_schema = True

    @get("/healthz", operation_id="health", summary="The process is up")
    async def health(self) -> HealthOut:
        return HealthOut(status="ok")

    @get("/readyz", operation_id="ready", summary="Ready to answer: the event index is loaded")
    async def ready(self, state: State, store: NamedDependency[EventStore]) -> Response[HealthOut]:
        catalog = state.get("catalog")
        if catalog is None or not catalog.loaded:
            return Response(HealthOut(status="not ready"), status_code=503)
        try:
            await store.catalog_version()
            database: Literal["ok", "unreachable"] = "ok"
        except Exception:  # whatever the driver raises, the database is away; matching goes on from memory
            database = "unreachable"
        index = catalog.current.index
        return Response(
            HealthOut(
                status="ok",
                events=len(index.events),
                stories=len(index.stories),
                catalog_version=catalog.current.version,
                database=database,
            )
        )
