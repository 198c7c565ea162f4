"""End-to-end fixtures: the real backend, the fixture news pages and the packaged extension in Debian's Chromium and
Debian's Firefox ESR.

Everything listens on loopback. The fixture pages and the backend are served from 127.0.0.1, which the extension's
manifest already lists in ``host_permissions``, so the Chrome package loads unchanged: the tests do not need the
toolbar click that grants activeTab (a headless browser has no toolbar). The popup page is opened in a tab of its
own with ``?tabId=N``, naming the tab that holds the article, and runs the same flow a click would.

Playwright cannot download its own browsers here; ``make test`` installs Debian's ``chromium`` and ``firefox-esr``,
and these tests fail (they never skip) when either is missing. Firefox is driven through its built-in WebDriver BiDi
(firefox.py) and gets the Firefox package, with the same ``?tabId=N`` popup.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Any

import pytest
from playwright.sync_api import Playwright, sync_playwright

from .firefox import Firefox, launch_firefox
from .harness import DEFAULT_OPTIONS, PAGES, ROOT, Browser, ChromiumDriver, Driver, FixturePage, free_port, launch
from .stub_backend import StubBackend

READY_TIMEOUT_S = 60


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the backend exited with {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"the backend was not ready within {READY_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-4000:]}")


@dataclass(frozen=True)
class Backend:
    url: str
    admin_token: str
    """A curator's token for the admin API of this backend."""


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """The real backend (`backstory serve`) on a free loopback port, with a fresh SQLite database and a token."""
    tmp = tmp_path_factory.mktemp("backend")
    port = free_port()
    env = {
        **os.environ,
        "BACKSTORY_HOST": "127.0.0.1",
        "BACKSTORY_PORT": str(port),
        "BACKSTORY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/e2e.db",
    }
    created = subprocess.run(
        [sys.executable, "-m", "backstory", "admin", "create-token", "--name", "e2e-curator"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    token = created.stdout.strip().splitlines()[-1]
    log = tmp / "backend.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "backstory", "serve"], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, process, log)
        yield Backend(url, token)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def backend_url(backend: Backend) -> str:
    return backend.url


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def fixture_pages() -> Iterator[dict[str, FixturePage]]:
    """tests/fixtures/pages served over HTTP on loopback, keyed by file name."""
    entries = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(PAGES)))
    Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield {
            entry["file"]: FixturePage(
                file=entry["file"],
                lang=entry["lang"],
                kind=entry["kind"],
                expected_event=entry.get("expected_event"),
                title=entry.get("title", ""),
                url=f"{base}/{entry['file']}",
            )
            for entry in entries
        }
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def article(fixture_pages: dict[str, FixturePage]) -> FixturePage:
    """Any fixture page, for the tests where the stub backend answers whatever the page says."""
    return sorted(fixture_pages.values(), key=lambda page: page.file)[0]


@pytest.fixture
def stub_backend() -> Iterator[StubBackend]:
    """A stand-in backend that records what it receives and answers as told (errors, delays)."""
    stub = StubBackend()
    try:
        yield stub
    finally:
        stub.close()


@pytest.fixture(scope="session")
def extension_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both packages exactly as `make extension` builds them, unpacked in chrome/ and firefox/."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, str(ROOT / "extension" / "tools" / "package.py"), str(dist)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return dist


@pytest.fixture(scope="session")
def extension_dir(extension_dist: Path) -> Path:
    """The Chrome package."""
    return extension_dist / "chrome"


# Package scope, not session: Playwright's sync API keeps an asyncio loop marked as running in this thread while it
# is open, and the async tests of the other folders need it closed. One instance serves every Chromium: a second
# sync_playwright() cannot start while one is open.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


def _chromium(
    playwright: Playwright, user_data: Path, extension_dir: Path, lang: str | None = None
) -> Iterator[Browser]:
    context = launch(playwright, user_data, extension_dir, lang=lang)
    try:
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        yield Browser(context, extension_id=worker.url.split("/")[2])
    finally:
        context.close()
        shutil.rmtree(user_data, ignore_errors=True)


@pytest.fixture(scope="package")
def browser(playwright: Playwright, tmp_path_factory: pytest.TempPathFactory, extension_dir: Path) -> Iterator[Browser]:
    yield from _chromium(playwright, tmp_path_factory.mktemp("chromium-profile"), extension_dir)


@pytest.fixture(scope="package")
def firefox(tmp_path_factory: pytest.TempPathFactory, extension_dist: Path) -> Iterator[Firefox]:
    """Firefox ESR with the Firefox package installed as a temporary add-on."""
    with launch_firefox(tmp_path_factory.mktemp("firefox") / "profile", extension_dist / "firefox") as firefox:
        yield firefox


@pytest.fixture(params=["chromium", "firefox"])
def driver(request: pytest.FixtureRequest, backend_url: str) -> Iterator[Driver]:
    """Each browser in turn, with default options pointed at the test backend and no pages left afterwards."""
    chosen: Driver
    if request.param == "chromium":
        browser: Browser = request.getfixturevalue("browser")
        browser.context.clear_cookies()
        chosen = ChromiumDriver(browser)
    else:
        chosen = request.getfixturevalue("firefox")
    chosen.set_options(**{**DEFAULT_OPTIONS, "backendUrl": backend_url})
    try:
        yield chosen
    finally:
        chosen.close_pages()


@pytest.fixture(scope="package", params=["ru", "ar"])
def browser_in(
    request: pytest.FixtureRequest,
    playwright: Playwright,
    tmp_path_factory: pytest.TempPathFactory,
    extension_dir: Path,
) -> Iterator[Browser]:
    """Chromium in another interface language: Russian (the extension speaks it) and Arabic (it does not)."""
    yield from _chromium(playwright, tmp_path_factory.mktemp(f"chromium-{request.param}"), extension_dir, request.param)


@pytest.fixture
def reader(browser: Browser, backend_url: str) -> Iterator[Browser]:
    """The browser with default options pointed at the test backend, no cookies, and no pages left afterwards."""
    browser.context.clear_cookies()
    browser.set_options(**{**DEFAULT_OPTIONS, "backendUrl": backend_url})
    try:
        yield browser
    finally:
        browser.close_pages()
