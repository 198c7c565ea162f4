"""Per-client request limits for ``/v1/context``: a fixed one-minute window per client.

A client is its bearer token when it sends one (hashed: tokens are not kept), else its address. Two limiters
behind one small interface (``RateLimiter``): in this process, or in Redis (``BACKSTORY_REDIS_URL``), where all
instances share the counts. While Redis cannot be reached, the Redis limiter counts in process (a warning in the
log) and tries Redis again every few seconds: limits get looser across instances for that time, answers go on.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import redis.asyncio
from litestar.connection import ASGIConnection
from litestar.exceptions import TooManyRequestsException
from litestar.handlers.base import BaseRouteHandler

from backstory.api.redis_link import RETRY_S, RedisLink

log = logging.getLogger(__name__)

WINDOW_S = 60
REDIS_PREFIX = "backstory:ratelimit:"
REDIS_RETRY_S = RETRY_S
"""While Redis is unreachable, how long requests are counted in process before Redis is tried again."""
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


class RedisRateLimiter:
    """Counts in Redis, shared by every instance; in process while Redis is unreachable (see ``redis_link.py``)."""

    def __init__(
        self,
        url: str,
        per_minute: int,
        *,
        retry_s: float = REDIS_RETRY_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.per_minute = per_minute
        # Wall-clock windows: instances share them, so they must agree on the minute (NTP is enough).
        self._clock = clock
        self._redis = RedisLink(url, shared="rate limits counted", retry_s=retry_s, clock=clock)
        self.fallback = InProcessRateLimiter(per_minute, clock)

    @property
    def using_redis(self) -> bool:
        return self._redis.up

    async def hit(self, client: str) -> Decision:
        now = self._clock()
        window = int(now // WINDOW_S)
        key = f"{REDIS_PREFIX}{client}:{window}"

        async def count(redis_client: redis.asyncio.Redis) -> int:
            async with redis_client.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, WINDOW_S + 5)
                counted, _ = await pipe.execute()
            return int(counted)

        counted = await self._redis.run(count)
        if isinstance(counted, int):
            if counted <= self.per_minute:
                return Decision(True, 0)
            return Decision(False, max(1, math.ceil((window + 1) * WINDOW_S - now)))
        return await self.fallback.hit(client)

    async def aclose(self) -> None:
        await self._redis.aclose()


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


def rate_limiter(per_minute: int, redis_url: str = "") -> RateLimiter | None:
    """The limiter for the settings: shared through Redis when a URL is given, None when limits are off (0)."""
    if per_minute <= 0:
        return None
    return RedisRateLimiter(redis_url, per_minute) if redis_url else InProcessRateLimiter(per_minute)
