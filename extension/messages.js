/**
 * Messages between the popup and the service worker. Each has a `type`; the worker switches on it and
 * answers once (background.js).
 */

/**
 * Ask for the backstory of the page in a tab. Answered with a {@link ContextAnswer}.
 * @typedef {{type: 'context:get', tabId: number}} ContextGet
 */

/**
 * Tell the backend the popup got an article wrong. Answered with a {@link FeedbackAnswer}.
 * @typedef {{type: 'feedback:send', url: string, eventId: string | null, verdict: import('./api.js').Verdict,
 *   comment?: string}} FeedbackSend
 */

/** @typedef {ContextGet | FeedbackSend} Message */

export const CONTEXT_GET = /** @type {const} */ ('context:get');
export const FEEDBACK_SEND = /** @type {const} */ ('feedback:send');

/**
 * @param {number} tabId
 * @returns {ContextGet}
 */
export function contextGet(tabId) {
  return { type: CONTEXT_GET, tabId };
}

/**
 * @param {string} url the cleaned URL the context was asked for
 * @param {string | null} eventId
 * @param {import('./api.js').Verdict} verdict
 * @returns {FeedbackSend}
 */
export function feedbackSend(url, eventId, verdict) {
  return { type: FEEDBACK_SEND, url, eventId, verdict };
}

/**
 * Why there is no backstory to show. Every kind has its own message in the popup (failures.js). None carries
 * the server's own words.
 * @typedef {{kind: 'restricted', reason: import('./urls.js').Restriction}
 *   | {kind: 'blocked', host: string}
 *   | {kind: 'permission', backend: string, origin: string}
 *   | {kind: 'unreachable', backend: string}
 *   | {kind: 'timeout', backend: string, seconds: number}
 *   | {kind: 'not-article'}
 *   | {kind: 'too-large'}
 *   | {kind: 'auth', status: 401 | 403}
 *   | {kind: 'rate-limited', retryAfterS: number | null}
 *   | {kind: 'server', status: number, requestId: string}
 *   | {kind: 'problem', status: number}
 *   | {kind: 'bug', detail: string}} Failure
 */

/**
 * The answer to {@link ContextGet}.
 * @typedef {{ok: true, url: string, backendUrl: string, response: import('./api.js').ContextResponse}
 *   | {ok: false, failure: Failure}} ContextAnswer
 */

/**
 * The answer to {@link FeedbackSend}.
 * @typedef {{ok: true, id: string} | {ok: false, failure: Failure}} FeedbackAnswer
 */
