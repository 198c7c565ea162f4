// Backend answers shaped like POST /v1/context responses, invented for the tests.

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
          {
            kind: 'name',
            text: 'Лукашенко',
            matched: 'Alexander Lukashenko',
            weight: 0.5,
          },
          { kind: 'number', text: '52', matched: '52', weight: 3.1 },
          { kind: 'name', text: 'Коул', matched: 'John Coale', weight: 2.2 },
          { kind: 'number', text: '52', matched: '52', weight: 1.0 },
        ],
      },
    ],
    abstained: false,
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
          },
        ],
        relation: 'earlier',
        why: 'Same envoy, earlier release.',
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
          },
          {
            url: 'javascript:alert(1)',
            title: 'Bad link',
            publisher: 'Nobody',
          },
        ],
        relation: 'this',
        why: 'The event this article reports.',
      },
      {
        event_id: 'call-august',
        date: '2025-08-15',
        title: '<b>Phone call</b> between the presidents',
        summary: '',
        sources: [{ url: 'https://www.agency.example/call', title: '' }],
        relation: 'earlier',
        why: '',
      },
      {
        event_id: 'big-deal-october',
        date: '2025-10-14',
        title: 'Lukashenko speaks of a "big deal" with the US',
        summary: 'A month after the release, talk turns to a wider agreement.',
        sources: [{ url: 'https://daily.example/big-deal', title: 'Big deal', publisher: 'Daily Example' }],
        relation: 'later',
        why: 'The same story, after this article.',
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
    abstain_reason: 'No known event fits the article; the closest is below the threshold.',
    story: null,
    related_story: {
      id: 'us-belarus-2025',
      title: 'US–Belarus relations in 2025',
    },
    cards: matchedResponse()
      .cards.filter((card) => card.relation !== 'later')
      .map((card) => ({ ...card, relation: 'earlier' })),
  };
}
