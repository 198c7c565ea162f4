"""The URL fetcher against real servers on loopback addresses, with a resolver the tests control.

Private and public addresses other than loopback are only ever checked, never connected to (not even by a
broken check): whole fetches go to loopback addresses only. Where a fetch must succeed, 127.0.0.1 stands in for
"a public address": the policy given allows it, and the real rule judges every other address.
"""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from backstory.articles.fetch import (
    FetchLimits,
    IPAddress,
    PinnedTransport,
    allowed_addresses,
    check_url,
    fetch,
    is_public,
    literal_address,
)
from backstory.errors import FetchFailed, FetchRefused
from tests.local_servers import LocalServer, TestResolver, self_signed, serving

LOOPBACK_A = ipaddress.IPv4Address("127.0.0.1")


def only_server_a(address: IPAddress) -> bool:
    """127.0.0.1 plays the public internet; everything else is judged by the real rule."""
    return address == LOOPBACK_A or is_public(address)


@pytest.fixture(scope="module")
def server_a() -> Iterator[LocalServer]:
    with serving("127.0.0.1", "server A") as server:
        yield server


@pytest.fixture(scope="module")
def server_b() -> Iterator[LocalServer]:
    """The private service an attacker wants to reach."""
    with serving("127.0.0.2", "server B") as server:
        yield server


# Every spelling of loopback, private, link-local, multicast, reserved and unspecified addresses.
REFUSED_LITERALS = [
    "http://127.0.0.1/", "http://127.0.0.1.:80/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/",
    "http://0x7f000001/", "http://017700000001/", "http://127.1/", "http://0.0.0.0/", "http://0/", "http://[::]/",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[0:0:0:0:0:ffff:127.0.0.1]/",
    "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.1.1/", "http://100.64.0.1/", "http://169.254.169.254/",
    "http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[fc00::1]/", "http://224.0.0.1/", "http://[ff02::1]/",
    "http://240.0.0.1/", "http://255.255.255.255/", "http://192.0.2.1/", "http://[2001:db8::1]/",
    "http://[2002:7f00:1::]/", "http://[64:ff9b::7f00:1]/", "http://[::ffff:169.254.169.254]/",
    "https://[::ffff:a00:1]:8443/", "http://0x7f.1:8080/", "http://[::7f00:1]/", "http://[::127.0.0.1]/",
    "http://[::ffff:0:7f00:1]/", "http://[fec0::1]/", "http://[64:ff9b:1::a00:1]/", "http://[2001::1]/",
]  # fmt: skip


# Spellings of this machine's own addresses: safe to send through a whole fetch, since even a broken check
# would only ever connect to loopback.
LOOPBACK_LITERALS = [
    "http://127.0.0.1/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/",
    "http://0.0.0.0/", "http://[::]/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://127.0.0.1.:80/",
]  # fmt: skip


