"""The popup on real fixture news pages, against the real backend (Chromium): the reported event, its timeline, the
links out (sources, the whole story), the evidence in the page, and what a screen reader hears."""

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


def dates_shown(popup: Page, timeline: str) -> list[str]:
    """The dates of the cards in one of the popup's timelines: "earlier" or "later"."""
    times = popup.locator(f".timeline--{timeline} .card time")
    return times.evaluate_all("(times) => times.map((time) => time.getAttribute('datetime'))")


class TestMatchedArticle:
    @pytest.mark.parametrize("langs", POSITIVE_LANGS.values(), ids=POSITIVE_LANGS.keys())
    def test_it_shows_the_reported_event_and_what_came_before(
        self, reader: Browser, fixture_pages: dict[str, FixturePage], langs: tuple[str, ...]
    ) -> None:
        page = first_page(fixture_pages, "positive", langs)
        popup = self.popup_for(reader, page)

        assert popup.locator(".verdict").get_attribute("data-event-id") == page.expected_event
        assert popup.locator(".verdict-label").inner_text().lower() in {
            "this article reports",
            "this article probably reports",
            "this article may be about",
        }
        assert popup.locator(f'.card[data-event-id="{page.expected_event}"]').count() == 0, "shown once"

        backstory, later = dates_shown(popup, "earlier"), dates_shown(popup, "later")
        assert backstory, "the events before the reported one"
        assert backstory == sorted(backstory, reverse=True), "cards go newest first"
        assert later == sorted(later, reverse=True)
        assert max(backstory) <= min(later, default="9999")

    def test_every_card_links_its_sources_in_a_new_tab_and_says_so(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        while popup.locator("button.more").count():
            popup.locator("button.more").first.click()
        cards = popup.locator(".card")
        assert cards.count() >= 2
        for index in range(cards.count()):
            links = cards.nth(index).locator("a.source")
            assert links.count() >= 1, cards.nth(index).inner_text()
            for link in links.all():
                assert re.match(r"https?://", link.get_attribute("href") or "")
                assert link.get_attribute("target") == "_blank"
                assert "noopener" in (link.get_attribute("rel") or "")
                expect(link).to_have_accessible_name(re.compile(r"\S \(opens in a new tab\)$"))
                assert link.locator(".arrow").get_attribute("aria-hidden") == "true"
        labels = popup.locator("a.source").evaluate_all("(links) => links.map((link) => link.firstChild.textContent)")
        assert not any(re.fullmatch(r"[\d.:\[\]]+", label) for label in labels), "never an IP address"

    def test_it_is_usable_with_the_keyboard(self, reader: Browser, fixture_pages: dict[str, FixturePage]) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        popup.keyboard.press("Tab")
        assert popup.evaluate("document.activeElement.id") == "open-options"
        popup.keyboard.press("Tab")
        assert popup.evaluate("document.activeElement.tagName") == "BUTTON"
        outline = popup.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "keyboard focus is visible"
        # "Read more" buttons are named by their card.
        for button in popup.locator("button.read-more:visible").all():
            expect(button).to_have_accessible_name(re.compile(r"^Read more about \S"))

    def test_it_shows_the_rest_of_a_long_timeline_on_request(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        backstory = popup.locator(".timeline--earlier")
        expect(backstory.locator(".card:not([hidden])")).to_have_count(3)
        backstory.locator("button.more").focus()
        popup.keyboard.press("Enter")

        expect(backstory.locator(".card[hidden]")).to_have_count(0)
        expect(backstory.locator("button.more")).to_have_count(0)
        assert popup.evaluate("document.activeElement.classList.contains('card')")

    def test_only_short_status_sentences_are_announced(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        live = popup.locator("[aria-live], [role=status], [role=alert]")
        expect(live).to_have_count(1)
        title = popup.locator(".event-title").inner_text()
        expect(live).to_have_text(f"Found the event this article reports: {title}")
        assert popup.locator("main").get_attribute("aria-live") is None

    def test_it_opens_the_whole_story_in_a_new_tab(
        self, reader: Browser, fixture_pages: dict[str, FixturePage], backend_url: str
    ) -> None:
        popup = self.popup_for(reader, first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]))
        link = popup.locator("a.story-open")
        expect(link).to_have_accessible_name("Open the whole story (opens in a new tab)")
        with reader.context.expect_page() as opened:
            link.click()
        story = opened.value
        story.wait_for_load_state()
        reported = popup.locator(".verdict").get_attribute("data-event-id")
        assert story.url == f"{backend_url}/stories/us-belarus-2025?lang=en#{reported}"
        assert story.locator(":target h3").inner_text() == popup.locator(".event-title").inner_text()
        assert story.title().startswith("US–Belarus relations in 2025")
        times = story.locator("time").evaluate_all("(times) => times.map((time) => time.getAttribute('datetime'))")
        assert len(times) >= 16 and times == sorted(times)
        story.set_viewport_size({"width": 800, "height": 900})
        story.evaluate("scrollTo(0, 0)")  # the README shows the page's head
        ARTIFACTS.mkdir(exist_ok=True)
        story.screenshot(path=str(ARTIFACTS / "story-page.png"))

    def test_it_marks_the_evidence_in_the_article_on_request(
        self, reader: Browser, fixture_pages: dict[str, FixturePage]
    ) -> None:
        article, tab_id = reader.open_tab(first_page(fixture_pages, "positive", POSITIVE_LANGS["english"]).url)
        popup = reader.open_popup(tab_id)
        popup.get_by_role("button", name="Why this match?").click()
        chips = popup.locator(".chip").all_inner_texts()
        popup.get_by_role("button", name="Show in the article").click()
        expect(popup.locator("#status")).to_have_text("Marked in the article.")
        marked = article.locator("mark[data-backstory]").all_inner_texts()
        assert marked and {text.lower() for text in marked} <= {chip.lower() for chip in chips}

    @pytest.mark.parametrize("scheme", ["light", "dark"])
    def test_it_looks_right_in_light_and_dark_screenshot(
        self, reader: Browser, fixture_pages: dict[str, FixturePage], scheme: str
    ) -> None:
        page = first_page(fixture_pages, "positive", POSITIVE_LANGS["english"])
        _, tab_id = reader.open_tab(page.url)
        popup = reader.open_popup(tab_id, color_scheme=scheme, height=600)
        background = popup.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(255, 255, 255)") == (scheme == "light")
        ARTIFACTS.mkdir(exist_ok=True)
        popup.screenshot(path=str(ARTIFACTS / f"popup-{scheme}.png"))

    def popup_for(self, reader: Browser, page: FixturePage) -> Page:
        _, tab_id = reader.open_tab(page.url)
        return reader.open_popup(tab_id)
