/**
 * View models (view.js, failures.js) → DOM. Text goes in through textContent only: titles, summaries and
 * evidence come from pages and the backend, and must never be parsed as HTML.
 */

/** @typedef {import('./view.js').Translate} Translate */

/**
 * @param {Document} doc
 * @param {string} tag
 * @param {{className?: string, text?: string, attrs?: Record<string, string>}} [props]
 * @param {(Node | null)[]} [children]
 * @returns {HTMLElement}
 */
function el(doc, tag, { className, text, attrs } = {}, children = []) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * @param {Document} doc
 * @param {Translate} t
 */
export function renderLoading(doc, t) {
  return el(doc, 'section', { className: 'loading', attrs: { 'aria-label': t('loading') } }, [
    el(doc, 'p', { className: 'loading-text' }, [
      el(doc, 'span', { className: 'spinner', attrs: { 'aria-hidden': 'true' } }),
      doc.createTextNode(t('loading')),
    ]),
    ...[1, 2, 3].map(() => el(doc, 'div', { className: 'skeleton', attrs: { 'aria-hidden': 'true' } })),
  ]);
}

/**
 * @param {Document} doc
 * @param {import('./view.js').ContextView} view
 * @param {Translate} t
 */
export function renderContext(doc, view, t) {
  const root = el(doc, 'div', { className: 'result' });
  root.append(view.match ? renderMatch(doc, view, t) : renderAbstained(doc, view, t));
  const sections = [
    { id: 'timeline', heading: view.match ? t('timelineHeading') : t('relatedHeading'), cards: view.cards, shown: 4 },
    { id: 'later', heading: t('laterHeading'), cards: view.later, shown: 1 },
  ].filter((section) => section.cards.length);
  sections.forEach((section, index) => {
    // The story's title goes with whichever timeline comes first.
    root.append(renderTimeline(doc, section, index === 0 ? view.storyTitle : '', t));
  });
  if (!sections.length && !view.match) root.append(el(doc, 'p', { className: 'empty', text: t('noTimeline') }));
  return root;
}

/**
 * A story can hold dozens of events: the newest `shown` cards come first, the rest behind a "show more" button.
 * @param {Document} doc
 * @param {{id: string, heading: string, cards: import('./view.js').CardView[], shown: number}} section
 * @param {string} storyTitle
 * @param {Translate} t
 */
function renderTimeline(doc, { id, heading, cards, shown }, storyTitle, t) {
  const items = cards.map((card) => renderCard(doc, card, t));
  const hidden = items.slice(shown);
  for (const item of hidden) item.setAttribute('hidden', '');
  const more = hidden.length
    ? el(doc, 'button', {
        className: 'button more',
        text: t('showMore', [String(hidden.length)]),
        attrs: { type: 'button', 'aria-expanded': 'false' },
      })
    : null;
  more?.addEventListener('click', () => {
    for (const item of hidden) item.removeAttribute('hidden');
    more.remove();
    // Keyboard users go on from the first card they had not seen.
    hidden[0].setAttribute('tabindex', '-1');
    hidden[0].focus();
  });
  return el(doc, 'section', { className: `timeline timeline--${id}`, attrs: { 'aria-labelledby': `${id}-heading` } }, [
    el(doc, 'h2', { className: 'section-heading', attrs: { id: `${id}-heading` } }, [
      doc.createTextNode(heading),
      storyTitle ? el(doc, 'span', { className: 'story-title', text: storyTitle }) : null,
    ]),
    el(doc, 'ol', { className: 'cards' }, items),
    more,
  ]);
}

/**
 * @param {Document} doc
 * @param {import('./view.js').ContextView} view
 * @param {Translate} t
 */
function renderArticleLine(doc, view, t) {
  const parts = [t('articleLabel'), view.language, view.published ? t('publishedOn', [view.published]) : ''];
  return el(doc, 'p', { className: 'eyebrow', text: parts.filter(Boolean).join(' · ') });
}

/**
 * @param {Document} doc
 * @param {import('./view.js').ContextView} view
 * @param {Translate} t
 */
