import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  confidenceLevel,
  contextView,
  evidenceTexts,
  formatDate,
  languageName,
  safeHref,
} from '../../extension/view.js';
import { translatorFor } from './support/locale.mjs';
import { abstainedResponse, matchedResponse } from './support/responses.mjs';

const en = { t: translatorFor('en'), locale: 'en-GB' };

describe('contextView of a matched article', () => {
  const view = contextView(/** @type {any} */ (matchedResponse()), en);

  it('names the article language in the UI language', () => {
    assert.equal(view.language, 'Russian');
  });

  it('shows the claimed event with its confidence in percent', () => {
    assert.deepEqual(view.match && { ...view.match, evidence: undefined }, {
      title: 'Belarus frees 52 prisoners after US envoy visit',
      date: '11 Sept 2025',
      confidence: 87,
      level: 'high',
      evidence: undefined,
    });
    assert.equal(view.abstained, null);
  });

  it('lists the evidence strongest first, each text once', () => {
    assert.deepEqual(view.match?.evidence, ['52', 'Коул', 'Лукашенко']);
  });

  it('puts the events after the article apart', () => {
    assert.deepEqual(
      view.later.map((card) => card.id),
      ['big-deal-october'],
    );
    assert.ok(view.cards.every((card) => card.relation !== 'later'));
  });

  it('orders the cards newest first', () => {
    assert.deepEqual(
      view.cards.map((card) => card.isoDate),
      ['2025-09-11', '2025-08-15', '2025-06-21'],
    );
  });

  it('keeps only web links as sources, labelled by publisher or host', () => {
    const [thisCard, , juneCard] = view.cards;
    assert.deepEqual(thisCard.sources, [{ href: 'https://wire.example/52', label: 'Wire Example' }]);
    assert.deepEqual(juneCard.sources, [{ href: 'https://press.example/june', label: 'Press Example' }]);
    assert.deepEqual(view.cards[1].sources, [{ href: 'https://www.agency.example/call', label: 'agency.example' }]);
  });

  it('labels the card of the reported event', () => {
    assert.equal(view.cards[0].relation, 'this');
    assert.equal(view.cards[0].relationLabel, 'This article');
    assert.equal(view.storyTitle, 'US–Belarus relations in 2025');
  });
});

describe('contextView of an abstention', () => {
  const view = contextView(/** @type {any} */ (abstainedResponse()), en);

  it('claims no event and says why', () => {
    assert.equal(view.match, null);
    assert.match(view.abstained?.reason ?? '', /No known event/);
  });

  it("still shows the related story's timeline", () => {
    assert.equal(view.storyTitle, 'US–Belarus relations in 2025');
    assert.equal(view.cards.length, 3);
  });

  it('gives a reason of its own when the backend gives none', () => {
    const bare = contextView(
      /** @type {any} */ ({
        ...abstainedResponse(),
        abstain_reason: null,
        cards: [],
        related_story: null,
      }),
      en,
    );
    assert.equal(bare.abstained?.reason, en.t('abstainedNoReason'));
    assert.equal(bare.storyTitle, '');
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

  it('ignores evidence without text', () => {
    assert.deepEqual(evidenceTexts([{ kind: 'date', text: '', matched: '', weight: 1 }]), []);
  });
});
