import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { failureOf, fetchContext } from '../../extension/api.js';
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
function answering(status, body, contentType = 'application/json') {
  /** @type {{url: string, init: RequestInit}[]} */
  const calls = [];
  /** @type {typeof fetch} */
  const fetch = async (url, init) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType },
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
    const problem = {
      title: 'Not an article',
      detail: 'No article text was found.',
      status: 422,
    };
    const { fetch } = answering(422, problem, 'application/problem+json');
    const result = await fetchContext(REQUEST, { fetch });
    assert.deepEqual(result, {
      ok: false,
      failure: { kind: 'not-article', detail: 'No article text was found.' },
    });
  });

  it('passes on the title and detail of any other problem', async () => {
    const problem = {
      title: 'Invalid request',
      detail: 'url must be absolute',
      status: 400,
    };
    const { fetch } = answering(400, problem, 'application/problem+json');
    const result = await fetchContext(REQUEST, { fetch });
    assert.deepEqual(result, {
      ok: false,
      failure: {
        kind: 'problem',
        status: 400,
        title: 'Invalid request',
        detail: 'url must be absolute',
      },
    });
  });

  it('copes with an error page that is not JSON', async () => {
    const { fetch } = answering(502, '<html>Bad gateway</html>', 'text/html');
    const result = await fetchContext(REQUEST, { fetch });
    assert.deepEqual(result, {
      ok: false,
      failure: { kind: 'problem', status: 502, title: 'HTTP 502', detail: '' },
    });
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
