import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { checkHealth, failureOf, fetchContext, retryAfterSeconds, sendFeedback } from '../../extension/api.js';
import { matchedResponse } from './support/responses.mjs';

const REQUEST = {
  backendUrl: 'http://127.0.0.1:8000',
  apiToken: '',
  summaryLang: '',
  url: 'https://news.example/story',
  html: '<html><body><p>Text</p></body></html>',
};

/**
 * A fetch that records its calls and answers with the given status and body.
 * @param {number} status
 * @param {unknown} body
 */
function answering(status, body, contentType = 'application/json', extraHeaders = {}) {
  /** @type {{url: string, init: RequestInit}[]} */
  const calls = [];
  /** @type {typeof fetch} */
  const fetch = async (url, init) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType, ...extraHeaders },
    });
  };
  return { fetch, calls };
}

describe('fetchContext', () => {
  it('posts the URL and HTML as JSON and returns the response', async () => {
    const { fetch, calls } = answering(200, matchedResponse());
    const result = await fetchContext(REQUEST, { fetch });
    assert.equal(result.ok, true);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].url, 'http://127.0.0.1:8000/v1/context');
    assert.equal(calls[0].init.method, 'POST');
    assert.deepEqual(JSON.parse(String(calls[0].init.body)), {
      url: REQUEST.url,
      html: REQUEST.html,
    });
  });

  it('never sends cookies or other credentials', async () => {
    const { fetch, calls } = answering(200, matchedResponse());
    await fetchContext(REQUEST, { fetch });
    assert.equal(calls[0].init.credentials, 'omit');
    assert.equal(/** @type {Record<string, string>} */ (calls[0].init.headers).Authorization, undefined);
  });

  it('sends the API token and the summary language when they are set', async () => {
    const { fetch, calls } = answering(200, matchedResponse());
    await fetchContext({ ...REQUEST, apiToken: 's3cret', summaryLang: 'be' }, { fetch });
    assert.equal(calls[0].url, 'http://127.0.0.1:8000/v1/context?summary_lang=be');
    assert.equal(/** @type {Record<string, string>} */ (calls[0].init.headers).Authorization, 'Bearer s3cret');
  });

  it('keeps a path prefix of the backend', async () => {
    const { fetch, calls } = answering(200, matchedResponse());
    await fetchContext({ ...REQUEST, backendUrl: 'https://api.example/backstory' }, { fetch });
    assert.equal(calls[0].url, 'https://api.example/backstory/v1/context');
  });

  it('says unreachable, with the backend URL, when nothing answers', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const result = await fetchContext(REQUEST, { fetch });
    assert.deepEqual(result, {
      ok: false,
      failure: { kind: 'unreachable', backend: 'http://127.0.0.1:8000' },
    });
  });

  it('gives up after the time limit', async () => {
    /** @type {typeof globalThis.fetch} */
    const fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const result = await fetchContext(REQUEST, { fetch, timeoutMs: 20 });
    assert.deepEqual(result, {
      ok: false,
      failure: {
        kind: 'timeout',
        backend: 'http://127.0.0.1:8000',
        seconds: 0,
      },
    });
  });

  it('tells a page that is not an article', async () => {
    const problem = { title: 'Not an article', detail: 'No article text was found.', status: 422 };
    const { fetch } = answering(422, problem, 'application/problem+json');
    assert.deepEqual(await fetchContext(REQUEST, { fetch }), { ok: false, failure: { kind: 'not-article' } });
  });

  it("keeps only the status of another problem, not the server's English", async () => {
    const problem = { title: 'Invalid request', detail: 'url must be absolute', status: 400 };
    const { fetch } = answering(400, problem, 'application/problem+json');
    assert.deepEqual(await fetchContext(REQUEST, { fetch }), { ok: false, failure: { kind: 'problem', status: 400 } });
  });

  it('asks for a token on 401 and 403', async () => {
    for (const status of [401, 403]) {
      const { fetch } = answering(status, { title: 'Unauthorized', status }, 'application/problem+json');
      assert.deepEqual(await fetchContext(REQUEST, { fetch }), { ok: false, failure: { kind: 'auth', status } });
    }
  });

  it('reads Retry-After of a 429', async () => {
    const { fetch } = answering(429, { title: 'Too many', status: 429 }, 'application/problem+json', {
      'Retry-After': '90',
    });
    assert.deepEqual(await fetchContext(REQUEST, { fetch }), {
      ok: false,
      failure: { kind: 'rate-limited', retryAfterS: 90 },
    });
  });

  it("keeps the request id of a 5xx, from the problem or the header, and never the server's detail", async () => {
    const problem = { title: 'Internal error', detail: 'KeyError: secret', status: 500, request_id: 'req-7' };
    const fromBody = answering(500, problem, 'application/problem+json', { 'X-Request-ID': 'hdr-1' });
    assert.deepEqual(await fetchContext(REQUEST, { fetch: fromBody.fetch }), {
      ok: false,
      failure: { kind: 'server', status: 500, requestId: 'req-7' },
    });
    const fromHeader = answering(502, '<html>Bad gateway</html>', 'text/html', { 'X-Request-ID': 'hdr-1' });
    assert.deepEqual(await fetchContext(REQUEST, { fetch: fromHeader.fetch }), {
      ok: false,
      failure: { kind: 'server', status: 502, requestId: 'hdr-1' },
    });
  });

  it('copes with an error page that is not JSON and has no id', async () => {
    const { fetch } = answering(504, '<html>Gateway timeout</html>', 'text/html');
    assert.deepEqual(await fetchContext(REQUEST, { fetch }), {
      ok: false,
      failure: { kind: 'server', status: 504, requestId: '' },
    });
  });
});

