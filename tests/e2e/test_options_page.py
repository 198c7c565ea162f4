"""The options page stores what the reader sets, and the popup honours it: blocked sites are never sent."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .harness import DEFAULT_OPTIONS, PAGES, Browser, FixturePage, free_port
from .stub_backend import StubBackend

pytestmark = pytest.mark.e2e


class TestOptionsPage:
    def test_it_shows_the_defaults_first(self, browser: Browser) -> None:
        browser.set_options(**DEFAULT_OPTIONS)
        page = browser.open_options()
        expect(page.locator("#backendUrl")).to_have_value("http://127.0.0.1:8000")
        expect(page.locator("#summaryLang")).to_have_value("")
        page.close()

    def test_what_is_saved_is_there_after_a_reload(self, reader: Browser, stub_backend: StubBackend) -> None:
        page = reader.open_options()
        page.get_by_label("Backend URL").fill(stub_backend.url.replace("http://", "") + "/")
        page.get_by_label("API token (optional)").fill("  t0ken ")
        page.get_by_label("Blocked sites").fill("tabloid.example\nhttps://www.gossip.example/today")
        page.get_by_label("Language for summaries").select_option("be")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#status")).to_have_text("Saved.")

        page.reload()
        expect(page.locator("#backendUrl")).to_have_value(stub_backend.url)
        expect(page.locator("#apiToken")).to_have_value("t0ken")
        expect(page.locator("#blockedSites")).to_have_value("tabloid.example\nhttps://www.gossip.example/today")
        expect(page.locator("#summaryLang")).to_have_value("be")
        assert reader.stored_options() == {
            "backendUrl": stub_backend.url,
            "apiToken": "t0ken",
            "blockedSites": "tabloid.example\nhttps://www.gossip.example/today",
            "summaryLang": "be",
        }

    def test_it_refuses_an_address_that_is_not_http(self, reader: Browser) -> None:
        before = reader.stored_options()
        page = reader.open_options()
        page.get_by_label("Backend URL").fill("ftp://files.example")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#backendUrl-error")).to_be_visible()
        expect(page.locator("#backendUrl")).to_have_attribute("aria-invalid", "true")
        assert reader.stored_options() == before


class TestConnectionTest:
    def test_it_says_a_backend_answers(self, reader: Browser, stub_backend: StubBackend) -> None:
        page = reader.open_options()
        page.get_by_label("Backend URL").fill(stub_backend.url)
        page.get_by_role("button", name="Test connection").click()
        expect(page.locator("#connection-status")).to_have_text(
            f"Connected: a Backstory backend answers at {stub_backend.url}."
        )
        assert [request.path for request in stub_backend.received] == ["/healthz"]

    def test_it_says_how_to_start_one_at_the_typed_address(self, reader: Browser) -> None:
        port = free_port()
        page = reader.open_options()
        page.get_by_label("Backend URL").fill(f"127.0.0.1:{port}")
        page.get_by_role("button", name="Test connection").click()
        expect(page.locator("#connection-status")).to_contain_text("Can't reach the Backstory backend")
        expect(page.locator("#connection-status")).to_contain_text(f"BACKSTORY_PORT={port} make run")


class TestWhatIsSent:
    def test_the_saved_options_reach_the_backend(
        self, reader: Browser, stub_backend: StubBackend, article: FixturePage
    ) -> None:
        page = reader.open_options()
        page.get_by_label("Backend URL").fill(stub_backend.url)
        page.get_by_label("API token (optional)").fill("t0ken")
        page.get_by_label("Language for summaries").select_option("de")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#status")).to_have_text("Saved.")

        _, tab_id = reader.open_tab(article.url)
        reader.open_popup(tab_id)
        (request,) = stub_backend.received
        assert request.path == "/v1/context?summary_lang=de"
        assert request.headers["authorization"] == "Bearer t0ken"

    def test_it_sends_the_cleaned_url_and_no_cookies(
        self, reader: Browser, stub_backend: StubBackend, fixture_pages: dict[str, FixturePage]
    ) -> None:
        article = next(page for page in fixture_pages.values() if "<script" in (PAGES / page.file).read_text())
        reader.set_options(backendUrl=stub_backend.url)
        reader.context.add_cookies([{"name": "session", "value": "secret", "domain": "127.0.0.1", "path": "/"}])
        _, tab_id = reader.open_tab(f"{article.url}?id=3&utm_source=news&fbclid=abc#comments")
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".event-title")).to_have_text("The stub event")
        (request,) = stub_backend.received
        assert request.path == "/v1/context?summary_lang=en", "summaries in the interface language"
        assert request.body["url"] == f"{article.url}?id=3"
        assert "<html" in request.body["html"]
        assert not re.search(r"<script(?![^>]*application/ld\+json)", request.body["html"]), "scripts are not sent"
        assert "cookie" not in request.headers
        assert "authorization" not in request.headers

    def test_a_blocked_site_is_never_sent(
        self, reader: Browser, stub_backend: StubBackend, article: FixturePage
    ) -> None:
        reader.set_options(backendUrl=stub_backend.url, blockedSites="example.org\n127.0.0.1")
        _, tab_id = reader.open_tab(article.url)
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--blocked .notice-title")).to_have_text("You blocked this site")
        expect(popup.locator(".notice-detail")).to_contain_text("127.0.0.1")
        assert stub_backend.received == []
