from __future__ import annotations

import msgspec

from backstory.research.bench_http import fill, template


class TestRequestTemplates:
    def test_a_filled_template_is_one_complete_request_with_a_fresh_url(self) -> None:
        parts = template({"text": 'Ünïcode "quoted" text'}, "https://news.example/x/")
        raw = fill(parts, 42)
        head, _, body = raw.partition(b"\r\n\r\n")
        assert head.startswith(b"POST /v1/context HTTP/1.1")
        assert f"Content-Length: {len(body)}".encode() in head
        assert msgspec.json.decode(body) == {
            "url": "https://news.example/x/0000000042",
            "text": 'Ünïcode "quoted" text',
        }

    def test_two_numbers_make_two_urls(self) -> None:
        parts = template({"text": "x"}, "https://news.example/")
        assert fill(parts, 1) != fill(parts, 2)
