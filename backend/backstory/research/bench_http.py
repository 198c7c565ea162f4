"""The HTTP half of ``backstory bench``: ``backstory serve`` as shipped, in a subprocess, driven over loopback.

The load comes from a minimal HTTP/1.1 client on raw asyncio streams with bodies built in advance: a client
library would spend as much CPU per request as the server and, on two cores, measure itself. Traffic goes only
to 127.0.0.1, on a port picked free, for a fixed number of seconds.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import msgspec

from backstory.research.bench_pages import BenchPage, article_text

READY_TIMEOUT_S = 60.0
HOST = "127.0.0.1"
# A fixed-width slot in each body's URL: one template per page, a fresh URL per request without re-encoding.
_SLOT = b"0000000000"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    port: int
    ready_s: float
    process: subprocess.Popen[bytes]


@contextmanager
def served(database: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``backstory serve`` on a free loopback port and a fresh SQLite file, until the block ends.

    Rate limits are off (every client here is 127.0.0.1); the rest is as shipped (workers, cache).
    """
    port = free_port()
    environ = {
        **os.environ,
        "BACKSTORY_HOST": HOST,
        "BACKSTORY_PORT": str(port),
        "BACKSTORY_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "BACKSTORY_RATE_LIMIT_PER_MINUTE": "0",
        "BACKSTORY_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "backstory", "serve"], env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        ready_s = asyncio.run(_wait_ready(port, started, process))
        yield Server(port, ready_s, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _wait_ready(port: int, started: float, process: subprocess.Popen[bytes]) -> float:
    while time.perf_counter() - started < READY_TIMEOUT_S:
        if process.poll() is not None:
            stderr = process.stderr.read().decode(errors="replace")[-2000:] if process.stderr else ""
            raise RuntimeError(f"backstory serve exited with {process.returncode}: {stderr}")
        try:
            status, _ = await _request(port, b"GET /readyz HTTP/1.1\r\nHost: bench\r\n\r\n")
            if status == 200:
                return round(time.perf_counter() - started, 2)
        except OSError:
            pass
        await asyncio.sleep(0.02)
    raise RuntimeError(f"backstory serve was not ready within {READY_TIMEOUT_S} s")


def text_body(page: BenchPage) -> dict[str, str]:
    """The article as the extension sends text: what a page's article says, without the page."""
    headline, body = article_text(random.Random(page.url), page.lang, max(12, page.text_chars // 150))
    return {"text": f"{headline}\n\n{body}", "published": "2025-06-01"}


def page_body(page: BenchPage) -> dict[str, str]:
    return {"html": page.html}


def template(fields: dict[str, str], url_prefix: str) -> tuple[bytes, bytes]:
    """A POST /v1/context request split around the URL's slot: head + slot + tail is the whole request."""
    marker = "\x00SLOT\x00"
    body = msgspec.json.encode({"url": f"{url_prefix}{marker}", **fields})
    before, after = body.split(msgspec.json.encode(marker)[1:-1])
    length = len(before) + len(_SLOT) + len(after)
    head = (
        f"POST /v1/context HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    ).encode()
    return head + before, after


def fill(parts: tuple[bytes, bytes], number: int) -> bytes:
    return parts[0] + f"{number:010d}".encode() + parts[1]


async def _request(port: int, raw: bytes) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        return await _exchange(reader, writer, raw)
    finally:
        writer.close()


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> tuple[int, bytes]:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


@dataclass(frozen=True, slots=True)
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


async def _load(port: int, templates: list[tuple[bytes, bytes]], clients: int, seconds: float, first: int) -> Load:
    """``clients`` keep-alive connections sending without pause for ``seconds``; every request a fresh URL."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(first, first + 10**9))
    deadline = time.perf_counter() + seconds

    async def client(number: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while time.perf_counter() < deadline:
                n = next(counter)
                raw = fill(templates[n % len(templates)], n)
                started = time.perf_counter()
                try:
                    status, _ = await _exchange(reader, writer, raw)
                except (OSError, asyncio.IncompleteReadError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
                    continue
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies) or [float("nan")]
    return Load(
        rps=round(len(latencies) / elapsed, 1),
        p50_ms=round(statistics.median(ordered) * 1000, 1),
        p99_ms=round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
        errors=errors,
        requests=len(latencies),
    )


def load(port: int, templates: list[tuple[bytes, bytes]], clients: int, seconds: float, first: int = 0) -> Load:
    return asyncio.run(_load(port, templates, clients, seconds, first))


def http_figures(port: int, pages: list[BenchPage], clients: int, seconds: float) -> dict[str, dict[str, float]]:
    """Text and full pages, 16 clients and one, all uncached (a fresh URL each time): the issue's ``http`` key."""
    cores = os.cpu_count() or 1
    figures: dict[str, dict[str, float]] = {}
    first = 0
    for kind, body in (("text", text_body), ("page", page_body)):
        templates = [template(body(page), f"https://news.example/bench/{kind}/") for page in pages]
        load(port, templates, clients, min(2.0, seconds), first=first)  # warm-up: connections, caches, allocator
        first += 10**6
        one = load(port, templates, 1, seconds / 2, first=first)
        first += 10**6
        many = load(port, templates, clients, seconds, first=first)
        first += 10**6
        figures[kind] = {
            "rps": many.rps,
            "p50_ms": many.p50_ms,
            "p99_ms": many.p99_ms,
            "errors": many.errors + one.errors,
            "rps_per_core": round(many.rps / cores, 1),
            "one_client_rps": one.rps,
            "scaling": round(many.rps / one.rps, 2) if one.rps else 0.0,
        }
    return figures


def cached_over_cold(port: int, pages: list[BenchPage], repeats: int = 5) -> float:
    """Median first request of a page ÷ median repeat of the same request, on one keep-alive connection."""

    async def run() -> float:
        reader, writer = await asyncio.open_connection(HOST, port)
        cold: list[float] = []
        warm: list[float] = []
        try:
            for number, page in enumerate(pages):
                raw = fill(template(page_body(page), "https://news.example/cached/"), number)
                for attempt in range(repeats + 1):
                    started = time.perf_counter()
                    status, _ = await _exchange(reader, writer, raw)
                    if status != 200:
                        raise RuntimeError(f"cached_over_cold: answer {status}")
                    (warm if attempt else cold).append(time.perf_counter() - started)
        finally:
            writer.close()
        return round(float(statistics.median(cold) / statistics.median(warm)), 1)

    return asyncio.run(run())