describe('sendFeedback', () => {
  const FEEDBACK = { backendUrl: 'http://127.0.0.1:8000', apiToken: '', url: 'https://news.example/story' };

  it('posts the verdict as JSON, without cookies, and answers the stored id', async () => {
    const { fetch, calls } = answering(201, { id: 'fb-9' });
    const result = await sendFeedback({ ...FEEDBACK, eventId: 'e-1', verdict: 'wrong' }, { fetch });
    assert.deepEqual(result, { ok: true, id: 'fb-9' });
    assert.equal(calls[0].url, 'http://127.0.0.1:8000/v1/feedback');
    assert.equal(calls[0].init.method, 'POST');
    assert.equal(calls[0].init.credentials, 'omit');
    assert.deepEqual(JSON.parse(String(calls[0].init.body)), {
      url: 'https://news.example/story',
      event_id: 'e-1',
      verdict: 'wrong',
    });
  });

  it('sends a missed event with a null id and a comment cut to 1000 characters', async () => {
    const { fetch, calls } = answering(201, { id: 'fb-10' });
    await sendFeedback({ ...FEEDBACK, eventId: null, verdict: 'missed', comment: ` ${'x'.repeat(1200)} ` }, { fetch });
    const body = JSON.parse(String(calls[0].init.body));
    assert.equal(body.event_id, null);
    assert.equal(body.verdict, 'missed');
    assert.equal(body.comment.length, 1000);
  });

  it('turns a refusal into a failure', async () => {
    const { fetch } = answering(429, { title: 'Too many', status: 429 }, 'application/problem+json', {
      'Retry-After': '5',
    });
    assert.deepEqual(await sendFeedback({ ...FEEDBACK, eventId: null, verdict: 'missed' }, { fetch }), {
      ok: false,
      failure: { kind: 'rate-limited', retryAfterS: 5 },
    });
  });
});

describe('checkHealth', () => {
  it('is ok when /healthz says so', async () => {
    const { fetch, calls } = answering(200, { status: 'ok' });
    assert.deepEqual(await checkHealth({ backendUrl: 'http://127.0.0.1:8000', apiToken: '' }, { fetch }), { ok: true });
    assert.equal(calls[0].url, 'http://127.0.0.1:8000/healthz');
    assert.equal(calls[0].init.method, 'GET');
  });

  it('is not ok when something else answers', async () => {
    const { fetch } = answering(200, '<html>a router</html>', 'text/html');
    const result = await checkHealth({ backendUrl: 'http://127.0.0.1:8000', apiToken: '' }, { fetch });
    assert.equal(result.ok, false);
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('Sun, 06 Dec 2026 12:00:00 GMT');
    assert.equal(retryAfterSeconds('30', now), 30);
    assert.equal(retryAfterSeconds('Sun, 06 Dec 2026 12:02:00 GMT', now), 120);
    assert.equal(retryAfterSeconds('soon', now), null);
    assert.equal(retryAfterSeconds(null, now), null);
  });
});

describe('failureOf', () => {
  it('says too large for 413', () => {
    assert.deepEqual(failureOf(413, null), { kind: 'too-large' });
  });

  it('treats a 200 without cards as a bug, not as an empty result', () => {
    assert.equal(failureOf(200, { hello: 'world' }).kind, 'bug');
  });
});
