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

/**
 * Mark where the evidence stands in the page, injected like readPage (self-contained). Earlier marks are undone
 * first, so a second click does not nest them. Answers how many places were marked.
 * @param {string[]} texts
 * @returns {number}
 */
function markEvidence(texts) {
  for (const old of document.querySelectorAll('mark[data-backstory]')) old.replaceWith(...old.childNodes);
  document.body.normalize();
  const wanted = texts.map((text) => text.toLocaleLowerCase()).filter((text) => text.length > 1);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('script, style, noscript, textarea, [contenteditable]')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  /** @type {{node: Text, at: number, length: number}[]} */
  const found = [];
  for (let node = walker.nextNode(); node && found.length < 50; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').toLocaleLowerCase();
    for (const needle of wanted) {
      const at = text.indexOf(needle);
      if (at >= 0) {
        found.push({ node: /** @type {Text} */ (node), at, length: needle.length });
        break;
      }
    }
  }
  /** @type {HTMLElement | null} */
  let first = null;
  for (const { node, at, length } of found) {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + length);
    const mark = document.createElement('mark');
    mark.dataset.backstory = '';
    mark.style.cssText = 'background: #ffe066; color: #111; outline: 2px solid #f59f00; border-radius: 2px;';
    range.surroundContents(mark);
    first ??= mark;
  }
  first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return found.length;
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
   * Highlight the evidence in the tab; the popup's click grants the activeTab permission this needs.
   * @param {number} tabId
   * @param {string[]} texts
   * @returns {Promise<number>} how many places were marked
   */
  async highlight(tabId, texts) {
    const [injection] = await ext.scripting.executeScript({ target: { tabId }, func: markEvidence, args: [texts] });
    return Number(injection.result) || 0;
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
