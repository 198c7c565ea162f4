import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { getContext, reportFeedback } from '../../extension/context.js';
import { DEFAULTS } from '../../extension/storage.js';
import { matchedResponse } from './support/responses.mjs';

/**
 * A fake of browser.js's API around one tab, recording what was read and sent.
 * @param {{url: string, contentType?: string, stored?: object, granted?: boolean, readFails?: boolean,
 *   hidden?: boolean, uiLocale?: string}} setup hidden: the browser does not tell the tab's URL; uiLocale: the
 *   locale of the messages the browser uses
 */
function fakeBrowser({
  url,
  contentType = 'text/html',
  stored = {},
  granted = true,
  readFails = false,
  hidden = false,
  uiLocale = 'en-GB',
}) {
  const log = {
    reads: 0,
    sent: /** @type {any[]} */ ([]),
    endpoints: /** @type {string[]} */ ([]),
    inits: /** @type {RequestInit[]} */ ([]),
  };
  const api = {
    message: (/** @type {string} */ name) => (name === 'uiLocale' ? uiLocale : ''),
    loadSync: async (/** @type {object} */ defaults) => ({
      ...defaults,
      ...stored,
    }),
    tabUrl: async () => (hidden ? undefined : url),
    readPage: async () => {
      log.reads += 1;
      if (readFails) throw new Error('Cannot access contents of the page');
      return {
        url,
        html: '<html><p>An article</p></html>',
        title: 'An article',
        contentType,
      };
    },
    hasOrigin: async () => granted,
  };
  /** @type {typeof fetch} */
  const fetch = async (endpoint, init) => {
    log.endpoints.push(String(endpoint));
    log.inits.push(init ?? {});
    log.sent.push(JSON.parse(String(init?.body)));
    const feedback = String(endpoint).endsWith('/v1/feedback');
    return new Response(JSON.stringify(feedback ? { id: 'fb-1' } : matchedResponse()), {
      status: feedback ? 201 : 200,
    });
  };
  return { deps: { api: /** @type {any} */ (api), fetch }, log };
}

describe('getContext', () => {
  it('sends the cleaned URL and the HTML of the page', async () => {
    const { deps, log } = fakeBrowser({
      url: 'https://news.example/story?id=3&utm_source=x#top',
    });
    const answer = await getContext(7, deps);
    assert.equal(answer.ok, true);
    assert.equal(log.sent.length, 1);
    assert.equal(log.sent[0].url, 'https://news.example/story?id=3');
    assert.match(log.sent[0].html, /An article/);
  });

  it('asks for summaries in the interface language unless the reader chose one', async () => {
    const russian = fakeBrowser({ url: 'https://news.example/story', uiLocale: 'ru' });
    await getContext(7, russian.deps);
    assert.equal(russian.log.endpoints[0], 'http://127.0.0.1:8000/v1/context?summary_lang=ru');

    const chosen = fakeBrowser({ url: 'https://news.example/story', uiLocale: 'ru', stored: { summaryLang: 'be' } });
    await getContext(7, chosen.deps);
    assert.equal(chosen.log.endpoints[0], 'http://127.0.0.1:8000/v1/context?summary_lang=be');
  });

  it('answers with the backend it asked, for the story link', async () => {
    const { deps } = fakeBrowser({
      url: 'https://news.example/story',
      stored: { backendUrl: 'http://localhost:9000/' },
    });
    const answer = await getContext(7, deps);
    assert.equal(answer.ok && answer.backendUrl, 'http://localhost:9000');
  });

  it('never reads or sends a page from a blocked site', async () => {
    const { deps, log } = fakeBrowser({
      url: 'https://www.news.example/story',
      stored: { ...DEFAULTS, blockedSites: 'news.example' },
    });
    const answer = await getContext(7, deps);
    assert.deepEqual(answer, {
      ok: false,
      failure: { kind: 'blocked', host: 'news.example' },
    });
    assert.equal(log.reads, 0);
    assert.equal(log.sent.length, 0);
  });

  it('does not try to read a browser page', async () => {
    const { deps, log } = fakeBrowser({ url: 'chrome://settings/' });
    const answer = await getContext(7, deps);
    assert.deepEqual(answer, {
      ok: false,
      failure: { kind: 'restricted', reason: 'browser' },
    });
    assert.equal(log.reads, 0);
  });

  it('calls a page the browser will not let it read restricted', async () => {
    const { deps, log } = fakeBrowser({
      url: 'https://news.example/viewer',
      readFails: true,
    });
    const answer = await getContext(7, deps);
    assert.deepEqual(answer, {
      ok: false,
      failure: { kind: 'restricted', reason: 'browser' },
    });
    assert.equal(log.sent.length, 0);
  });

  it('calls a page whose address the browser hides a browser page', async () => {
    const { deps, log } = fakeBrowser({
      url: 'chrome://version/',
      hidden: true,
      readFails: true,
    });
    const answer = await getContext(7, deps);
    assert.deepEqual(answer, {
      ok: false,
      failure: { kind: 'restricted', reason: 'browser' },
    });
    assert.equal(log.sent.length, 0);
  });

  it('does not send a PDF', async () => {
    const { deps, log } = fakeBrowser({
      url: 'https://news.example/download?id=1',
      contentType: 'application/pdf',
    });
    const answer = await getContext(7, deps);
    assert.deepEqual(answer, {
      ok: false,
      failure: { kind: 'restricted', reason: 'pdf' },
    });
    assert.equal(log.sent.length, 0);
  });

  it('asks for access when the backend host is not granted', async () => {
    const { deps, log } = fakeBrowser({
      url: 'https://news.example/story',
      stored: { ...DEFAULTS, backendUrl: 'https://api.example:8443' },
      granted: false,
    });
    const answer = await getContext(7, deps);
    assert.deepEqual(answer, {
      ok: false,
      failure: {
        kind: 'permission',
        backend: 'https://api.example:8443',
        origin: 'https://api.example/*',
      },
    });
    assert.equal(log.sent.length, 0);
  });
});

describe('reportFeedback', () => {
  it('posts the cleaned URL, the event and the verdict to the configured backend, without cookies', async () => {
    const { deps, log } = fakeBrowser({ url: 'https://news.example/story', stored: { apiToken: 't0ken' } });
    const answer = await reportFeedback(
      { type: 'feedback:send', url: 'https://news.example/story?utm_source=x#c', eventId: 'e-1', verdict: 'wrong' },
      deps,
    );
    assert.deepEqual(answer, { ok: true, id: 'fb-1' });
    assert.deepEqual(log.endpoints, ['http://127.0.0.1:8000/v1/feedback']);
    assert.deepEqual(log.sent, [{ url: 'https://news.example/story', event_id: 'e-1', verdict: 'wrong' }]);
    assert.equal(log.inits[0].credentials, 'omit');
    assert.equal(/** @type {Record<string, string>} */ (log.inits[0].headers).Authorization, 'Bearer t0ken');
  });
});
