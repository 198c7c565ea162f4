"""Fetching a page for API callers who only have its URL, without becoming a proxy into private networks.

Two checks, in two places:

- the URL of every hop (the first request and each redirect): http or https only, no credentials;
- the address of every connection, inside the connection itself: the host is resolved once, through the
  ``Resolver`` given (the system's by default), every address is checked, and the socket is opened to a checked
  address. httpx never resolves the name a second time, so a DNS answer that changes between the check and the
  connection (DNS rebinding) cannot reach loopback or the private network.

The address check lives in an httpcore network backend (``PinnedBackend``), the seam where httpcore opens TCP
connections. TLS is started afterwards by httpcore with the URL's host name as SNI and for certificate
verification, so https works unchanged: only the TCP connect goes to the pinned address. Proxies from the
environment are ignored (``trust_env=False``): a proxy would make the connection elsewhere than checked.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
import typing
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from backstory.errors import FetchFailed, FetchRefused

USER_AGENT = "Backstory/0.1 (article context fetcher)"
# Uncompressed pages: the size limit then counts what the server sends, not what a few kilobytes inflate to.
_HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}

Resolver = Callable[[str, int], Awaitable[set[str]]]
"""(host, port) -> the addresses a connection to it may reach."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], bool]
"""Whether a connection may go to an address."""

# The legacy IPv4 spellings inet_aton and browsers accept: 2130706433, 0177.0.0.1, 0x7f.1, 127.1.
_LEGACY_IPV4 = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}$", re.IGNORECASE)
# Letters and digits of any script (IDN), dots, hyphens and underscores: no escapes, spaces or invisible characters.
_HOST_NAME = re.compile(r"[\w.-]+")
# NAT64's well-known prefix carries an IPv4 address in its last 32 bits.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# NAT64 prefix for local use (RFC 8215): a translator into a private network.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


async def resolve(host: str, port: int) -> set[str]:
    """The host's addresses from the system resolver."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"the host {host!r} could not be resolved") from exc
    return {str(info[4][0]) for info in infos}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout_s: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False

    def policy(self) -> AddressPolicy:
        return _any_address if self.allow_private else is_public


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str
    """The final URL after redirects."""
    html: str


def literal_address(host: str) -> IPAddress | None:
    """The address a host names by itself (an IP literal in any spelling), None for a name to resolve."""
    bare = host.strip("[]").rstrip(".")
    bare = bare.split("%", 1)[0]  # an IPv6 zone (fe80::1%eth0, or %25eth0 as written in URLs)
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if _LEGACY_IPV4.match(bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            # Looks numeric but is no address inet_aton reads (0x, 256.1.1.1.1): nothing to connect to.
            raise FetchRefused(f"the host {host!r} is not a valid address") from None
    return None


def is_public(address: IPAddress) -> bool:
    """True for a globally routable unicast address, including IPv4 carried inside IPv6."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in _LOCAL_NAT64 or address.is_site_local:
            return False
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public(embedded)
    # Reserved: ::/8 holds the deprecated IPv4-compatible (::127.0.0.1) and IPv4-translated forms.
    return address.is_global and not address.is_multicast and not address.is_reserved


def _any_address(address: IPAddress) -> bool:
    return True


