// The popup: find the tab, ask the worker for its backstory, show the answer. Opening the popup is the click
// that sends the page; nothing is read before it.
import { browserApi } from './browser.js';
import { failureView } from './failures.js';
import { localise, translator } from './i18n.js';
import { contextGet } from './messages.js';
import { renderContext, renderFailure, renderLoading } from './render.js';
import { contextView } from './view.js';

const t = translator(browserApi);
const locale = browserApi.uiLanguage();

/**
 * The tab to read: the active one, or the one named by `?tabId=` when the popup page is opened in a tab of
 * its own (how the end-to-end tests drive it, since a headless browser has no toolbar to click).
 * @returns {Promise<number | undefined>}
 */
async function targetTabId() {
  const named = Number.parseInt(new URLSearchParams(location.search).get('tabId') ?? '', 10);
  return Number.isInteger(named) ? named : browserApi.activeTabId();
}

/** @param {Node} node */
function show(node) {
  const content = /** @type {HTMLElement} */ (document.getElementById('content'));
  content.replaceChildren(node);
  content.setAttribute('aria-busy', String(node instanceof Element && node.classList.contains('loading')));
  // Put keyboard focus on the first thing to act on, so Enter retries straight away.
  const first = content.querySelector('button, a[href]');
  if (first instanceof HTMLElement && content.querySelector('.notice')) first.focus();
}

async function run() {
  show(renderLoading(document, t));
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
    show(renderContext(document, contextView(answer.response, { t, locale }), t));
    return;
  }
  const view = failureView(answer.failure, t);
  show(renderFailure(document, view, t, { retry: run, options: openOptions, grant: () => grant(answer.failure) }));
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
