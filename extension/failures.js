/**
 * What the popup says for each {@link import('./messages.js').Failure}: a title, a plain explanation and what
 * the reader can do next. Pure, like view.js.
 */

/** @typedef {'retry' | 'options' | 'grant'} FailureAction */

/**
 * @typedef {object} FailureView
 * @property {string} kind
 * @property {string} title
 * @property {string} detail
 * @property {{before: string, command: string, after: string} | null} hint a command to run, shown as code
 * @property {FailureAction[]} actions
 */

/**
 * @param {import('./messages.js').Failure} failure
 * @param {import('./view.js').Translate} t
 * @returns {FailureView}
 */
export function failureView(failure, t) {
  /** @type {FailureView} */
  const view = { kind: failure.kind, title: '', detail: '', hint: null, actions: [] };
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
    case 'unreachable':
      return {
        ...view,
        title: t('unreachableTitle'),
        detail: t('unreachableDetail', [failure.backend]),
        hint: { before: t('unreachableHintBefore'), command: 'make run', after: t('unreachableHintAfter') },
        actions: ['retry', 'options'],
      };
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
    case 'problem':
      return {
        ...view,
        title: failure.title,
        detail: failure.detail
          ? t('problemDetail', [String(failure.status), failure.detail])
          : t('problemStatus', [String(failure.status)]),
        actions: ['retry'],
      };
    default:
      return {
        ...view,
        kind: 'bug',
        title: t('bugTitle'),
        detail: 'detail' in failure ? failure.detail : '',
        actions: ['retry'],
      };
  }
}
