/**
 * The client of the backend: the context API (POST /v1/context), reader feedback (POST /v1/feedback) and the
 * health check (GET /healthz). Every way a call can end becomes either the answer or a typed
 * {@link import('./messages.js').Failure}: a popup must never be left blank. Nothing the server writes in English
 * (problem details, `abstain_reason`, `why`) is meant to be shown; the popup words codes in its own language.
 */

/**
 * @typedef {{kind: 'name' | 'number' | 'phrase' | 'date', text: string, matched: string, weight: number}} Evidence
 * @typedef {{event_id: string, story_id: string, title: string, date: string, score: number,
 *   confidence: number, evidence: Evidence[]}} Match
 * @typedef {{url: string, title?: string | null, publisher?: string | null, date?: string | null,
 *   lang?: string | null}} Source a source of an event; `publisher` is curated, `date` is YYYY-MM-DD
 * @typedef {{id: string, name: string, as_written?: string | null}} EntityRef `name` is the curated (English)
 *   name, `as_written` how this article spells it when it names it
 * @typedef {'reported' | 'shared_entities' | 'same_story'} ReasonCode
 * @typedef {{code: ReasonCode, entities?: EntityRef[]}} CardReason why a card is on this article's timeline
 * @typedef {{event_id: string, date: string, title: string, summary: string, sources: Source[],
 *   relation: 'this' | 'earlier' | 'later', why?: string, reason?: CardReason | null}} Card `why` is English, for
 *   API users; the popup words `reason`
 * @typedef {{url: string, title?: string | null, lang?: string | null, lang_source?: string | null,
 *   published?: string | null, published_source?: string | null, chars?: number}} ArticleInfo
 * @typedef {'too_short' | 'no_evidence' | 'low_confidence'} AbstainCode
 * @typedef {{article: ArticleInfo, matches: Match[], abstained: boolean, abstain_code?: AbstainCode | null,
 *   abstain_reason: string | null, story: {id: string, title: string} | null,
 *   related_story: {id: string, title: string} | null, cards: Card[],
 *   timings_ms?: Record<string, number>}} ContextResponse `abstain_code` is null when a match is claimed;
 *   `abstain_reason` is English, for API users
 */

/** @typedef {'wrong' | 'missed'} Verdict */

export const TIMEOUT_MS = 10_000;
export const MAX_COMMENT = 1000;

/**
 * @typedef {object} Backend
 * @property {string} backendUrl normalised backend URL
 * @property {string} apiToken
 */

/**
 * @typedef {object} ContextRequest
 * @property {string} backendUrl
 * @property {string} apiToken
 * @property {string} summaryLang the language asked for card titles and summaries
 * @property {string} url the cleaned page URL
 * @property {string} html
 */

/**
 * @typedef {{fetch?: typeof fetch, timeoutMs?: number}} FetchDeps
 * @typedef {import('./messages.js').Failure} Failure
 */

/**
 * @param {ContextRequest} request
 * @param {FetchDeps} [deps]
 * @returns {Promise<{ok: true, response: ContextResponse} | {ok: false, failure: Failure}>}
 */
export async function fetchContext(request, deps = {}) {
  const endpoint = new URL(`${request.backendUrl}/v1/context`);
  if (request.summaryLang) endpoint.searchParams.set('summary_lang', request.summaryLang);
  const result = await call(request, endpoint.href, { url: request.url, html: request.html }, deps);
  if (!result.ok) return result;
  const { answer, body } = result;
  if (answer.ok && isContextResponse(body)) return { ok: true, response: body };
  return { ok: false, failure: failureOf(answer.status, body, answer.headers) };
}

/**
 * @typedef {object} FeedbackRequest
 * @property {string} backendUrl
 * @property {string} apiToken
 * @property {string} url the cleaned page URL
 * @property {string | null} eventId the event shown, null when none was
 * @property {Verdict} verdict `wrong` when a match was shown, `missed` when Backstory abstained
 * @property {string} [comment]
 */

/**
 * POST /v1/feedback; the backend answers 201 with the id it stored the report under.
 * @param {FeedbackRequest} request
 * @param {FetchDeps} [deps]
 * @returns {Promise<{ok: true, id: string} | {ok: false, failure: Failure}>}
 */
