/**
 * The user's options: one defaults object for the options page and the worker, kept in storage.sync
 * (they follow the user between browsers), and normalised once here.
 */

import { normaliseBackendUrl, parseBlockedSites } from './urls.js';

/** The stored shape. Keys are the storage.sync keys. */
export const DEFAULTS = Object.freeze({
  /** Where the Backstory API listens; `make run` serves it here. */
  backendUrl: 'http://127.0.0.1:8000',
  /** Bearer token for a backend that asks for one; empty sends none. */
  apiToken: '',
  /** Sites never sent, one a line as the user typed them. */
  blockedSites: '',
  /** ISO 639-1 code for card summaries; empty means the article's own language. */
  summaryLang: '',
});

/** @typedef {typeof DEFAULTS} StoredOptions */

/**
 * @typedef {object} Options
 * @property {string} backendUrl normalised, without a trailing slash
 * @property {string} apiToken
 * @property {string[]} blockedHosts
 * @property {string} summaryLang
 */

/**
 * @param {Partial<StoredOptions>} stored
 * @returns {Options}
 */
export function normaliseOptions(stored) {
  const values = { ...DEFAULTS, ...stored };
  return {
    backendUrl: normaliseBackendUrl(String(values.backendUrl)) ?? DEFAULTS.backendUrl,
    apiToken: String(values.apiToken).trim(),
    blockedHosts: parseBlockedSites(String(values.blockedSites)),
    summaryLang: /^[a-z]{2,3}$/.test(String(values.summaryLang)) ? String(values.summaryLang) : '',
  };
}

/**
 * @param {Pick<import('./browser.js').BrowserApi, 'loadSync'>} api
 * @returns {Promise<StoredOptions>}
 */
export async function loadStoredOptions(api) {
  return api.loadSync({ ...DEFAULTS });
}

/**
 * @param {Pick<import('./browser.js').BrowserApi, 'loadSync'>} api
 * @returns {Promise<Options>}
 */
export async function loadOptions(api) {
  return normaliseOptions(await loadStoredOptions(api));
}
