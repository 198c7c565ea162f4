import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  cardView,
  confidenceLevel,
  contextView,
  evidenceTexts,
  formatDate,
  HEDGE_BELOW,
  isIpAddress,
  languageName,
  reasonText,
  safeHref,
  storyPageUrl,
} from '../../extension/view.js';
import { translatorFor } from './support/locale.mjs';
import { abstainedResponse, matchedResponse } from './support/responses.mjs';

const en = { t: translatorFor('en'), locale: 'en-GB' };
const ru = { t: translatorFor('ru'), locale: 'ru' };

/** Every string of a view model, however deep. @param {unknown} value @returns {string[]} */
function strings(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('contextView of a matched article', () => {
  const view = contextView(/** @type {any} */ (matchedResponse()), en, { backendUrl: 'http://127.0.0.1:8000' });

  it('names the article language and date in the interface language', () => {
    assert.equal(view.articleLine, 'Article · Russian · published 11 Sept 2025');
  });

  it('shows the reported event once, with its summary, and says how sure it is in words', () => {
    assert.deepEqual(view.match && { ...view.match, evidence: undefined }, {
      eventId: 'release-52',
      label: 'This article reports',
      title: 'Belarus frees 52 prisoners after US envoy visit',
      date: '11 Sept 2025',
      summary: 'Sanctions on the national airline were eased in return.',
      level: 'high',
      sureness: 'Backstory is confident.',
      explanation: 'Names, numbers and dates in the article fit this event closely.',
      percent: 87,
      evidence: undefined,
    });
    assert.ok(!view.earlier.some((card) => card.id === 'release-52'), 'not repeated as a card');
    assert.equal(view.abstained, null);
  });

  it(`hedges below ${HEDGE_BELOW}`, () => {
    const response = matchedResponse();
    for (const [confidence, label] of [
      [0.79, 'This article probably reports'],
      [0.45, 'This article may be about'],
    ]) {
      const hedged = contextView(
        /** @type {any} */ ({ ...response, matches: [{ ...response.matches[0], confidence }] }),
        en,
      );
      assert.equal(hedged.match?.label, label);
    }
  });

  it('lists the evidence strongest first, each text once', () => {
    assert.deepEqual(view.match?.evidence, ['52', 'Коул', 'Лукашенко']);
  });

  it('puts the events before the reported one first, newest first, and the later ones apart', () => {
    assert.deepEqual(
      view.earlier.map((card) => card.isoDate),
      ['2025-08-15', '2025-06-21'],
    );
    assert.deepEqual(
      view.later.map((card) => card.id),
      ['big-deal-october'],
    );
  });

  it('labels sources by publisher, else by host, never by an IP address, with their language and date', () => {
    const [august, june] = view.earlier;
    assert.deepEqual(june.sources, [
      {
        href: 'https://press.example/june',
        label: 'Press Example',
        title: 'Envoy in Minsk',
        meta: 'English · 22 Jun 2025',
      },
    ]);
    assert.deepEqual(
      august.sources.map((source) => [source.label, source.meta]),
      [
        ['agency.example', 'Russian'],
        ['Source', ''],
      ],
    );
  });

  it('words why each card is related in the interface language', () => {
    const [august, june] = view.earlier;
    assert.equal(june.reason, 'Also involving Alexander Lukashenko and Keith Kellogg');
    assert.equal(august.reason, 'Earlier in the same story');
    assert.equal(view.later[0].reason, 'Later in the same story');
  });

  it("never shows the server's English sentences", () => {
    const shown = strings(view).join('\n');
    for (const card of matchedResponse().cards) assert.ok(!shown.includes(card.why), card.why);
  });

  it('links the whole story on the backend, in the interface language', () => {
    assert.equal(view.story?.href, 'http://127.0.0.1:8000/stories/us-belarus-2025?lang=en#release-52');
    assert.deepEqual(view.feedback, { eventId: 'release-52', verdict: 'wrong' });
  });
});

describe('contextView under a Russian interface', () => {
  const view = contextView(/** @type {any} */ (matchedResponse()), ru, { backendUrl: 'http://127.0.0.1:8000' });

  it('formats dates and labels in Russian', () => {
    assert.match(view.articleLine, /^Статья · Русский · опубликована 11 сент\. 2025/);
    assert.equal(view.match?.label, 'Эта статья сообщает о событии');
    assert.equal(view.story?.href, 'http://127.0.0.1:8000/stories/us-belarus-2025?lang=ru#release-52');
  });

  it("spells entities as the article does when the article is in the interface's language", () => {
    assert.equal(view.earlier[1].reason, 'Тоже с участием: Лукашенко и Keith Kellogg');
  });
});

describe('contextView of an abstention', () => {
  const view = contextView(/** @type {any} */ (abstainedResponse()), en);

  it('claims no event and says why in plain words, in agreement with the related timeline', () => {
    assert.equal(view.match, null);
    assert.equal(view.abstained?.title, 'No single known event fits this article');
    assert.match(view.abstained?.reason ?? '', /none closely enough/);
    assert.match(view.abstained?.storyNote ?? '', /part of a story/);
    assert.deepEqual(view.feedback, { eventId: null, verdict: 'missed' });
  });

  it('has no number and no internals in what it says', () => {
    for (const lang of ['en', 'ru', 'be']) {
      for (const code of ['too_short', 'no_evidence', 'low_confidence', null, 'something_new']) {
        const i18n = { t: translatorFor(lang), locale: lang };
        const abstained = contextView(
          /** @type {any} */ ({ ...abstainedResponse(), abstain_code: code }),
          i18n,
        ).abstained;
        const text = strings(abstained).join(' ');
        assert.doesNotMatch(text, /\d|threshold|порог|парог/i, `${lang} ${code}: ${text}`);
      }
    }
  });

  it("still shows the related story's timeline, every card part of the story", () => {
    assert.equal(view.story?.title, 'US–Belarus relations in 2025');
    assert.equal(view.earlier.length, 3);
    assert.ok(view.earlier.every((card) => card.reason === 'Part of the same story'));
  });

  it('does not promise a timeline it does not have', () => {
    const bare = contextView(
      /** @type {any} */ ({ ...abstainedResponse(), abstain_code: 'no_evidence', cards: [], related_story: null }),
      en,
    );
    assert.equal(bare.abstained?.title, 'No known event matched this article');
    assert.equal(bare.abstained?.storyNote, '');
    assert.equal(bare.story, null);
  });
});

describe('reasonText', () => {
  const i18n = { ...en, articleLang: 'en', abstained: false };

  it('says nothing when the backend gives no reason', () => {
    assert.equal(reasonText(null, 'earlier', i18n), '');
  });

  it('falls back to the story when no entity has a name', () => {
    assert.equal(reasonText({ code: 'shared_entities', entities: [] }, 'earlier', i18n), 'Earlier in the same story');
  });

  it('names each entity once', () => {
    const reason = /** @type {const} */ ({
      code: 'shared_entities',
      entities: [
        { id: 'a', name: 'Belavia', as_written: 'Belavia' },
        { id: 'b', name: 'Belavia', as_written: null },
      ],
    });
    assert.equal(reasonText(reason, 'earlier', i18n), 'Also involving Belavia');
  });
});

describe('formatting', () => {
  it('formats a calendar date without shifting it', () => {
    assert.equal(formatDate('2025-01-01', 'en-GB'), '1 Jan 2025');
    assert.match(formatDate('2025-09-11', 'ru'), /11 сент\. 2025/);
  });

  it('passes an unparseable date through', () => {
    assert.equal(formatDate('sometime', 'en'), 'sometime');
    assert.equal(formatDate(null, 'en'), '');
  });

  it('names languages in the UI language', () => {
    assert.equal(languageName('be', 'en'), 'Belarusian');
    assert.equal(languageName('de', 'ru'), 'Немецкий');
    assert.equal(languageName('', 'en'), '');
  });

  it('grades confidence', () => {
    assert.deepEqual([0.95, 0.8, 0.7, 0.59].map(confidenceLevel), ['high', 'high', 'medium', 'low']);
  });

  it('refuses links that are not http(s)', () => {
    assert.equal(safeHref('javascript:alert(1)'), null);
    assert.equal(safeHref('data:text/html,hi'), null);
    assert.equal(safeHref(''), null);
    assert.equal(safeHref('https://ok.example/a'), 'https://ok.example/a');
  });

  it('tells IP addresses from host names', () => {
    assert.deepEqual(['203.0.113.7', '[2001:db8::1]', 'news.example', '1password.com'].map(isIpAddress), [
      true,
      true,
      false,
      false,
    ]);
  });

  it('ignores evidence without text', () => {
    assert.deepEqual(evidenceTexts([{ kind: 'date', text: '', matched: '', weight: 1 }]), []);
  });

  it('builds the story page address under a path prefix', () => {
    assert.equal(
      storyPageUrl('https://api.example/backstory', 'a story', 'be'),
      'https://api.example/backstory/stories/a%20story?lang=be',
    );
  });

  it('keeps a card without sources or reason quiet', () => {
    const card = cardView(
      /** @type {any} */ ({ event_id: 'x', date: '2025-01-02', title: 'X', summary: '', relation: 'odd' }),
      en,
    );
    assert.deepEqual([card.relation, card.reason, card.sources], ['earlier', '', []]);
  });
});
