// The service worker (an event page in Firefox): it only registers listeners; the work is in context.js.
import { browserApi } from './browser.js';
import { getContext } from './context.js';
import { CONTEXT_GET } from './messages.js';

browserApi.onMessage((message) => {
  switch (message?.type) {
    case CONTEXT_GET:
      return getContext(message.tabId, { api: browserApi }).catch((error) => ({
        ok: false,
        failure: { kind: 'bug', detail: String(error?.message ?? error) },
      }));
    default:
      return undefined;
  }
});
