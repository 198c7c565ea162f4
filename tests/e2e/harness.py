"""The browser under test and the moves a reader makes in it, for the end-to-end tests (fixtures are in conftest).

Chromium is driven by Playwright (``Browser``); Firefox by WebDriver BiDi (firefox.py). Tests that must hold in both
take a ``Driver``: open a tab, open the popup over it, then evaluate JavaScript in the popup and click in it.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("BACKSTORY_CHROMIUM", "/usr/bin/chromium")
POPUP_TIMEOUT_MS = 20_000
# The popup as Chromium opens it on a news article: 25rem wide, and tall enough for the first screen.
POPUP_SIZE = {"width": 400, "height": 510}
POPUP_READY = "main[aria-busy='false'] :is(.result, .notice)"

# The defaults of extension/storage.js.
DEFAULT_OPTIONS = {"backendUrl": "http://127.0.0.1:8000", "apiToken": "", "blockedSites": "", "summaryLang": ""}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class FixturePage:
    """An entry of tests/fixtures/pages/manifest.json, with the address the local server gives it."""

    file: str
    lang: str
    kind: str
    expected_event: str | None
    title: str
    url: str


def first_page(pages: dict[str, FixturePage], kind: str, langs: tuple[str, ...]) -> FixturePage:
    """The first page of a kind in the first of the languages that has one (the fixture set grows over time)."""
    for lang in langs:
        for page in sorted(pages.values(), key=lambda page: page.file):
            if page.kind == kind and page.lang == lang:
                return page
    raise AssertionError(f"tests/fixtures/pages has no {kind} page in any of {langs}")


def launch(playwright: Playwright, user_data: Path, extension: Path, lang: str | None = None) -> BrowserContext:
    """Debian's Chromium, headless, with only our extension loaded and no way off the machine. ``lang`` sets the
    browser's interface language, as ``--lang`` does (on Linux Chromium reads it from ``LANGUAGE`` too)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    language = [f"--lang={lang}"] if lang else []
    env = {**os.environ, "LANGUAGE": lang, "LANG": f"{lang}.UTF-8"} if lang else None
    return playwright.chromium.launch_persistent_context(
        str(user_data),
        executable_path=CHROMIUM,
        headless=True,
        env=env,  # type: ignore[arg-type]
        locale=lang,
        args=[
            *language,
            f"--disable-extensions-except={extension}",
            f"--load-extension={extension}",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            # Fixture pages name ad and CDN hosts; nothing may leave the machine, so only loopback resolves.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        ],
    )


class Browser:
    """The Chromium under test, with the extension loaded."""

    name = "chromium"

    def __init__(self, context: BrowserContext, extension_id: str) -> None:
        self.context = context
        self.extension_id = extension_id
        # An extension page kept open to reach the extension APIs (storage, tabs) from the tests.
        self._control = context.new_page()
        self._control.goto(self.extension_url("options.html"))

    def extension_url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self._control.evaluate(script, arg)

    def set_options(self, **values: str) -> None:
        self.evaluate("(values) => chrome.storage.sync.set(values)", values)

    def stored_options(self) -> dict[str, str]:
        return dict(self.evaluate("(defaults) => chrome.storage.sync.get(defaults)", DEFAULT_OPTIONS))

    def tab_ids(self) -> set[int]:
        return set(self.evaluate("async () => (await chrome.tabs.query({})).map((tab) => tab.id)"))

    def open_tab(self, url: str) -> tuple[Page, int]:
        """Open a page in a new tab; answer the page and the browser's id of its tab."""
        before = self.tab_ids()
        page = self.context.new_page()
        page.goto(url)
        (tab_id,) = self.tab_ids() - before
        return page, tab_id

    def open_popup(
        self,
        tab_id: int,
        *,
        width: int = POPUP_SIZE["width"],
        height: int = POPUP_SIZE["height"],
        color_scheme: str = "light",
    ) -> Page:
        """The popup run against a tab (as a click on the toolbar button would), once it shows an answer."""
        popup = self.context.new_page()
        popup.set_viewport_size({"width": width, "height": height})
        popup.emulate_media(color_scheme=color_scheme)  # type: ignore[arg-type]
        popup.goto(self.extension_url(f"popup.html?tabId={tab_id}"))
        popup.wait_for_selector(POPUP_READY, timeout=POPUP_TIMEOUT_MS)
        return popup  # fmt: skip

    def open_options(self) -> Page:
        page = self.context.new_page()
        page.goto(self.extension_url("options.html"))
        page.wait_for_function("document.querySelector('#backendUrl').value !== ''")
        return page

    def close_pages(self) -> None:
        for page in self.context.pages:
            if page is not self._control:
                page.close()


def poll_until(page: PopupPage, expression: str, timeout_s: float) -> None:
    """Evaluate ``expression`` in the page every 0.1 s until it is truthy; AssertionError after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.1)


class PopupPage(Protocol):
    """The popup in either browser."""

    def evaluate(self, expression: str) -> Any: ...
    def wait_for(self, expression: str, timeout_s: float = 20) -> None: ...
    def click(self, selector: str) -> None: ...
    def set_viewport(self, width: int, height: int) -> None: ...
    def screenshot(self, path: Path) -> None: ...


class Driver(Protocol):
    """Either browser with the extension loaded, as the tests that run in both see it."""

    name: str

    def set_options(self, **values: str) -> None: ...
    def add_cookie(self, name: str, value: str, domain: str) -> None: ...
    def open_tab(self, url: str) -> int: ...
    def open_popup(self, tab_id: int, *, width: int = ..., height: int = ..., color_scheme: str = ...) -> PopupPage: ...
    def close_pages(self) -> None: ...


class ChromiumPopup:
    """A Playwright page behind the ``PopupPage`` interface; clicks are real mouse clicks."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def evaluate(self, expression: str) -> Any:
        return json.loads(self.page.evaluate(f"async () => JSON.stringify(await ({expression}))") or "null")

    def wait_for(self, expression: str, timeout_s: float = 20) -> None:
        # Polled from here: wait_for_function evaluates a string, which the extension's CSP forbids.
        poll_until(self, expression, timeout_s)

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def set_viewport(self, width: int, height: int) -> None:
        self.page.set_viewport_size({"width": width, "height": height})

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))


class ChromiumDriver:
    """``Browser`` behind the ``Driver`` interface."""

    name = "chromium"

    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    def set_options(self, **values: str) -> None:
        self.browser.set_options(**values)

    def add_cookie(self, name: str, value: str, domain: str) -> None:
        self.browser.context.add_cookies([{"name": name, "value": value, "domain": domain, "path": "/"}])

    def open_tab(self, url: str) -> int:
        return self.browser.open_tab(url)[1]

    def open_popup(
        self,
        tab_id: int,
        *,
        width: int = POPUP_SIZE["width"],
        height: int = POPUP_SIZE["height"],
        color_scheme: str = "light",
    ) -> ChromiumPopup:
        return ChromiumPopup(self.browser.open_popup(tab_id, width=width, height=height, color_scheme=color_scheme))  # fmt: skip

    def close_pages(self) -> None:
        self.browser.close_pages()
