import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';

import { EXTENSION, loadMessages } from './support/locale.mjs';

const sources = readdirSync(EXTENSION)
  .filter((name) => /\.(js|html|json)$/.test(name) && name !== 'package.json' && name !== 'package-lock.json')
  .map((name) => readFileSync(new URL(name, EXTENSION), 'utf8'))
  .join('\n');

/** Message names the code uses literally, plus those it builds from a fixed list of suffixes. */
function usedNames() {
  const literal = [
    ...sources.matchAll(/\bt\('([A-Za-z_]+)'/g),
    ...sources.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z_]+)"/g),
    ...sources.matchAll(/__MSG_([A-Za-z_]+)__/g),
  ].map((match) => match[1]);
  const built = [
    ...['browser', 'store', 'pdf', 'unsupported'].flatMap((reason) => [
      `restricted_${reason}_title`,
      `restricted_${reason}_detail`,
    ]),
    ...['this', 'earlier', 'later'].map((relation) => `relation_${relation}`),
    ...['high', 'medium', 'low'].map((level) => `confidence_${level}`),
    ...['retry', 'options', 'grant'].map((action) => `action_${action}`),
  ];
  return new Set([...literal, ...built]);
}

describe('_locales', () => {
  const en = loadMessages('en');
  const ru = loadMessages('ru');

  it('has every message the code uses, in English and Russian', () => {
    for (const name of usedNames()) {
      assert.ok(en[name]?.message, `en lacks ${name}`);
      assert.ok(ru[name]?.message, `ru lacks ${name}`);
    }
  });

  it('has the same messages and placeholders in both languages', () => {
    assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
    for (const name of Object.keys(en)) {
      assert.deepEqual(Object.keys(ru[name].placeholders ?? {}), Object.keys(en[name].placeholders ?? {}), name);
    }
  });
});

describe('manifest', () => {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', EXTENSION), 'utf8'));

  it('asks for the minimal permissions', () => {
    assert.equal(manifest.manifest_version, 3);
    assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'scripting', 'storage']);
    assert.deepEqual(manifest.host_permissions, ['http://127.0.0.1/*', 'http://localhost/*']);
    assert.equal(manifest.content_scripts, undefined);
  });

  it('declares Firefox support and its data collection', () => {
    const gecko = manifest.browser_specific_settings.gecko;
    assert.ok(gecko.id);
    assert.ok(Number.parseFloat(gecko.strict_min_version) >= 128);
    assert.ok(gecko.data_collection_permissions.required.length > 0);
  });
});
