/**
 * Messages between the popup and the service worker. Each has a `type`; the worker switches on it and
 * answers once (background.js).
 */

/**
 * Ask for the backstory of the page in a tab. Answered with a {@link ContextAnswer}.
 * @typedef {{type: 'context:get', tabId: number}} ContextGet
 */

/** @typedef {ContextGet} Message */

export const CONTEXT_GET = /** @type {const} */ ('context:get');

/**
 * @param {number} tabId
 * @returns {ContextGet}
 */
export function contextGet(tabId) {
  return { type: CONTEXT_GET, tabId };
}

/**
 * Why there is no backstory to show. Every kind has its own message in the popup (view.js, failureView).
 * @typedef {{kind: 'restricted', reason: import('./urls.js').Restriction}
 *   | {kind: 'blocked', host: string}
 *   | {kind: 'permission', backend: string, origin: string}
 *   | {kind: 'unreachable', backend: string}
 *   | {kind: 'timeout', backend: string, seconds: number}
 *   | {kind: 'not-article', detail: string}
 *   | {kind: 'too-large'}
 *   | {kind: 'problem', status: number, title: string, detail: string}
 *   | {kind: 'bug', detail: string}} Failure
 */

/**
 * The answer to {@link ContextGet}.
 * @typedef {{ok: true, url: string, response: import('./api.js').ContextResponse}
 *   | {ok: false, failure: Failure}} ContextAnswer
 */
