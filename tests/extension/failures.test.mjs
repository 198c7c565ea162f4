import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { failureView, retryIn, startCommand } from '../../extension/failures.js';
import { translatorFor } from './support/locale.mjs';

/** @type {import('../../extension/messages.js').Failure[]} */
const FAILURES = [
  { kind: 'restricted', reason: 'browser' },
  { kind: 'restricted', reason: 'store' },
  { kind: 'restricted', reason: 'pdf' },
  { kind: 'restricted', reason: 'unsupported' },
  { kind: 'blocked', host: 'tabloid.example' },
  { kind: 'permission', backend: 'https://api.example', origin: 'https://api.example/*' },
  { kind: 'unreachable', backend: 'http://127.0.0.1:8000' },
  { kind: 'unreachable', backend: 'https://api.example' },
  { kind: 'timeout', backend: 'http://127.0.0.1:8000', seconds: 10 },
  { kind: 'not-article' },
  { kind: 'too-large' },
  { kind: 'auth', status: 401 },
  { kind: 'auth', status: 403 },
  { kind: 'rate-limited', retryAfterS: 120 },
  { kind: 'rate-limited', retryAfterS: null },
  { kind: 'server', status: 500, requestId: 'req-1' },
  { kind: 'server', status: 503, requestId: '' },
  { kind: 'problem', status: 400 },
  { kind: 'bug', detail: 'TypeError: boom' },
];

const en = translatorFor('en');

describe('failureView', () => {
  for (const lang of ['en', 'ru', 'be']) {
    for (const failure of FAILURES) {
      it(`has a title and a detail for ${JSON.stringify(failure)} in ${lang}`, () => {
        const view = failureView(failure, translatorFor(lang), lang);
        assert.ok(view.title.trim());
        assert.ok(view.detail.trim());
      });
    }
  }

  it('says where it looked for the backend and how to start it', () => {
    const view = failureView({ kind: 'unreachable', backend: 'http://127.0.0.1:8000' }, en);
    assert.match(view.detail, /http:\/\/127\.0\.0\.1:8000/);
    assert.equal(view.hint?.command, 'make run');
    assert.deepEqual(view.actions, ['retry', 'options']);
  });

  it('gives the command for the configured address, and none for a remote one', () => {
    assert.equal(
      failureView({ kind: 'unreachable', backend: 'http://localhost:8123' }, en).hint?.command,
      'BACKSTORY_HOST=localhost BACKSTORY_PORT=8123 make run',
    );
    const remote = failureView({ kind: 'unreachable', backend: 'https://api.example' }, en);
    assert.equal(remote.hint?.command, '');
    assert.match(remote.hint?.before ?? '', /address in the options/);
  });

  it('offers a retry after a timeout', () => {
    const view = failureView({ kind: 'timeout', backend: 'http://127.0.0.1:8000', seconds: 10 }, en);
    assert.equal(view.detail, 'http://127.0.0.1:8000 did not answer within 10 seconds.');
    assert.deepEqual(view.actions, ['retry']);
  });

  it('sends the reader to the token option on 401 and 403', () => {
    for (const status of /** @type {const} */ ([401, 403])) {
      const view = failureView({ kind: 'auth', status }, en);
      assert.deepEqual(view.actions, ['options']);
      assert.match(view.title, /token/);
    }
  });

  it('says when to retry after 429', () => {
    assert.equal(
      failureView({ kind: 'rate-limited', retryAfterS: 120 }, en, 'en-GB').detail,
      'The backend asks to wait. Try again in 2 minutes.',
    );
    assert.match(
      failureView({ kind: 'rate-limited', retryAfterS: 30 }, translatorFor('ru'), 'ru').detail,
      /через 30 секунд/,
    );
  });

  it('shows a reference for a server error, never its details', () => {
    const view = failureView({ kind: 'server', status: 500, requestId: 'req-1' }, en);
    assert.equal(view.title, 'The backend ran into a problem');
    assert.equal(view.reference, 'Reference: req-1');
    const gateway = failureView({ kind: 'server', status: 502, requestId: '' }, en);
    assert.equal(gateway.title, 'The backend is unavailable right now');
    assert.equal(gateway.reference, '');
  });

  it('does not show the text of a bug', () => {
    const view = failureView({ kind: 'bug', detail: 'TypeError: boom' }, en);
    assert.doesNotMatch(`${view.title} ${view.detail}`, /boom/);
  });

  it('names the blocked site and points to the options', () => {
    const view = failureView({ kind: 'blocked', host: 'tabloid.example' }, translatorFor('ru'));
    assert.match(view.detail, /tabloid\.example/);
    assert.deepEqual(view.actions, ['options']);
  });
});

describe('startCommand', () => {
  it('is make run for the default address and adds what differs', () => {
    assert.equal(startCommand('http://127.0.0.1:8000'), 'make run');
    assert.equal(startCommand('http://127.0.0.1:9001'), 'BACKSTORY_PORT=9001 make run');
    assert.equal(startCommand('http://localhost:8000'), 'BACKSTORY_HOST=localhost make run');
    assert.equal(startCommand('http://127.0.0.1:8000/api'), '');
    assert.equal(startCommand('https://127.0.0.1:8000'), '');
  });
});

describe('retryIn', () => {
  it('rounds to a unit a reader thinks in', () => {
    assert.equal(retryIn(5, 'en-GB'), 'in 5 seconds');
    assert.equal(retryIn(600, 'en-GB'), 'in 10 minutes');
    assert.equal(retryIn(7200, 'en-GB'), 'in 2 hours');
  });
});
