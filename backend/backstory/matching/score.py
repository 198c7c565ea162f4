"""Which event does an article report? How evidence is weighed.

Each piece of evidence an article shares with an event adds its rarity among the events of that event's
story (a name found in every event of the story adds almost nothing; Belavia, Bialiatski or "52" add a lot),
scaled by how central it is to the event (the entities an event lists first), by where it stands in the
article (headline and lead count more: that is where the reported news is; background comes lower down),
by whether its sentence looks back ("last week", "in 2021": recalled, not reported; see ``recall.py``)
and, for names, by how often it recurs. Names and phrases make an event a candidate; numbers and dates only
add to candidates (a "14" alone says nothing), and the event's day only beside something of the event's own beyond
its story's anchors (other things happen that day).

The publish date is the strongest prior there is: an article cannot report an event that happened after
it was published, so such events are ruled out; among the rest, recent ones are favoured because news
reports the latest development and recalls the older ones.

Stories compete for an article: an event's score is weighed by how much more of its story's usual cast the
article names than of any other story's (``cast_leads``), and halved when the article names none of its
story's anchors (``index.story_anchors``: what most of the story's events list), whatever names it shares.

An event imported without curated names (a headline and a lead) is also weighed by how alike its wording is to the
article's head (``wording.py``): the names found in its text shortlist it, its wording ranks it among the others.
Every shortlisted event also gains from the news concepts (talks, pardon, sanctions) the article names in its own
language and the event's texts name in English (``topics.py``).

The confidence in 0..1 is not the score: it is a logistic model (``matching/calibration.py``, fitted by
``backstory fit``) over features of the match that do not grow with the size of the event set: how much
evidence, how much of the event's own evidence the article covers, the lead over the runner-up, how many
kinds of evidence agree, the publish-date fit. The best-scored event is claimed when its confidence reaches the
threshold; when it falls short but another shortlisted event's reaches it, that one is (``settle``: with several
stories loaded, an old event of another story can outscore by a hair the fresh one the article reports, and the
date features tell them apart). Otherwise nothing is claimed (abstention), and an article that is clearly about a
story but claims no event gets the story as ``related_story``.

Three things the model does not see halve a candidate's confidence (``belonging``). An event of a story the article
names none of the anchors of, while another story leads its cast and the headline and lead name nothing heavy of the
event's own: the article is of another story's world and shares only passing names with it (a report of an American
freed by Russia, a day before a US diplomat's visit to Minsk, named a release and the White House, which that visit
lists, but neither Belarus, Minsk nor Lukashenko). And an
undated article whose headline and lead name nothing of the event's own, only its story's regulars and topic words:
it may be any later statement about the matter (an undated piece on more pardons for more sanctions relief went to
an earlier lifting of sanctions). And an event dated after the article was published, which the publish-date cut
lets through by a day for time zones: an article out the day before is as often a preview, or of a neighbouring
development (a report of open models released two days before the flagship model, out the day before it).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from backstory.matching.calibration import Calibration, default_calibration
from backstory.matching.document import Document
from backstory.matching.evidence import ArticleEvidence, Sighting, gather
from backstory.matching.index import EventIndex, centrality, rarity_scale
from backstory.matching.semantic import SemanticScorer
from backstory.matching.topics import event_topics, named_entities, topic_label
from backstory.matching.wording import grams

EvidenceKind = Literal["name", "number", "phrase", "date"]

# Candidates scored in full (evidence list, features, confidence); the rest only get a summed score.
SHORTLIST = 8
# How far below the best score a rival may be for ``settle`` to claim it: a tenth of its own score.
RIVAL_MARGIN = -0.1


@dataclass(frozen=True, slots=True)
class ScoringParams:
    date_weight: float = 1.5
    """Weight of a day-and-month mention equal to the event's date."""
    recency_boost: float = 1.0
    """Score multiplier for an event on the publish date: 1 + boost, decaying with the days between."""
    recency_days: float = 10.0
    """Days over which the recency boost decays by a factor e."""
    grace_days: int = 1
    """An article may report an event dated this many days after its publish date (time zones, late dating)."""
    repeat_factor: float = 0.3
    """Extra weight of a name by the logarithm of its number of mentions."""
    story_min_entities: int = 3
    """Distinct names of a story an article must mention to be related to it."""
    unanchored: float = 0.5
    """Score multiplier for an event of a story whose anchors the article does not name."""
    cast_weight: float = 1.0
    """Stories compete: a score is multiplied by e ** (cast_weight * the story's cast lead, see ``cast_leads``)."""
    wording_weight: float = 8.0
    """An uncurated event's score is multiplied by e ** (wording_weight * its wording's cosine to the article's
    head, ``wording.py``): at 8 a cosine 0.1 higher (a typical gap between a translation and a stranger) is a
    factor 2.2."""
    topic_weight: float = 0.5
    """A topic concept (``topics.py``) the article shares with a shortlisted event adds this x its rarity in the
    event's story, times where it stands in the article."""
    headline_weight: float = 1.0
    """A topic concept in the article's headline that the event's title names and no other title of its story does
    (``EventTopics.headline_concepts``: sworn in, charged) counts 1 + this times as much: the headline says which
    development the article reports, where its body recounts the ones before."""


