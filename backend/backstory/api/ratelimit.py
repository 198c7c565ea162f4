"""Per-client request limits for ``/v1/context``: a fixed one-minute window per client.

A client is its bearer token when it sends one (hashed: tokens are not kept), else its address. The limiter is
behind a small interface (``RateLimiter``): this process counts in memory; an implementation over Redis can share
the counts between instances with the same ``hit`` (INCR + EXPIRE on the window's key).
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from litestar.connection import ASGIConnection
from litestar.exceptions import TooManyRequestsException
from litestar.handlers.base import BaseRouteHandler

WINDOW_S = 60
RATE_LIMITER = "rate_limiter"
"""The app-state key of the limiter."""


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after_s: int
    """Seconds until the client's window resets (0 when allowed)."""


class RateLimiter(Protocol):
    async def hit(self, client: str) -> Decision:
        """Count one request of ``client`` and say whether it is within the limit."""
        ...

    async def aclose(self) -> None: ...


class InProcessRateLimiter:
    """Counts in this process; limits are per instance when several run."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._windows: dict[str, tuple[int, int]] = {}
        """client -> (window number, requests counted in it)."""
        self._lock = threading.Lock()

    async def hit(self, client: str) -> Decision:
        now = self._clock()
        window = int(now // WINDOW_S)
        with self._lock:
            if len(self._windows) > 100_000:
                # Past windows are dead weight; dropping them bounds memory under many distinct clients.
                self._windows = {key: value for key, value in self._windows.items() if value[0] == window}
            seen_window, count = self._windows.get(client, (window, 0))
            count = count + 1 if seen_window == window else 1
            self._windows[client] = (window, count)
        if count <= self.per_minute:
            return Decision(True, 0)
        return Decision(False, max(1, math.ceil((window + 1) * WINDOW_S - now)))

    async def aclose(self) -> None:
        self._windows.clear()


def client_key(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The bearer token's hash when one is sent, else the client's address."""
    authorization = connection.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()[:32]
    client = connection.client
    return "addr:" + (client.host if client else "unknown")


async def within_rate_limit(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Guard: 429 with Retry-After once the client is over its limit; runs before the body is read."""
    limiter: RateLimiter | None = connection.app.state.get(RATE_LIMITER)
    # CORS preflights are the browser's, not the client's: counting them would halve the limit for extensions.
    if limiter is None or connection.scope.get("method") == "OPTIONS":
        return
    decision = await limiter.hit(client_key(connection))
    if not decision.allowed:
        raise TooManyRequestsException(
            detail="too many requests from this client; retry later (BACKSTORY_RATE_LIMIT_PER_MINUTE)",
            headers={"Retry-After": str(decision.retry_after_s)},
        )


def rate_limiter(per_minute: int) -> RateLimiter | None:
    """The limiter for a setting: None when limits are off (0)."""
    return InProcessRateLimiter(per_minute) if per_minute > 0 else None
