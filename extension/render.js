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
  if (view.cards.length) {
    const heading = view.match ? t('timelineHeading') : t('relatedHeading');
    root.append(
      el(doc, 'section', { className: 'timeline', attrs: { 'aria-labelledby': 'timeline-heading' } }, [
        el(doc, 'h2', { className: 'section-heading', attrs: { id: 'timeline-heading' } }, [
          doc.createTextNode(heading),
          view.storyTitle ? el(doc, 'span', { className: 'story-title', text: view.storyTitle }) : null,
        ]),
        el(
          doc,
          'ol',
          { className: 'cards' },
          view.cards.map((card) => renderCard(doc, card, t)),
        ),
      ]),
    );
  } else if (!view.match) {
    root.append(el(doc, 'p', { className: 'empty', text: t('noTimeline') }));
  }
  return root;
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
      card.relation === 'earlier' ? null : el(doc, 'span', { className: 'badge', text: card.relationLabel }),
    ]),
    el(doc, 'h3', { className: 'card-title', text: card.title }),
    card.summary ? el(doc, 'p', { className: 'card-summary', text: card.summary }) : null,
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
