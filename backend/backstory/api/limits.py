"""Limits on one request's body and time, as the API applies them.

- Bodies: Litestar refuses bodies over ``BACKSTORY_MAX_BODY_BYTES`` with 413 as it reads them (at once from the
  Content-Length, or as soon as a streamed body passes the limit), so a large body is never held in memory.
  Compressed request bodies are refused with 415: nothing the API accepts needs them, and inflating them is
  how a small body becomes a large one.
- Time: the CPU work of a request runs in a worker thread under ``BACKSTORY_REQUEST_TIMEOUT_S``; past it the
  caller gets 503. The thread itself cannot be stopped and runs on to its end, which is why the work is bounded
  before it starts (``articles/bounds.py``): the time limit answers the caller, the bounds keep the thread short.
  And since anyio stops counting a thread once its caller has gone, ``WorkSlots`` counts it until it really
  ends: when as many are running as there are slots, new work is refused with 503 at once, so threads whose
  callers have gone cannot pile up.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

import anyio
from litestar.datastructures import Headers
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, ServiceUnavailableException
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE
from litestar.types import ASGIApp, Receive, Scope, Send

T = TypeVar("T")

MAX_RUNNING_WORK = 32
"""Request work running at once in a process, abandoned work included: a few per core, well under anyio's 40."""


class WorkSlots:
    """Counts request work from its start to the end of its thread, whether or not its caller still waits."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._running = 0
        self._lock = threading.Lock()

    @property
    def running(self) -> int:
        return self._running

    def take(self) -> bool:
        with self._lock:
            if self._running >= self.size:
                return False
            self._running += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self._running -= 1


class _Dropped(Exception):
    """The caller gave up before a thread took the work: it is not done at all."""


PROCESS_SLOTS = WorkSlots(MAX_RUNNING_WORK)
"""One count for the process: its cores are what the slots share."""

RUNNING_AT_ONCE = 1
"""Request work a process runs at once; the rest waits its turn, first come first served.

The work is Python holding the GIL: threads running side by side in one process take turns every few milliseconds
and all finish late together, and each switch costs time. One at a time, a request waits for those ahead of it and
then runs at full speed: the same throughput, a lower median and a far lower tail (several worker processes, not
threads, are what use several cores: ``BACKSTORY_WORKERS``)."""

_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = weakref.WeakKeyDictionary()


def _turn_limiter() -> anyio.CapacityLimiter:
    """This event loop's limiter of ``RUNNING_AT_ONCE`` (a limiter belongs to the loop it was made in)."""
    loop = asyncio.get_running_loop()
    limiter = _turns.get(loop)
    if limiter is None:
        limiter = _turns[loop] = anyio.CapacityLimiter(RUNNING_AT_ONCE)
    return limiter


async def run_in_thread(work: Callable[[], T], time_limit_s: float, slots: WorkSlots = PROCESS_SLOTS) -> T:
    """``work()`` in a worker thread; 503 when it takes longer than ``time_limit_s`` or no slot is free."""
    if not slots.take():
        raise ServiceUnavailableException(
            detail="the server is busy with other requests; retry shortly", headers={"Retry-After": "1"}
        )
    # The slot is given back by whichever side finishes with it: the thread when the work ran, or this
    # coroutine when it gave up before a thread picked the work up (waiting for one of anyio's threads).
    lock = threading.Lock()
    state = {"started": False, "dropped": False}

    def counted() -> T:
        with lock:
            if state["dropped"]:
                raise _Dropped
            state["started"] = True
        try:
            return work()
        finally:
            slots.give_back()

    try:
        with anyio.fail_after(time_limit_s):
            # abandon_on_cancel: the answer does not wait for a thread that cannot be interrupted.
            return await anyio.to_thread.run_sync(counted, abandon_on_cancel=True, limiter=_turn_limiter())
    except TimeoutError:
        raise ServiceUnavailableException(
            detail=f"the request took longer than {time_limit_s:g} s to process (BACKSTORY_REQUEST_TIMEOUT_S)",
            headers={"Retry-After": "1"},
        ) from None
    finally:
        with lock:
            if not state["started"]:
                state["dropped"] = True
                slots.give_back()


class RefuseEncodedBodies:
    """415 for request bodies sent with a Content-Encoding (gzip, deflate, br...), before any of it is read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            encoding = Headers.from_scope(scope).get("content-encoding", "identity").strip().lower()
            if encoding not in ("", "identity"):
                raise HTTPException(
                    status_code=HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                    detail="compressed request bodies are not accepted; send the body without Content-Encoding",
                )
        await self.app(scope, receive, send)
