/**
 * The worker's one job: the backstory of the page in a tab. Checks run before anything leaves the browser:
 * a restricted or blocked page is never read, and only a cleaned URL is sent.
 */

import { fetchContext } from './api.js';
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
  const result = await fetchContext({ ...options, url, html: page.html }, { fetch, timeoutMs });
  return result.ok ? { ok: true, url, response: result.response } : result;
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
