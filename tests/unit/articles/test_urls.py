from __future__ import annotations

import pytest

from backstory.articles.urls import normalise_url


class TestNormaliseUrl:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("https://news.example/a?utm_source=x&utm_medium=y", "https://news.example/a"),
            ("https://news.example/a?id=7&fbclid=abc&gclid=def", "https://news.example/a?id=7"),
            ("https://news.example/a#comments", "https://news.example/a"),
            ("HTTPS://News.Example:443/A", "https://news.example/A"),
            ("http://news.example:8080/a", "http://news.example:8080/a"),
            ("https://user:secret@news.example/a", "https://news.example/a"),
            ("https://news.example", "https://news.example/"),
            ("https://news.example/a?b=2&a=1", "https://news.example/a?b=2&a=1"),
        ],
    )
    def test_it_keeps_what_identifies_the_page(self, url: str, expected: str) -> None:
        assert normalise_url(url) == expected