export async function sendFeedback(request, deps = {}) {
  /** @type {{url: string, event_id: string | null, verdict: Verdict, comment?: string}} */
  const body = { url: request.url, event_id: request.eventId, verdict: request.verdict };
  const comment = request.comment?.trim();
  if (comment) body.comment = comment.slice(0, MAX_COMMENT);
  const result = await call(request, `${request.backendUrl}/v1/feedback`, body, deps);
  if (!result.ok) return result;
  const { answer, body: answered } = result;
  if (answer.ok && typeof answered?.id === 'string') return { ok: true, id: answered.id };
  return { ok: false, failure: failureOf(answer.status, answered, answer.headers) };
}

/**
 * GET /healthz: is a Backstory backend answering at this address?
 * @param {Backend} backend
 * @param {FetchDeps} [deps]
 * @returns {Promise<{ok: true} | {ok: false, failure: Failure}>}
 */
export async function checkHealth(backend, deps = {}) {
  const result = await call(backend, `${backend.backendUrl}/healthz`, null, deps);
  if (!result.ok) return result;
  const { answer, body } = result;
  if (answer.ok && body?.status === 'ok') return { ok: true };
  return { ok: false, failure: failureOf(answer.status, body, answer.headers) };
}

/**
 * One request to the backend, POST with a JSON body or GET without one. Resolves to the answer and its parsed
 * body, or to the failure of a call that got no answer.
 * @param {Backend} backend
 * @param {string} href
 * @param {unknown} body
 * @param {FetchDeps} deps
 * @returns {Promise<{ok: true, answer: Response, body: any} | {ok: false, failure: Failure}>}
 */
async function call({ backendUrl, apiToken }, href, body, { fetch = globalThis.fetch, timeoutMs = TIMEOUT_MS }) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== null) headers['Content-Type'] = 'application/json';
  if (apiToken) headers.Authorization = `Bearer ${apiToken}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const answer = await fetch(href, {
      method: body === null ? 'GET' : 'POST',
      headers,
      body: body === null ? undefined : JSON.stringify(body),
      credentials: 'omit', // the reader's cookies for the backend's host are none of its business
      cache: 'no-store',
      signal: controller.signal,
    });
    return { ok: true, answer, body: await readJson(answer) };
  } catch {
    if (controller.signal.aborted) {
      return { ok: false, failure: { kind: 'timeout', backend: backendUrl, seconds: Math.round(timeoutMs / 1000) } };
    }
    // fetch rejects with a TypeError when nothing answers (connection refused, DNS, CORS).
    return { ok: false, failure: { kind: 'unreachable', backend: backendUrl } };
  } finally {
    clearTimeout(timer);
  }
}

/** @param {Response} answer */
async function readJson(answer) {
  const text = await answer.text();
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * @param {unknown} body
 * @returns {body is ContextResponse}
 */
function isContextResponse(body) {
  const value = /** @type {any} */ (body);
  return Boolean(value) && typeof value === 'object' && Array.isArray(value.cards) && Array.isArray(value.matches);
}

/**
 * The failure an error answer stands for. Only the status, `Retry-After` and the request id of a problem body
 * (RFC 9457) or of the `X-Request-ID` header are used: the server's title and detail are English and, on a 5xx,
 * may hold internals.
 * @param {number} status
 * @param {any} body
 * @param {Headers} [headers]
 * @returns {Failure}
 */
export function failureOf(status, body, headers) {
  const problem = body && typeof body === 'object' ? body : {};
  if (status === 401 || status === 403) return { kind: 'auth', status };
  if (status === 413) return { kind: 'too-large' };
  if (status === 422 && /not an article/i.test(String(problem.title ?? ''))) return { kind: 'not-article' };
  if (status === 429) return { kind: 'rate-limited', retryAfterS: retryAfterSeconds(headers?.get('Retry-After')) };
  if (status >= 500) {
    const requestId = [problem.request_id, headers?.get('X-Request-ID')].find(isReference) ?? '';
    return { kind: 'server', status, requestId };
  }
  if (status >= 200 && status < 300) return { kind: 'bug', detail: 'not a Backstory answer' };
  return { kind: 'problem', status };
}

/**
 * A reference worth showing: short, and made of the characters request ids use, so a stray message can't pass.
 * @param {unknown} value
 * @returns {value is string}
 */
function isReference(value) {
  return typeof value === 'string' && /^[\w.:-]{1,64}$/.test(value);
}

/**
 * `Retry-After` is either seconds or an HTTP date (RFC 9110, section 10.2.3).
 * @param {string | null | undefined} value
 * @param {number} [now] milliseconds since the epoch
 * @returns {number | null} seconds to wait, null when the header is missing or unreadable
 */
export function retryAfterSeconds(value, now = Date.now()) {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
