"""Fetching a page for API callers who only have its URL, without becoming a proxy into private networks.

Every hop (the first request and each redirect) is checked: http or https only, and the host's resolved
addresses must all be public unless private fetching is allowed. Body size and total time are bounded.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from backstory.errors import FetchFailed, FetchRefused

USER_AGENT = "Backstory/0.1 (article context fetcher)"

Resolver = Callable[[str, int], Awaitable[set[str]]]
"""(host, port) -> the addresses a connection to it may reach."""


async def resolve(host: str, port: int) -> set[str]:
    """The host's addresses from the system resolver."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchFailed(f"the host {host!r} could not be resolved") from exc
    return {str(info[4][0]) for info in infos}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout_s: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str
    """The final URL after redirects."""
    html: str


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def check_address(url: str, allow_private: bool, resolver: Resolver = resolve) -> None:
    """Raise FetchRefused unless ``url`` is http(s) and its host resolves only to allowed addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs can be fetched, not {parts.scheme or 'a relative URL'!r}")
    host = parts.hostname
    if not host:
        raise FetchRefused("the URL has no host")
    if allow_private:
        return
    addresses = await resolver(host, parts.port or (443 if parts.scheme == "https" else 80))
    if not addresses or not all(_is_public(address) for address in addresses):
        raise FetchRefused(f"the host {host!r} resolves to a private, loopback or link-local address")


async def fetch_page(
    client: httpx.AsyncClient, url: str, limits: FetchLimits, resolver: Resolver = resolve
) -> FetchedPage:
    """GET ``url`` following at most ``limits.max_redirects`` redirects, each hop checked."""
    try:
        async with asyncio.timeout(limits.timeout_s):
            return await _fetch(client, url, limits, resolver)
    except TimeoutError as exc:
        raise FetchFailed(f"fetching the page took longer than {limits.timeout_s:g} s") from exc


async def _fetch(client: httpx.AsyncClient, url: str, limits: FetchLimits, resolver: Resolver) -> FetchedPage:
    current = url
    for _ in range(limits.max_redirects + 1):
        await check_address(current, limits.allow_private, resolver)
        try:
            request = client.build_request("GET", current, headers={"User-Agent": USER_AGENT})
            response = await client.send(request, stream=True, follow_redirects=False)
        except httpx.HTTPError as exc:
            raise FetchFailed(f"the page could not be fetched: {exc.__class__.__name__}") from exc
        try:
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise FetchFailed("a redirect without a Location header")
                current = urljoin(current, location)
                continue
            if response.status_code >= 400:
                raise FetchFailed(f"the page answered HTTP {response.status_code}")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body.extend(chunk)
                if len(body) > limits.max_bytes:
                    raise FetchFailed(f"the page is larger than {limits.max_bytes} bytes")
            encoding = response.encoding or "utf-8"
            return FetchedPage(url=str(response.url), html=bytes(body).decode(encoding, errors="replace"))
        finally:
            await response.aclose()
    raise FetchFailed(f"more than {limits.max_redirects} redirects")
