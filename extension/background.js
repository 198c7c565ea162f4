// The service worker (an event page in Firefox): it only registers listeners; the work is in context.js.
import { browserApi } from './browser.js';
import { getContext, reportFeedback } from './context.js';
import { CONTEXT_GET, FEEDBACK_SEND } from './messages.js';

/** @param {unknown} error */
const bug = (error) => ({
  ok: false,
  failure: { kind: 'bug', detail: String(/** @type {any} */ (error)?.message ?? error) },
});

browserApi.onMessage((message) => {
  switch (message?.type) {
    case CONTEXT_GET:
      return getContext(message.tabId, { api: browserApi }).catch(bug);
    case FEEDBACK_SEND:
      return reportFeedback(message, { api: browserApi }).catch(bug);
    default:
      return undefined;
  }
});
