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
    ...['high', 'medium', 'low'].flatMap((level) => [`reports_${level}`, `sureness_${level}`, `explanation_${level}`]),
    ...['too_short', 'no_evidence', 'low_confidence', 'unknown'].map((code) => `abstain_${code}`),
    ...['earlier', 'later'].map((relation) => `reason_story_${relation}`),
    ...['retry', 'options', 'grant'].map((action) => `action_${action}`),
  ];
  return new Set([...literal, ...built]);
}

const LANGUAGES = readdirSync(new URL('_locales/', EXTENSION)).sort();

describe('_locales', () => {
  const en = loadMessages('en');

  it('speaks English, Russian and Belarusian', () => {
    assert.deepEqual(LANGUAGES, ['be', 'en', 'ru']);
  });

  for (const lang of LANGUAGES) {
    const messages = loadMessages(lang);

    it(`has every message the code uses in ${lang}`, () => {
      for (const name of usedNames()) assert.ok(messages[name]?.message, `${lang} lacks ${name}`);
    });

    it(`has the same messages and placeholders as English in ${lang}`, () => {
      assert.deepEqual(Object.keys(messages).sort(), Object.keys(en).sort());
      for (const name of Object.keys(en)) {
        assert.deepEqual(
          Object.keys(messages[name].placeholders ?? {}),
          Object.keys(en[name].placeholders ?? {}),
          name,
        );
      }
    });

    it(`names its own locale in ${lang}, so dates follow the labels`, () => {
      assert.equal(messages.uiLocale.message.split('-')[0], lang);
      assert.doesNotThrow(() => new Intl.DateTimeFormat(messages.uiLocale.message));
    });
  }

  it('has no English left in the Russian and Belarusian labels', () => {
    // Names, commands and addresses stay as they are; any other Latin word is an untranslated label.
    const allowed =
      /Backstory|make run|API|bearer|PDF|http(s)?|news\.example\.org|example\.com|127\.0\.0\.1|8000|\$[A-Z_]+\$/g;
    for (const lang of ['ru', 'be']) {
      for (const [name, { message }] of Object.entries(loadMessages(lang))) {
        if (name === 'uiLocale') continue;
        assert.doesNotMatch(message.replace(allowed, ''), /[A-Za-z]{2,}/, `${lang} ${name}: ${message}`);
      }
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
