from __future__ import annotations

import httpx
import pytest

from backstory.articles.fetch import FetchLimits, check_address, fetch_page
from backstory.errors import FetchFailed, FetchRefused

ADDRESSES = {
    "news.example": {"93.184.215.14"},
    "intranet.example": {"10.1.2.3"},
    "mixed.example": {"93.184.215.14", "127.0.0.1"},
}


async def fake_resolver(host: str, port: int) -> set[str]:
    return ADDRESSES.get(host, {"93.184.215.99"})


def _client(routes: dict[str, httpx.Response]) -> httpx.AsyncClient:
    def handle(request: httpx.Request) -> httpx.Response:
        return routes.get(str(request.url), httpx.Response(404))

    return httpx.AsyncClient(transport=httpx.MockTransport(handle))


class TestCheckAddress:
    @pytest.mark.parametrize("url", ["ftp://news.example/a", "file:///etc/passwd", "javascript:alert(1)", "/relative"])
    async def test_only_http_and_https_are_fetched(self, url: str) -> None:
        with pytest.raises(FetchRefused):
            await check_address(url, False, fake_resolver)

    @pytest.mark.parametrize("host", ["intranet.example", "mixed.example"])
    async def test_private_addresses_are_refused(self, host: str) -> None:
        with pytest.raises(FetchRefused):
            await check_address(f"https://{host}/a", False, fake_resolver)

    @pytest.mark.parametrize("ip", ["127.0.0.1", "169.254.169.254", "[::1]", "192.168.0.1", "[::ffff:10.0.0.1]"])
    async def test_literal_private_addresses_are_refused_by_the_real_resolver(self, ip: str) -> None:
        with pytest.raises(FetchRefused):
            await check_address(f"http://{ip}/", False)

    async def test_a_setting_allows_private_addresses(self) -> None:
        await check_address("https://intranet.example/a", True, fake_resolver)


class TestFetchPage:
    async def test_it_fetches_a_public_page(self) -> None:
        client = _client({"https://news.example/a": httpx.Response(200, text="<html>hi</html>")})
        page = await fetch_page(client, "https://news.example/a", FetchLimits(), fake_resolver)
        assert page.html == "<html>hi</html>"

    async def test_every_redirect_is_checked(self) -> None:
        client = _client(
            {"https://news.example/a": httpx.Response(302, headers={"location": "http://intranet.example/admin"})}
        )
        with pytest.raises(FetchRefused):
            await fetch_page(client, "https://news.example/a", FetchLimits(), fake_resolver)

    async def test_redirects_are_limited(self) -> None:
        client = _client(
            {f"https://news.example/{i}": httpx.Response(302, headers={"location": f"/{i + 1}"}) for i in range(10)}
        )
        with pytest.raises(FetchFailed, match="redirects"):
            await fetch_page(client, "https://news.example/0", FetchLimits(max_redirects=5), fake_resolver)

    async def test_large_pages_are_refused(self) -> None:
        client = _client({"https://news.example/a": httpx.Response(200, content=b"x" * 2000)})
        with pytest.raises(FetchFailed, match="larger"):
            await fetch_page(client, "https://news.example/a", FetchLimits(max_bytes=1000), fake_resolver)

    async def test_error_statuses_are_reported(self) -> None:
        with pytest.raises(FetchFailed, match="404"):
            await fetch_page(_client({}), "https://news.example/missing", FetchLimits(), fake_resolver)
