/**
 * The client of the backend's context API (POST /v1/context). It turns every way a call can end into either
 * the response or a typed {@link import('./messages.js').Failure}: a popup must never be left blank.
 */

/**
 * @typedef {{kind: 'name' | 'number' | 'phrase' | 'date', text: string, matched: string, weight: number}} Evidence
 * @typedef {{event_id: string, story_id: string, title: string, date: string, score: number,
 *   confidence: number, evidence: Evidence[]}} Match
 * @typedef {{url: string, title?: string, publisher?: string}} Source
 * @typedef {{event_id: string, date: string, title: string, summary: string, sources: Source[],
 *   relation: 'this' | 'earlier' | 'later', why?: string}} Card
 * @typedef {{url: string, title?: string | null, lang?: string | null, lang_source?: string | null,
 *   published?: string | null, published_source?: string | null, chars?: number}} ArticleInfo
 * @typedef {{article: ArticleInfo, matches: Match[], abstained: boolean, abstain_reason: string | null,
 *   story: {id: string, title: string} | null, related_story: {id: string, title: string} | null,
 *   cards: Card[], timings_ms?: Record<string, number>}} ContextResponse
 */

export const TIMEOUT_MS = 10_000;

/**
 * @typedef {object} ContextRequest
 * @property {string} backendUrl normalised backend URL
 * @property {string} apiToken
 * @property {string} summaryLang
 * @property {string} url the cleaned page URL
 * @property {string} html
 */

/**
 * @param {ContextRequest} request
 * @param {{fetch?: typeof fetch, timeoutMs?: number}} [deps]
 * @returns {Promise<{ok: true, response: ContextResponse} | {ok: false, failure: import('./messages.js').Failure}>}
 */
export async function fetchContext(request, { fetch = globalThis.fetch, timeoutMs = TIMEOUT_MS } = {}) {
  const { backendUrl } = request;
  const endpoint = new URL(`${backendUrl}/v1/context`);
  if (request.summaryLang) endpoint.searchParams.set('summary_lang', request.summaryLang);
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' };
  if (request.apiToken) headers.Authorization = `Bearer ${request.apiToken}`;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const answer = await fetch(endpoint.href, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: request.url, html: request.html }),
      credentials: 'omit', // the reader's cookies for the backend's host are none of its business
      cache: 'no-store',
      signal: controller.signal,
    });
    const body = await readJson(answer);
    if (answer.ok && isContextResponse(body)) return { ok: true, response: body };
    return { ok: false, failure: failureOf(answer.status, body) };
  } catch (error) {
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
 * The failure an error answer stands for. Problem details (RFC 9457) give the title and detail.
 * @param {number} status
 * @param {any} body
 * @returns {import('./messages.js').Failure}
 */
export function failureOf(status, body) {
  const problem = body && typeof body === 'object' ? body : {};
  const title = typeof problem.title === 'string' ? problem.title : '';
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  if (status === 413) return { kind: 'too-large' };
  if (status === 422 && /not an article/i.test(title)) return { kind: 'not-article', detail };
  if (status >= 200 && status < 300) {
    return { kind: 'bug', detail: 'The backend answered with something that is not a context response.' };
  }
  return { kind: 'problem', status, title: title || `HTTP ${status}`, detail };
}