DEFAULT_PARAMS = ScoringParams()


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: EvidenceKind
    text: str
    """As written in the article."""
    matched: str
    """The curated name, number, phrase or date it matched."""
    weight: float
    zone: str
    recalled: bool = False
    """Seen only in sentences that look back ("last week", "in 2021"), so weighed less."""
    entity_id: str | None = None
    """The entity a name is of."""


@dataclass(slots=True)
class Candidate:
    event_id: str
    score: float = 0.0
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    """What the confidence is computed from (see ``matching/calibration.py``)."""


@dataclass(frozen=True, slots=True)
class MatchResult:
    candidates: list[Candidate]
    """Best first; only the shortlist, scored in full."""
    claimed: Candidate | None
    abstain_reason: str | None
    related_story: str | None
    excluded_after_publication: int


def _name_factor(seen: Sighting, params: ScoringParams) -> float:
    return seen.factor * (1 + params.repeat_factor * math.log(seen.count))


def _recency(published: dt.date | None, day: dt.date, params: ScoringParams) -> float:
    if published is None:
        return 0.0
    return math.exp(-max((published - day).days, 0) / params.recency_days)


def _summed_scores(
    evidence: ArticleEvidence,
    index: EventIndex,
    published: dt.date | None,
    params: ScoringParams,
    leads: dict[str, float] | None = None,
) -> tuple[dict[str, float], int]:
    """Every reachable event's score, added up over posting lists; and how many were ruled out by date."""
    sums: dict[str, float] = defaultdict(float)
    for entity_id, seen in evidence.names.items():
        factor = _name_factor(seen, params)
        for event_id, weight in index.entity_postings.get(entity_id, ()):
            sums[event_id] += weight * factor
    for event_id, phrases in evidence.phrases.items():
        story_id = index.events[event_id].story_id
        for key, seen in phrases.items():
            sums[event_id] += index.phrase_weight[(story_id, key)] * seen.factor
    for number, seen in evidence.numbers.items():
        factor = seen.factor
        for event_id, weight in index.number_postings.get(number, ()):
            if event_id in sums:
                sums[event_id] += weight * factor
    for month_day, (seen, year) in evidence.dates.items():
        added = params.date_weight * seen.factor
        for event_id in index.date_events.get(month_day, ()):
            if event_id in sums and (year is None or year == index.events[event_id].date.year):
                sums[event_id] += added
    excluded = 0
    scores: dict[str, float] = {}
    # Many events share a day: each day's publish-date factor is computed once (None: after publication).
    day_factors: dict[dt.date, float | None] = {}
    # And each story's factor (how much of its cast the article names, whether it names an anchor), once.
    story_factors: dict[str, float] = {}
    for event_id, total in sums.items():
        event = index.events[event_id]
        day = event.date
        if day not in day_factors:
            late = published is not None and (day - published).days > params.grace_days
            day_factors[day] = None if late else 1 + params.recency_boost * _recency(published, day, params)
        day_factor = day_factors[day]
        if day_factor is None:
            # An article cannot report what had not happened yet when it was published.
            excluded += 1
            continue
        story_id = event.story_id
        if story_id not in story_factors:
            story_factors[story_id] = _story_factor(leads, story_id, params, anchored(evidence, index, story_id))
        scores[event_id] = total * day_factor * story_factors[story_id]
    return scores, excluded


