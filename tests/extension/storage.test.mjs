import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DEFAULTS, loadOptions, normaliseOptions } from '../../extension/storage.js';

describe('normaliseOptions', () => {
  it('uses the local backend by default', () => {
    assert.deepEqual(normaliseOptions({}), {
      backendUrl: 'http://127.0.0.1:8000',
      apiToken: '',
      blockedHosts: [],
      summaryLang: '',
    });
  });

  it('falls back to the default backend when the stored one is unusable', () => {
    assert.equal(normaliseOptions({ backendUrl: 'ftp://x' }).backendUrl, DEFAULTS.backendUrl);
  });

  it('turns the blocked-sites text into hosts', () => {
    assert.deepEqual(
      normaliseOptions({
        blockedSites: 'https://www.tabloid.example/\nlocalhost',
      }).blockedHosts,
      ['tabloid.example', 'localhost'],
    );
  });

  it('ignores a summary language that is not a language code', () => {
    assert.equal(normaliseOptions({ summaryLang: 'be' }).summaryLang, 'be');
    assert.equal(normaliseOptions({ summaryLang: 'be"; drop' }).summaryLang, '');
  });
});

describe('loadOptions', () => {
  it('asks storage for every key with its default', async () => {
    /** @type {unknown} */
    let asked;
    const api = {
      /** @param {Record<string, unknown>} defaults */
      loadSync: async (defaults) => {
        asked = defaults;
        return { ...defaults, backendUrl: 'https://api.example/' };
      },
    };
    const options = await loadOptions(/** @type {any} */ (api));
    assert.deepEqual(asked, { ...DEFAULTS });
    assert.equal(options.backendUrl, 'https://api.example');
  });
});
