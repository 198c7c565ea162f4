"""``backstory serve`` with several worker processes: the code imported and warmed once, then the workers forked.

uvicorn's own supervisor starts each worker as a fresh interpreter (``spawn``) that imports the whole application
and warms the same caches again: on two cores busy with both, that made start to ready take 8-9 s. Here the parent
imports the application and computes what every index build needs and never changes in a process (CLDR's place
names in sixty languages, ~0.7 s), binds the socket, and forks the workers: each starts with all of it in memory
(shared with the parent until written), so its own start is opening the store, loading the language models and
building the index.

Nothing that runs threads is started before the fork (the language detector's loader runs a thread pool, the store a
thread per connection): each worker loads those itself, in its lifespan, as a single process does.

The parent supervises like uvicorn's: SIGINT or SIGTERM stops the workers (SIGTERM, then waits for them); a worker
that dies is replaced, unless it failed to start at all (the app, the database URL or the socket is broken and
would fail the same way again), in which case everything stops with uvicorn's start-up failure status.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
from multiprocessing.process import BaseProcess

import uvicorn
from uvicorn.config import STARTUP_FAILURE

log = logging.getLogger(__name__)

APP = "backstory.app:app_from_env"
"""The factory each worker calls: it reads ``BACKSTORY_*`` as a single process does."""
CHECK_S = 0.5
"""How often the parent looks for signals and dead workers."""


def warm_up() -> None:
    """Import the application and fill the per-process caches an index build needs: done once, before forking.

    Building the bundled story's index (and dropping it) is the simplest way to fill exactly those caches.
    """
    import backstory.app  # noqa: F401  (the import is the point: the workers inherit it)
    from backstory.events.models import Catalog
    from backstory.events.store import read_bundled
    from backstory.matching.index import EventIndex

    EventIndex.build(Catalog.of(read_bundled()))


def _work(config: uvicorn.Config, sockets: list[socket.socket]) -> None:
    # A forked worker starts with the parent's signal handlers: uvicorn installs its own while it serves.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    uvicorn.Server(config).run(sockets=sockets)


class Supervisor:
    def __init__(self, config: uvicorn.Config, workers: int) -> None:
        self.config = config
        self.workers = workers
        self.sockets = [config.bind_socket()]
        self.processes: list[BaseProcess] = []
        self.stopping = False
        self.status = 0
        self._context = multiprocessing.get_context("fork")

    def _start(self) -> BaseProcess:
        process = self._context.Process(target=_work, args=(self.config, self.sockets), name="backstory-worker")
        process.start()
        return process

    def _stop(self, signum: int, _frame: object) -> None:
        self.stopping = True

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._stop)
        self.processes = [self._start() for _ in range(self.workers)]
        while not self.stopping:
            for position, process in enumerate(self.processes):
                process.join(CHECK_S / self.workers)
                if process.is_alive() or self.stopping:
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    log.error("a worker failed to start; stopping", extra={"pid": process.pid})
                    self.stopping, self.status = True, STARTUP_FAILURE
                    break
                log.warning("a worker died; starting another", extra={"pid": process.pid, "code": process.exitcode})
                self.processes[position] = self._start()
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join()
        for sock in self.sockets:
            sock.close()
        return self.status


def serve_workers(host: str, port: int, workers: int) -> None:
    """Serve ``APP`` on ``host:port`` from ``workers`` forked processes until SIGINT or SIGTERM."""
    warm_up()
    config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers, log_config=None)
    status = Supervisor(config, workers).run()
    if status:
        sys.exit(status)