def _story_factor(leads: dict[str, float] | None, story_id: str, params: ScoringParams, is_anchored: bool) -> float:
    """How stories competing for the article weigh an event of ``story_id``: its cast lead, and its anchors."""
    cast = math.exp(params.cast_weight * leads.get(story_id, 0.0)) if leads else 1.0
    return cast * (1.0 if is_anchored else params.unanchored)


def anchored(evidence: ArticleEvidence, index: EventIndex, story_id: str) -> bool:
    """Whether the article names one of the story's anchors (``index.story_anchors``), or the story has none."""
    anchors = index.story_anchors.get(story_id)
    return anchors is None or not anchors.isdisjoint(evidence.names)


def cast_shares(evidence: ArticleEvidence, index: EventIndex) -> dict[str, float]:
    """Per story whose names the article shows, the share of its usual cast (``index.story_cast``) it names."""
    # The article's names by story, in one pass over them, rather than each story's whole cast looked through.
    named: dict[str, list[str]] = defaultdict(list)
    for entity_id in evidence.names:
        for story_id in index.entity_stories.get(entity_id, ()):
            named[story_id].append(entity_id)
    shares = {}
    for story_id, entity_ids in named.items():
        cast = index.story_cast.get(story_id)
        if cast:
            # fsum: the same share whatever order the article named them in.
            shares[story_id] = math.fsum(cast[e] for e in entity_ids if e in cast) / sum(cast.values())
    return shares


def cast_leads(shares: dict[str, float]) -> dict[str, float]:
    """Per story, its cast share less the best other story's: positive for the story the article is about."""
    ranked = sorted(shares.values(), reverse=True)
    best, runner_up = [*ranked, 0.0, 0.0][:2]
    return {story_id: share - (runner_up if share == best else best) for story_id, share in shares.items()}


