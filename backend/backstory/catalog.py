"""The live catalog: the one owner of the matching index, kept in step with the event store.

Every write to the store bumps ``catalog_version`` in the same transaction as its audit rows
(``events/store_write.py``). ``refresh()`` compares versions and, when the store moved, loads the event set,
builds a new index off the event loop and swaps the snapshot in whole: a request holds the snapshot it started
with, so no reader ever sees half an index. The instance that wrote refreshes at once (its curators read their
own writes); other instances notice by themselves through ``watch()``: PostgreSQL ``LISTEN`` where available,
and a periodic version check always, for a missed notification or a SQLite file changed by another process.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

import anyio

from backstory.events.models import Catalog
from backstory.events.store import CATALOG_CHANNEL, EventStore
from backstory.matching.index import EventIndex

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One version of the event set and its index; never changed once built."""

    version: int
    index: EventIndex

    @classmethod
    def of(cls, catalog: Catalog, version: int = 0) -> Snapshot:
        """A snapshot built on the spot, for tools that match against a fixed event set."""
        return cls(version, EventIndex.build(catalog))


def settle() -> None:
    """Take what is alive now (a new index above all) out of the cyclic garbage collector's sight.

    An index is millions of long-lived objects, and each full collection walked them all: under load a worker
    stopped for 100-270 ms several times a minute (gc callbacks in a loaded server), which was most of the slowest
    answers. Frozen objects are still freed by reference counting when a snapshot is dropped (an index holds no
    cycles); collecting first keeps garbage already waiting from being frozen with them. Called once per index
    built, off the event loop.
    """
    gc.collect()
    gc.freeze()


class LiveCatalog:
    def __init__(
        self,
        store: EventStore,
        *,
        prepare: Callable[[EventIndex], object] | None = None,
        swapped: Callable[[Snapshot], object] | None = None,
    ) -> None:
        """``prepare`` runs on each new index before it is swapped in (the semantic re-ranker embeds events);
        ``swapped`` is told of each snapshot swapped in (the metrics' index version)."""
        self._store = store
        self._prepare = prepare
        self._swapped = swapped
        self._snapshot: Snapshot | None = None
        self._refreshing = asyncio.Lock()
        self._wake = asyncio.Event()
        self._stopping = False

    @property
    def current(self) -> Snapshot:
        if self._snapshot is None:
            raise RuntimeError("the catalog has not been loaded yet: await refresh() first")
        return self._snapshot

    @property
    def loaded(self) -> bool:
        return self._snapshot is not None

    async def refresh(self) -> bool:
        """Rebuild and swap in the index if the store's version moved; True when a new snapshot was swapped in."""
        async with self._refreshing:
            held = self._snapshot.version if self._snapshot is not None else None
            if held is not None and await self._store.catalog_version() == held:
                return False
            started = time.perf_counter()
            # The version is read before the records: a write landing in between makes the records newer than
            # the version they are filed under, so the next check loads again; never the other way round.
            version, catalog = await self._store.load_versioned_catalog()
            snapshot = await anyio.to_thread.run_sync(self._build, catalog, version)
            self._snapshot = snapshot
            if self._swapped is not None:
                self._swapped(snapshot)
            log.info(
                "catalog loaded",
                extra={
                    "catalog_version": version,
                    "events": len(snapshot.index.events),
                    "stories": len(snapshot.index.stories),
                    "build_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return True

    def _build(self, catalog: Catalog, version: int) -> Snapshot:
        snapshot = Snapshot.of(catalog, version)
        if self._prepare is not None:
            self._prepare(snapshot.index)
        settle()
        return snapshot

    def notify(self) -> None:
        """Ask the watcher to check the version now (a notification arrived)."""
        self._wake.set()

    def stop(self) -> None:
        """Ask the watcher to end (it returns at its next wake-up, at once)."""
        self._stopping = True
        self._wake.set()

    async def watch(self, poll_s: float) -> None:
        """Keep the snapshot in step with the store until ``stop()``: on notification, else every ``poll_s``."""
        listener = asyncio.create_task(self._listen(), name="catalog-listen")
        try:
            while not self._stopping:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a cancellation that lands as the
                # wait completes (a notification at shutdown), and the watcher would never end.
                with suppress(TimeoutError):
                    async with asyncio.timeout(poll_s):
                        await self._wake.wait()
                self._wake.clear()
                if self._stopping:
                    break
                try:
                    await self.refresh()
                except Exception:  # the database may be down; matching goes on from the index held
                    log.warning("catalog refresh failed; keeping the index held", exc_info=True)
        finally:
            listener.cancel()
            with suppress(asyncio.CancelledError):
                await listener

    async def _listen(self) -> None:
        """PostgreSQL only: wake the watcher on each committed write, reconnecting after a lost connection."""
        while True:
            try:
                await self._store.listen(CATALOG_CHANNEL, self.notify)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("catalog notifications lost; polling until they are back", exc_info=True)
            else:
                return  # not PostgreSQL: polling alone
            await asyncio.sleep(1.0)
