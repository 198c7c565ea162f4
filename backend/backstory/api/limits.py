"""Limits on one request's body and time, as the API applies them.

- Bodies: Litestar refuses bodies over ``BACKSTORY_MAX_BODY_BYTES`` with 413 as it reads them (at once from the
  Content-Length, or as soon as a streamed body passes the limit), so a large body is never held in memory.
  Compressed request bodies are refused with 415: nothing the API accepts needs them, and inflating them is
  how a small body becomes a large one.
- Time: the CPU work of a request runs in a worker thread under ``BACKSTORY_REQUEST_TIMEOUT_S``; past it the
  caller gets 503. The thread itself cannot be stopped and runs on to its end, which is why the work is bounded
  before it starts (``articles/bounds.py``): the time limit answers the caller, the bounds keep the thread short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
from litestar.datastructures import Headers
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, ServiceUnavailableException
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE
from litestar.types import ASGIApp, Receive, Scope, Send

T = TypeVar("T")


async def run_in_thread(work: Callable[[], T], time_limit_s: float) -> T:
    """``work()`` in a worker thread; 503 when it takes longer than ``time_limit_s``."""
    try:
        with anyio.fail_after(time_limit_s):
            # abandon_on_cancel: the answer does not wait for a thread that cannot be interrupted.
            return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
    except TimeoutError:
        raise ServiceUnavailableException(
            detail=f"the request took longer than {time_limit_s:g} s to process (BACKSTORY_REQUEST_TIMEOUT_S)",
            headers={"Retry-After": "1"},
        ) from None


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
