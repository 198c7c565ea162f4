"""How alike an article's wording is to an event's: character 4-grams, weighed by rarity within the event's story.

An event imported without curated names (a feed of headlines and leads, a draft saved as it came: fewer than
``automatic.MIN_LISTED`` entities) has little besides its text; the names found in it automatically shortlist it,
but among several shortlisted such events the one whose wording the article shares is the one it reports. French,
Italian or Croatian news shares with an English event text more than names: cognates, numbers as written,
places. Character 4-grams of the transliterated text catch that without a word list per language (the WikiNews
README's baseline gets 0.85 top-1 across French and Italian with them alone).

Curated events are left to their names: a story's events share most of their words, and on the second story's dev
articles weighing every event's wording (at 6) took accuracy@1 from 0.75 to 0.69 (0.67 with the confidence model
refitted).

Grams are weighed by rarity among the events of the event's story, counted sublinearly and compared by cosine,
as scikit-learn's ``TfidfVectorizer(analyzer="char", sublinear_tf=True)`` does. Only shortlisted events are
compared, so a story's rarity table and an event's vector are worked out the first time they are needed, and a
bounded number of them kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from anyascii import anyascii

from backstory.events.models import Event
from backstory.matching.kept import Kept

GRAM = 4
# Kept: rarity tables of this many stories (a story of 558 headline-and-lead events has ~30,000 grams, ~3 MB) and
# vectors of this many events (a title and a 600-character lead, ~500 grams, ~50 KB).
STORIES_KEPT = 8
EVENTS_KEPT = 256

_WORDS = re.compile(r"[^\W_]+")

Vector = dict[str, float]


def grams(text: str) -> Counter[str]:
    """The character 4-grams of the text transliterated to lower-case ASCII, across word boundaries."""
    folded = f" {' '.join(_WORDS.findall(anyascii(text).lower()))} "
    return Counter(folded[i : i + GRAM] for i in range(len(folded) - GRAM + 1))


def event_text(event: Event) -> str:
    """What the event says of itself: its title and summary in each of its languages."""
    return " ".join(f"{event.title[lang]} {event.summary.get(lang, '')}" for lang in sorted(event.title))


def rarity(events: Sequence[Event]) -> dict[str, float]:
    """Each gram's inverse document frequency among the events, smoothed (a gram in every event weighs 1)."""
    seen: Counter[str] = Counter()
    for event in events:
        seen.update(grams(event_text(event)).keys())
    n = len(events)
    return {gram: math.log((1 + n) / (1 + count)) + 1.0 for gram, count in seen.items()}


def weighed(counts: Counter[str], idf: Mapping[str, float]) -> Vector:
    """Sublinear counts times rarity, L2-normalised; grams the story never uses are left out."""
    vector = {gram: (1.0 + math.log(n)) * idf[gram] for gram, n in counts.items() if gram in idf}
    norm = math.sqrt(math.fsum(v * v for v in vector.values()))
    return {gram: v / norm for gram, v in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(b) < len(a):
        a, b = b, a
    return math.fsum(v * b[gram] for gram, v in a.items() if gram in b)


class Wording:
    """Events' wording compared with an article's, per story's rarity (``similarities``)."""

    def __init__(self, events: Mapping[str, Event], story_events: Mapping[str, Sequence[Event]]) -> None:
        self._idf: Kept[str, dict[str, float]] = Kept(STORIES_KEPT, lambda sid: rarity(story_events.get(sid, ())))
        self._vectors: Kept[str, Vector] = Kept(EVENTS_KEPT, self._vector)
        self._events = events

    def _vector(self, event_id: str) -> Vector:
        event = self._events[event_id]
        return weighed(grams(event_text(event)), self._idf[event.story_id])

    def similarities(self, article: Counter[str], events: Iterable[Event]) -> dict[str, float]:
        """Cosine of the article's grams to each event's, the article weighed by each event's story's rarity."""
        out: dict[str, float] = {}
        by_story: dict[str, Vector] = {}
        for event in events:
            own = by_story.get(event.story_id)
            if own is None:
                own = by_story[event.story_id] = weighed(article, self._idf[event.story_id])
            out[event.id] = cosine(own, self._vectors[event.id])
        return out
