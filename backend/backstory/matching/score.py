"""Which event does an article report? How evidence is weighed.

Each piece of evidence an article shares with an event adds its rarity across the event set (a name found
in every event of the story adds almost nothing; Belavia, Bialiatski or "52" add a lot), scaled by where it
stands (headline and lead count more: that is where the reported news is; background comes lower down)
and, for names, by how often it recurs.

The publish date is the strongest prior there is: an article cannot report an event that happened after
it was published, so such events are ruled out; among the rest, recent ones are favoured because news
reports the latest development and recalls the older ones.

The best score becomes a confidence in 0..1 through a logistic curve of the score and of its margin over
the runner-up; below the threshold nothing is claimed (abstention), and an article that is clearly about
a story but claims no event gets the story as ``related_story``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from backstory.matching.document import Document
from backstory.matching.index import EventIndex, Term, key_matches

EvidenceKind = Literal["name", "number", "phrase", "date"]

ZONE_FACTOR = {"headline": 2.0, "lead": 1.5, "body": 1.0}


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
    conf_bias: float = -4.0
    conf_score: float = 0.45
    conf_margin: float = 0.9
    """Logistic calibration: confidence = σ(bias + a·score + b·margin)."""
    story_min_entities: int = 3
    """Distinct names of a story an article must mention to be related to it."""


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


@dataclass(slots=True)
class Candidate:
    event_id: str
    score: float = 0.0
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MatchResult:
    candidates: list[Candidate]
    """Best first."""
    claimed: Candidate | None
    abstain_reason: str | None
    related_story: str | None
    excluded_after_publication: int


@dataclass(slots=True)
class _Hit:
    term: Term
    start: int
    end: int
    quality: int


def find_terms(doc: Document, index: EventIndex) -> list[_Hit]:
    """Curated names and phrases found in the article; of overlapping ones the longest wins."""
    tokens = doc.tokens
    found: list[_Hit] = []
    for i, token in enumerate(tokens):
        for term in index.candidates_at(token.key):
            if term.caps and not token.raw.isupper():
                continue
            end = i + term.size
            if end > len(tokens):
                continue
            quality = 0
            for offset, (key, key_stem) in enumerate(zip(term.keys, term.stems, strict=True)):
                matched = key_matches(tokens[i + offset].key, key, key_stem)
                if not matched:
                    break
                quality += matched
            else:
                found.append(_Hit(term, i, end, quality))
    kept: list[_Hit] = []
    for kind in ("name", "phrase"):
        taken: dict[int, tuple[int, int, int]] = {}
        for hit in sorted(
            (h for h in found if h.term.kind == kind), key=lambda h: (-(h.end - h.start), -h.quality, h.start)
        ):
            span = (hit.start, hit.end, hit.quality)
            claims = [taken.get(pos) for pos in range(hit.start, hit.end)]
            # Equal spans of equal quality are kept together: a surname two entities share stays ambiguous.
            if all(c is None for c in claims) or all(c == span for c in claims):
                kept.append(hit)
                for pos in range(hit.start, hit.end):
                    taken[pos] = span
    return kept


def _span_text(doc: Document, hit: _Hit) -> str:
    first, last = doc.tokens[hit.start], doc.tokens[hit.end - 1]
    return doc.text[first.start : last.start + len(last.raw)]


def score(
    doc: Document,
    index: EventIndex,
    *,
    published: dt.date | None = None,
    threshold: float = 0.5,
    params: ScoringParams = DEFAULT_PARAMS,
) -> MatchResult:
    hits = find_terms(doc, index)

    # Names: per entity, mentions and the best zone they appear in.
    name_seen: dict[str, tuple[int, str, str, str]] = {}
    name_count: dict[str, int] = defaultdict(int)
    phrase_seen: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for hit in hits:
        zone = doc.zone(doc.tokens[hit.start].start)
        text = _span_text(doc, hit)
        if hit.term.kind == "name":
            entity_id = hit.term.target
            name_count[entity_id] += 1
            rank = _zone_rank(zone)
            if entity_id not in name_seen or rank < name_seen[entity_id][0]:
                name_seen[entity_id] = (rank, zone, text, hit.term.label)
        else:
            phrase_seen[hit.term.target].append((" ".join(hit.term.keys), zone, text, hit.term.label))

    number_seen: dict[str, tuple[str, str]] = {}
    for mention in doc.numbers:
        if mention.value in index.number_events:
            zone = doc.zone(mention.start)
            if mention.value not in number_seen or _zone_rank(zone) < _zone_rank(number_seen[mention.value][0]):
                number_seen[mention.value] = (zone, mention.raw)
    date_seen: dict[tuple[int, int], tuple[str, str, int | None]] = {}
    for date in doc.dates:
        day = (date.month, date.day)
        if day in index.date_events and day not in date_seen:
            date_seen[day] = (doc.zone(date.start), date.raw, date.year)

    reached: set[str] = set(phrase_seen)
    for entity_id in name_seen:
        reached.update(index.entity_events.get(entity_id, ()))
    for number in number_seen:
        reached.update(index.number_events[number])
    for day in date_seen:
        reached.update(index.date_events[day])

    candidates: list[Candidate] = []
    excluded = 0
    for event_id in reached:
        event = index.events[event_id]
        if published is not None and (event.date - published).days > params.grace_days:
            # An article cannot report what had not happened yet when it was published.
            excluded += 1
            continue
        candidate = Candidate(event_id=event_id)
        for entity_id in dict.fromkeys(event.entities):
            if entity_id in name_seen:
                _, zone, text, label = name_seen[entity_id]
                weight = (
                    index.entity_weight[(event.story_id, entity_id)]
                    * ZONE_FACTOR[zone]
                    * (1 + params.repeat_factor * math.log(name_count[entity_id]))
                )
                candidate.evidence.append(Evidence("name", text, index.entities[entity_id].name, weight, zone))
        for number in dict.fromkeys(event.numbers):
            if number in number_seen:
                zone, raw = number_seen[number]
                weight = index.number_weight[(event.story_id, number)] * ZONE_FACTOR[zone]
                candidate.evidence.append(Evidence("number", raw, number, weight, zone))
        seen_phrases: set[str] = set()
        for key, zone, text, label in phrase_seen.get(event_id, ()):
            if key not in seen_phrases:
                seen_phrases.add(key)
                weight = index.phrase_weight[(event.story_id, key)] * ZONE_FACTOR[zone]
                candidate.evidence.append(Evidence("phrase", text, label, weight, zone))
        day = (event.date.month, event.date.day)
        if day in date_seen:
            zone, raw, year = date_seen[day]
            if year is None or year == event.date.year:
                weight = params.date_weight * ZONE_FACTOR[zone]
                candidate.evidence.append(Evidence("date", raw, event.date.isoformat(), weight, zone))
        total = sum(item.weight for item in candidate.evidence)
        if published is not None:
            gap = max((published - event.date).days, 0)
            total *= 1 + params.recency_boost * math.exp(-gap / params.recency_days)
        candidate.score = total
        candidate.evidence.sort(key=lambda item: -item.weight)
        candidates.append(candidate)

    candidates.sort(key=lambda c: (-c.score, c.event_id))
    for rank, candidate in enumerate(candidates):
        runner_up = candidates[rank + 1].score if rank + 1 < len(candidates) else 0.0
        margin = candidate.score - runner_up if rank == 0 else 0.0
        candidate.confidence = _logistic(
            params.conf_bias + params.conf_score * candidate.score + params.conf_margin * margin
        )

    related = _related_story(index, name_seen, params)
    top = candidates[0] if candidates else None
    if top is None:
        reason = "no known event shares evidence with this article"
        return MatchResult(candidates, None, reason, related, excluded)
    if top.confidence < threshold:
        reason = f"best candidate's confidence {top.confidence:.2f} is below the threshold {threshold:.2f}"
        return MatchResult(candidates, None, reason, related, excluded)
    return MatchResult(candidates, top, None, None, excluded)


def _related_story(
    index: EventIndex, name_seen: dict[str, tuple[int, str, str, str]], params: ScoringParams
) -> str | None:
    best: tuple[int, str] | None = None
    for story_id, core in index.story_core.items():
        events = index.story_events[story_id]
        story_entities = {e for ev in events for e in ev.entities}
        mentioned = story_entities.intersection(name_seen)
        if not core.intersection(name_seen) or len(mentioned) < params.story_min_entities:
            continue
        if best is None or len(mentioned) > best[0]:
            best = (len(mentioned), story_id)
    return best[1] if best else None


def _zone_rank(zone: str) -> int:
    return {"headline": 0, "lead": 1, "body": 2}[zone]


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
