"""One language per popup (Chromium started in another interface language): the locale of the messages actually
used decides labels, dates and the language asked for summaries."""

from __future__ import annotations

import re

import pytest

from .harness import ARTIFACTS, Browser, FixturePage, first_page

pytestmark = pytest.mark.e2e

# The words the popup itself writes: headings, labels, buttons, dates, reasons (not titles and summaries, which are
# the backend's, nor the evidence, which is quoted from the article).
LABELS = """[...document.querySelectorAll(
  '.bar, .eyebrow, .verdict-label, .event-date, .confidence, .verdict-actions, .section-heading, .card-date,' +
  '.card-reason, .read-more > :not(.visually-hidden), .source-meta, .story-open, button.more, #status'
)].map((node) => node.textContent.trim()).filter(Boolean)"""


def popup_on(browser: Browser, page: FixturePage, backend_url: str) -> tuple[str, list[str], list[str]]:
    browser.set_options(backendUrl=backend_url, apiToken="", blockedSites="", summaryLang="")
    _, tab_id = browser.open_tab(page.url)
    popup = browser.open_popup(tab_id)
    labels: list[str] = popup.evaluate(f"() => {LABELS}")
    titles = popup.locator(".event-title, .card-title").all_inner_texts()
    lang = popup.evaluate("document.documentElement.lang")
    ARTIFACTS.mkdir(exist_ok=True)
    popup.screenshot(path=str(ARTIFACTS / f"popup-{lang}.png"))
    browser.close_pages()
    return lang, labels, titles


def test_the_interface_language_decides_labels_dates_and_summaries(
    browser_in: Browser, fixture_pages: dict[str, FixturePage], backend_url: str
) -> None:
    browser_lang = browser_in.evaluate("navigator.language")
    english_article = first_page(fixture_pages, "positive", ("en",))
    lang, labels, titles = popup_on(browser_in, english_article, backend_url)
    assert len(labels) >= 8, labels

    if browser_lang.startswith("ru"):
        assert lang == "ru"
        for label in labels:
            # "Backstory" is a name; every other word the popup writes is Russian.
            assert not re.search(r"[A-Za-z]{2,}", label.replace("Backstory", "")), label
        assert any(re.search(r"\d{1,2} [а-я]+\.? \d{4}", label) for label in labels), "dates in Russian"
        # Summaries were asked in Russian (the bundled story has them), so the English article gets Russian cards.
        assert all(re.search(r"[А-Яа-яЁё]", title) for title in titles), titles
    else:
        assert browser_lang.startswith("ar"), browser_lang
        # No Arabic messages: English labels, and English dates rather than Arabic ones garbled into them.
        assert lang == "en-GB"
        assert "Before this" in labels and any(label.startswith("Article · ") for label in labels), labels
        dates = [label for label in labels if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2,4} \d{4}", label)]
        assert dates, labels
        assert not any(re.search(r"[\u0600-\u06ff\u0660-\u0669]", label) for label in labels), labels
        assert all(re.search(r"[A-Za-z]", title) for title in titles), "English summaries"
