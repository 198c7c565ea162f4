"""The popup never stays blank: each way of failing has its own message, and the ones worth retrying can be."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from .harness import Browser, FixturePage, free_port
from .stub_backend import Answer, StubBackend

pytestmark = pytest.mark.e2e


class TestBackendMessages:
    def test_it_tells_where_it_looked_and_how_to_start_the_backend(self, reader: Browser, article: FixturePage) -> None:
        nowhere = f"http://127.0.0.1:{free_port()}"
        reader.set_options(backendUrl=nowhere)
        _, tab_id = reader.open_tab(article.url)
        popup = reader.open_popup(tab_id)

        notice = popup.locator(".notice--unreachable")
        expect(notice.locator(".notice-title")).to_have_text("Can't reach the Backstory backend")
        expect(notice).to_contain_text(nowhere)
        expect(notice.locator("code")).to_have_text("make run")
        # The retry button has the focus, so Enter tries again.
        assert popup.evaluate("document.activeElement.dataset.action") == "retry"
        popup.keyboard.press("Enter")
        expect(popup.locator(".notice--unreachable")).to_be_visible()

    def test_it_gives_up_after_ten_seconds_and_retries(
        self, reader: Browser, stub_backend: StubBackend, article: FixturePage
    ) -> None:
        stub_backend.answer(Answer(delay_s=15))
        reader.set_options(backendUrl=stub_backend.url)
        _, tab_id = reader.open_tab(article.url)
        started = time.monotonic()
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--timeout .notice-title")).to_have_text("The backend took too long")
        assert 9 <= time.monotonic() - started < 15
        popup.get_by_role("button", name="Try again").click()
        expect(popup.locator(".event-title")).to_have_text("The stub event")

    def test_it_shows_the_title_of_a_backend_problem(
        self, reader: Browser, stub_backend: StubBackend, article: FixturePage
    ) -> None:
        problem = {"title": "Invalid request", "detail": "url must be absolute", "status": 400}
        stub_backend.answer(Answer(status=400, body=problem, content_type="application/problem+json"))
        reader.set_options(backendUrl=stub_backend.url)
        _, tab_id = reader.open_tab(article.url)
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--problem .notice-title")).to_have_text("Invalid request")
        expect(popup.locator(".notice-detail")).to_have_text("The backend answered 400: url must be absolute")

    def test_it_says_when_a_page_is_not_an_article(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        section_front = next(page for page in fixture_pages.values() if page.kind == "not_article")
        _, tab_id = reader.open_tab(section_front.url)
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--not-article .notice-title")).to_have_text(
            "This page doesn't look like an article"
        )


class TestRestrictedPages:
    def test_it_does_not_read_the_browser_own_pages(self, reader: Browser, stub_backend: StubBackend) -> None:
        reader.set_options(backendUrl=stub_backend.url)
        _, tab_id = reader.open_tab("chrome://version/")
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--restricted .notice-title")).to_have_text("This page can't be read")
        assert stub_backend.received == []

    def test_it_does_not_send_a_pdf(
        self, reader: Browser, stub_backend: StubBackend, fixture_pages: dict[str, FixturePage]
    ) -> None:
        reader.set_options(backendUrl=stub_backend.url)
        any_page = next(iter(fixture_pages.values()))
        _, tab_id = reader.open_tab(any_page.url.rsplit("/", 1)[0] + "/report.pdf")
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--restricted .notice-title")).to_have_text("PDFs aren't supported")
        assert stub_backend.received == []
