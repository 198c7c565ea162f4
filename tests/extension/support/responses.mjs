// Backend answers shaped like POST /v1/context responses, invented for the tests. `why` and `abstain_reason` are
// the English the backend keeps for API users; the popup must never show them.

export function matchedResponse() {
  return {
    article: {
      url: 'https://news.example/world/belarus-prisoners',
      title: 'Belarus frees 52 prisoners',
      lang: 'ru',
      lang_source: 'detected',
      published: '2025-09-11',
      published_source: 'page',
      chars: 2400,
    },
    matches: [
      {
        event_id: 'release-52',
        story_id: 'us-belarus-2025',
        title: 'Belarus frees 52 prisoners after US envoy visit',
        date: '2025-09-11',
        score: 14.2,
        confidence: 0.87,
        evidence: [
          { kind: 'name', text: 'Лукашенко', matched: 'Alexander Lukashenko', weight: 0.5 },
          { kind: 'number', text: '52', matched: '52', weight: 3.1 },
          { kind: 'name', text: 'Коул', matched: 'John Coale', weight: 2.2 },
          { kind: 'number', text: '52', matched: '52', weight: 1.0 },
        ],
      },
    ],
    abstained: false,
    abstain_code: null,
    abstain_reason: null,
    story: { id: 'us-belarus-2025', title: 'US–Belarus relations in 2025' },
    related_story: null,
    cards: [
      {
        event_id: 'envoy-june',
        date: '2025-06-21',
        title: 'US envoy visits Minsk; 14 released',
        summary: 'The first visit of a senior US official in years.',
        sources: [
          {
            url: 'https://press.example/june',
            title: 'Envoy in Minsk',
            publisher: 'Press Example',
            date: '2025-06-22',
            lang: 'en',
          },
        ],
        relation: 'earlier',
        why: 'Same envoy, earlier release.',
        reason: {
          code: 'shared_entities',
          entities: [
            { id: 'lukashenko', name: 'Alexander Lukashenko', as_written: 'Лукашенко' },
            { id: 'kellogg', name: 'Keith Kellogg', as_written: null },
          ],
        },
      },
      {
        event_id: 'release-52',
        date: '2025-09-11',
        title: 'Belarus frees 52 prisoners after US envoy visit',
        summary: 'Sanctions on the national airline were eased in return.',
        sources: [
          {
            url: 'https://wire.example/52',
            title: 'Belarus frees 52',
            publisher: 'Wire Example',
            date: null,
            lang: null,
          },
          { url: 'javascript:alert(1)', title: 'Bad link', publisher: 'Nobody', date: null, lang: null },
        ],
        relation: 'this',
        why: 'The event this article reports.',
        reason: { code: 'reported', entities: [] },
      },
      {
        event_id: 'call-august',
        date: '2025-08-15',
        title: '<b>Phone call</b> between the presidents',
        summary: '',
        sources: [
          { url: 'https://www.agency.example/call', title: null, publisher: null, date: null, lang: 'ru' },
          { url: 'http://203.0.113.7/call', title: null, publisher: null, date: null, lang: null },
        ],
        relation: 'earlier',
        why: 'Earlier in the same story.',
        reason: { code: 'same_story', entities: [] },
      },
      {
        event_id: 'big-deal-october',
        date: '2025-10-14',
        title: 'Lukashenko speaks of a "big deal" with the US',
        summary: 'A month after the release, talk turns to a wider agreement.',
        sources: [
          {
            url: 'https://daily.example/big-deal',
            title: 'Big deal',
            publisher: 'Daily Example',
            date: null,
            lang: null,
          },
        ],
        relation: 'later',
        why: 'The same story, after this article.',
        reason: { code: 'same_story', entities: [] },
      },
    ],
    timings_ms: { extract: 12, match: 3 },
  };
}

export function abstainedResponse() {
  return {
    ...matchedResponse(),
    matches: [{ ...matchedResponse().matches[0], confidence: 0.21 }],
    abstained: true,
    abstain_code: 'low_confidence',
    abstain_reason: "Best candidate's confidence 0.21 is below the threshold 0.50",
    story: null,
    related_story: {
      id: 'us-belarus-2025',
      title: 'US–Belarus relations in 2025',
    },
    cards: matchedResponse()
      .cards.filter((card) => card.relation !== 'later')
      .map((card) => ({ ...card, relation: 'earlier', reason: { code: 'same_story', entities: [] } })),
  };
}
