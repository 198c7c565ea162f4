"""Debian's Firefox ESR with the extension installed, driven through Firefox's built-in WebDriver BiDi.

Playwright cannot download its own Firefox here and Debian ships no geckodriver, but Firefox speaks WebDriver BiDi
itself (https://w3c.github.io/webdriver-bidi/). What was found to work is written up in ../shared's
notes/firefox-e2e.md: a profile whose prefs allow an unsigned add-on and pin its moz-extension UUID,
``webExtension.install`` of the unpacked Firefox package, and extension pages opened from the browser-chrome
context (a content tab may not navigate to them).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

from .harness import POPUP_READY, POPUP_SIZE, free_port, poll_until

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
GECKO_ID = "backstory@backstory.invalid"  # extension/manifest.json, browser_specific_settings.gecko.id
EXTENSION_UUID = "6f1c3c2e-5b7a-4d5e-9a43-2f0b9e1d7c11"
START_TIMEOUT_S = 60
COMMAND_TIMEOUT_S = 30

# Prefs for a quiet, offline, automatable profile. Only loopback is reachable: everything else goes to a proxy
# that refuses, so the fixture pages' ad and CDN hosts fail at once and nothing leaves the machine.
PREFS: dict[str, Any] = {
    "xpinstall.signatures.required": False,
    "extensions.autoDisableScopes": 0,
    "extensions.webextensions.uuids": json.dumps({GECKO_ID: EXTENSION_UUID}),
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.no_proxies_on": "127.0.0.1, localhost",
    "network.proxy.allow_hijacking_localhost": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "ui.prefersReducedMotion": 1,
}


class BiDiError(RuntimeError):
    pass


class BiDi:
    """A synchronous WebDriver BiDi session: one command at a time, events ignored."""

    def __init__(self, socket: ClientConnection) -> None:
        self._socket = socket
        self._next_id = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        command_id = self._next_id
        self._socket.send(json.dumps({"id": command_id, "method": method, "params": params}))
        deadline = time.monotonic() + COMMAND_TIMEOUT_S
        while True:
            message = json.loads(self._socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.get("id") != command_id:
                continue  # an event, or the answer to nothing we wait for
            if message.get("type") == "error":
                raise BiDiError(f"{method}: {message.get('error')}: {message.get('message')}")
            result: dict[str, Any] = message["result"]
            return result


class FirefoxPage:
    """A tab of the Firefox under test (a browsing context), driven with scripts evaluated in it."""

    def __init__(self, bidi: BiDi, context: str) -> None:
        self._bidi = bidi
        self.context = context

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited when it is a promise), through JSON."""
        result = self._bidi.send(
            "script.evaluate",
            expression=f"(async () => JSON.stringify(await ({expression})))()",
            target={"context": self.context},
            awaitPromise=True,
        )
        if result.get("type") == "exception":
            details = result.get("exceptionDetails", {})
            raise BiDiError(f"{details.get('text')} in {expression[:200]}")
        value = result["result"]
        return json.loads(value["value"]) if value.get("type") == "string" else None

    def wait_for(self, expression: str, timeout_s: float = 20) -> None:
        poll_until(self, expression, timeout_s)

    def click(self, selector: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def set_viewport(self, width: int, height: int) -> None:
        self._bidi.send(
            "browsingContext.setViewport", context=self.context, viewport={"width": width, "height": height}
        )

    def screenshot(self, path: Path) -> None:
        data = self._bidi.send("browsingContext.captureScreenshot", context=self.context)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        self._bidi.send("browsingContext.close", context=self.context)


class Firefox:
    """Firefox ESR with the extension installed temporarily, as about:debugging would."""

    name = "firefox"

    def __init__(self, bidi: BiDi) -> None:
        self._bidi = bidi
        self._chrome = self._chrome_context()
        self._control = self.open_extension_page("options.html")

    def extension_url(self, path: str) -> str:
        return f"moz-extension://{EXTENSION_UUID}/{path}"

    def _chrome_context(self) -> str:
        tree = self._bidi.send("browsingContext.getTree", **{"moz:scope": "chrome"})
        return str(tree["contexts"][0]["context"])

    def _content_contexts(self) -> dict[str, str]:
        tree = self._bidi.send("browsingContext.getTree")
        return {str(context["context"]): str(context["url"]) for context in tree["contexts"]}

    def open_extension_page(self, path: str) -> FirefoxPage:
        """An extension page in a new tab, opened from the browser chrome (content tabs may not navigate there)."""
        url = self.extension_url(path)
        before = set(self._content_contexts())
        script = (
            f"gBrowser.selectedTab = gBrowser.addTab({json.dumps(url)}, "
            "{triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()}); true"
        )
        self._bidi.send("script.evaluate", expression=script, target={"context": self._chrome}, awaitPromise=False)
        deadline = time.monotonic() + COMMAND_TIMEOUT_S
        while time.monotonic() < deadline:
            new = [context for context in self._content_contexts() if context not in before]
            if new:
                page = FirefoxPage(self._bidi, new[0])
                page.wait_for("document.readyState === 'complete' && location.protocol === 'moz-extension:'")
                return page
            time.sleep(0.1)
        raise AssertionError(f"{url} did not open")

    def set_color_scheme(self, scheme: str) -> None:
        # 0 dark, 1 light: what `prefers-color-scheme` answers in content, whatever the system says.
        value = 0 if scheme == "dark" else 1
        script = f"Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', {value}); true"
        self._bidi.send("script.evaluate", expression=script, target={"context": self._chrome}, awaitPromise=False)

    def set_options(self, **values: str) -> None:
        self._control.evaluate(f"browser.storage.sync.set({json.dumps(values)}).then(() => true)")

    def add_cookie(self, name: str, value: str, domain: str) -> None:
        self._bidi.send(
            "storage.setCookie",
            cookie={"name": name, "value": {"type": "string", "value": value}, "domain": domain, "path": "/"},
        )

    def open_tab(self, url: str) -> int:
        """Open a page in a new tab; answer the extension API's id of that tab."""
        context = str(self._bidi.send("browsingContext.create", type="tab")["context"])
        self._bidi.send("browsingContext.navigate", context=context, url=url, wait="complete")
        tab_ids = self._control.evaluate(
            f"browser.tabs.query({{}}).then((tabs) => tabs.filter((tab) => tab.url === {json.dumps(url)})"
            ".map((tab) => tab.id))"
        )
        assert len(tab_ids) == 1, f"{url} is open in {len(tab_ids)} tabs"
        return int(tab_ids[0])

    def open_popup(
        self,
        tab_id: int,
        *,
        width: int = POPUP_SIZE["width"],
        height: int = POPUP_SIZE["height"],
        color_scheme: str = "light",
    ) -> FirefoxPage:
        self.set_color_scheme(color_scheme)
        popup = self.open_extension_page(f"popup.html?tabId={tab_id}")
        popup.set_viewport(width, height)
        popup.wait_for(f"document.querySelector({json.dumps(POPUP_READY)}) !== null")
        return popup  # fmt: skip

    def close_pages(self) -> None:
        for context in self._content_contexts():
            if context != self._control.context:
                self._bidi.send("browsingContext.close", context=context)


def write_profile(profile: Path) -> None:
    profile.mkdir(parents=True, exist_ok=True)
    lines = [f"user_pref({json.dumps(name)}, {json.dumps(value)});" for name, value in PREFS.items()]
    (profile / "user.js").write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def launch_firefox(profile: Path, extension: Path) -> Iterator[Firefox]:
    """Firefox ESR, headless, with only our extension installed; closed on exit."""
    if not Path(FIREFOX).exists():
        pytest.fail(f"{FIREFOX} is missing: `make firefox` installs Debian's firefox-esr")
    write_profile(profile)
    port = free_port()
    log = profile.parent / f"{profile.name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [FIREFOX, "--headless", "--no-remote", "--profile", str(profile), "--remote-debugging-port", str(port),
             "--remote-allow-system-access"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        socket = _connect(port, process, log)
        with socket:
            bidi = BiDi(socket)
            bidi.send("session.new", capabilities={"alwaysMatch": {"acceptInsecureCerts": True}})
            installed = bidi.send("webExtension.install", extensionData={"type": "path", "path": str(extension)})
            assert installed.get("extension") == GECKO_ID, installed
            yield Firefox(bidi)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _connect(port: int, process: subprocess.Popen[bytes], log: Path) -> ClientConnection:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"firefox-esr exited with {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        if re.search(r"WebDriver BiDi listening on ws://", log.read_text(errors="replace")):
            try:
                return connect(f"ws://127.0.0.1:{port}/session", max_size=None, open_timeout=5)
            except OSError:
                pass
        time.sleep(0.2)
    pytest.fail(f"firefox-esr did not listen within {START_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-4000:]}")
