"""Liveness (the process answers) and readiness (database reachable, index loaded)."""

from __future__ import annotations

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

    @get("/readyz", operation_id="ready", summary="Ready to answer: database reachable and index loaded")
    async def ready(self, state: State, store: NamedDependency[EventStore]) -> Response[HealthOut]:
        try:
            counts = await store.count()
        except Exception:  # any database failure means "not ready", whatever the driver raises
            return Response(HealthOut(status="not ready"), status_code=503)
        if state.get("context_service") is None:
            return Response(HealthOut(status="not ready"), status_code=503)
        return Response(HealthOut(status="ok", events=counts.get("events", 0), stories=counts.get("stories", 0)))