def _candidate(
    event_id: str,
    evidence: ArticleEvidence,
    index: EventIndex,
    published: dt.date | None,
    params: ScoringParams,
    shares: dict[str, float],
    leads: dict[str, float],
) -> Candidate:
    """One event scored in full: its evidence list and the features of the confidence model."""
    event = index.events[event_id]
    story_id = event.story_id
    items: list[Evidence] = []
    covered = 0.0
    for position, entity_id in enumerate(dict.fromkeys(event.entities)):
        seen = evidence.names.get(entity_id)
        if seen is not None:
            base = index.entity_weight[(story_id, entity_id)] * centrality(position)
            covered += base
            weight = base * _name_factor(seen, params)
            items.append(
                Evidence("name", seen.text, index.entities[entity_id].name, weight, seen.zone, seen.recalled, entity_id)
            )
    for number in dict.fromkeys(event.numbers):
        seen = evidence.numbers.get(number)
        if seen is not None:
            base = index.number_weight[(story_id, number)]
            covered += base
            items.append(Evidence("number", seen.text, number, base * seen.factor, seen.zone, seen.recalled))
    best_phrase = 0.0
    for key, seen in evidence.phrases.get(event_id, {}).items():
        base = index.phrase_weight[(story_id, key)]
        best_phrase = max(best_phrase, base)
        items.append(Evidence("phrase", seen.text, seen.label, base * seen.factor, seen.zone, seen.recalled))
    covered += best_phrase
    # The event's day names it only beside something of its own: the story's anchors are in every event, and other
    # things happen on the day (an Azerbaijani report of an inauguration recalled the election held on the day a
    # prisoner was freed, in its headline).
    dated = evidence.dates.get((event.date.month, event.date.day))
    if (
        dated is not None
        and (dated[1] is None or dated[1] == event.date.year)
        and _names_its_own(items, index, story_id)
    ):
        seen = dated[0]
        items.append(Evidence("date", seen.text, event.date.isoformat(), params.date_weight * seen.factor, seen.zone))
    items.sort(key=lambda item: -item.weight)
    total = sum(item.weight for item in items)
    recency = _recency(published, event.date, params)
    central = index.central(event_id)
    wanted = len(central) + len(set(event.numbers)) + (1 if event.phrases else 0)
    found = (
        sum(e in evidence.names for e in central)
        + sum(n in evidence.numbers for n in set(event.numbers))
        + int(best_phrase > 0)
    )
    core = index.story_core.get(story_id, frozenset())
    actors = index.story_actors.get(story_id, frozenset())
    scale = rarity_scale(len(index.story_events[story_id]))
    own = [item for item in items if item.zone != "body" and not item.recalled and _its_own(item, index, story_id)]
    features = {
        "evidence": math.log1p(total * scale),
        "lead": math.log1p(sum(item.weight for item in items if item.zone != "body")),
        "coverage": covered / index.event_mass[event_id] if index.event_mass.get(event_id) else 0.0,
        "central": found / wanted if wanted else 0.0,
        "kinds": float(len({item.kind for item in items})),
        "second": math.log1p(items[1].weight * scale) if len(items) > 1 else 0.0,
        "recency": recency,
        # Days from the event to publication, on a log scale: news reports what happened days ago, not months.
        "gap": math.log1p(max((published - event.date).days, 0)) if published is not None else 0.0,
        "undated": float(published is None),
        # The event is dated after the article was published: allowed by a day (``grace_days``: time zones), but an
        # article out the day before is as often a preview, or of a neighbouring development days before.
        "early": float(published is not None and event.date > published),
        "story": float(any(entity_id in core for entity_id in evidence.names)),
        # How many of the story's actors (``index.story_actors``) the headline and lead name: an article of a
        # neighbouring story (the same exercise reported without the US side, say) shares an event's rare name
        # but few of its actors. Counted up top so that a long article does not earn more than a short one.
        "actors": math.log1p(sum(evidence.names[e].zone != "body" for e in actors if e in evidence.names)),
        # Stories compete: how much of this story's usual cast the article names, and by how much more than any
        # other story's (an article on a development of one story that another merely mentions).
        "cast": shares.get(story_id, 0.0),
        "cast_lead": leads.get(story_id, -max(shares.values(), default=0.0)),
        "anchored": float(anchored(evidence, index, story_id)),
        # The heaviest piece up top that is the event's own: not a name its story's events mostly list, nor a topic
        # (what happened, which other developments share). What ties an undated article to this occasion.
        "own": math.log1p(max((item.weight for item in own), default=0.0)),
        # The same, of names only one story lists: Trump in a headline is every story's, and ties an article to none.
        "own_apart": math.log1p(
            max((item.weight for item in own if item.entity_id not in index.shared_entities), default=0.0)
        ),
    }
    # Topic words (``topics.py``): what the article says happened, in its own language, as the event's texts say
    # it. They rank the shortlist and are shown as evidence, but the other features keep measuring names, numbers,
    # phrases and dates (with topics in them, cross-validated false matches rose): the confidence weighs topics
    # through a feature of their own.
    topical, headlined = _topic_evidence(event_id, evidence, index, params)
    # What only this event's title says happened, said in the headline, ties an undated article to it too.
    features["own"] = max(features["own"], math.log1p(headlined))
    features["topics"] = math.log1p(sum(item.weight for item in topical))
    if topical:
        items = sorted([*items, *topical], key=lambda item: -item.weight)
        total += sum(item.weight for item in topical)
    return Candidate(
        event_id=event_id,
        score=total
        * (1 + params.recency_boost * recency)
        * _story_factor(leads, story_id, params, bool(features["anchored"])),
        evidence=items,
        features=features,
    )


