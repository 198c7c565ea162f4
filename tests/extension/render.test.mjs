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

/** @param {any} response */
function rendered(response) {
  return /** @type {import('./support/dom.mjs').Element} */ (
    /** @type {unknown} */ (renderContext(doc, contextView(response, { t, locale: 'en-GB' }), t))
  );
}

describe('renderContext', () => {
  it('shows the matched event, its confidence and one card per event of the backstory, newest first', () => {
    const root = rendered(matchedResponse());
    assert.equal(root.byClass('event-title')[0].textContent, 'Belarus frees 52 prisoners after US envoy visit');
    assert.equal(root.byClass('confidence-text')[0].textContent, '87% match');
    const [backstory] = root.byClass('timeline');
    const cards = backstory.byClass('card');
    assert.deepEqual(
      cards.map((card) => card.getAttribute('data-event-id')),
      ['release-52', 'call-august', 'envoy-june'],
    );
    assert.deepEqual(
      backstory.byTag('time').map((time) => time.getAttribute('datetime')),
      ['2025-09-11', '2025-08-15', '2025-06-21'],
    );
  });

  it('shows what happened after the article in a section of its own, after the backstory', () => {
    const root = rendered(matchedResponse());
    const [backstory, later] = root.byClass('timeline');
    assert.match(backstory.byClass('section-heading')[0].textContent, /^Timeline/);
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
    assert.equal(backstory.byClass('card').filter((card) => !isHidden(card)).length, 4);
    const [more] = backstory.byClass('more');
    assert.equal(more.textContent, 'Show 8 more');

    more.click();
    assert.equal(backstory.byClass('card').filter(isHidden).length, 0);
    assert.equal(backstory.byClass('more').length, 0);
    assert.equal(focused.element?.getAttribute('data-event-id'), 'old-7');
  });

  it('shortens a long summary until the reader asks for all of it', () => {
    const response = matchedResponse();
    const long = 'A long account of the day. '.repeat(12);
    const root = rendered({ ...response, cards: response.cards.map((card) => ({ ...card, summary: long })) });
    const [reported, earlier] = root.byClass('card');
    assert.equal(reported.byClass('card-summary')[0].getAttribute('data-clamped'), null);
    assert.equal(reported.byClass('link-button').length, 0);

    const [summary] = earlier.byClass('card-summary');
    const [toggle] = earlier.byClass('link-button');
    assert.equal(summary.getAttribute('data-clamped'), 'true');
    assert.equal(toggle.getAttribute('aria-controls'), summary.getAttribute('id'));
    toggle.click();
    assert.equal(summary.getAttribute('data-clamped'), 'false');
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(toggle.textContent, 'Show less');
  });

  it('keeps markup in fetched text as text', () => {
    const root = rendered(matchedResponse());
    const titles = root.byClass('card-title').map((title) => title.textContent);
    assert.ok(titles.includes('<b>Phone call</b> between the presidents'));
    assert.equal(root.byTag('b').length, 0);
  });

  it('opens sources in a new tab without giving them the opener', () => {
    const links = rendered(matchedResponse()).byTag('a');
    assert.equal(links.length, 4);
    for (const link of links) {
      assert.match(link.getAttribute('href') ?? '', /^https:\/\//);
      assert.equal(link.getAttribute('target'), '_blank');
      assert.match(link.getAttribute('rel') ?? '', /\bnoopener\b/);
    }
  });

  it('says "why related" on the cards that have a reason', () => {
    const whys = rendered(matchedResponse())
      .byClass('card-why')
      .map((why) => why.textContent);
    assert.deepEqual(whys, [
      'Why related: The event this article reports.',
      'Why related: Same envoy, earlier release.',
      'Why related: The same story, after this article.',
    ]);
  });

  it('says plainly that no event matched, and shows the related story', () => {
    const root = rendered(abstainedResponse());
    assert.equal(root.byClass('event-title')[0].textContent, 'No known event matched this article');
    assert.equal(root.byClass('confidence').length, 0);
    assert.match(root.byClass('section-heading')[0].textContent, /^Related story/);
    assert.equal(root.byClass('card').length, 3);
  });

  it('says so when there is no timeline at all', () => {
    const root = rendered({
      ...abstainedResponse(),
      cards: [],
      related_story: null,
    });
    assert.equal(root.byClass('empty')[0].textContent, t('noTimeline'));
  });
});

describe('renderFailure', () => {
  it('shows the command to start the backend and wires the buttons', () => {
    let retried = 0;
    const view = failureView({ kind: 'unreachable', backend: 'http://127.0.0.1:8000' }, t);
    const root = /** @type {any} */ (
      renderFailure(doc, view, t, {
        retry: () => (retried += 1),
        options: () => {},
      })
    );
    assert.equal(root.getAttribute('role'), 'alert');
    assert.equal(root.byTag('code')[0].textContent, 'make run');
    const [retry, options] = root.byTag('button');
    assert.equal(retry.textContent, 'Try again');
    assert.equal(options.textContent, 'Open options');
    retry.click();
    assert.equal(retried, 1);
  });
});

describe('renderLoading', () => {
  it('tells the reader something is happening', () => {
    const root = /** @type {any} */ (renderLoading(doc, t));
    assert.match(root.textContent, /Reading the article/);
  });
});