def check_url(url: str, policy: AddressPolicy) -> None:
    """Raise FetchRefused unless ``url`` is an http(s) URL with a host and without credentials.

    A host written as an address is checked here too, in whatever spelling (httpx itself refuses some legacy
    spellings as invalid URLs): the check at connection time stays the one that decides for names.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 -- raises ValueError for a port that is no number or out of range
    except ValueError as exc:
        raise FetchRefused(f"the URL could not be read: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs can be fetched, not {parts.scheme or 'a relative URL'!r}")
    if not host:
        raise FetchRefused("the URL has no host")
    if "@" in parts.netloc:
        raise FetchRefused("URLs with credentials (user:password@) are not fetched")
    literal = literal_address(host)
    if literal is not None and not policy(literal):
        raise FetchRefused(f"the address {host!r} is private, loopback, link-local or reserved")
    if literal is None and not _HOST_NAME.fullmatch(host):
        raise FetchRefused(f"{host!r} is not a host name")


async def allowed_addresses(host: str, port: int, policy: AddressPolicy, resolver: Resolver) -> list[str]:
    """The addresses to connect to for ``host``: resolved once, every one checked, literals as written."""
    literal = literal_address(host)
    addresses = [literal] if literal is not None else _parse_all(await resolver(host, port))
    if not addresses:
        raise FetchFailed(f"the host {host!r} has no address")
    # All of them, not just the one connected to: a name that answers public and private addresses is refused.
    if not all(policy(address) for address in addresses):
        raise FetchRefused(f"the host {host!r} resolves to a private, loopback, link-local or reserved address")
    return [str(address) for address in addresses]


def _parse_all(addresses: Iterable[str]) -> list[IPAddress]:
    # Sorted for a stable choice of the address connected to first.
    return sorted(
        (ipaddress.ip_address(address.split("%", 1)[0]) for address in addresses),
        key=lambda address: (address.version, int(address)),
    )


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, with every TCP connection made to an address checked in the same call."""

    def __init__(self, resolver: Resolver, policy: AddressPolicy) -> None:
        self._resolver = resolver
        self._policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await allowed_addresses(host, port, self._policy, self._resolver)
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None  # addresses is never empty
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise FetchRefused("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool that connects only through ``PinnedBackend``."""

    def __init__(self, resolver: Resolver, policy: AddressPolicy, ssl_context: ssl.SSLContext | None = None) -> None:
        super().__init__(trust_env=False)
        # httpx has no public parameter for the network backend; its transport is a thin shell around
        # this pool (request and exception mapping), which is what we keep from it.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(trust_env=False),
            network_backend=PinnedBackend(resolver, policy),
        )


def fetch_client(limits: FetchLimits, resolver: Resolver, policy: AddressPolicy) -> httpx.AsyncClient:
    """A client for one fetch: pinned connections, no proxies or .netrc from the environment, no redirects."""
    return httpx.AsyncClient(
        transport=PinnedTransport(resolver, policy),
        timeout=limits.timeout_s,
        trust_env=False,
        follow_redirects=False,
    )


async def fetch_page(
    client: httpx.AsyncClient | None, url: str, limits: FetchLimits, resolver: Resolver = resolve
) -> FetchedPage:
    """``fetch(url, limits, resolver)`` for callers written before connections were pinned.

    ``client`` is not used: a shared client would connect wherever httpx resolves a name. Kept so the CLI
    keeps working until it calls ``fetch``.
    """
    del client
    return await fetch(url, limits, resolver)


async def fetch(
    url: str, limits: FetchLimits, resolver: Resolver = resolve, policy: AddressPolicy | None = None
) -> FetchedPage:
    """GET ``url`` following at most ``limits.max_redirects`` redirects, each hop checked.

    ``policy`` decides which addresses may be connected to; by default public ones only, or any with
    ``limits.allow_private``.
    """
    policy = policy or limits.policy()
    try:
        async with asyncio.timeout(limits.timeout_s), fetch_client(limits, resolver, policy) as client:
            return await _fetch(client, url, limits, policy)
    except TimeoutError as exc:
        raise FetchFailed(f"fetching the page took longer than {limits.timeout_s:g} s") from exc


async def _fetch(client: httpx.AsyncClient, url: str, limits: FetchLimits, policy: AddressPolicy) -> FetchedPage:
    current = url
    for _ in range(limits.max_redirects + 1):
        check_url(current, policy)
        try:
            request = client.build_request("GET", current, headers=_HEADERS)
            response = await client.send(request, stream=True, follow_redirects=False)
        except httpx.InvalidURL as exc:
            # A URL urllib could split but httpx cannot read (a host of percent-escapes or controls).
            raise FetchRefused(f"the URL could not be read: {exc}") from None
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
            return FetchedPage(url=str(response.url), html=bytes(body).decode(_encoding(response), errors="replace"))
        finally:
            await response.aclose()
    raise FetchFailed(f"more than {limits.max_redirects} redirects")


def _encoding(response: httpx.Response) -> str:
    # A page may name an encoding Python does not know; replacement characters beat a 500.
    try:
        encoding = response.encoding or "utf-8"
        "".encode(encoding)
    except LookupError:
        return "utf-8"
    return encoding