def _topic_evidence(
    event_id: str, evidence: ArticleEvidence, index: EventIndex, params: ScoringParams
) -> tuple[list[Evidence], float]:
    """The topic concepts the article shares with the event, each weighed by its rarity in the event's story.

    None where the event has a title in the article's language: its curator wrote what happened in that language
    (and its phrases), which the lexicon's general words would only blur (a German report of one visit read as
    another's for "Gespräche")."""
    if not evidence.topics or not params.topic_weight or evidence.lang in index.events[event_id].title:
        return [], 0.0
    items = []
    headlined = 0.0
    listed = index.events[event_id].entities
    topics = event_topics(index)
    for concept, base in topics.weights(event_id).items():
        seen = evidence.topics.get(concept)
        # A concept that names an entity the event lists is already that entity's evidence.
        if seen is not None and not any(e in listed for e in named_entities(index, concept)):
            weight = params.topic_weight * base * seen.factor
            if seen.zone == "headline" and not seen.recalled and concept in topics.headline_concepts(event_id):
                weight *= 1 + params.headline_weight
                headlined = max(headlined, weight)
            items.append(Evidence("phrase", seen.text, topic_label(concept), weight, seen.zone, seen.recalled))
    return items, headlined


def _its_own(item: Evidence, index: EventIndex, story_id: str) -> bool:
    """Whether a piece of evidence is an event's own: a number, a phrase, a date, or a name that is neither one of its
    story's anchors nor a topic entity ("prisoner release", "US diplomat")."""
    if item.kind != "name":
        return True
    entity = index.entities.get(item.entity_id or "")
    return item.entity_id not in index.story_anchors.get(story_id, frozenset()) and (
        entity is None or entity.kind != "topic" or _proper(entity.name)
    )


def _proper(name: str) -> bool:
    """Whether a name is a proper one, every word written with a capital or a digit (Hurricane Erin, Indus Waters
    Treaty, COP30): such a topic is an occasion of its own, not what developments share (interest rates, martial
    law, the US peace plan)."""
    return all(word[:1].isupper() or word[:1].isdigit() for word in name.split())


def _names_its_own(items: list[Evidence], index: EventIndex, story_id: str) -> bool:
    """Whether an event's evidence holds something beyond its story's anchors (``index.story_anchors``)."""
    anchors = index.story_anchors.get(story_id, frozenset())
    return any(item.kind != "name" or item.entity_id not in anchors for item in items)


