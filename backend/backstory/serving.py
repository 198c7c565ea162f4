"""``backstory serve`` with several worker processes: the code imported and warmed once, then the workers forked.

uvicorn's own supervisor starts each worker as a fresh interpreter (``spawn``) that imports the whole application
and warms the same caches again: on two cores busy with both, that made start to ready take 8-9 s. Here the parent
imports the application and computes what every index build needs and never changes in a process (CLDR's place
names, the bundled places' city names from GeoNames, the folding caches), binds one socket per worker on the port
(``listening_sockets``), and forks the workers: each starts with all of it in memory (shared with the parent until
written), so its own start is opening the store, loading the language models and building the index.

Nothing that runs threads is started before the fork (the language detector's loader runs a thread pool, the store a
thread per connection): each worker loads those itself, in its lifespan, as a single process does. (A detector built
in a child forked from a process that had built one deadlocked: the pool's threads do not survive a fork.)

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
    from backstory.catalog import settle
    from backstory.events.models import Catalog
    from backstory.events.store import read_bundled
    from backstory.matching.index import EventIndex

    EventIndex.build(Catalog.of(read_bundled()))
    # What the workers inherit stays out of the collector's sight (and, never written by it, shared with the parent).
    settle()


def _work(config: uvicorn.Config, sockets: list[socket.socket]) -> None:
    # A forked worker starts with the parent's signal handlers: uvicorn installs its own while it serves.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    uvicorn.Server(config).run(sockets=sockets)


class Supervisor:
    def __init__(self, config: uvicorn.Config, workers: int) -> None:
        self.config = config
        self.workers = workers
        self.sockets = listening_sockets(config.host, config.port, workers)
        self.processes: list[BaseProcess] = []
        self.stopping = False
        self.status = 0
        self._context = multiprocessing.get_context("fork")

    def _start(self, slot: int) -> BaseProcess:
        """A worker on the socket of ``slot`` (a replacement takes over the socket, and the connections queued on it,
        of the worker it replaces)."""
        sockets = [self.sockets[slot]]
        process = self._context.Process(target=_work, args=(self.config, sockets), name=f"backstory-worker-{slot}")
        process.start()
        return process

    def _stop(self, signum: int, _frame: object) -> None:
        self.stopping = True

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._stop)
        self.processes = [self._start(slot) for slot in range(self.workers)]
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
                self.processes[position] = self._start(position)
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join()
        for sock in self.sockets:
            sock.close()
        return self.status


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` sockets bound to one address with SO_REUSEPORT, one per worker: the kernel spreads new connections
    over them. (On one shared socket, the worker that wakes first accepts every pending connection at once, and
    keep-alive connections then stay with it: under a burst of new clients one worker got nearly all of them and the
    other idled, so 16 clients were served no faster than one.)

    Linux lets only processes of the same user bind to a port so shared. A port already in use, even by another
    ``backstory serve`` of the same user, is refused as without SO_REUSEPORT (a second server started by mistake
    would otherwise take a share of the first one's connections): a plain socket is bound to it first. A failure to
    bind is a start-up failure.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    try:
        with socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
            port = probe.getsockname()[1]  # port 0: a free one, which the workers' sockets then share
        for _ in range(count):
            # IPPROTO_TCP named, as uvicorn does: asyncio turns Nagle's algorithm off only on sockets that say so
            # (without it every answer waited ~40 ms for the client's delayed ACK).
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            sock.set_inheritable(True)
    except OSError as exc:
        for sock in sockets:
            sock.close()
        log.error("cannot listen on %s:%s: %s", host, port, exc)
        sys.exit(STARTUP_FAILURE)
    return sockets


def serve_workers(host: str, port: int, workers: int) -> None:
    """Serve ``APP`` on ``host:port`` from ``workers`` forked processes until SIGINT or SIGTERM."""
    warm_up()
    config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers, log_config=None)
    supervisor = Supervisor(config, workers)
    log.info("listening", extra={"host": host, "port": supervisor.sockets[0].getsockname()[1], "workers": workers})
    status = supervisor.run()
    if status:
        sys.exit(status)
