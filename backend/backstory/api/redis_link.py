"""A Redis that instances share, and that a caller does without while it is unreachable.

The rate limiter and the answer cache both keep their state in Redis when ``BACKSTORY_REDIS_URL`` is set, and in the
process while Redis cannot be reached: they must not hold a request up (short timeouts), must say once that they
fell back and once that Redis is back (warnings in the log), and must try Redis again every few seconds rather than
on every request. That policy lives here; each caller keeps its own in-process fallback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Final, TypeVar

import redis.asyncio

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRY_S = 5.0
"""While Redis is unreachable, how long callers do without it before it is tried again."""
TIMEOUT_S = 0.25
"""A Redis call must not hold a request up: past this, Redis counts as unreachable."""


class _Unreachable:
    def __repr__(self) -> str:
        return "UNREACHABLE"


UNREACHABLE: Final = _Unreachable()
"""What ``RedisLink.run`` answers when Redis cannot be used: the caller falls back."""


class RedisLink:
    def __init__(
        self, url: str, *, shared: str, retry_s: float = RETRY_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """``shared`` says in the log what Redis holds ("rate limits counted", "context answers cached")."""
        self.client = redis.asyncio.Redis.from_url(
            url, socket_connect_timeout=TIMEOUT_S, socket_timeout=TIMEOUT_S, retry_on_timeout=False
        )
        self._shared = shared
        self._retry_s = retry_s
        self._clock = clock
        self._down_until: float | None = None
        """Set while Redis is unreachable: when to try it again."""

    @property
    def up(self) -> bool:
        """False from a failed call until a call succeeds again."""
        return self._down_until is None

    async def run(self, call: Callable[[redis.asyncio.Redis], Awaitable[T]]) -> T | _Unreachable:
        """``call``'s result, or ``UNREACHABLE`` when Redis failed it or is being done without."""
        now = self._clock()
        if self._down_until is not None and now < self._down_until:
            return UNREACHABLE
        try:
            result = await call(self.client)
        except (redis.RedisError, OSError) as exc:
            if self._down_until is None:
                log.warning(
                    f"redis unreachable: {self._shared} in this process until it is back",
                    extra={"error": exc.__class__.__name__},
                )
            self._down_until = now + self._retry_s
            return UNREACHABLE
        if self._down_until is not None:
            log.warning(f"redis is back: {self._shared} shared again")
            self._down_until = None
        return result

    async def aclose(self) -> None:
        await self.client.aclose()
