"""The popup never stays blank: each way of failing has its own message, and the ones worth retrying can be."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from .harness import Browser, FixturePage, free_port
from .stub_backend import Answer, StubBackend

pytestmark = pytest.mark.e2e


class TestBackendMessages:
    def test_it_tells_where_it_looked_and_how_to_start_the_backend_there(
        self, reader: Browser, article: FixturePage
    ) -> None:
        port = free_port()
        nowhere = f"http://127.0.0.1:{port}"
        reader.set_options(backendUrl=nowhere)
        _, tab_id = reader.open_tab(article.url)
        popup = reader.open_popup(tab_id)

        notice = popup.locator(".notice--unreachable")
        expect(notice.locator(".notice-title")).to_have_text("Can't reach the Backstory backend")
        expect(notice).to_contain_text(nowhere)
        expect(notice.locator("code")).to_have_text(f"BACKSTORY_PORT={port} make run")
        assert notice.get_attribute("role") is None, "not an alert"
        expect(popup.locator("#status")).to_have_text("Can't reach the Backstory backend")
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

    def test_a_token_problem_leads_to_the_token_option(
        self, reader: Browser, stub_backend: StubBackend, article: FixturePage
    ) -> None:
        problem = {"title": "Unauthorized", "detail": "missing bearer token", "status": 401}
        stub_backend.answer(Answer(status=401, body=problem, content_type="application/problem+json"))
        reader.set_options(backendUrl=stub_backend.url)
        _, tab_id = reader.open_tab(article.url)
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--auth .notice-title")).to_have_text("This backend needs an API token")
        expect(popup.locator("main")).not_to_contain_text("missing bearer token")
        # The one action offered, focused so that Enter takes the reader to the token field's page.
        assert popup.locator(".notice button").all_inner_texts() == ["Open options"]
        assert popup.evaluate("document.activeElement.dataset.action") == "options"

    def test_it_says_when_to_retry_after_too_many_requests(
        self, reader: Browser, stub_backend: StubBackend, article: FixturePage
    ) -> None:
        problem = {"title": "Too Many Requests", "status": 429}
        stub_backend.answer(
            Answer(status=429, body=problem, content_type="application/problem+json", headers={"Retry-After": "120"})
        )
        reader.set_options(backendUrl=stub_backend.url)
        _, tab_id = reader.open_tab(article.url)
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--rate-limited .notice-title")).to_have_text("Too many requests for now")
        expect(popup.locator(".notice-detail")).to_have_text("The backend asks to wait. Try again in 2 minutes.")

    @pytest.mark.parametrize(
        ("status", "headers", "title"),
        [
            (500, {}, "The backend ran into a problem"),
            (503, {"X-Request-ID": "hdr-7f3a"}, "The backend is unavailable right now"),
        ],
    )
    def test_a_server_error_shows_a_reference_and_never_its_details(
        self,
        reader: Browser,
        stub_backend: StubBackend,
        article: FixturePage,
        status: int,
        headers: dict[str, str],
        title: str,
    ) -> None:
        problem = {"title": "Internal error", "detail": "KeyError: 'secret' at store.py:42", "status": status}
        if not headers:
            problem["request_id"] = "req-9c1e"
        stub_backend.answer(
            Answer(status=status, body=problem, content_type="application/problem+json", headers=headers)
        )
        reader.set_options(backendUrl=stub_backend.url)
        _, tab_id = reader.open_tab(article.url)
        popup = reader.open_popup(tab_id)

        expect(popup.locator(".notice--server .notice-title")).to_have_text(title)
        expect(popup.locator(".notice-reference")).to_have_text(f"Reference: {headers.get('X-Request-ID', 'req-9c1e')}")
        text = popup.locator("main").inner_text()
        assert "KeyError" not in text and "Internal error" not in text and str(status) not in text

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
