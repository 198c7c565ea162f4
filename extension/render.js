/**
 * View models (view.js, failures.js) → DOM. Text goes in through textContent only: titles, summaries and
 * evidence come from pages and the backend, and must never be parsed as HTML.
 */

/** @typedef {import('./view.js').Translate} Translate */

/**
 * @param {Document} doc
 * @param {string} tag
 * @param {{className?: string, text?: string, attrs?: Record<string, string>}} [props]
 * @param {(Node | string | null)[]} [children]
 * @returns {HTMLElement}
 */
function el(doc, tag, { className, text, attrs } = {}, children = []) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  return node;
}

/**
 * Text for screen readers only (popup.css, .visually-hidden).
 * @param {Document} doc
 * @param {string} text
 */
function hidden(doc, text) {
  return el(doc, 'span', { className: 'visually-hidden', text });
}

/**
 * A link that opens in a new tab and says so: the arrow is for the eye, the words for a screen reader.
 * @param {Document} doc
 * @param {{href: string, className: string, label: string, title?: string}} link
 * @param {Translate} t
 */
function externalLink(doc, { href, className, label, title }, t) {
  return el(
    doc,
    'a',
    { className, attrs: { href, target: '_blank', rel: 'noopener noreferrer', title: title || href } },
    [
      label,
      hidden(doc, ` ${t('opensInNewTab')}`),
      el(doc, 'span', { className: 'arrow', text: ' ↗', attrs: { 'aria-hidden': 'true' } }),
    ],
  );
}

/**
 * @param {Document} doc
 * @param {Translate} t
 */