def score(
    doc: Document,
    index: EventIndex,
    *,
    published: dt.date | None = None,
    threshold: float = 0.5,
    params: ScoringParams = DEFAULT_PARAMS,
    calibration: Calibration | None = None,
    semantic: SemanticScorer | None = None,
) -> MatchResult:
    """Rank the events an article may report and decide whether to claim the best.

    With a ``semantic`` scorer, each shortlisted event also gets the similarity of its texts to the article's
    headline and lead, and the shortlist is re-ranked by the confidence of a calibration that uses it.
    """
    calibration = calibration or default_calibration(semantic is not None)
    if calibration.semantic and semantic is None:
        raise ValueError("this calibration uses semantic features: pass a semantic scorer")
    evidence = gather(doc, index, published)
    shares = cast_shares(evidence, index)
    leads = cast_leads(shares)
    scores, excluded = _summed_scores(evidence, index, published, params, leads)
    shortlist = [event_id for _, event_id in heapq.nsmallest(SHORTLIST, ((-v, k) for k, v in scores.items()))]
    candidates = [_candidate(event_id, evidence, index, published, params, shares, leads) for event_id in shortlist]
    # Events imported without curated names (their names were found for them) have little besides their wording:
    # how alike it is to the article's head weighs in their score (``wording.py``).
    found = [index.events[c.event_id] for c in candidates if c.event_id in index.uncurated]
    if found and params.wording_weight:
        alike = index.wording.similarities(grams(doc.head), found)
        for candidate in candidates:
            if candidate.event_id in alike:
                candidate.score *= math.exp(params.wording_weight * alike[candidate.event_id])
    candidates.sort(key=lambda c: (-c.score, c.event_id))
    _add_margins(candidates, "margin", lambda c: c.score, relative=True)
    if semantic is not None and candidates:
        similarity = semantic.similarities(doc.head, [c.event_id for c in candidates], index)
        for candidate in candidates:
            candidate.features["semantic"] = similarity.get(candidate.event_id, 0.0)
        _add_margins(candidates, "semantic_margin", lambda c: c.features["semantic"], relative=False)
    margins = [c.features["margin"] for c in candidates]
    confidences = [calibration.confidence(c.features) for c in candidates]
    # Shared as the model sees them (the article fits those events alike), then weighed by what it cannot see.
    divided = shared(confidences, margins, threshold)
    for candidate, confidence in zip(candidates, divided, strict=True):
        candidate.confidence = confidence * belonging(candidate.features)
    sharing = sum(part != alone for part, alone in zip(divided, confidences, strict=True))
    if semantic is not None:
        candidates.sort(key=lambda c: (-c.confidence, -c.score, c.event_id))

    chosen = settle([c.confidence for c in candidates], [c.features["margin"] for c in candidates], threshold)
    if chosen:
        candidates.insert(0, candidates.pop(chosen))
    top = candidates[0] if candidates else None
    if top is not None and top.confidence >= threshold:
        return MatchResult(candidates, top, None, None, excluded)
    # Only an abstention names a related story, so only then is it looked for.
    if top is None:
        reason = "no known event shares evidence with this article"
    elif sharing:
        reason = (
            f"the article fits {sharing} events about as well (scores within {-RIVAL_MARGIN:.0%}), so their "
            "confidence is shared: it may report a later development of them"
        )
    elif (why := _discounted(top.features)) is not None:
        reason = f"best candidate's confidence {top.confidence:.2f} is below the threshold {threshold:.2f} (weighed down: {why})"
    else:
        reason = f"best candidate's confidence {top.confidence:.2f} is below the threshold {threshold:.2f}"
    return MatchResult(candidates, None, reason, _related_story(index, evidence, params), excluded)


# What the confidence of an event is multiplied by when the article belongs to another story's world, and when the
# article is undated and names nothing of the event's own up top (``belonging``).
OUTCAST = 0.5
UNTIED = 0.5
# And when the event is dated after the article's publish date (``ScoringParams.grace_days``).
EARLY = 0.5
# How heavy a piece of the event's own evidence (the feature "own", on its log scale) an undated article must name.
MIN_OWN = math.log1p(1.0)
# And how heavy a piece of its own that no other story lists an article naming none of the story's anchors must
# name up top to be of the event's world all the same: a rare name or a number of the event's (a Georgian report of
# a Senate vote on a Fed governor, which names the Senate, the governor and the vote count but calls the Fed by a
# translated name, is the vote's; a report of another release names a release and the White House, which are not
# an event's own; Trump, whom every story lists, ties an article to none). A piece only the event has weighs 2.99 in
# a lead.
MIN_OWN_BELONGING = math.log1p(2.5)


def belonging(features: Mapping[str, float]) -> float:
    """What the confidence model's estimate for an event is multiplied by: ``OUTCAST`` for a story whose anchors the
    article names none of while another story leads its cast ("anchored", "cast_lead"), unless its headline or lead
    names something heavy of the event's own that no other story lists ("own_apart", ``MIN_OWN_BELONGING``);
    ``UNTIED`` for an undated
    article whose headline and lead name nothing of the event's own ("undated", "own": only the story's regulars and
    topic words, as a later statement about sanctions names an earlier lifting of them); ``EARLY`` for an event
    dated after the article was published ("early"); 1 otherwise.
    ``backstory fit`` weighs its held-out confidences so too."""
    return (
        (OUTCAST if _outcast(features) else 1.0)
        * (UNTIED if _untied(features) else 1.0)
        * (EARLY if _early(features) else 1.0)
    )


def _outcast(features: Mapping[str, float]) -> bool:
    return (
        features.get("anchored", 1.0) == 0.0
        and features.get("cast_lead", 0.0) < 0.0
        and features.get("own_apart", 0.0) < MIN_OWN_BELONGING
    )


