import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { failureView } from '../../extension/failures.js';
import { renderContext, renderFailure, renderLoading } from '../../extension/render.js';
import { contextView } from '../../extension/view.js';
import { fakeDocument, focused } from './support/dom.mjs';
import { translatorFor } from './support/locale.mjs';
import { abstainedResponse, matchedResponse } from './support/responses.mjs';

const t = translatorFor('en');
const doc = /** @type {any} */ (fakeDocument);

/**
 * @param {any} response
 * @param {import('../../extension/render.js').ContextHandlers} [handlers]
 */
function rendered(response, handlers) {
  const view = contextView(response, { t, locale: 'en-GB' }, { backendUrl: 'http://127.0.0.1:8000' });
  return /** @type {import('./support/dom.mjs').Element} */ (
    /** @type {unknown} */ (renderContext(doc, view, t, handlers))
  );
}

/** The accessible name of an element: its text, hidden text included, minus what is aria-hidden. @param {any} node */
function accessibleName(node) {
  if (node.getAttribute?.('aria-hidden') === 'true') return '';
  if (!node.childNodes) return node.textContent;
  return node.childNodes.map(accessibleName).join('');
}

describe('renderContext', () => {
  it('shows the reported event once, how sure it is in words, and the events before it, newest first', () => {
    const root = rendered(matchedResponse());
    assert.equal(root.byClass('event-title')[0].textContent, 'Belarus frees 52 prisoners after US envoy visit');
    assert.equal(root.byClass('verdict-label')[0].textContent, 'This article reports');
    assert.equal(
      root.byClass('confidence')[0].textContent,
      'Backstory is confident. Names, numbers and dates in the article fit this event closely.',
    );
    const [earlier] = root.byClass('timeline');
    assert.equal(earlier.byClass('section-heading')[0].textContent, 'Before this');
    assert.deepEqual(
      earlier.byTag('time').map((time) => time.getAttribute('datetime')),
      ['2025-08-15', '2025-06-21'],
    );
    assert.equal(root.byClass('verdict')[0].getAttribute('data-event-id'), 'release-52');
    assert.equal(root.byClass('card').filter((card) => card.getAttribute('data-event-id') === 'release-52').length, 0);
  });

  it('shows what happened after the article in a section of its own, after the backstory', () => {
    const [, later] = rendered(matchedResponse()).byClass('timeline');
    assert.equal(later.byClass('section-heading')[0].textContent, 'Since then');
    assert.deepEqual(
      later.byClass('card').map((card) => card.getAttribute('data-event-id')),
      ['big-deal-october'],
    );
  });

  it('shows the newest cards of a long timeline and the rest on request', () => {
    const response = matchedResponse();
    const earlier = Array.from({ length: 9 }, (_, index) => ({
      ...response.cards[0],
      event_id: `old-${index}`,
      date: `2025-01-0${index + 1}`,
    }));
    const root = rendered({ ...response, cards: [...response.cards, ...earlier] });
    const [backstory] = root.byClass('timeline');
    const isHidden = (/** @type {any} */ card) => card.getAttribute('hidden') !== null;
    assert.equal(backstory.byClass('card').filter((card) => !isHidden(card)).length, 3);
    const [more] = backstory.byClass('more');
    assert.equal(more.textContent, 'Show 8 more');

    more.click();
    assert.equal(backstory.byClass('card').filter(isHidden).length, 0);
    assert.equal(backstory.byClass('more').length, 0);
    assert.equal(focused.element?.getAttribute('data-event-id'), 'old-7');
  });

  it('shortens a long summary behind a button named by its card', () => {
    const response = matchedResponse();
    const long = 'A long account of the day. '.repeat(12);
    const root = rendered({ ...response, cards: response.cards.map((card) => ({ ...card, summary: long })) });
    const [card] = root.byClass('card');
    const [summary] = card.byClass('card-summary');
    const [toggle] = card.byClass('read-more');
    assert.equal(summary.getAttribute('data-clamped'), 'true');
    assert.equal(toggle.getAttribute('aria-controls'), summary.getAttribute('id'));
    assert.equal(accessibleName(toggle), 'Read more about <b>Phone call</b> between the presidents');
    toggle.click();
    assert.equal(summary.getAttribute('data-clamped'), 'false');
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.match(accessibleName(toggle), /^Show less about/);
  });

  it('keeps markup in fetched text as text', () => {
    const root = rendered(matchedResponse());
    const titles = root.byClass('card-title').map((title) => title.textContent);
    assert.ok(titles.includes('<b>Phone call</b> between the presidents'));
    assert.equal(root.byTag('b').length, 0);
  });

  it('opens links in a new tab, says so to screen readers, and hides the arrow from them', () => {
    const links = rendered(matchedResponse()).byTag('a');
    assert.equal(links.length, 5, 'four sources and the story');
    for (const link of links) {
      assert.match(link.getAttribute('href') ?? '', /^https?:\/\//);
      assert.equal(link.getAttribute('target'), '_blank');
      assert.match(link.getAttribute('rel') ?? '', /\bnoopener\b/);
      assert.match(accessibleName(link), / \(opens in a new tab\)$/);
      const [arrow] = link.byClass('arrow');
      assert.equal(arrow.textContent, ' ↗');
      assert.equal(arrow.getAttribute('aria-hidden'), 'true');
    }
  });

  it('links the whole story', () => {
    const [story] = rendered(matchedResponse()).byClass('story-open');
    assert.equal(story.getAttribute('href'), 'http://127.0.0.1:8000/stories/us-belarus-2025?lang=en#release-52');
    assert.match(story.textContent, /^Open the whole story/);
  });

  it('says why each card is related, and never the English the server wrote', () => {
    const root = rendered(matchedResponse());
    assert.deepEqual(
      root.byClass('card-reason').map((reason) => reason.textContent),
      ['Earlier in the same story', 'Also involving Alexander Lukashenko and Keith Kellogg', 'Later in the same story'],
    );
    assert.doesNotMatch(root.textContent, /Same envoy, earlier release|The same story, after this article/);
  });

  it('shows the evidence and the score on request, and offers to mark it in the article', () => {
    /** @type {string[][]} */
    const highlighted = [];
    const root = rendered(matchedResponse(), { highlight: (texts) => highlighted.push(texts) });
    const [panel] = root.byClass('why-panel');
    const [toggle] = root.byClass('why-toggle');
    assert.equal(panel.getAttribute('hidden'), '');
    toggle.click();
    assert.equal(panel.getAttribute('hidden'), null);
    assert.deepEqual(
      panel.byClass('chip').map((chip) => chip.textContent),
      ['52', 'Коул', 'Лукашенко'],
    );
    assert.equal(panel.byClass('score')[0].textContent, 'Match score: 87 out of 100.');
    panel.byClass('highlight')[0].click();
    assert.deepEqual(highlighted, [['52', 'Коул', 'Лукашенко']]);
  });

  it('sends "wrong match" feedback on one click', () => {
    let clicks = 0;
    const root = rendered(matchedResponse(), { feedback: () => (clicks += 1) });
    const [button] = root.byClass('feedback');
    assert.equal(button.textContent, 'Wrong match?');
    button.click();
    assert.equal(clicks, 1);
  });

  it('says plainly that no single event fits, and shows the related story', () => {
    const root = rendered(abstainedResponse());
    assert.equal(root.byClass('event-title')[0].textContent, 'No single known event fits this article');
    assert.equal(root.byClass('confidence').length, 0);
    assert.equal(root.byClass('section-heading')[0].textContent, 'The story so far');
    assert.equal(root.byClass('section-story')[0].textContent, 'US–Belarus relations in 2025');
    assert.equal(root.byClass('card').length, 3);
    assert.equal(root.byClass('feedback')[0].textContent, 'Should this match an event? Tell us');
    const said = [...root.byClass('event-title'), ...root.byClass('abstain-reason')].map((node) => node.textContent);
    assert.equal(said.length, 3);
    assert.doesNotMatch(said.join(' '), /\d|threshold/);
  });

  it('says so when there is no timeline at all', () => {
    const root = rendered({ ...abstainedResponse(), cards: [], related_story: null });
    assert.equal(root.byClass('empty')[0].textContent, t('noTimeline'));
  });
});

describe('renderFailure', () => {
  it('shows the command to start the backend and wires the buttons, without an alert', () => {
    let retried = 0;
    const view = failureView({ kind: 'unreachable', backend: 'http://127.0.0.1:8000' }, t);
    const root = /** @type {any} */ (renderFailure(doc, view, t, { retry: () => (retried += 1), options: () => {} }));
    assert.equal(root.getAttribute('role'), null);
    assert.equal(root.byTag('code')[0].textContent, 'make run');
    const [retry, options] = root.byTag('button');
    assert.equal(retry.textContent, 'Try again');
    assert.equal(options.textContent, 'Open options');
    retry.click();
    assert.equal(retried, 1);
  });

  it('shows the reference of a server error', () => {
    const view = failureView({ kind: 'server', status: 500, requestId: 'req-42' }, t);
    const root = /** @type {any} */ (renderFailure(doc, view, t, {}));
    assert.equal(root.byClass('notice-reference')[0].textContent, 'Reference: req-42');
  });
});

describe('renderLoading', () => {
  it('tells the reader something is happening', () => {
    const root = /** @type {any} */ (renderLoading(doc, t));
    assert.match(root.textContent, /Reading the article/);
  });
});
