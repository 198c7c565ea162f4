/**
 * UI text comes from _locales through the browser. Pages mark translatable nodes with data-i18n (text),
 * data-i18n-placeholder, data-i18n-title and data-i18n-aria-label; localise() fills them in once at load.
 */

/**
 * The locale of the messages the browser actually uses, for date and list formats and for the summary language.
 * Each _locales file names its own ("en-GB", "ru", "be"), so a browser in a language the extension has no
 * messages for (Arabic, say) gets English labels and English dates, never a mix.
 * @param {Pick<import('./browser.js').BrowserApi, 'message'>} api
 */
export function interfaceLocale(api) {
  return api.message('uiLocale') || 'en-GB';
}

/**
 * The interface language as an ISO 639-1 code: "en-GB" → "en".
 * @param {Pick<import('./browser.js').BrowserApi, 'message'>} api
 */
export function interfaceLanguage(api) {
  return interfaceLocale(api).split('-')[0].toLowerCase();
}

/**
 * @param {Pick<import('./browser.js').BrowserApi, 'message'>} api
 * @returns {import('./view.js').Translate}
 */
export function translator(api) {
  // A missing key shows its name rather than an empty string, so a gap is visible, never a blank.
  return (name, substitutions) => api.message(name, substitutions) || name;
}

const ATTRIBUTES = /** @type {const} */ ([
  ['data-i18n-placeholder', 'placeholder'],
  ['data-i18n-title', 'title'],
  ['data-i18n-aria-label', 'aria-label'],
]);

/**
 * @param {ParentNode} root
 * @param {import('./view.js').Translate} t
 */
export function localise(root, t) {
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(/** @type {string} */ (node.getAttribute('data-i18n')));
  }
  for (const [source, target] of ATTRIBUTES) {
    for (const node of root.querySelectorAll(`[${source}]`)) {
      node.setAttribute(target, t(/** @type {string} */ (node.getAttribute(source))));
    }
  }
}
