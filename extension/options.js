// The options page: fill the form from storage.sync, and on save ask for the backend's host permission
// (it must be asked within the click) and store the values.
import { browserApi } from './browser.js';
import { localise, translator } from './i18n.js';
import { DEFAULTS, loadStoredOptions } from './storage.js';
import { normaliseBackendUrl, originPattern } from './urls.js';
import { languageName } from './view.js';

/** Languages offered for summaries: those of the bundled story's press, and a few more. */
const SUMMARY_LANGUAGES = ['en', 'ru', 'be', 'uk', 'pl', 'lt', 'lv', 'de', 'fr', 'it', 'ro', 'es'];

const t = translator(browserApi);
const form = /** @type {HTMLFormElement} */ (document.getElementById('options'));
const status = /** @type {HTMLElement} */ (document.getElementById('status'));
const urlError = /** @type {HTMLElement} */ (document.getElementById('backendUrl-error'));
/** @param {string} name */
const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

async function fill() {
  const select = field('summaryLang');
  for (const code of SUMMARY_LANGUAGES) select.append(new Option(`${languageName(code, code)} (${code})`, code));
  const stored = await loadStoredOptions(browserApi);
  for (const name of /** @type {(keyof typeof DEFAULTS)[]} */ (Object.keys(DEFAULTS)))
    field(name).value = String(stored[name]);
  field('backendUrl').placeholder = DEFAULTS.backendUrl;
}

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  const backendUrl = normaliseBackendUrl(field('backendUrl').value);
  field('backendUrl').setAttribute('aria-invalid', String(!backendUrl));
  urlError.hidden = Boolean(backendUrl);
  if (!backendUrl) {
    urlError.textContent = t('backendUrlInvalid');
    field('backendUrl').focus();
    return;
  }
  // First call in the handler: browsers only show the permission prompt during the user's click.
  const granted = await browserApi.requestOrigin(originPattern(backendUrl)).catch(() => false);
  await browserApi.saveSync({
    backendUrl,
    apiToken: field('apiToken').value.trim(),
    blockedSites: field('blockedSites').value,
    summaryLang: field('summaryLang').value,
  });
  field('backendUrl').value = backendUrl;
  status.textContent = granted ? t('saved') : t('savedWithoutPermission', [backendUrl]);
  status.classList.toggle('status--warning', !granted);
}

localise(document, t);
document.documentElement.lang = browserApi.uiLanguage();
form.addEventListener('submit', save);
fill();
