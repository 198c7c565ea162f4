/**
 * What the popup says for each {@link import('./messages.js').Failure}: a title, a plain explanation and the
 * action that helps. Pure, like view.js. The server's own words never reach the reader; a server error shows a
 * reference id to quote instead.
 */

/** @typedef {'retry' | 'options' | 'grant'} FailureAction */

/**
 * @typedef {object} FailureView
 * @property {string} kind
 * @property {string} title
 * @property {string} detail
 * @property {{before: string, command: string, after: string} | null} hint a command to run, shown as code
 * @property {string} reference an id to quote when reporting the problem ('' when none)
 * @property {FailureAction[]} actions
 */

const DEFAULT_BACKEND = 'http://127.0.0.1:8000';

/**
 * @param {import('./messages.js').Failure} failure
 * @param {import('./view.js').Translate} t
 * @param {string} [locale] the interface locale, for "in 2 minutes"
 * @returns {FailureView}
 */
export function failureView(failure, t, locale = 'en-GB') {
  /** @type {FailureView} */
  const view = { kind: failure.kind, title: '', detail: '', hint: null, reference: '', actions: [] };
  switch (failure.kind) {
    case 'restricted':
      return {
        ...view,
        title: t(`restricted_${failure.reason}_title`),
        detail: t(`restricted_${failure.reason}_detail`),
      };
    case 'blocked':
      return { ...view, title: t('blockedTitle'), detail: t('blockedDetail', [failure.host]), actions: ['options'] };
    case 'permission':
      return {
        ...view,
        title: t('permissionTitle'),
        detail: t('permissionDetail', [failure.backend]),
        actions: ['grant'],
      };
    case 'unreachable': {
      const command = startCommand(failure.backend);
      return {
        ...view,
        title: t('unreachableTitle'),
        detail: t('unreachableDetail', [failure.backend]),
        hint: command
          ? { before: t('unreachableHintBefore'), command, after: t('unreachableHintAfter') }
          : { before: t('unreachableRemoteHint'), command: '', after: '' },
        actions: ['retry', 'options'],
      };
    }
    case 'timeout':
      return {
        ...view,
        title: t('timeoutTitle'),
        detail: t('timeoutDetail', [failure.backend, String(failure.seconds)]),
        actions: ['retry'],
      };
    case 'not-article':
      return { ...view, title: t('notArticleTitle'), detail: t('notArticleDetail') };
    case 'too-large':
      return { ...view, title: t('tooLargeTitle'), detail: t('tooLargeDetail') };
    case 'auth':
      return {
        ...view,
        title: t(failure.status === 401 ? 'authNeededTitle' : 'authRefusedTitle'),
        detail: t(failure.status === 401 ? 'authNeededDetail' : 'authRefusedDetail'),
        actions: ['options'],
      };
    case 'rate-limited':
      return {
        ...view,
        title: t('rateLimitedTitle'),
        detail:
          failure.retryAfterS === null
            ? t('rateLimitedLater')
            : t('rateLimitedWhen', [retryIn(failure.retryAfterS, locale)]),
        actions: ['retry'],
      };
    case 'server': {
      const unavailable = [502, 503, 504].includes(failure.status);
      return {
        ...view,
        title: t(unavailable ? 'unavailableTitle' : 'serverTitle'),
        detail: t(unavailable ? 'unavailableDetail' : 'serverDetail'),
        reference: failure.requestId ? t('reference', [failure.requestId]) : '',
        actions: ['retry'],
      };
    }
    case 'problem':
      return {
        ...view,
        title: t('problemTitle'),
        detail: t('problemStatus', [String(failure.status)]),
        actions: ['retry'],
      };
    default:
      return { ...view, kind: 'bug', title: t('bugTitle'), detail: t('bugDetail'), actions: ['retry'] };
  }
}

/**
 * The command that starts a backend at this address from the project folder, or '' when the address is not on
 * this machine (then no local command can help).
 * @param {string} backend a normalised backend URL
 */
export function startCommand(backend) {
  if (backend === DEFAULT_BACKEND) return 'make run';
  let url;
  try {
    url = new URL(backend);
  } catch {
    return '';
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!loopback || url.protocol !== 'http:' || (url.pathname !== '/' && url.pathname !== '')) return '';
  const host = url.hostname === '127.0.0.1' ? [] : [`BACKSTORY_HOST=${url.hostname.replace(/^\[|\]$/g, '')}`];
  const port = url.port && url.port !== '8000' ? [`BACKSTORY_PORT=${url.port}`] : url.port ? [] : ['BACKSTORY_PORT=80'];
  return [...host, ...port, 'make run'].join(' ');
}

/**
 * "in 30 seconds", "in 2 minutes", "через 2 минуты".
 * @param {number} seconds
 * @param {string} locale
 */
export function retryIn(seconds, locale) {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  if (seconds < 90) return format.format(Math.max(1, Math.round(seconds)), 'second');
  if (seconds < 90 * 60) return format.format(Math.round(seconds / 60), 'minute');
  return format.format(Math.round(seconds / 3600), 'hour');
}
