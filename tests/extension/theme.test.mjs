import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { EXTENSION } from './support/locale.mjs';

// The colour pairs the popup and the options page draw text with: [text, background], as theme.css names them.
const TEXT_ON = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-raised'],
  ['text', 'accent-soft'],
  ['text', 'danger-soft'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-raised'],
  ['muted', 'danger-soft'],
  ['accent', 'bg'],
  ['accent', 'surface-raised'],
  ['accent', 'accent-soft'],
  ['accent-text', 'accent'],
  ['high', 'bg'],
  ['high', 'surface-raised'],
  ['medium', 'bg'],
  ['medium', 'surface-raised'],
  ['low', 'bg'],
  ['low', 'surface-raised'],
];

/** The custom properties of the first `:root` block after `from` in theme.css. @param {string} from */
function palette(from) {
  const css = readFileSync(new URL('theme.css', EXTENSION), 'utf8');
  const block = css.slice(css.indexOf(from)).match(/:root\s*{([^}]*)}/)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1], match[2]]));
}

/** WCAG 2 relative luminance of #rrggbb. @param {string} hex */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** @param {string} a @param {string} b */
function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe('theme.css', () => {
  const light = palette(':root');
  const dark = { ...light, ...palette('prefers-color-scheme: dark') };

  for (const [scheme, colours] of /** @type {const} */ ([
    ['light', light],
    ['dark', dark],
  ])) {
    it(`keeps text at WCAG AA contrast (4.5:1) in ${scheme}`, () => {
      for (const [text, background] of TEXT_ON) {
        assert.ok(colours[text] && colours[background], `${text} or ${background} missing`);
        const ratio = contrast(colours[text], colours[background]);
        assert.ok(ratio >= 4.5, `${scheme}: ${text} on ${background} is ${ratio.toFixed(2)}:1`);
      }
    });
  }

  it('has a dark palette that differs from the light one', () => {
    assert.notEqual(dark.bg, light.bg);
  });
});