def _untied(features: Mapping[str, float]) -> bool:
    return features.get("undated", 0.0) == 1.0 and features.get("own", MIN_OWN) < MIN_OWN


def _early(features: Mapping[str, float]) -> bool:
    return features.get("early", 0.0) == 1.0


def _discounted(features: Mapping[str, float]) -> str | None:
    """Why ``belonging`` weighs a candidate down, if it does, in words."""
    reasons = [
        *(["the article names none of its story's anchors and more of another story's names"] if _outcast(features) else []),
        *(["the article is undated and names nothing of the event's own in its headline and lead"] if _untied(features) else []),
        *(["the event is dated after the article was published"] if _early(features) else []),
    ]  # fmt: skip
    return "; ".join(reasons) or None


def settle(confidences: Sequence[float], margins: Sequence[float], threshold: float) -> int:
    """Which of the candidates (best-scored first) to claim or, if none, to show first: the best-scored one, unless
    it falls short of the threshold and another scored nearly as well (``margins``: each rival's "margin" feature,
    its distance to the best score over its own, no further than ``RIVAL_MARGIN``) reaches it, then the most
    confident of those. A rival scored well below is another event the article recalls: its date fitting the publish
    date better does not make it the news (an Italian report of a ceasefire, published the day a death toll passed
    3,000, is not that toll's).

    ``backstory fit`` settles its held-out articles with this too, so that its figures are those of this rule."""
    if not confidences or confidences[0] >= threshold:
        return 0
    close = [i for i in range(1, len(confidences)) if margins[i] >= RIVAL_MARGIN and confidences[i] >= threshold]
    return max(close, key=lambda i: (confidences[i], -i)) if close else 0


def shared(confidences: Sequence[float], margins: Sequence[float], threshold: float) -> list[float]:
    """The confidences, with those of candidates scored nearly alike (the best-scored and its rivals within
    ``RIVAL_MARGIN``) that each reach the threshold divided among them: the article fits them alike and cannot be
    the news of all, so none is claimed. A Slovak report of talks to go on after Geneva fit the Geneva talks and the
    peace plan before them alike, each with a confidence near 0.8.

    The confidence model sees each candidate alone; this is what it cannot see. ``backstory fit`` shares its held-out
    confidences so too."""
    sure = [
        i for i in range(len(confidences)) if confidences[i] >= threshold and (i == 0 or margins[i] >= RIVAL_MARGIN)
    ]
    if len(sure) < 2:
        return list(confidences)
    return [c / len(sure) if i in sure else c for i, c in enumerate(confidences)]


def _add_margins(
    candidates: list[Candidate], name: str, value: Callable[[Candidate], float], *, relative: bool
) -> None:
    """The top candidate's lead over the runner-up; the others' (negative) distance to the top."""
    if not candidates:
        return
    best = value(candidates[0])
    runner_up = value(candidates[1]) if len(candidates) > 1 else 0.0
    for rank, candidate in enumerate(candidates):
        own = value(candidate)
        difference = own - (runner_up if rank == 0 else best)
        if relative:
            candidate.features[name] = difference / own if own else -1.0
        else:
            candidate.features[name] = difference


def _related_story(index: EventIndex, evidence: ArticleEvidence, params: ScoringParams) -> str | None:
    """The story whose names the article mentions most, if it names one of its core and enough of them."""
    best: tuple[int, str] | None = None
    # How many of its entities the article names, per story: a story lists an entity exactly when the entity is
    # listed by one of its events (``index.entity_stories``), so counted from the article's names rather than from
    # every entity of each story they reach.
    mentions: dict[str, int] = defaultdict(int)
    for entity_id in evidence.names:
        for story_id in index.entity_stories.get(entity_id, ()):
            mentions[story_id] += 1
    for story_id in sorted(mentions):
        if index.story_core.get(story_id, frozenset()).isdisjoint(evidence.names):
            continue
        mentioned = mentions[story_id]
        if mentioned >= params.story_min_entities and (best is None or mentioned > best[0]):
            best = (mentioned, story_id)
    return best[1] if best else None
