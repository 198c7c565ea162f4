"""The popup on real fixture news pages, against the real backend: the reported event, its timeline, abstention."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .harness import ARTIFACTS, Browser, FixturePage, first_page

pytestmark = pytest.mark.e2e

# One positive page per script family, so that matching across languages is seen through the extension too.
POSITIVE_LANGS = {
    "english": ("en",),
    "cyrillic": ("ru", "be", "uk"),
    "other-latin": ("de", "pl", "lt", "it", "fr", "ro", "es"),
}
NEGATIVE_KINDS = ("hard_negative", "easy_negative")


def dates_shown(popup: Page, timeline: str) -> list[str]:
    """The dates of the cards in one of the popup's timelines: the backstory ("timeline") or "later"."""
    times = popup.locator(f".timeline--{timeline} .card time")
    return times.evaluate_all("(times) => times.map((time) => time.getAttribute('datetime'))")


class TestMatchedArticle:
    @pytest.mark.parametrize("langs", POSITIVE_LANGS.values(), ids=POSITIVE_LANGS.keys())
    def test_it_shows_the_reported_event_and_its_timeline(
        self, reader: Browser, fixture_pages: dict[str, FixturePage], langs: tuple[str, ...]
    ) -> None:
        page = first_page(fixture_pages, "positive", langs)
        popup = self.popup_for(reader, page)

        current = popup.locator(".card--this")
        assert current.count() == 1, popup.inner_text("main")
        assert current.get_attribute("data-event-id") == page.expected_event
        assert popup.locator(".event-title").inner_text() == current.locator(".card-title").inner_text()
        assert re.fullmatch(r"\d{1,3}% match", popup.locator(".confidence-text").inner_text())

        reported = current.locator("time").get_attribute("datetime")
        backstory, later = dates_shown(popup, "timeline"), dates_shown(popup, "later")
        assert len(backstory) >= 2, "the reported event and what came before it"
        assert backstory == sorted(backstory, reverse=True), "cards go newest first"
        assert backstory[0] == reported
        assert later == sorted(later, reverse=True)
        assert all(date >= reported for date in later)

    def test_every_card_links_its_sources_in_a_new_tab(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        cards = popup.locator(".card")
        for index in range(cards.count()):
            links = cards.nth(index).locator("a.source")
            assert links.count() >= 1, cards.nth(index).inner_text()
            for link in links.all():
                assert re.match(r"https?://", link.get_attribute("href") or "")
                assert link.get_attribute("target") == "_blank"
                assert "noopener" in (link.get_attribute("rel") or "")

    def test_it_is_usable_with_the_keyboard(self, reader: Browser, fixture_pages: dict[str, FixturePage]) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        popup.keyboard.press("Tab")
        assert popup.evaluate("document.activeElement.id") == "open-options"
        popup.keyboard.press("Tab")
        focused = popup.evaluate("document.activeElement.className")
        assert focused == "source"
        outline = popup.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "keyboard focus is visible"

    def test_it_shows_the_rest_of_a_long_timeline_on_request(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        backstory = popup.locator(".timeline--timeline")
        expect(backstory.locator(".card:not([hidden])")).to_have_count(4)
        backstory.locator("button.more").focus()
        popup.keyboard.press("Enter")

        expect(backstory.locator(".card[hidden]")).to_have_count(0)
        expect(backstory.locator("button.more")).to_have_count(0)
        assert popup.evaluate("document.activeElement.classList.contains('card')")

    @pytest.mark.parametrize("scheme", ["light", "dark"])
    def test_it_looks_right_in_light_and_dark(
        self, reader: Browser, fixture_pages: dict[str, FixturePage], scheme: str
    ) -> None:
        page = first_page(fixture_pages, "positive", POSITIVE_LANGS["english"])
        _, tab_id = reader.open_tab(page.url)
        popup = reader.open_popup(tab_id, color_scheme=scheme)
        background = popup.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(255, 255, 255)") == (scheme == "light")
        ARTIFACTS.mkdir(exist_ok=True)
        popup.screenshot(path=str(ARTIFACTS / f"popup-{scheme}.png"))

    def popup_for(self, reader: Browser, page: FixturePage) -> Page:
        _, tab_id = reader.open_tab(page.url)
        return reader.open_popup(tab_id)


class TestAbstention:
    def test_it_says_plainly_that_no_event_matched(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        negatives = [page for page in fixture_pages.values() if page.kind in NEGATIVE_KINDS]
        assert negatives, "tests/fixtures/pages has no negative page"
        _, tab_id = reader.open_tab(sorted(negatives, key=lambda page: (page.kind, page.file))[0].url)
        popup = reader.open_popup(tab_id)

        assert popup.locator(".verdict--abstained .event-title").inner_text() == "No known event matched this article"
        assert popup.locator(".abstain-reason").inner_text().strip()
        assert popup.locator(".confidence, .card--this").count() == 0
        if popup.locator(".card").count():
            assert popup.locator(".section-heading").inner_text().startswith("Related story")