export function renderLoading(doc, t) {
  return el(doc, 'section', { className: 'loading', attrs: { 'aria-label': t('loading') } }, [
    el(doc, 'p', { className: 'loading-text' }, [
      el(doc, 'span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      t('loading'),
    ]),
    ...[1, 2, 3].map(() => el(doc, 'div', { className: 'skeleton', attrs: { 'aria-hidden': 'true' } })),
  ]);
}

/**
 * @typedef {object} ContextHandlers
 * @property {(button: HTMLButtonElement) => void} [feedback] the reader clicked "Wrong match?" (or its
 *   abstention twin)
 * @property {(texts: string[]) => void} [highlight] the reader asked to see the evidence in the page
 */

/**
 * @param {Document} doc
 * @param {import('./view.js').ContextView} view
 * @param {Translate} t
 * @param {ContextHandlers} [handlers]
 */
export function renderContext(doc, view, t, handlers = {}) {
  const root = el(doc, 'div', { className: 'result' });
  root.append(view.match ? renderMatch(doc, view.match, view, t, handlers) : renderAbstained(doc, view, t, handlers));
  const sections = [
    // Without a match, the timeline is the related story's: it is named, as the abstention says.
    {
      id: 'earlier',
      heading: t(view.match ? 'earlierHeading' : 'storyHeading'),
      subtitle: view.match ? '' : (view.story?.title ?? ''),
      cards: view.earlier,
      shown: 3,
    },
    { id: 'later', heading: t('laterHeading'), subtitle: '', cards: view.later, shown: 1 },
  ].filter((section) => section.cards.length);
  for (const section of sections) root.append(renderTimeline(doc, section, t));
  if (!sections.length && !view.match) root.append(el(doc, 'p', { className: 'empty', text: t('noTimeline') }));
  if (view.story?.href) {
    root.append(
      el(doc, 'p', { className: 'story-link' }, [
        externalLink(doc, { href: view.story.href, className: 'button story-open', label: t('openStory') }, t),
        el(doc, 'span', { className: 'story-title', text: view.story.title }),
      ]),
    );
  }
  return root;
}

/**
 * A story can hold dozens of events: the newest `shown` cards come first, the rest behind a "show more" button.
 * @param {Document} doc
 * @param {{id: string, heading: string, subtitle: string, cards: import('./view.js').CardView[], shown: number}} section
 * @param {Translate} t
 */
function renderTimeline(doc, { id, heading, subtitle, cards, shown }, t) {
  const items = cards.map((card) => renderCard(doc, card, t));
  const rest = items.slice(shown);
  for (const item of rest) item.setAttribute('hidden', '');
  const more = rest.length
    ? el(doc, 'button', {
        className: 'button more',
        text: t('showMore', [String(rest.length)]),
        attrs: { type: 'button', 'aria-expanded': 'false' },
      })
    : null;
  more?.addEventListener('click', () => {
    for (const item of rest) item.removeAttribute('hidden');
    more.remove();
    // Keyboard users go on from the first card they had not seen.
    rest[0].setAttribute('tabindex', '-1');
    rest[0].focus();
  });
  return el(doc, 'section', { className: `timeline timeline--${id}`, attrs: { 'aria-labelledby': `${id}-heading` } }, [
    el(doc, 'h2', { className: 'section-heading', text: heading, attrs: { id: `${id}-heading` } }),
    subtitle ? el(doc, 'p', { className: 'section-story', text: subtitle }) : null,
    el(doc, 'ol', { className: 'cards' }, items),
    more,
  ]);
}

/**
 * @param {Document} doc
 * @param {import('./view.js').MatchView} match
 * @param {import('./view.js').ContextView} view
 * @param {Translate} t
 * @param {ContextHandlers} handlers
 */
function renderMatch(doc, match, view, t, handlers) {
  const why = match.evidence.length ? renderWhy(doc, match, t, handlers) : null;
  return el(
    doc,
    'section',
    {
      className: `verdict verdict--${match.level}`,
      attrs: { 'aria-labelledby': 'event-title', 'data-event-id': match.eventId },
    },
    [
      view.articleLine ? el(doc, 'p', { className: 'eyebrow', text: view.articleLine }) : null,
      el(doc, 'p', { className: 'verdict-label', text: match.label }),
      el(doc, 'h1', { className: 'event-title', text: match.title, attrs: { id: 'event-title' } }),
      el(doc, 'p', { className: 'event-date', text: match.date }),
      el(doc, 'p', { className: `confidence confidence--${match.level}` }, [
        el(doc, 'span', { className: 'confidence-dot', attrs: { 'aria-hidden': 'true' } }),
        el(doc, 'strong', { className: 'sureness', text: match.sureness }),
        ` ${match.explanation}`,
      ]),
      ...renderSummary(doc, { id: match.eventId, title: match.title, summary: match.summary }, 'event-summary', t),
      el(doc, 'div', { className: 'verdict-actions' }, [
        why?.toggle ?? null,
        feedbackButton(doc, t('feedbackWrong'), handlers),
      ]),
      why?.panel ?? null,
    ],
  );
}

/**
 * "Why this match?": the evidence as the article wrote it, the score, and a way to see it in the page.
 * @param {Document} doc
 * @param {import('./view.js').MatchView} match
 * @param {Translate} t
 * @param {ContextHandlers} handlers
 */
function renderWhy(doc, match, t, handlers) {
  const highlight = handlers.highlight
    ? el(doc, 'button', { className: 'link-button highlight', text: t('showInArticle'), attrs: { type: 'button' } })
    : null;
  highlight?.addEventListener('click', () => handlers.highlight?.(match.evidence));
  const panel = el(doc, 'div', { className: 'why-panel', attrs: { id: 'why-panel', hidden: '' } }, [
    el(doc, 'p', { className: 'evidence-label', text: t('evidenceLabel') }),
    el(
      doc,
      'ul',
      { className: 'chips' },
      match.evidence.map((text) => el(doc, 'li', { className: 'chip', text })),
    ),
    el(doc, 'p', { className: 'score', text: t('scoreLine', [String(match.percent)]) }),
    highlight,
  ]);
  const toggle = el(doc, 'button', {
    className: 'link-button why-toggle',
    text: t('whyThisMatch'),
    attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'why-panel' },
  });
  toggle.addEventListener('click', () => {
    const opening = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(opening));
    if (opening) panel.removeAttribute('hidden');
    else panel.setAttribute('hidden', '');
  });
  return { toggle, panel };
}

/**
 * @param {Document} doc
 * @param {string} label
 * @param {ContextHandlers} handlers
 */
function feedbackButton(doc, label, handlers) {
  const button = /** @type {HTMLButtonElement} */ (
    el(doc, 'button', { className: 'link-button feedback', text: label, attrs: { type: 'button' } })
  );
  button.addEventListener('click', () => handlers.feedback?.(button));
  return button;
}

/**
 * @param {Document} doc
 * @param {import('./view.js').ContextView} view
 * @param {Translate} t
 * @param {ContextHandlers} handlers
 */
function renderAbstained(doc, view, t, handlers) {
  const abstained = /** @type {import('./view.js').AbstainedView} */ (view.abstained);
  return el(doc, 'section', { className: 'verdict verdict--abstained', attrs: { 'aria-labelledby': 'event-title' } }, [
    view.articleLine ? el(doc, 'p', { className: 'eyebrow', text: view.articleLine }) : null,
    el(doc, 'h1', { className: 'event-title', text: abstained.title, attrs: { id: 'event-title' } }),
    el(doc, 'p', { className: 'abstain-reason', text: abstained.reason }),
    abstained.storyNote ? el(doc, 'p', { className: 'abstain-reason story-note', text: abstained.storyNote }) : null,
    el(doc, 'div', { className: 'verdict-actions' }, [feedbackButton(doc, t('feedbackMissed'), handlers)]),
  ]);
}

