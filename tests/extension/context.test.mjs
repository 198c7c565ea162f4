import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { getContext } from '../../extension/context.js';
import { DEFAULTS } from '../../extension/storage.js';
import { matchedResponse } from './support/responses.mjs';

/**
 * A fake of browser.js's API around one tab, recording what was read and sent.
 * @param {{url: string, contentType?: string, stored?: object, granted?: boolean, readFails?: boolean,
 *   hidden?: boolean}} setup hidden: the browser does not tell the tab's URL
 */
function fakeBrowser({
  url,
  contentType = 'text/html',
  stored = {},
  granted = true,
  readFails = false,
  hidden = false,
}) {
  const log = { reads: 0, sent: /** @type {any[]} */ ([]) };
  const api = {
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
  const fetch = async (_endpoint, init) => {
    log.sent.push(JSON.parse(String(init?.body)));
    return new Response(JSON.stringify(matchedResponse()), { status: 200 });
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
