/**
 * The worker's jobs: the backstory of the page in a tab, and the reader's report that it was wrong. Checks run
 * before anything leaves the browser: a restricted or blocked page is never read, and only a cleaned URL is sent.
 */

import { fetchContext, sendFeedback } from './api.js';
import { interfaceLanguage } from './i18n.js';
import { loadOptions } from './storage.js';
import { blockingEntry, cleanUrl, originPattern, restrictionOf } from './urls.js';

/**
 * @typedef {object} ContextDeps
 * @property {import('./browser.js').BrowserApi} api
 * @property {typeof fetch} [fetch]
 * @property {number} [timeoutMs]
 */

/**
 * @param {number} tabId
 * @param {ContextDeps} deps
 * @returns {Promise<import('./messages.js').ContextAnswer>}
 */
export async function getContext(tabId, { api, fetch, timeoutMs }) {
  const options = await loadOptions(api);

  // Under activeTab the tab's URL is known once the user has clicked; decide before reading anything.
  const tabUrl = await api.tabUrl(tabId).catch(() => undefined);
  const early = tabUrl ? refusal(tabUrl, undefined, options.blockedHosts) : null;
  if (early) return { ok: false, failure: early };

  let page;
  try {
    page = await api.readPage(tabId);
  } catch {
    // Browsers refuse to inject into their own pages, the stores and viewers (the PDF one among them); the URL
    // of a page the extension may not touch is hidden from it too.
    const reason = tabUrl ? (restrictionOf(tabUrl) ?? 'browser') : 'browser';
    return { ok: false, failure: { kind: 'restricted', reason } };
  }
  const late = refusal(page.url, page.contentType, options.blockedHosts);
  if (late) return { ok: false, failure: late };

  const origin = originPattern(options.backendUrl);
  if (!(await api.hasOrigin(origin))) {
    return { ok: false, failure: { kind: 'permission', backend: options.backendUrl, origin } };
  }

  const url = cleanUrl(page.url);
  // One language per popup: unless the reader chose a summary language, cards come in the interface's.
  const summaryLang = options.summaryLang || interfaceLanguage(api);
  const result = await fetchContext({ ...options, summaryLang, url, html: page.html }, { fetch, timeoutMs });
  return result.ok ? { ok: true, url, backendUrl: options.backendUrl, response: result.response } : result;
}

/**
 * Send the reader's report to the backend the options name. The URL was cleaned when the context was asked for.
 * @param {import('./messages.js').FeedbackSend} message
 * @param {ContextDeps} deps
 * @returns {Promise<import('./messages.js').FeedbackAnswer>}
 */
export async function reportFeedback({ url, eventId, verdict, comment }, { api, fetch, timeoutMs }) {
  const options = await loadOptions(api);
  return sendFeedback({ ...options, url: cleanUrl(url), eventId, verdict, comment }, { fetch, timeoutMs });
}

/**
 * @param {string} url
 * @param {string | undefined} contentType
 * @param {string[]} blockedHosts
 * @returns {import('./messages.js').Failure | null}
 */
function refusal(url, contentType, blockedHosts) {
  const reason = restrictionOf(url, contentType);
  if (reason) return { kind: 'restricted', reason };
  const host = blockingEntry(url, blockedHosts);
  if (host) return { kind: 'blocked', host };
  return null;
}
