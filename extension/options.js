// The options page: fill the form from storage.sync, and on save ask for the backend's host permission
// (it must be asked within the click) and store the values.
import { checkHealth } from './api.js';
import { browserApi } from './browser.js';
import { failureView } from './failures.js';
import { interfaceLocale, localise, translator } from './i18n.js';
import { DEFAULTS, loadStoredOptions } from './storage.js';
import { normaliseBackendUrl, originPattern } from './urls.js';
import { languageName } from './view.js';

/** Languages offered for summaries: those of the bundled story's press, and a few more. */
const SUMMARY_LANGUAGES = ['en', 'ru', 'be', 'uk', 'pl', 'lt', 'lv', 'de', 'fr', 'it', 'ro', 'es'];

const t = translator(browserApi);
const locale = interfaceLocale(browserApi);
const form = /** @type {HTMLFormElement} */ (document.getElementById('options'));
const status = /** @type {HTMLElement} */ (document.getElementById('status'));
const urlError = /** @type {HTMLElement} */ (document.getElementById('backendUrl-error'));
const connection = /** @type {HTMLElement} */ (document.getElementById('connection-status'));
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

/** The typed backend address, normalised, or null after saying what is wrong with it. */
function typedBackendUrl() {
  const backendUrl = normaliseBackendUrl(field('backendUrl').value);
  field('backendUrl').setAttribute('aria-invalid', String(!backendUrl));
  urlError.hidden = Boolean(backendUrl);
  if (!backendUrl) {
    urlError.textContent = t('backendUrlInvalid');
    field('backendUrl').focus();
  }
  return backendUrl;
}

/** "Test connection": GET /healthz at the typed address, with the typed token, before anything is saved. */
async function testConnection() {
  const backendUrl = typedBackendUrl();
  if (!backendUrl) return;
  // Asked first, within the click, as for saving.
  const granted = await browserApi.requestOrigin(originPattern(backendUrl)).catch(() => false);
  connection.classList.remove('status--warning');
  if (!granted) {
    const view = failureView({ kind: 'permission', backend: backendUrl, origin: originPattern(backendUrl) }, t, locale);
    connection.textContent = t('connectionFailed', [view.title, view.detail]);
    connection.classList.add('status--warning');
    return;
  }
  connection.textContent = t('connectionTesting');
  const result = await checkHealth({ backendUrl, apiToken: field('apiToken').value.trim() });
  if (result.ok) {
    connection.textContent = t('connectionOk', [backendUrl]);
    return;
  }
  const view = failureView(result.failure, t, locale);
  const hint = view.hint?.command ? ` ${view.hint.before} ${view.hint.command}` : '';
  connection.textContent = t('connectionFailed', [view.title, `${view.detail}${hint}`]);
  connection.classList.add('status--warning');
}

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  const backendUrl = typedBackendUrl();
  if (!backendUrl) return;
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
document.documentElement.lang = locale;
form.addEventListener('submit', save);
document.getElementById('test-connection')?.addEventListener('click', testConnection);
fill();
