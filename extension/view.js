/**
 * Data → view model: everything the popup shows, as plain strings and flags, computed from a backend answer
 * without touching the DOM. render.js only lays these out. Every sentence is worded here from codes, in the
 * interface language; the English the server writes for API users (`why`, `abstain_reason`) is never used.
 */

/** @typedef {(name: string, substitutions?: string[]) => string} Translate */
/** @typedef {{t: Translate, locale: string}} I18n */

/**
 * @typedef {object} SourceView
 * @property {string} href
 * @property {string} label the curated publisher, else the site's host, else a generic word (never an IP address)
 * @property {string} title the source's headline ('' when unknown)
 * @property {string} meta its language and date, in the interface language ('' when unknown)
 */

/**
 * @typedef {object} CardView
 * @property {string} id
 * @property {string} isoDate
 * @property {string} date formatted for the reader
 * @property {string} title
 * @property {string} summary
 * @property {'this' | 'earlier' | 'later'} relation
 * @property {string} reason why it is on this timeline, worded in the interface language ('' when unknown)
 * @property {SourceView[]} sources
 */

/**
 * @typedef {'high' | 'medium' | 'low'} Level
 * @typedef {object} MatchView
 * @property {string} eventId
 * @property {string} label "This article reports", hedged below {@link HEDGE_BELOW}
 * @property {string} title
 * @property {string} date
 * @property {string} summary the reported event's summary, from its card
 * @property {Level} level
 * @property {string} sureness how sure Backstory is, in words ("Backstory is fairly sure.")
 * @property {string} explanation what that means for this article
 * @property {number} percent
 * @property {string[]} evidence as the article wrote it
 */

/**
 * @typedef {object} AbstainedView
 * @property {string} title
 * @property {string} reason why no event is claimed, in plain words (no scores, no numbers)
 * @property {string} storyNote what the timeline below is, when there is one ('' otherwise)
 */

/**
 * @typedef {object} ContextView
 * @property {string} articleLine the article's language and publish date ('' parts left out)
 * @property {MatchView | null} match the claimed event
 * @property {AbstainedView | null} abstained
 * @property {{id: string, title: string, href: string} | null} story the story the cards belong to, and its page on
 *   the backend ('' without a backend address)
 * @property {CardView[]} earlier the events before the reported one (all of the story's when abstaining), newest first
 * @property {CardView[]} later events after the article, newest first
 * @property {{eventId: string | null, verdict: import('./api.js').Verdict}} feedback what "Wrong match?" sends
 */

/** Below this confidence the popup hedges: "probably reports" instead of "reports". */
export const HEDGE_BELOW = 0.8;
/** Below this it says "may be about". */
const UNSURE_BELOW = 0.6;
const MAX_EVIDENCE = 6;
const ABSTAIN_CODES = ['too_short', 'no_evidence', 'low_confidence'];

/**
 * @param {import('./api.js').ContextResponse} response
 * @param {I18n} i18n
 * @param {{backendUrl?: string}} [backend] where the story page is served
 * @returns {ContextView}
 */
export function contextView(response, i18n, { backendUrl = '' } = {}) {
  const { t, locale } = i18n;
  const top = response.abstained ? null : (response.matches[0] ?? null);
  const story = response.abstained ? response.related_story : (response.story ?? response.related_story);
  const articleLang = response.article?.lang ?? '';
  const sorted = [...(response.cards ?? [])].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const reported = top ? sorted.find((card) => card.event_id === top.event_id) : undefined;
  const cards = sorted
    .filter((card) => card !== reported)
    .map((card) => cardView(card, { ...i18n, articleLang, abstained: !top }));
  return {
    articleLine: articleLine(response.article, i18n),
    match: top && matchView(top, reported, i18n),
    abstained: top ? null : abstainedView(response, cards.length > 0, t),
    story: story
      ? {
          id: story.id,
          title: story.title,
          // Straight to the reported event on the story's page, when there is one.
          href: backendUrl
            ? storyPageUrl(backendUrl, story.id, locale) + (top ? `#${encodeURIComponent(top.event_id)}` : '')
            : '',
        }
      : null,
    earlier: cards.filter((card) => card.relation !== 'later'),
    later: cards.filter((card) => card.relation === 'later'),
    feedback: { eventId: top?.event_id ?? null, verdict: top ? 'wrong' : 'missed' },
  };
}

/**
 * The backend's page of a whole story, in the interface language: `{backend}/stories/{id}?lang=ru`.
 * @param {string} backendUrl a normalised backend URL
 * @param {string} storyId
 * @param {string} locale the interface locale
 */
export function storyPageUrl(backendUrl, storyId, locale) {
  const url = new URL(`${backendUrl}/stories/${encodeURIComponent(storyId)}`);
  url.searchParams.set('lang', locale.split('-')[0].toLowerCase());
  return url.href;
}

/**
 * @param {import('./api.js').ArticleInfo | undefined} article
 * @param {I18n} i18n
 */