function renderMatch(doc, view, t) {
  const match = /** @type {NonNullable<typeof view.match>} */ (view.match);
  return el(doc, 'section', { className: 'verdict', attrs: { 'aria-labelledby': 'event-title' } }, [
    renderArticleLine(doc, view, t),
    el(doc, 'p', { className: 'verdict-label', text: t('reportsEvent') }),
    el(doc, 'h1', { className: 'event-title', text: match.title, attrs: { id: 'event-title' } }),
    el(doc, 'div', { className: 'event-meta' }, [
      el(doc, 'span', { className: 'event-date', text: match.date }),
      el(
        doc,
        'span',
        { className: `confidence confidence--${match.level}`, attrs: { title: t(`confidence_${match.level}`) } },
        [
          el(doc, 'span', { className: 'confidence-bar', attrs: { 'aria-hidden': 'true' } }, [
            el(doc, 'span', { className: 'confidence-fill', attrs: { style: `width: ${match.confidence}%` } }),
          ]),
          el(doc, 'span', { className: 'confidence-text', text: t('confidence', [String(match.confidence)]) }),
        ],
      ),
    ]),
    match.evidence.length
      ? el(doc, 'div', { className: 'evidence' }, [
          el(doc, 'span', { className: 'evidence-label', text: t('evidenceLabel') }),
          el(
            doc,
            'ul',
            { className: 'chips' },
            match.evidence.map((text) => el(doc, 'li', { className: 'chip', text })),
          ),
        ])
      : null,
  ]);
}

/**
 * @param {Document} doc
 * @param {import('./view.js').ContextView} view
 * @param {Translate} t
 */
function renderAbstained(doc, view, t) {
  return el(doc, 'section', { className: 'verdict verdict--abstained', attrs: { 'aria-labelledby': 'event-title' } }, [
    renderArticleLine(doc, view, t),
    el(doc, 'h1', { className: 'event-title', text: t('abstainedTitle'), attrs: { id: 'event-title' } }),
    el(doc, 'p', { className: 'abstain-reason', text: view.abstained?.reason ?? '' }),
  ]);
}

/**
 * @param {Document} doc
 * @param {import('./view.js').CardView} card
 * @param {Translate} t
 */
export function renderCard(doc, card, t) {
  return el(doc, 'li', { className: `card card--${card.relation}`, attrs: { 'data-event-id': card.id } }, [
    el(doc, 'div', { className: 'card-head' }, [
      el(doc, 'time', { className: 'card-date', text: card.date, attrs: { datetime: card.isoDate } }),
      card.relation === 'this' ? el(doc, 'span', { className: 'badge', text: card.relationLabel }) : null,
    ]),
    el(doc, 'h3', { className: 'card-title', text: card.title }),
    ...renderSummary(doc, card, t),
    card.why
      ? el(doc, 'p', { className: 'card-why' }, [
          el(doc, 'span', { className: 'why-label', text: t('whyLabel') }),
          doc.createTextNode(` ${card.why}`),
        ])
      : null,
    card.sources.length
      ? el(
          doc,
          'ul',
          { className: 'sources', attrs: { 'aria-label': t('sourcesLabel') } },
          card.sources.map((source) =>
            el(doc, 'li', {}, [
              el(doc, 'a', {
                className: 'source',
                text: source.label,
                attrs: { href: source.href, target: '_blank', rel: 'noopener noreferrer', title: source.href },
              }),
            ]),
          ),
        )
      : null,
  ]);
}

// Summaries run to a paragraph; past this length, other cards than the reported event's show three lines at first.
const LONG_SUMMARY = 220;

/**
 * The summary, and a toggle to read all of a long one.
 * @param {Document} doc
 * @param {import('./view.js').CardView} card
 * @param {Translate} t
 * @returns {HTMLElement[]}
 */
function renderSummary(doc, card, t) {
  if (!card.summary) return [];
  const id = `summary-${card.id}`;
  const summary = el(doc, 'p', { className: 'card-summary', text: card.summary, attrs: { id } });
  if (card.relation === 'this' || card.summary.length <= LONG_SUMMARY) return [summary];
  summary.setAttribute('data-clamped', 'true');
  const toggle = el(doc, 'button', {
    className: 'link-button',
    text: t('readMore'),
    attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': id },
  });
  toggle.addEventListener('click', () => {
    const expanding = summary.getAttribute('data-clamped') === 'true';
    summary.setAttribute('data-clamped', String(!expanding));
    toggle.setAttribute('aria-expanded', String(expanding));
    toggle.textContent = t(expanding ? 'readLess' : 'readMore');
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
        el(doc, 'pre', {}, [el(doc, 'code', { text: view.hint.command })]),
        el(doc, 'p', { text: view.hint.after }),
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
  return el(doc, 'section', { className: `notice notice--${view.kind}`, attrs: { role: 'alert' } }, [
    el(doc, 'h1', { className: 'notice-title', text: view.title }),
    view.detail ? el(doc, 'p', { className: 'notice-detail', text: view.detail }) : null,
    hint,
    buttons.length ? el(doc, 'div', { className: 'actions' }, buttons) : null,
  ]);
}
