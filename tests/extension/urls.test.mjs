import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  blockedHost,
  blockingEntry,
  cleanUrl,
  normaliseBackendUrl,
  originPattern,
  parseBlockedSites,
  restrictionOf,
} from '../../extension/urls.js';

describe('cleanUrl', () => {
  it('drops the fragment', () => {
    assert.equal(cleanUrl('https://news.example/a/b#comments'), 'https://news.example/a/b');
  });

  for (const name of [
    'utm_source',
    'UTM_Medium',
    'utm_campaign',
    'fbclid',
    'gclid',
    'mc_eid',
    'yclid',
    'igshid',
    'msclkid',
    '_ga',
  ]) {
    it(`drops the tracking parameter ${name}`, () => {
      assert.equal(cleanUrl(`https://news.example/story?${name}=x123`), 'https://news.example/story');
    });
  }

  it('keeps the other parameters in order and as they were encoded', () => {
    assert.equal(
      cleanUrl('https://news.example/read.php?utm_source=tw&id=42&q=a%20b&fbclid=Z&page=2#top'),
      'https://news.example/read.php?id=42&q=a%20b&page=2',
    );
  });

  it('drops credentials in the address', () => {
    assert.equal(cleanUrl('https://user:secret@news.example/x'), 'https://news.example/x');
  });

  it('leaves a clean URL as it is', () => {
    const url = 'https://news.example/2025/09/11/belarus?id=7';
    assert.equal(cleanUrl(url), url);
  });

  it('keeps non-Latin paths intact', () => {
    assert.equal(cleanUrl('https://навіны.example/артыкул?utm_term=x'), new URL('https://навіны.example/артыкул').href);
  });
});

describe('restrictionOf', () => {
  const cases = [
    ['chrome://settings/', 'browser'],
    ['chrome-extension://abc/popup.html', 'browser'],
    ['about:newtab', 'browser'],
    ['edge://extensions', 'browser'],
    ['view-source:https://news.example/', 'browser'],
    ['https://chromewebstore.google.com/detail/xyz', 'store'],
    ['https://chrome.google.com/webstore/category/extensions', 'store'],
    ['https://addons.mozilla.org/en-US/firefox/', 'store'],
    ['https://news.example/report.pdf', 'pdf'],
    ['file:///home/me/page.html', 'unsupported'],
    ['not a url', 'unsupported'],
    [undefined, 'unsupported'],
    ['https://news.example/story', null],
    ['http://127.0.0.1:8765/en-article.html', null],
    ['https://chrome.google.com/search', null],
  ];
  for (const [url, expected] of cases) {
    it(`says ${expected} for ${url}`, () => {
      assert.equal(restrictionOf(url), expected);
    });
  }

  it('recognises a PDF by its content type', () => {
    assert.equal(restrictionOf('https://news.example/download?id=3', 'application/pdf'), 'pdf');
  });

  it('refuses a non-HTML document', () => {
    assert.equal(restrictionOf('https://news.example/feed', 'image/png'), 'unsupported');
  });

  it('accepts XHTML', () => {
    assert.equal(restrictionOf('https://news.example/x', 'application/xhtml+xml'), null);
  });
});

describe('blocked sites', () => {
  it('reduces what the user typed to hosts', () => {
    assert.deepEqual(
      parseBlockedSites('https://www.Example.com/news\n\n  *.tabloid.example , other.example.\n# a comment'),
      ['example.com', 'tabloid.example', 'other.example'],
    );
  });

  it('ignores an entry without a host', () => {
    assert.equal(blockedHost('   '), '');
    assert.equal(blockedHost('http://'), '');
  });

  it('blocks the host and its subdomains', () => {
    const hosts = ['example.com'];
    assert.equal(blockingEntry('https://example.com/a', hosts), 'example.com');
    assert.equal(blockingEntry('https://www.example.com/a', hosts), 'example.com');
    assert.equal(blockingEntry('https://news.EXAMPLE.com./a', hosts), 'example.com');
  });

  it('does not block a look-alike host', () => {
    assert.equal(blockingEntry('https://notexample.com/a', ['example.com']), null);
    assert.equal(blockingEntry('https://example.com.evil.test/a', ['example.com']), null);
  });

  it('blocks a loopback host typed with a port', () => {
    assert.equal(blockingEntry('http://localhost:8765/page.html', parseBlockedSites('localhost:8765')), 'localhost');
  });
});

describe('backend address', () => {
  it('strips the trailing slash and adds a missing scheme', () => {
    assert.equal(normaliseBackendUrl(' http://127.0.0.1:8000/ '), 'http://127.0.0.1:8000');
    assert.equal(normaliseBackendUrl('backstory.example:9000'), 'http://backstory.example:9000');
    assert.equal(normaliseBackendUrl('https://api.example/backstory/'), 'https://api.example/backstory');
  });

  it('refuses what is not http(s)', () => {
    assert.equal(normaliseBackendUrl('ftp://files.example'), null);
    assert.equal(normaliseBackendUrl(''), null);
    assert.equal(normaliseBackendUrl('http://'), null);
  });

  it('asks for the host of the backend, any port', () => {
    assert.equal(originPattern('https://api.example:8443/backstory'), 'https://api.example/*');
    assert.equal(originPattern('http://127.0.0.1:8000'), 'http://127.0.0.1/*');
  });
});
