/**
 * The one place that touches the WebExtension APIs. Firefox exposes promise-based `browser`, Chromium's MV3
 * `chrome` returns promises too; everything else in the extension takes this object (or a fake of it in tests)
 * as an argument instead of reaching for a global.
 */

/** @type {any} */
const ext = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;

/**
 * The page reader injected into the tab. It runs in the page, so it must be self-contained: no imports, no
 * closure over module state (https://developer.chrome.com/docs/extensions/reference/api/scripting#runtime_functions).
 * Scripts, styles and inline images are dropped to keep the body small; JSON-LD stays because it carries the
 * publish date.
 * @returns {{url: string, html: string, title: string, contentType: string}}
 */
function readPage() {
  const copy = /** @type {HTMLElement} */ (document.documentElement.cloneNode(true));
  const dropped = 'script:not([type="application/ld+json"]), style, noscript, svg, iframe, template';
  for (const node of copy.querySelectorAll(dropped)) node.remove();
  // Inline images can weigh megabytes and carry no text.
  for (const node of copy.querySelectorAll('[src^="data:"], [srcset*="data:"]')) {
    node.removeAttribute('src');
    node.removeAttribute('srcset');
  }
  return {
    url: location.href,
    html: `<!doctype html>\n${copy.outerHTML}`,
    title: document.title,
    contentType: document.contentType,
  };
}

export const browserApi = {
  /** @param {string} name @param {string[]} [substitutions] */
  message(name, substitutions) {
    return ext.i18n.getMessage(name, substitutions);
  },

  uiLanguage() {
    return ext.i18n.getUILanguage();
  },

  /** The id of the tab the popup was opened over. */
  async activeTabId() {
    const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  },

  /** @param {number} tabId @returns {Promise<string | undefined>} */
  async tabUrl(tabId) {
    const tab = await ext.tabs.get(tabId);
    return tab.url;
  },

  /**
   * The page's HTML, URL, title and content type, read under activeTab.
   * @param {number} tabId
   */
  async readPage(tabId) {
    const [injection] = await ext.scripting.executeScript({ target: { tabId }, func: readPage });
    return /** @type {ReturnType<typeof readPage>} */ (injection.result);
  },

  /**
   * Stored preferences, each missing key answered by its default.
   * @template {Record<string, unknown>} T
   * @param {T} defaults
   * @returns {Promise<T>}
   */
  async loadSync(defaults) {
    return ext.storage.sync.get(defaults);
  },

  /** @param {Record<string, unknown>} values */
  async saveSync(values) {
    await ext.storage.sync.set(values);
  },

  /** @param {string} origin a match pattern */
  async hasOrigin(origin) {
    return ext.permissions.contains({ origins: [origin] });
  },

  /** Must run in a user gesture (a click in the popup or the options page). @param {string} origin */
  async requestOrigin(origin) {
    return ext.permissions.request({ origins: [origin] });
  },

  /** @param {import('./messages.js').Message} message */
  async send(message) {
    return ext.runtime.sendMessage(message);
  },

  /**
   * Register the worker's message listener. The handler's promise is the single answer to each message.
   * @param {(message: any, sender: any) => Promise<unknown> | undefined} handler
   */
  onMessage(handler) {
    ext.runtime.onMessage.addListener(
      (/** @type {any} */ message, /** @type {any} */ sender, /** @type {(answer: unknown) => void} */ respond) => {
        const answer = handler(message, sender);
        if (!answer) return false;
        answer.then(respond);
        return true; // keeps the channel open until respond() is called (Chromium before 146 ignores returned promises)
      },
    );
  },

  openOptions() {
    return ext.runtime.openOptionsPage();
  },
};

/** @typedef {typeof browserApi} BrowserApi */