function articleLine(article, { t, locale }) {
  const language = languageName(article?.lang, locale);
  const published = formatDate(article?.published, locale);
  const parts = [t('articleLabel'), language, published ? t('publishedOn', [published]) : ''];
  return parts.filter(Boolean).join(' · ');
}

/**
 * @param {import('./api.js').Match} match
 * @param {import('./api.js').Card | undefined} card the reported event's card, for its summary
 * @param {I18n} i18n
 * @returns {MatchView}
 */
function matchView(match, card, { t, locale }) {
  const level = confidenceLevel(match.confidence);
  return {
    eventId: match.event_id,
    label: t(`reports_${level}`),
    // The card's title is in the summary language; the match's is the curated English one.
    title: card?.title || match.title,
    date: formatDate(match.date, locale),
    summary: card?.summary ?? '',
    level,
    sureness: t(`sureness_${level}`),
    explanation: t(`explanation_${level}`),
    percent: Math.round(clamp(match.confidence) * 100),
    evidence: evidenceTexts(match.evidence ?? []),
  };
}

/**
 * Abstention in plain words, consistent with the timeline shown under it: with a related story it says that no
 * single event fits but the article belongs to that story.
 * @param {import('./api.js').ContextResponse} response
 * @param {boolean} hasTimeline
 * @param {Translate} t
 * @returns {AbstainedView}
 */
function abstainedView(response, hasTimeline, t) {
  const code = ABSTAIN_CODES.includes(response.abstain_code ?? '') ? response.abstain_code : 'unknown';
  const related = Boolean(response.related_story) && hasTimeline;
  return {
    title: t(related ? 'abstainedRelatedTitle' : 'abstainedTitle'),
    reason: t(`abstain_${code}`),
    storyNote: related ? t('abstainedStoryNote') : '',
  };
}

/**
 * @param {import('./api.js').Card} card
 * @param {I18n & {articleLang?: string, abstained?: boolean}} i18n
 * @returns {CardView}
 */
export function cardView(card, { t, locale, articleLang = '', abstained = false }) {
  const relation = card.relation === 'this' || card.relation === 'later' ? card.relation : 'earlier';
  return {
    id: card.event_id,
    isoDate: card.date,
    date: formatDate(card.date, locale),
    title: card.title,
    summary: card.summary ?? '',
    relation,
    reason: reasonText(card.reason, relation, { t, locale, articleLang, abstained }),
    sources: (card.sources ?? []).flatMap((source) => {
      const href = safeHref(source.url);
      return href ? [sourceView(source, href, { t, locale })] : [];
    }),
  };
}

/**
 * Why a card is on the timeline, from the backend's code. Entities are named as this article spells them only
 * when the interface speaks the article's language; otherwise by their curated names.
 * @param {import('./api.js').CardReason | null | undefined} reason
 * @param {'this' | 'earlier' | 'later'} relation
 * @param {I18n & {articleLang: string, abstained: boolean}} i18n
 */
export function reasonText(reason, relation, { t, locale, articleLang, abstained }) {
  if (!reason) return '';
  const sameLanguage = Boolean(articleLang) && articleLang === locale.split('-')[0].toLowerCase();
  const names = [
    ...new Set(
      (reason.entities ?? [])
        .map((entity) => ((sameLanguage && entity.as_written) || entity.name || '').trim())
        .filter(Boolean),
    ),
  ];
  switch (reason.code) {
    case 'reported':
      return t('reason_reported');
    case 'shared_entities':
      if (names.length) return t('reason_shared', [listFormat(names, locale)]);
      return t(abstained ? 'reason_story' : `reason_story_${relation === 'later' ? 'later' : 'earlier'}`);
    case 'same_story':
      return t(abstained ? 'reason_story' : `reason_story_${relation === 'later' ? 'later' : 'earlier'}`);
    default:
      return '';
  }
}

/**
 * @param {import('./api.js').Source} source
 * @param {string} href a safe http(s) URL
 * @param {I18n} i18n
 * @returns {SourceView}
 */
function sourceView(source, href, { t, locale }) {
  const host = hostOf(href);
  const meta = [languageName(source.lang, locale), formatDate(source.date, locale)].filter(Boolean);
  return {
    href,
    label: source.publisher?.trim() || (host && !isIpAddress(host) ? host : t('sourceGeneric')),
    title: source.title?.trim() ?? '',
    meta: meta.join(' · '),
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

/** @param {number} confidence 0..1 @returns {Level} */
export function confidenceLevel(confidence) {
  if (confidence >= HEDGE_BELOW) return 'high';
  if (confidence >= UNSURE_BELOW) return 'medium';
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
 * An IPv4 address, or an IPv6 one (URL keeps those in brackets): a reader learns nothing from either.
 * @param {string} host
 */
export function isIpAddress(host) {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
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
 * "A, B and C" in the interface language.
 * @param {string[]} items
 * @param {string} locale
 */
function listFormat(items, locale) {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * Upper-case the first letter: some languages name themselves in lower case ("русский"); shown alone, a name
 * reads better as a sentence.
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