class TestAddressesAreRefusedInEverySpelling:
    """The private addresses among these are only ever checked here, never connected to, whatever the code does."""

    @pytest.mark.parametrize("url", REFUSED_LITERALS)
    async def test_a_literal_address_is_refused_by_both_checks(self, url: str) -> None:
        resolver = TestResolver({})
        with pytest.raises(FetchRefused):
            check_url(url, is_public)
        host = urlsplit(url).hostname or ""
        with pytest.raises(FetchRefused):
            await allowed_addresses(host, 80, is_public, resolver)
        assert resolver.calls == [], "a literal address is checked as written, never looked up"

    @pytest.mark.parametrize("url", LOOPBACK_LITERALS)
    async def test_a_fetch_of_a_loopback_spelling_is_refused(self, url: str) -> None:
        with pytest.raises(FetchRefused):
            await fetch(url, FetchLimits(), TestResolver({}))

    @pytest.mark.parametrize(
        ("literal", "address"),
        [("2130706433", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"), ("10.1", "10.0.0.1")],
    )  # fmt: skip
    def test_legacy_spellings_read_as_the_address_they_reach(self, literal: str, address: str) -> None:
        assert literal_address(literal) == ipaddress.ip_address(address)

    @pytest.mark.parametrize(
        "address", ["93.184.215.14", "2606:4700::1111", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e"]
    )
    def test_public_addresses_pass_the_rule(self, address: str) -> None:
        # Checked only: nothing connects to them here.
        assert is_public(ipaddress.ip_address(address))

    def test_names_are_not_literals(self) -> None:
        assert literal_address("news.example") is None
        assert literal_address("1news.example") is None

    @pytest.mark.parametrize(
        "answer",
        [
            {"127.0.0.1"},
            {"10.0.0.5"},
            {"169.254.169.254"},
            {"::1"},
            {"::ffff:192.168.0.1"},
            {"93.184.215.14", "127.0.0.1"},
        ],
    )
    async def test_a_name_that_resolves_to_one(self, answer: set[str]) -> None:
        resolver = TestResolver({"news.test": answer})
        with pytest.raises(FetchRefused):
            await allowed_addresses("news.test", 80, is_public, resolver)
        assert resolver.calls == ["news.test"]

    @pytest.mark.parametrize("answer", [{"127.0.0.2"}, {"127.0.0.1", "127.0.0.2"}])
    async def test_a_fetch_of_a_name_with_one_refused_address_is_refused(
        self, server_b: LocalServer, answer: set[str]
    ) -> None:
        resolver = TestResolver({"news.test": answer})
        before = len(server_b.requests)
        with pytest.raises(FetchRefused):
            await fetch(server_b.url("/page", host="news.test"), FetchLimits(), resolver, only_server_a)
        assert resolver.calls == ["news.test"]
        assert len(server_b.requests) == before

    async def test_allow_private_lets_them_through(self, server_a: LocalServer) -> None:
        page = await fetch(server_a.url("/page"), FetchLimits(allow_private=True), TestResolver({}))
        assert "served by server A" in page.html


class TestSchemesAndCredentials:
    @pytest.mark.parametrize(
        "url",
        ["ftp://news.test/a", "file:///etc/passwd", "javascript:alert(1)", "gopher://news.test/", "data:text/html,hi", "/relative", "http:///path"],
    )  # fmt: skip
    async def test_only_http_and_https_with_a_host(self, url: str) -> None:
        resolver = TestResolver({"news.test": {"127.0.0.1"}})
        with pytest.raises(FetchRefused):
            await fetch(url, FetchLimits(), resolver)
        assert resolver.calls == []

    @pytest.mark.parametrize(
        "url", ["http://user:secret@news.test/", "http://user@news.test/", "https://:x@news.test/"]
    )
    async def test_credentials_in_the_url(self, url: str) -> None:
        with pytest.raises(FetchRefused, match="credentials"):
            await fetch(url, FetchLimits(), TestResolver({"news.test": {"127.0.0.1"}}))

    @pytest.mark.parametrize(
        "url", ["http://%FF%FE/", "https://%E2%80%8B.test/", "http://[::1/", "http://news.test:99999/"]
    )
    async def test_urls_that_cannot_be_read(self, url: str) -> None:
        resolver = TestResolver({})
        with pytest.raises(FetchRefused):
            await fetch(url, FetchLimits(), resolver)
        assert resolver.calls == []


class TestTheConnectionGoesToTheCheckedAddress:
    async def test_a_name_is_connected_to_at_the_address_the_resolver_gave(self, server_a: LocalServer) -> None:
        # news.test exists only in this resolver: the page arrives only if the socket went to its answer.
        resolver = TestResolver({"news.test": {"127.0.0.1"}})
        page = await fetch(server_a.url("/page", host="news.test"), FetchLimits(), resolver, only_server_a)
        assert "served by server A" in page.html
        assert resolver.calls == ["news.test"]

    async def test_an_international_name_is_looked_up_in_its_ascii_form(self, server_a: LocalServer) -> None:
        resolver = TestResolver({"xn--e1afmkfd.test": {"127.0.0.1"}})
        page = await fetch(server_a.url("/page", host="пример.test"), FetchLimits(), resolver, only_server_a)
        assert "served by server A" in page.html
        assert resolver.calls == ["xn--e1afmkfd.test"]

    async def test_dns_rebinding_cannot_reach_the_second_answer(
        self, server_a: LocalServer, server_b: LocalServer
    ) -> None:
        # The first answer passes the check; a second lookup would give server B's address.
        resolver = TestResolver({"rebind.test": [{"127.0.0.1"}, {"127.0.0.2"}]})
        before = len(server_b.requests)
        page = await fetch(server_a.url("/page", host="rebind.test"), FetchLimits(), resolver, only_server_a)
        assert "served by server A" in page.html
        assert resolver.calls == ["rebind.test"], "resolved once per connection"
        assert len(server_b.requests) == before

    async def test_https_keeps_the_name_for_sni_and_the_certificate(self, tmp_path: Path) -> None:
        cert, key = self_signed(tmp_path, "news.test")
        server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_tls.load_cert_chain(cert, key)
        client_tls = ssl.create_default_context(cafile=str(cert))
        with serving("127.0.0.1", "server TLS", tls=server_tls) as server:
            resolver = TestResolver({"news.test": {"127.0.0.1"}})
            transport = PinnedTransport(resolver, only_server_a, ssl_context=client_tls)
            async with httpx.AsyncClient(transport=transport) as client:
                # The certificate names news.test, not 127.0.0.1: verification passes only if TLS used the name.
                response = await client.get(server.url("/page", host="news.test", scheme="https"))
        assert response.status_code == 200 and "served by server TLS" in response.text


class TestRedirects:
    @pytest.mark.parametrize(
        "target",
        ["http://127.0.0.2:{port_b}/page", "http://[::ffff:127.0.0.2]:{port_b}/page", "http://2130706434:{port_b}/page",
         "http://internal.test:{port_b}/page", "http://[::1]:{port_b}/page", "file:///etc/passwd",
         "http://user:pw@news.test:{port_a}/page"],
    )  # fmt: skip
    async def test_every_hop_is_checked(self, server_a: LocalServer, server_b: LocalServer, target: str) -> None:
        resolver = TestResolver({"news.test": {"127.0.0.1"}, "internal.test": {"127.0.0.2"}})
        location = target.format(port_a=server_a.port, port_b=server_b.port)
        before = len(server_b.requests)
        with pytest.raises(FetchRefused):
            await fetch(
                server_a.url("/redirect", host="news.test") + "?to=" + httpx.URL(location).__str__(),
                FetchLimits(), resolver, only_server_a,
            )  # fmt: skip
        assert len(server_a.requests) > 0
        assert len(server_b.requests) == before, "the private server was never asked"

    async def test_an_allowed_redirect_is_followed(self, server_a: LocalServer) -> None:
        resolver = TestResolver({"news.test": {"127.0.0.1"}})
        page = await fetch(
            server_a.url("/redirect", host="news.test") + "?to=/page", FetchLimits(), resolver, only_server_a
        )
        assert page.url.endswith("/page") and "served by server A" in page.html

    async def test_redirects_are_limited(self, server_a: LocalServer) -> None:
        with pytest.raises(FetchFailed, match="redirects"):
            await fetch(server_a.url("/chain/0"), FetchLimits(max_redirects=3), TestResolver({}), only_server_a)


class TestLimits:
    async def test_large_pages_are_refused(self, server_a: LocalServer) -> None:
        with pytest.raises(FetchFailed, match="larger"):
            await fetch(server_a.url("/big"), FetchLimits(max_bytes=100_000), TestResolver({}), only_server_a)

    async def test_error_statuses_are_reported(self, server_a: LocalServer) -> None:
        with pytest.raises(FetchFailed, match="404"):
            await fetch(server_a.url("/missing"), FetchLimits(), TestResolver({}), only_server_a)

    async def test_a_name_without_addresses_fails(self) -> None:
        with pytest.raises(FetchFailed):
            await fetch("http://nowhere.test/", FetchLimits(), TestResolver({}))
