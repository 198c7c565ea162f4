/**
 * Data → view model: everything the popup shows, as plain strings and flags, computed from a backend answer
 * without touching the DOM. render.js only lays these out.
 */

/** @typedef {(name: string, substitutions?: string[]) => string} Translate */

/**
 * @typedef {object} CardView
 * @property {string} id
 * @property {string} isoDate
 * @property {string} date formatted for the reader
 * @property {string} title
 * @property {string} summary
 * @property {'this' | 'earlier' | 'later'} relation
 * @property {string} relationLabel
 * @property {string} why
 * @property {{href: string, label: string}[]} sources
 */

/**
 * @typedef {object} ContextView
 * @property {string} language the article's language, named in the UI language ('' when unknown)
 * @property {string} published formatted publish date ('' when unknown)
 * @property {{title: string, date: string, confidence: number, level: 'high' | 'medium' | 'low',
 *   evidence: string[]} | null} match the claimed event
 * @property {{reason: string} | null} abstained
 * @property {string} storyTitle the story the cards belong to ('' when there are none)
 * @property {CardView[]} cards the reported event and the earlier ones, newest first
 * @property {CardView[]} later events after the article, newest first
 */

const MAX_EVIDENCE = 6;

/**
 * @param {import('./api.js').ContextResponse} response
 * @param {{t: Translate, locale: string}} i18n
 * @returns {ContextView}
 */
export function contextView(response, { t, locale }) {
  const top = response.abstained ? null : (response.matches[0] ?? null);
  const story = response.abstained ? response.related_story : (response.story ?? response.related_story);
  return {
    language: languageName(response.article?.lang, locale),
    published: formatDate(response.article?.published, locale),
    match: top && {
      title: top.title,
      date: formatDate(top.date, locale),
      confidence: Math.round(clamp(top.confidence) * 100),
      level: confidenceLevel(top.confidence),
      evidence: evidenceTexts(top.evidence ?? []),
    },
    abstained: top ? null : { reason: sentence(response.abstain_reason || t('abstainedNoReason'), locale) },
    storyTitle: story?.title ?? '',
    ...timelines(response.cards ?? [], { t, locale }),
  };
}

/**
 * The backstory (the reported event and what came before) apart from what happened after the article: a reader
 * comes for the first, so it leads. Both newest first.
 * @param {import('./api.js').Card[]} cards
 * @param {{t: Translate, locale: string}} i18n
 * @returns {{cards: CardView[], later: CardView[]}}
 */
function timelines(cards, i18n) {
  const views = [...cards]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .map((card) => cardView(card, i18n));
  return {
    cards: views.filter((card) => card.relation !== 'later'),
    later: views.filter((card) => card.relation === 'later'),
  };
}

/**
 * @param {import('./api.js').Card} card
 * @param {{t: Translate, locale: string}} i18n
 * @returns {CardView}
 */
export function cardView(card, { t, locale }) {
  const relation = card.relation === 'this' || card.relation === 'later' ? card.relation : 'earlier';
  return {
    id: card.event_id,
    isoDate: card.date,
    date: formatDate(card.date, locale),
    title: card.title,
    summary: card.summary ?? '',
    relation,
    relationLabel: t(`relation_${relation}`),
    why: card.why ?? '',
    sources: (card.sources ?? []).flatMap((source) => {
      const href = safeHref(source.url);
      return href ? [{ href, label: source.publisher || source.title || hostOf(href) }] : [];
    }),
  };
}

/**
 * The distinct evidence texts, strongest first, as the article spelled them.
 * @param {import('./api.js').Evidence[]} evidence
 */
export function evidenceTexts(evidence) {
  const seen = new Set();
  const texts = [];
  for (const item of [...evidence].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))) {
    const text = (item.text || item.matched || '').trim();
    const key = text.toLocaleLowerCase();
    if (!text || seen.has(key)) continue;
    seen.add(key);
    texts.push(text);
    if (texts.length === MAX_EVIDENCE) break;
  }
  return texts;
}

/** @param {number} confidence 0..1 @returns {'high' | 'medium' | 'low'} */
export function confidenceLevel(confidence) {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

/**
 * Only web links become hrefs: a javascript: or data: URL from a source list must never be clickable.
 * @param {string | undefined} url
 * @returns {string | null}
 */
export function safeHref(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** @param {string} href */
function hostOf(href) {
  return new URL(href).hostname.replace(/^www\./, '');
}

/**
 * "2025-09-11" → "11 Sept 2025" (en-GB), "11 сент. 2025 г." (ru). Read as a calendar date, not a moment,
 * so no time zone can move it to the day before.
 * @param {string | null | undefined} isoDate
 * @param {string} locale
 */
export function formatDate(isoDate, locale) {
  const parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '');
  if (!parts) return isoDate ?? '';
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/**
 * "ru" → "Russian" in an English UI, "русский" in a Russian one.
 * @param {string | null | undefined} code
 * @param {string} locale
 */
export function languageName(code, locale) {
  if (!code) return '';
  try {
    return sentence(new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code, locale);
  } catch {
    return code;
  }
}

/**
 * Upper-case the first letter: the backend's reasons are lower-case clauses ("no known event shares…") and
 * some languages name themselves in lower case ("русский"); shown alone, both read better as sentences.
 * @param {string} text
 * @param {string} locale
 */
function sentence(text, locale) {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** @param {number} value */
function clamp(value) {
  return Math.min(1, Math.max(0, Number(value) || 0));
}
