"""A cache of context answers: the same article against the same event set gets the answer already computed.

The key is the normalised URL, a hash of everything the request sends (page or text, title, date, language, the
summary language asked for) and the catalog version the answer was computed from: an admin change moves the
version, so no answer older than the event set is ever served. Two caches behind one small interface
(``AnswerCache``): in this process (an LRU), or in Redis (``BACKSTORY_REDIS_URL``), shared by every instance.
While Redis cannot be reached, the Redis cache keeps answers in process (a warning in the log) and tries Redis
again every few seconds, as the rate limiter does (``ratelimit.py``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from typing import Protocol

import msgspec
from prometheus_client import Counter

from backstory.api.metrics import PREFIX as METRICS_PREFIX
from backstory.api.redis_link import RETRY_S, UNREACHABLE, RedisLink
from backstory.articles.urls import normalise_url
from backstory.context import ArticleInput

log = logging.getLogger(__name__)

REDIS_PREFIX = "backstory:answer:"
REDIS_RETRY_S = RETRY_S
"""A cache lookup must not hold a request up longer than computing the answer would."""
ANSWER_CACHE = "answer_cache"
"""The app-state key of the cache."""
KEY_VERSION = "1"
"""Bumped when the answer's shape changes, so instances of two releases sharing a Redis never mix answers."""


def answer_key(article: ArticleInput, summary_lang: str | None, catalog_version: int) -> str:
    """What makes an answer: the article as sent, the summary language asked for, the event set's version."""
    parts = (
        article.html,
        article.text,
        article.title,
        article.published.isoformat() if article.published else None,
        article.lang,
        summary_lang,
    )
    encoded = [None if part is None else part.encode("utf-8", "surrogatepass") for part in parts]
    return _key(article.url, encoded, catalog_version, "text")


_ABSENT = msgspec.Raw(b"")


class _SentFields(msgspec.Struct):
    """A context request's fields as the JSON body writes them, unread: what its cache key is made of."""

    url: str
    # Raw takes no union with None: an absent field is empty, a null one b"null".
    html: msgspec.Raw = _ABSENT
    text: msgspec.Raw = _ABSENT
    title: msgspec.Raw = _ABSENT
    published: msgspec.Raw = _ABSENT
    lang: msgspec.Raw = _ABSENT


def body_key(body: bytes, summary_lang: str | None, catalog_version: int) -> str:
    """``answer_key`` of a ``POST /v1/context`` body, hashed as sent (JSON-escaped): a page's text in another script
    costs 0.1-0.2 ms to encode back to UTF-8, most of what a cached answer took to find. The same page sent with other
    escapes is another key (a miss, never a wrong answer); the URL is normalised all the same."""
    sent = msgspec.json.decode(body, type=_SentFields)
    parts = (sent.html, sent.text, sent.title, sent.published, sent.lang)
    encoded: list[bytes | None] = [bytes(part) or None for part in parts]
    encoded.append(None if summary_lang is None else summary_lang.encode())
    return _key(sent.url, encoded, catalog_version, "json")


def _key(url: str, parts: list[bytes | None], catalog_version: int, written: str) -> str:
    """The key of an answer; ``written`` tells JSON-escaped parts from plain ones, which never share a key."""
    digest = hashlib.sha256()  # with the CPU's SHA instructions, twice as fast as blake2b on a page
    for data in parts:
        # A length prefix keeps fields apart: ("ab", "c") and ("a", "bc") hash differently.
        data = b"\xff" if data is None else data
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    url_digest = hashlib.blake2b(normalise_url(url).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return f"{KEY_VERSION}:{catalog_version}:{written}:{url_digest}:{digest.hexdigest()[:40]}"


class AnswerCache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def put(self, key: str, answer: bytes) -> None: ...

    async def aclose(self) -> None: ...


class InProcessAnswerCache:
    """The newest ``size`` answers of this process, each for at most ``ttl_s``."""

    def __init__(self, size: int, ttl_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.size = size
        self._ttl_s = ttl_s
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    async def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] < self._clock():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry[1]

    async def put(self, key: str, answer: bytes) -> None:
        with self._lock:
            self._entries[key] = (self._clock() + self._ttl_s, answer)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    async def aclose(self) -> None:
        self._entries.clear()


class RedisAnswerCache:
    """Answers in Redis, shared by every instance; in process while Redis is unreachable (see ``redis_link.py``)."""

    def __init__(
        self, url: str, size: int, ttl_s: int, *, prefix: str = REDIS_PREFIX, retry_s: float = REDIS_RETRY_S
    ) -> None:
        self._prefix = prefix
        self._ttl_s = ttl_s
        self._redis = RedisLink(url, shared="context answers cached", retry_s=retry_s)
        self.fallback = InProcessAnswerCache(size, ttl_s)

    @property
    def using_redis(self) -> bool:
        return self._redis.up

    async def get(self, key: str) -> bytes | None:
        answer = await self._redis.run(lambda client: client.get(self._prefix + key))
        if answer is UNREACHABLE:
            return await self.fallback.get(key)
        return answer if isinstance(answer, bytes) else None

    async def put(self, key: str, answer: bytes) -> None:
        stored = await self._redis.run(lambda client: client.set(self._prefix + key, answer, ex=self._ttl_s))
        if stored is UNREACHABLE:
            await self.fallback.put(key, answer)

    async def aclose(self) -> None:
        await self._redis.aclose()


def answer_cache(size: int, ttl_s: int, redis_url: str = "") -> AnswerCache | None:
    """The cache for the settings: in Redis when a URL is given, None when caching is off (size 0)."""
    if size <= 0:
        return None
    return RedisAnswerCache(redis_url, size, ttl_s) if redis_url else InProcessAnswerCache(size, ttl_s)


@cache
def _lookups() -> Counter:
    return Counter(f"{METRICS_PREFIX}_context_cache_total", "Context answer cache lookups, by result", ["result"])


def record_lookup(hit: bool) -> None:
    _lookups().labels(result="hit" if hit else "miss").inc()
