import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { failureView } from '../../extension/failures.js';
import { translatorFor } from './support/locale.mjs';

/** @type {import('../../extension/messages.js').Failure[]} */
const FAILURES = [
  { kind: 'restricted', reason: 'browser' },
  { kind: 'restricted', reason: 'store' },
  { kind: 'restricted', reason: 'pdf' },
  { kind: 'restricted', reason: 'unsupported' },
  { kind: 'blocked', host: 'tabloid.example' },
  {
    kind: 'permission',
    backend: 'https://api.example',
    origin: 'https://api.example/*',
  },
  { kind: 'unreachable', backend: 'http://127.0.0.1:8000' },
  { kind: 'timeout', backend: 'http://127.0.0.1:8000', seconds: 10 },
  { kind: 'not-article', detail: 'No article text.' },
  { kind: 'too-large' },
  {
    kind: 'problem',
    status: 400,
    title: 'Invalid request',
    detail: 'url is required',
  },
  { kind: 'bug', detail: 'boom' },
];

describe('failureView', () => {
  for (const lang of ['en', 'ru']) {
    for (const failure of FAILURES) {
      it(`has a title and a detail for ${failure.kind} ${'reason' in failure ? failure.reason : ''} in ${lang}`, () => {
        const view = failureView(failure, translatorFor(lang));
        assert.ok(view.title.trim());
        assert.ok(view.detail.trim());
      });
    }
  }

  it('says where it looked for the backend and how to start it', () => {
    const view = failureView({ kind: 'unreachable', backend: 'http://127.0.0.1:8000' }, translatorFor('en'));
    assert.match(view.detail, /http:\/\/127\.0\.0\.1:8000/);
    assert.equal(view.hint?.command, 'make run');
    assert.deepEqual(view.actions, ['retry', 'options']);
  });

  it('offers a retry after a timeout', () => {
    const view = failureView({ kind: 'timeout', backend: 'http://127.0.0.1:8000', seconds: 10 }, translatorFor('en'));
    assert.equal(view.detail, 'http://127.0.0.1:8000 did not answer within 10 seconds.');
    assert.deepEqual(view.actions, ['retry']);
  });

  it("shows the backend's problem title", () => {
    const view = failureView(
      {
        kind: 'problem',
        status: 400,
        title: 'Invalid request',
        detail: 'url is required',
      },
      translatorFor('en'),
    );
    assert.equal(view.title, 'Invalid request');
    assert.equal(view.detail, 'The backend answered 400: url is required');
  });

  it('names the blocked site and points to the options', () => {
    const view = failureView({ kind: 'blocked', host: 'tabloid.example' }, translatorFor('ru'));
    assert.match(view.detail, /tabloid\.example/);
    assert.deepEqual(view.actions, ['options']);
  });
});
