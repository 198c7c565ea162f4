// The popup: find the tab, ask the worker for its backstory, show the answer. Opening the popup is the click
// that sends the page; nothing is read before it.
import { browserApi } from './browser.js';
import { failureView } from './failures.js';
import { interfaceLocale, localise, translator } from './i18n.js';
import { contextGet, feedbackSend } from './messages.js';
import { renderContext, renderFailure, renderLoading } from './render.js';
import { contextView } from './view.js';

const t = translator(browserApi);
const locale = interfaceLocale(browserApi);
const content = /** @type {HTMLElement} */ (document.getElementById('content'));
const status = /** @type {HTMLElement} */ (document.getElementById('status'));

/**
 * The tab to read: the active one, or the one named by `?tabId=` when the popup page is opened in a tab of
 * its own (how the end-to-end tests drive it, since a headless browser has no toolbar to click).
 * @returns {Promise<number | undefined>}
 */
async function targetTabId() {
  const named = Number.parseInt(new URLSearchParams(location.search).get('tabId') ?? '', 10);
  return Number.isInteger(named) ? named : browserApi.activeTabId();
}

/**
 * Say something short in the live region: the popup's state, never the whole result.
 * @param {string} text
 */
function announce(text) {
  status.textContent = text;
}

/** @param {Node} node */
function show(node) {
  content.replaceChildren(node);
  content.setAttribute('aria-busy', String(node instanceof Element && node.classList.contains('loading')));
}

async function run() {
  show(renderLoading(document, t));
  announce(t('loading'));
  const tabId = await targetTabId();
  /** @type {import('./messages.js').ContextAnswer} */
  const answer =
    tabId === undefined
      ? { ok: false, failure: { kind: 'restricted', reason: 'unsupported' } }
      : await browserApi.send(contextGet(tabId)).catch((/** @type {Error} */ error) => ({
          ok: false,
          failure: { kind: 'bug', detail: error.message },
        }));
  if (answer.ok) {
    showContext(answer, /** @type {number} */ (tabId));
    return;
  }
  const view = failureView(answer.failure, t, locale);
  show(renderFailure(document, view, t, { retry: run, options: openOptions, grant: () => grant(answer.failure) }));
  announce(view.title);
  // Keyboard focus on the one thing to do, so Enter retries straight away.
  content.querySelector('button')?.focus();
}

/**
 * @param {Extract<import('./messages.js').ContextAnswer, {ok: true}>} answer
 * @param {number} tabId
 */
function showContext(answer, tabId) {
  const view = contextView(answer.response, { t, locale }, { backendUrl: answer.backendUrl });
  const handlers = {
    /** @param {HTMLButtonElement} button */
    feedback: (button) => sendFeedback(button, answer.url, view.feedback),
    /** @param {string[]} texts */
    highlight: (texts) => highlight(tabId, texts),
  };
  show(renderContext(document, view, t, handlers));
  announce(view.match ? t('announceMatch', [view.match.title]) : (view.abstained?.title ?? ''));
}

/**
 * One click sends the report; the button then says it was sent (or lets the reader try again).
 * @param {HTMLButtonElement} button
 * @param {string} url
 * @param {import('./view.js').ContextView['feedback']} feedback
 */
async function sendFeedback(button, url, { eventId, verdict }) {
  button.disabled = true;
  button.textContent = t('feedbackSending');
  /** @type {import('./messages.js').FeedbackAnswer} */
  const answer = await browserApi
    .send(feedbackSend(url, eventId, verdict))
    .catch((/** @type {Error} */ error) => ({ ok: false, failure: { kind: 'bug', detail: error.message } }));
  if (answer.ok) {
    button.textContent = t('feedbackThanks');
    button.classList.add('feedback--sent');
    announce(t('feedbackThanks'));
    return;
  }
  // Clicking again tries again; the button says why the last try failed.
  const failed = t('feedbackFailed', [failureView(answer.failure, t, locale).title]);
  button.disabled = false;
  button.textContent = failed;
  announce(failed);
}

/**
 * @param {number} tabId
 * @param {string[]} texts
 */
async function highlight(tabId, texts) {
  const count = await browserApi.highlight(tabId, texts).catch(() => 0);
  announce(count ? t('highlighted') : t('highlightNone'));
}

/** @param {import('./messages.js').Failure} failure */
async function grant(failure) {
  if (failure.kind === 'permission' && (await browserApi.requestOrigin(failure.origin))) await run();
}

function openOptions() {
  browserApi.openOptions();
  window.close();
}

localise(document, t);
document.documentElement.lang = locale;
document.getElementById('open-options')?.addEventListener('click', openOptions);
run();
