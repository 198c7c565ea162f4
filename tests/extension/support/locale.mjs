// A stand-in for browser.i18n.getMessage that reads the extension's own _locales files, placeholders and all.
import { readFileSync } from 'node:fs';

export const EXTENSION = new URL('../../../extension/', import.meta.url);

/** @param {string} lang */
export function loadMessages(lang) {
  return JSON.parse(readFileSync(new URL(`_locales/${lang}/messages.json`, EXTENSION), 'utf8'));
}

/**
 * @param {string} lang
 * @returns {(name: string, substitutions?: string[]) => string}
 */
export function translatorFor(lang) {
  const messages = loadMessages(lang);
  return (name, substitutions = []) => {
    const entry = messages[name];
    if (!entry) throw new Error(`no message ${name} in ${lang}`);
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, placeholder) => {
      const content = entry.placeholders?.[placeholder.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, index) => substitutions[Number(index) - 1] ?? '');
    });
  };
}