/**
 * @param {Document} doc
 * @param {import('./view.js').CardView} card
 * @param {Translate} t
 */
export function renderCard(doc, card, t) {
  return el(doc, 'li', { className: `card card--${card.relation}`, attrs: { 'data-event-id': card.id } }, [
    el(doc, 'time', { className: 'card-date', text: card.date, attrs: { datetime: card.isoDate } }),
    el(doc, 'h3', { className: 'card-title', text: card.title }),
    ...renderSummary(doc, card, 'card-summary', t),
    card.reason ? el(doc, 'p', { className: 'card-reason', text: card.reason }) : null,
    card.sources.length
      ? el(
          doc,
          'ul',
          { className: 'sources', attrs: { 'aria-label': t('sourcesLabel') } },
          card.sources.map((source) =>
            el(doc, 'li', { className: 'source-item' }, [
              externalLink(
                doc,
                { href: source.href, className: 'source', label: source.label, title: source.title },
                t,
              ),
              source.title ? el(doc, 'span', { className: 'source-meta source-headline', text: source.title }) : null,
              source.meta ? el(doc, 'span', { className: 'source-meta', text: source.meta }) : null,
            ]),
          ),
        )
      : null,
  ]);
}

// Past this length a summary shows its first lines, with a button for the rest.
const LONG_SUMMARY = 140;

/**
 * A summary, and a toggle to read all of a long one, named by its card ("Read more about …").
 * @param {Document} doc
 * @param {{id: string, title: string, summary: string}} card
 * @param {string} className
 * @param {Translate} t
 * @returns {HTMLElement[]}
 */
function renderSummary(doc, card, className, t) {
  if (!card.summary) return [];
  const id = `${className}-${card.id}`;
  const summary = el(doc, 'p', { className, text: card.summary, attrs: { id } });
  if (card.summary.length <= LONG_SUMMARY) return [summary];
  summary.setAttribute('data-clamped', 'true');
  const label = el(doc, 'span', { text: t('readMore') });
  const toggle = el(
    doc,
    'button',
    { className: 'link-button read-more', attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': id } },
    [label, hidden(doc, ` ${t('aboutTitle', [card.title])}`)],
  );
  toggle.addEventListener('click', () => {
    const expanding = summary.getAttribute('data-clamped') === 'true';
    summary.setAttribute('data-clamped', String(!expanding));
    toggle.setAttribute('aria-expanded', String(expanding));
    label.textContent = t(expanding ? 'readLess' : 'readMore');
  });
  return [summary, toggle];
}

/**
 * @param {Document} doc
 * @param {import('./failures.js').FailureView} view
 * @param {Translate} t
 * @param {Partial<Record<import('./failures.js').FailureAction, () => void>>} handlers
 */
export function renderFailure(doc, view, t, handlers) {
  const hint = view.hint
    ? el(doc, 'div', { className: 'hint' }, [
        el(doc, 'p', { text: view.hint.before }),
        view.hint.command ? el(doc, 'pre', {}, [el(doc, 'code', { text: view.hint.command })]) : null,
        view.hint.after ? el(doc, 'p', { text: view.hint.after }) : null,
      ])
    : null;
  const buttons = view.actions.map((action, index) => {
    const button = el(doc, 'button', {
      className: index === 0 ? 'button button--primary' : 'button',
      text: t(`action_${action}`),
      attrs: { type: 'button', 'data-action': action },
    });
    const handler = handlers[action];
    if (handler) button.addEventListener('click', handler);
    return button;
  });
  // Not an alert: the popup's status line announces the title (popup.js); this is the page the reader reads.
  return el(
    doc,
    'section',
    { className: `notice notice--${view.kind}`, attrs: { 'aria-labelledby': 'notice-title' } },
    [
      el(doc, 'h1', { className: 'notice-title', text: view.title, attrs: { id: 'notice-title' } }),
      view.detail ? el(doc, 'p', { className: 'notice-detail', text: view.detail }) : null,
      view.reference ? el(doc, 'p', { className: 'notice-reference', text: view.reference }) : null,
      hint,
      buttons.length ? el(doc, 'div', { className: 'actions' }, buttons) : null,
    ],
  );
}
