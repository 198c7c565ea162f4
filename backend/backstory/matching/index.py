"""The in-memory index of the event set, built once per catalog and swapped whole on change.

Names and phrases are indexed by the stem of their first folded word, so an article word only meets the
terms that can start at it (a few dictionary lookups, whatever the size of the set); numbers and dates by value. Weights of evidence are the
rarity (inverse document frequency) of each piece across events.
"""

from __future__ import annotations

import ctypes
import gc
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, cast, overload

import msgspec

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.aliases import owned_surnames, place_aliases
from backstory.matching.automatic import (
    MIN_LISTED,
    NAME_PREFIX,
    with_found_countries,
    with_found_names,
    with_story_entities_named,
)
from backstory.matching.chinese_names import chinese_aliases
from backstory.matching.chinese_names import read_table as read_chinese_names
from backstory.matching.cities import city_names
from backstory.matching.consonants import (
    ABJAD,
    HANGUL,
    KATAKANA,
    MIN_CONSONANTS,
    MIN_FOREIGN_CONSONANTS,
    MIN_FOREIGN_NAME,
    MIN_LONG_CONSONANTS,
    MIN_LONG_NAME,
    MIN_SHORT_CONSONANTS,
    consonant_key,
    name_key,
    name_shapes,
    short_name_key,
    syllabic_short_keys,
    vowelless,
)
from backstory.matching.normalise import (
    ARABIC_SCRIPT,
    BRAHMIC,
    LAST_LATIN,
    MIN_STEM,
    WORDS_REMEMBERED,
    Folds,
    arabic_letters,
    as_written,
    fold_phrase,
    fold_word,
    stem,
    text_script,
    written_by_sound,
    written_in_latin,
)
from backstory.matching.number_words import number_words
from backstory.matching.slavic import russian_forms_of
from backstory.matching.sounded import SOUNDING, sounded_forms_of
from backstory.matching.subdivisions import read_table as read_subdivisions
from backstory.matching.subdivisions import subdivision_aliases
from backstory.matching.wording import Wording

TermKind = Literal["name", "phrase", "number"]

# Letters an inflected form may add to a stem (Лукашенко -> Лукашенкой, Łukaszenka -> Łukaszenką);
# four-letter words may only take a one-letter ending (Veln -> Velne), shorter ones none.
MAX_ENDING = 4
MAX_SHORT_ENDING = 1


class Term(msgspec.Struct, frozen=True, gc=False):
    """A curated name or phrase in folded form.

    A Struct the collector does not track (it holds strings and tuples only): 72 bytes rather than a dataclass's 88,
    for the 340,000 terms of 100,000 events."""

    kind: TermKind
    keys: tuple[str, ...]
    stems: tuple[str, ...]
    target: str
    """Entity id for a name, event id for a phrase, the digits for a number written in words."""
    label: str
    """The alias or phrase as curated."""
    caps: bool
    """A short acronym (US, КГБ): the article must write it in capitals too."""
    langs: frozenset[str] = frozenset()
    """The only article languages it counts in (a number word: Turkish "on" is 10, English "on" is not);
    empty for every language."""

    @property
    def size(self) -> int:
        return len(self.keys)


def word_slot(term_key: str, term_stem: str) -> str:
    """Where a term's word is filed: ``lookup_slots(w)`` holds it exactly when ``key_matches`` says w matches."""
    if len(term_key) > MIN_STEM:
        return "~" + term_stem
    if len(term_key) == MIN_STEM and not term_key.isdigit():
        return "4" + term_key
    return "=" + term_key


@lru_cache(maxsize=WORDS_REMEMBERED)
def lookup_slots(article_key: str) -> tuple[str, ...]:
    """The slots of every term word that matches the article word ``article_key``: a handful of lookups."""
    slots = ["=" + article_key]
    if MIN_STEM <= len(article_key) <= MIN_STEM + MAX_SHORT_ENDING and not article_key[:MIN_STEM].isdigit():
        slots.append("4" + article_key[:MIN_STEM])
    # A stem is a prefix of the word that leaves at most MAX_ENDING letters.
    first_end = max(MIN_STEM, len(article_key) - MAX_ENDING)
    slots.extend("~" + article_key[:end] for end in range(first_end, len(article_key) + 1))
    return tuple(slots)


def key_matches(article_key: str, term_key: str, term_stem: str) -> int:
    """2 for the same word, 1 for an inflected form of it, 0 otherwise."""
    if article_key == term_key:
        return 2
    if len(term_key) > MIN_STEM:
        return int(article_key.startswith(term_stem) and len(article_key) - len(term_stem) <= MAX_ENDING)
    if len(term_key) == MIN_STEM and not term_key.isdigit():
        return int(article_key.startswith(term_key) and len(article_key) - len(term_key) <= MAX_SHORT_ENDING)
    return 0


# Between two words of a curated phrase or a topic form, one short word may stand (a preposition, an article), as
# written in an article: "послание к народу" for "послание народу", "sanctions on the airline" for "sanctions on
# airline".
MAX_GAP_LETTERS = 3


def match_words(
    keys: Sequence[str], position: int, term_keys: Sequence[str], term_stems: Sequence[str], *, gaps: bool = True
) -> tuple[int, int] | None:
    """(end, quality) of ``term_keys`` matched word by word from token ``position`` of an article's ``keys`` (with
    ``gaps``, each may come after one short word), or None; quality adds up ``key_matches``."""
    quality = 0
    for key, key_stem in zip(term_keys, term_stems, strict=True):
        if position >= len(keys):
            return None
        matched = key_matches(keys[position], key, key_stem)
        if not matched and gaps and len(keys[position]) <= MAX_GAP_LETTERS and position + 1 < len(keys):
            position += 1
            matched = key_matches(keys[position], key, key_stem)
        if not matched:
            return None
        quality += matched
        position += 1
    return position, quality


# Pseudo-events added to every story when weighing rarity, so that a piece of evidence in a story of one
# or two events still counts (log(1 + 5 / 1.5) for a unique piece) while one shared by all events of a
# long story counts next to nothing.
PSEUDO_EVENTS = 4


# Events list their entities most central first. The first few are what the event is about; the rest
# (a country that reacted, a minister quoted) is context that other articles mention as well.
CENTRAL_ENTITIES = 5
# A story's anchors (``story_anchors``): its most listed entities, once it has this many events.
STORY_ANCHORS = 3
MIN_ANCHORED_EVENTS = 3
# A story's core smaller than this cannot tell its articles from others'; see ``story_actors``.
MIN_STORY_ACTORS = 3
# A name found in an event's capitals takes a city's names only where GeoNames calls a city this large so.
MIN_FOUND_CITY_PEOPLE = 100_000


def centrality(position: int) -> float:
    """1 for the leading entities, then slowly less (0.5 at the 11th, 0.25 at the 23rd)."""
    return 1.0 / (1.0 + max(0, position - (CENTRAL_ENTITIES - 1)) / 6)


def idf(count: int, total: int) -> float:
    """The rarity of a piece of evidence that ``count`` of a story's ``total`` events show."""
    return math.log((total + 1 + PSEUDO_EVENTS) / (count + 0.5))


# The size of the stories the shipped confidence model is fitted on (15 and 16 events).
REFERENCE_EVENTS = 15


def rarity_scale(total: int) -> float:
    """What a story of ``total`` events has its evidence scaled by when its amount is weighed for the confidence
    model (``score``): a piece only one event shows then weighs as in a story of ``REFERENCE_EVENTS``, on whose
    scale the model was fitted. It tells that event from the others as well, but in a story of six events it
    weighs three quarters as much (idf), and a crime story's right events, ranked first, mostly fell short of the
    threshold (0.23-0.49). Scores, which rank events across stories, are left as they are, and so is a story too
    young to be anchored (``MIN_ANCHORED_EVENTS``): one or two events are no story of that kind yet."""
    if total >= REFERENCE_EVENTS or total < MIN_ANCHORED_EVENTS:
        return 1.0
    return idf(1, REFERENCE_EVENTS) / idf(1, total)


if TYPE_CHECKING:
    FloatArray: TypeAlias = array[float]
    IntArray: TypeAlias = array[int]
else:
    # Litestar has msgspec read the annotations of what a handler is given (a snapshot holds this index), and
    # array is subscriptable at run time only from Python 3.12.
    FloatArray = IntArray = array

_T = TypeVar("_T")


class Postings(msgspec.Struct, frozen=True, gc=False):
    """The events a piece of evidence is listed by, each with its weight; iterates as (event id, weight) pairs.

    A view of one row of ``PostingLists``, made when asked for (for each name and number an article shows): a Struct,
    made in a tenth of the time of a frozen dataclass."""

    lists: PostingLists
    start: int
    end: int

    def __iter__(self) -> Iterator[tuple[str, float]]:
        lists = self.lists
        return zip(
            map(lists.event_ids.__getitem__, lists.events[self.start : self.end]),
            lists.weights[self.start : self.end],
            strict=True,
        )

    def __len__(self) -> int:
        return self.end - self.start


class PostingLists(Mapping[str, Postings]):
    """Evidence key -> its ``Postings``, every row in the same flat arrays: events by ordinal (4 bytes, not a list
    slot and a string per posting), weights as doubles, and where each row starts. A list and an array per key, with
    an object to hold them, came to 29 MB for the 85,000 entities and 5,000 numbers of 100,000 events."""

    __slots__ = ("_rows", "_starts", "event_ids", "events", "weights")

    def __init__(
        self, event_ids: list[str], rows: dict[str, int], starts: IntArray, events: IntArray, weights: FloatArray
    ):
        self.event_ids = event_ids
        """Event ids by ordinal (the index's, shared by every posting list)."""
        self.events = events
        self.weights = weights
        self._rows = rows
        self._starts = starts
        """Where each row begins in ``events`` and ``weights``, and after the last one, where they end."""

    @classmethod
    def build(cls, event_ids: list[str], rows: Callable[[], Iterable[Iterable[tuple[str, float]]]]) -> PostingLists:
        """Posting lists of the (key, weight) pairs that ``rows()`` gives per event, in ``event_ids``' order.

        ``rows()`` is called twice, to count the postings of each key and then to fill them in, so that no list
        per key is ever made."""
        counts: dict[str, int] = defaultdict(int)
        for row in rows():
            for key, _ in row:
                counts[key] += 1
        starts = array("i", [0])
        for count in counts.values():
            starts.append(starts[-1] + count)
        keys = {key: number for number, key in enumerate(counts)}
        events = array("i", bytes(4 * starts[-1]))
        weights = array("d", bytes(8 * starts[-1]))
        filled = starts[:-1]
        for ordinal, row in enumerate(rows()):
            for key, weight in row:
                number = keys[key]
                at = filled[number]
                events[at], weights[at] = ordinal, weight
                filled[number] = at + 1
        return cls(event_ids, keys, starts, events, weights)

    def __getitem__(self, key: str) -> Postings:
        row = self._rows[key]
        return Postings(self, self._starts[row], self._starts[row + 1])

    @overload
    def get(self, key: str, /) -> Postings | None: ...
    @overload
    def get(self, key: str, /, default: Postings | _T) -> Postings | _T: ...
    def get(self, key: str, /, default: object = None) -> object:
        # Mapping's own get goes through a KeyError for every key missing; scoring asks once per name an article shows.
        row = self._rows.get(key)
        return default if row is None else Postings(self, self._starts[row], self._starts[row + 1])

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class StoryWeights(Mapping[tuple[str, str], float]):
    """(story id, key) -> a weight, held story by story: a (story id, key) tuple per weight was 56 bytes and a slot of
    a table of 250,000, 26 MB for the three tables of 100,000 events; a small table per story is a third of that."""

    __slots__ = ("_by_story",)

    def __init__(self) -> None:
        self._by_story: dict[str, dict[str, float]] = {}

    def add(self, story_id: str, weights: dict[str, float]) -> None:
        """The weights of one story's keys (a story is added once)."""
        if weights:
            self._by_story[story_id] = weights

    def __getitem__(self, key: tuple[str, str]) -> float:
        story_id, inner = key
        return self._by_story[story_id][inner]

    @overload
    def get(self, key: tuple[str, str], /) -> float | None: ...
    @overload
    def get(self, key: tuple[str, str], /, default: float | _T) -> float | _T: ...
    def get(self, key: tuple[str, str], /, default: object = None) -> object:
        # Mapping's own get goes through a KeyError for every key missing; cards ask it of entities of other stories.
        return self._by_story.get(key[0], {}).get(key[1], default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and len(key) == 2 and key[1] in self._by_story.get(key[0], {})

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((story_id, inner) for story_id, weights in self._by_story.items() for inner in weights)

    def __len__(self) -> int:
        return sum(map(len, self._by_story.values()))


class EventMass(Mapping[str, float]):
    """Event id -> ``EventIndex.event_mass``, worked out from the index's weights when asked.

    Holds the index's tables, never the index: an index is freed by reference counting alone (``catalog.settle``).
    Each mass is remembered once worked out: an event of a curated story lists dozens of entities and phrases, and
    the events shortlisted for articles are a small share of all, met again and again."""

    __slots__ = ("_entity_weight", "_events", "_known", "_number_weight", "_phrase_weight")

    def __init__(
        self,
        events: dict[str, Event],
        entity_weight: StoryWeights,
        number_weight: StoryWeights,
        phrase_weight: StoryWeights,
    ) -> None:
        self._events = events
        self._entity_weight = entity_weight
        self._number_weight = number_weight
        self._phrase_weight = phrase_weight
        self._known: dict[str, float] = {}

    def __getitem__(self, event_id: str) -> float:
        mass = self._known.get(event_id)
        if mass is None:
            mass = self._known[event_id] = self._mass(event_id)
        return mass

    def _mass(self, event_id: str) -> float:
        event = self._events[event_id]
        sid = event.story_id
        phrase_mass = max(
            (self._phrase_weight[(sid, " ".join(keys))] for keys in map(fold_phrase, event.phrases) if keys),
            default=0.0,
        )
        return (
            sum(
                self._entity_weight[(sid, e)] * centrality(position)
                for position, e in enumerate(dict.fromkeys(event.entities))
            )
            + sum(self._number_weight[(sid, n)] for n in set(event.numbers))
            + phrase_mass
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)


@dataclass
class EventIndex:
    stories: dict[str, Story]
    events: dict[str, Event]
    entities: dict[str, Entity]
    single_words: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    """One-word terms by the slot of their word (``word_slot``)."""
    word_pairs: dict[tuple[str, str], tuple[Term, ...]] = field(default_factory=dict)
    """Longer terms by the slots of their first two words: most first words (first names, "the") are common,
    pairs are not, so an article word pair only meets terms that can start with it."""
    consonant_names: dict[str, list[Term]] = field(default_factory=dict)
    """One-word names by their consonant key (``consonants.py``), for words of scripts that write vowels their
    own way; keys that names spelled differently share are left out."""
    short_names: dict[str, list[Term]] = field(default_factory=dict)
    """People's one-word names of two or three consonants by their strict key (``consonants.short_name_key``), for
    Arabic, Persian and Hebrew words that also write the name's vowels."""
    syllabic_names: dict[str, list[Term]] = field(default_factory=dict)
    """The same for runs of katakana or hangul syllables that write the name's vowels
    (``consonants.syllabic_short_keys``)."""
    shared_entities: frozenset[str] = frozenset()
    """Entities listed under a name that events of several stories list (each story's Trump)."""
    latest_year: int | None = None
    """The year of the latest event: an undated article naming a year up to it was written then at the earliest
    (``recall.Lookbacks``)."""
    syllabic_landmarks: dict[str, list[Term]] = field(default_factory=dict)
    """Organisations' and places' one-word names of many consonants by their consonant key, for runs of katakana
    or hangul syllables only (Dortmund: 도르트문트, ドルトムント); keys two names share are left out."""
    long_names: dict[str, list[Term]] = field(default_factory=dict)
    """People's long one-word names by their consonants (``consonants.vowelless``): spellings that differ in
    vowels only."""
    foreign_names: dict[str, list[Term]] = field(default_factory=dict)
    """The same for shorter names, looked up by words of other alphabets than the Latin one only."""
    brahmic_landmarks: dict[str, list[Term]] = field(default_factory=dict)
    """Organisations' and places' one-word names by their consonants as ``foreign_names`` are, for words of the
    scripts of India and South-East Asia only: their letters carry a vowel they do not write, which transliteration
    leaves out (कश्मीर -> ksmir, Kashmir; पहलगाम -> phlgam, Pahalgam). Keys a person's name has too are left out."""
    compound_names: dict[tuple[str, str], tuple[Term, ...]] = field(default_factory=dict)
    """Names of several short words (Yoon Suk Yeol, Nippon Steel) by the consonant keys of their first two words
    (``compound_keys``): what other alphabets write them as, vowels aside."""
    compound_firsts: frozenset[str] = frozenset()
    """The keys of their first words."""
    pair_firsts: set[str] = field(default_factory=set)
    pair_seconds: set[str] = field(default_factory=set)
    number_events: dict[str, list[str]] = field(default_factory=dict)
    date_events: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    entity_weight: StoryWeights = field(default_factory=StoryWeights)
    number_weight: StoryWeights = field(default_factory=StoryWeights)
    phrase_weight: StoryWeights = field(default_factory=StoryWeights)
    """Rarity of each piece of evidence among the events of a story, keyed by (story id, key).

    Rarity is counted within a story: what tells its events apart. An event set that grows by other
    stories leaves these weights, and so the confidence of a match, unchanged."""
    story_events: dict[str, list[Event]] = field(default_factory=dict)
    event_mass: Mapping[str, float] = field(default_factory=dict)
    """All the evidence an event could show, weighed (its phrases, which are translations of each other,
    count once): how much of it an article shows is the coverage feature of a match. Worked out when asked, for a
    shortlisted event (kept for every event, 6 MB at 100,000 events)."""
    entity_postings: Mapping[str, Postings] = field(default_factory=dict)
    """Entity id -> (event id, weight of the entity for that event): scoring adds these up."""
    number_postings: Mapping[str, Postings] = field(default_factory=dict)
    entity_stories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    story_core: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per story, the entities present in a large share of its events: what marks an article as about it."""
    story_cast: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per story, its core entities with the share of its events that list each: the usual cast of its
    articles, by which stories that share a few names (Trump, Putin) compete for an article."""
    story_anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per story of a few events or more, the entities most of its events list (Lukashenko, Belarus, Minsk): an
    article about it names one of them, and an article that names none is about another story, or none."""
    story_actors: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per story, the actors an article reporting it names up top: its core or, for a story too young to have
    one (an event or two), the leading entities of its events."""
    actors: frozenset[str] = frozenset()
    """Every story's actors: the people whose names the lossiest keys are tried for (``evidence._han_hits``)."""
    uncurated: frozenset[str] = frozenset()
    """Events that list fewer than ``automatic.MIN_LISTED`` entities: their names were found for them."""
    wording: Wording = field(default_factory=lambda: Wording({}, {}))
    """Shortlisted uncurated events' wording as character 4-grams (``wording.py``), worked out when first asked."""

    @classmethod
    def build(cls, catalog: Catalog) -> EventIndex:
        # A build allocates millions of objects and frees none of them in cycles: the collector's full passes over
        # an ever larger heap cost nothing but time (100,000 events: 55.6 s with it, 38.5 s without, one run each).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._build(catalog)
        finally:
            if enabled:
                gc.enable()
            _release_free_memory()

    @classmethod
    def _build(cls, catalog: Catalog) -> EventIndex:
        # Events imported with (almost) no names of their own: what they say, their wording, counts for more.
        uncurated = frozenset(event.id for event in catalog.events if len(event.entities) < MIN_LISTED)
        catalog = with_found_countries(with_found_names(with_story_entities_named(catalog)))
        _forget_folds()
        index = cls(
            stories={story.id: story for story in catalog.stories},
            events={event.id: event for event in catalog.events},
            entities={entity.id: entity for entity in catalog.entities},
        )
        entity_events: dict[str, list[str]] = defaultdict(list)
        number_events: dict[str, list[str]] = defaultdict(list)
        date_events: dict[tuple[int, int], list[str]] = defaultdict(list)
        story_events: dict[str, list[Event]] = defaultdict(list)
        for event in index.events.values():
            for entity_id in dict.fromkeys(event.entities):
                entity_events[entity_id].append(event.id)
            for number in dict.fromkeys(event.numbers):
                number_events[number].append(event.id)
            date_events[(event.date.month, event.date.day)].append(event.id)
            story_events[event.story_id].append(event)
        index.number_events = dict(number_events)
        index.date_events = dict(date_events)
        index.story_events = {sid: sorted(evs, key=lambda e: (e.date, e.id)) for sid, evs in story_events.items()}
        del story_events
        group = _entity_groups(index, entity_events)
        everywhere = _events_naming(entity_events, group)
        # Rarities are a few distinct values (an event count out of a story's size): each is one float, shared.
        rarity = cache(idf)
        for story_id, events in index.story_events.items():
            entity_df: dict[str, int] = defaultdict(int)
            number_df: dict[str, int] = defaultdict(int)
            for event in events:
                for entity_id in set(event.entities):
                    entity_df[entity_id] += 1
                for number in set(event.numbers):
                    number_df[number] += 1
            # Rare in the story but common across stories (Ukraine in a Belarus story beside a Ukraine story): the
            # other stories' events claim it as much, so it weighs no more than across all.
            index.entity_weight.add(
                story_id,
                {
                    entity_id: min(rarity(count, len(events)), rarity(everywhere[entity_id], len(index.events)))
                    for entity_id, count in entity_df.items()
                },
            )
            index.number_weight.add(
                story_id, {number: rarity(count, len(events)) for number, count in number_df.items()}
            )
        index.story_core = {
            sid: frozenset(
                eid
                for eid in {e for ev in evs for e in ev.entities}
                if sum(eid in ev.entities for ev in evs) >= max(2, len(evs) // 3)
            )
            for sid, evs in index.story_events.items()
        }
        index.story_cast = {
            sid: {eid: sum(eid in ev.entities for ev in evs) / len(evs) for eid in sorted(index.story_core[sid])}
            for sid, evs in index.story_events.items()
        }
        index.story_actors = {
            sid: core
            if len(core) >= MIN_STORY_ACTORS
            else frozenset(
                e for ev in index.story_events[sid] for e in list(dict.fromkeys(ev.entities))[:CENTRAL_ENTITIES]
            )
            for sid, core in index.story_core.items()
        }
        index.actors = frozenset().union(*index.story_actors.values())
        index.story_anchors = {
            sid: frozenset(sorted(cast, key=lambda e: -cast[e])[:STORY_ANCHORS])
            for sid, cast in index.story_cast.items()
            # A story without a core (no entity in a third of its events) has nothing to be anchored by.
            if cast and len(index.story_events[sid]) >= MIN_ANCHORED_EVENTS
        }

        # What only the build needs is let go as soon as it has served (``del``): the most a build holds at once
        # is what the process keeps afterwards, as the allocators hand little of it back.
        terms: list[Term] = []
        stories_of = {
            entity_id: [index.events[event_id].story_id for event_id in event_ids]
            for entity_id, event_ids in entity_events.items()
        }
        listed = [entity for entity in index.entities.values() if entity.id in entity_events]
        fold = Folds().__getitem__
        pool = _Pool()
        surnames = owned_surnames(listed, stories_of, fold)
        places = [entity for entity in listed if entity.kind == "place"]
        # A name found in an uncurated event's capitals may be a city's too (Mumbai, which Italian writes Bombay).
        cities = city_names(
            (name for entity in places for name in [entity.name, *entity.aliases]),
            found=(entity.name for entity in listed if entity.id.startswith(NAME_PREFIX)),
            least=MIN_FOUND_CITY_PEOPLE,
        )
        shared = _shared_names(index, group)
        chinese = read_chinese_names()
        subdivisions = read_subdivisions() if places else {}
        # Organisations' and places' names as curated: read in katakana and hangul too (``_syllabic_landmarks``).
        landmarks: list[Term] = []
        # The Russian forms derived for people (``_consonant_names``), by ``id`` of their terms.
        respelled: set[int] = set()
        compoundable: list[Term] = []
        for entity in listed:
            names = [
                entity.name,
                *entity.aliases,
                *surnames[entity.id],
                *shared.get((group[entity.id], entity.kind), ()),
            ]
            known: set[tuple[tuple[str, ...], str]] = set()
            curated = _terms("name", entity.id, names, fold, pool, known)
            terms.extend(curated)

            # Chinese writes the names of the news as use fixed them (普京, 卢浮宫, 白宫): ``chinese_names.py``. Not for a
            # place CLDR names: its variants add old names that read as words (有夏, China, as 有效, "effective").
            cldr = place_aliases(entity, fold)
            found = cldr or chinese_aliases(names, chinese)
            if entity.kind == "person":
                found += russian_forms_of(names)
            if entity.kind == "place":
                found += [other for name in [entity.name, *entity.aliases] for other in cities[name]]
                found += subdivision_aliases([entity.name, *entity.aliases], subdivisions)
            elif entity.id.startswith(NAME_PREFIX):
                found += cities.get(entity.name, ())
            # A place that CLDR names in hangul or katakana is not read by its sound there as well (Kiev was Korean
            # 기업, "company"; China, by the Italian Cina another story curated, 지나, "past"); one that only iso-codes
            # or GeoNames name is, as they give one spelling of several (iso-codes' 알라스카 where the Korean press
            # writes 알래스카, Alaska).
            if entity.kind in ("org", "place") and not _written_by_sound(cldr):
                landmarks.extend(curated)
            elif entity.kind == "topic":
                # A topic's proper name is read so too (Hurricane Erin: 에린, エリン), not its common words.
                landmarks.extend(term for term in curated if term.label[:1].isupper() and term.size == 1)
            # Names of several words as curated (not the other languages' names CLDR and GeoNames give a place,
            # nor a topic's words), to be read word by word in other alphabets (``_compound_names``).
            if entity.kind in ("person", "org") or (entity.kind == "place" and not found):
                several = [term for term in curated if term.size > 1]
                compoundable.extend(several)
                # And as the other alphabets write a word opening with j (Jackson Hole: Джексон-Хоул, जैक्सन होल),
                # which English spelling folds as a vowel.
                compoundable.extend(_opening_j_terms(several, fold, pool))
            derived = [_whole_stems(term, pool) for term in _terms("name", entity.id, found, fold, pool, known)]
            if entity.kind == "person":
                derived += _sounded_terms(entity, names, fold, pool, known)
                respelled.update(map(id, derived))
            terms.extend(derived)
        del stories_of, surnames, cities, shared, listed, places, chinese, subdivisions
        # Events of a story that list a phrase: an event's terms never repeat their keys, so a count is enough.
        phrase_events: dict[tuple[str, tuple[str, ...]], int] = defaultdict(int)
        for event in index.events.values():
            for term in [*_terms("phrase", event.id, event.phrases, fold, pool), *_case_names(event, fold, pool)]:
                phrase_events[(event.story_id, term.keys)] += 1
                terms.append(term)
        for number in index.number_events:
            terms.extend(_number_terms(number, pool))
        phrase_weights: dict[str, dict[str, float]] = defaultdict(dict)
        for (story_id, keys), count in phrase_events.items():
            phrase_weights[story_id][pool.word(" ".join(keys))] = rarity(count, len(index.story_events[story_id]))
        for story_id, weights in phrase_weights.items():
            index.phrase_weight.add(story_id, weights)
        del phrase_weights
        del phrase_events, fold
        index.uncurated = uncurated
        index.latest_year = max((event.date.year for event in index.events.values()), default=None)
        index.wording = Wording(index.events, index.story_events)
        index.event_mass = EventMass(index.events, index.entity_weight, index.number_weight, index.phrase_weight)
        _forget_folds()
        event_ids = list(index.events)
        index.entity_postings = PostingLists.build(
            event_ids,
            lambda: (
                [
                    (entity_id, index.entity_weight[(event.story_id, entity_id)] * centrality(position))
                    for position, entity_id in enumerate(dict.fromkeys(event.entities))
                ]
                for event in index.events.values()
            ),
        )
        index.number_postings = PostingLists.build(
            event_ids,
            lambda: (
                [(number, index.number_weight[(event.story_id, number)]) for number in dict.fromkeys(event.numbers)]
                for event in index.events.values()
            ),
        )
        # Shared: most entities are listed by one story, and each of its entities has the same one-story tuple.
        index.entity_stories = {
            entity_id: pool.words(tuple(dict.fromkeys(index.events[event_id].story_id for event_id in event_ids)))
            for entity_id, event_ids in entity_events.items()
        }
        del entity_events
        # Entities whose name other stories list too (Trump, the United States): naming one says which world an
        # article is of no more than its cast does (``score.belonging``).
        group_stories: dict[str, set[str]] = defaultdict(set)
        for entity_id, stories in index.entity_stories.items():
            group_stories[group[entity_id]].update(stories)
        index.shared_entities = frozenset(
            entity_id for entity_id in index.entity_stories if len(group_stories[group[entity_id]]) > 1
        )
        del group_stories, group
        people = {entity.id for entity in index.entities.values() if entity.kind == "person"}
        named = [term for term in terms if term.target in people]
        index.consonant_names, index.short_names, syllabic_names = _consonant_names(
            named, frozenset(respelled), index.entity_stories
        )
        for key, landmark_terms in _syllabic_landmarks(landmarks).items():
            syllabic_names.setdefault(key, []).extend(landmark_terms)
        index.syllabic_names = syllabic_names
        # The landmarks of many consonants, which ``_syllabic_landmarks`` leaves out, by their consonants as people's
        # are: only for katakana and hangul, whose runs also write the name's vowels (Arabic, Persian and Hebrew
        # words meet a place's consonants as often as a person's). A key a person's name has too is neither's here.
        long_landmarks = _consonant_names(term for term in landmarks if not _few_consonants(term.keys[0]))[0]
        index.syllabic_landmarks = {
            key: found for key, found in long_landmarks.items() if key not in index.consonant_names
        }
        index.long_names = _long_names(named, MIN_LONG_NAME, MIN_LONG_CONSONANTS)
        index.foreign_names = _long_names(named, MIN_FOREIGN_NAME, MIN_FOREIGN_CONSONANTS)
        index.brahmic_landmarks = {
            key: found
            for key, found in _long_names(landmarks, MIN_FOREIGN_NAME, MIN_FOREIGN_CONSONANTS).items()
            if key not in index.foreign_names
        }
        del landmarks, long_landmarks, respelled
        index.compound_names = _compound_names(compoundable, frozenset(people), pool)
        index.compound_firsts = frozenset(first for first, _ in index.compound_names)
        del compoundable
        single_words: dict[str, list[Term]] = defaultdict(list)
        word_pairs: dict[tuple[str, str], list[Term]] = defaultdict(list)
        for term in terms:
            # Shared: a slot is a key of single_words, of word_pairs and of pair_firsts or pair_seconds at once.
            first = pool.word(_slot(term, 0))
            if term.size == 1:
                single_words[first].append(term)
            else:
                second = pool.word(_slot(term, 1))
                word_pairs[(first, second)].append(term)
                index.pair_firsts.add(first)
                index.pair_seconds.add(second)
        index.single_words = _as_tuples(single_words)
        index.word_pairs = _as_tuples(word_pairs)
        return index

    def centrality(self, event_id: str, entity_id: str) -> float:
        """1 for the entities an event lists first, less for those further down, 0 for one it does not list.

        Computed when asked (for a shortlisted event or a card): kept for every pair, it was 66 MB at 100,000 events.
        """
        ordered = list(dict.fromkeys(self.events[event_id].entities))
        return centrality(ordered.index(entity_id)) if entity_id in ordered else 0.0

    def central(self, event_id: str) -> frozenset[str]:
        """An event's leading entities that are not its story's core: what an article reporting it names."""
        event = self.events[event_id]
        core = self.story_core.get(event.story_id, frozenset())
        return frozenset([e for e in dict.fromkeys(event.entities) if e not in core][:CENTRAL_ENTITIES])

    def terms_written(self, keys: tuple[str, ...]) -> list[Term]:
        """The terms whose words, folded, are exactly ``keys``: looked up by their slots, as an article's words are."""
        if len(keys) == 1:
            filed = [term for slot in lookup_slots(keys[0]) for term in self.single_words.get(slot, ())]
        elif keys:
            filed = [
                term
                for first in lookup_slots(keys[0])
                for second in lookup_slots(keys[1])
                for term in self.word_pairs.get((first, second), ())
            ]
        else:
            filed = []
        return [term for term in filed if term.keys == keys]

    @property
    def term_count(self) -> int:
        """Curated names and phrases in the index."""
        return sum(map(len, self.single_words.values())) + sum(map(len, self.word_pairs.values()))

    def story_timeline(self, story_id: str) -> list[Event]:
        return self.story_events.get(story_id, [])


def _slot(term: Term, i: int) -> str:
    """The slot of a term's ``i``-th word (``word_slot``), but a four-letter word written in Hebrew or Arabic letters
    matches only as written: the letters those scripts add to a word make another word of a short one (הודו India,
    הוודאות the certainty)."""
    key = term.keys[i]
    if len(key) == MIN_STEM and ABJAD.search(term.label):
        return "=" + key
    return word_slot(key, term.stems[i])


def _forget_folds() -> None:
    """Empty the process-wide fold caches, which a build fills with the catalog's names (finding countries and names
    in events' texts folds every name of the catalog, then the terms fold them again): about 60 MB at 100,000 events
    that the index never reads again, held for the life of the process. Emptied after each pass that fills them, the
    most a build holds at once is lower too. Articles fill them anew with their own words, up to their bounds."""
    fold_word.cache_clear()
    fold_phrase.cache_clear()


_K = TypeVar("_K")


def _as_tuples(lists: dict[_K, list[Term]]) -> dict[_K, tuple[Term, ...]]:
    """The terms filed by slot in tuples, not the lists they were gathered in: most slots hold one term, and a list
    grown by appends keeps room for four. Each list is replaced where it stands, and so freed before the next tuple
    is made, rather than all of them held until every tuple is."""
    filed = cast(dict[_K, Any], lists)
    for key, found in lists.items():
        filed[key] = tuple(found)
    return dict(filed)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def _release_free_memory() -> None:
    """Give the C heap's free pages back to the system, where the C library can (glibc's ``malloc_trim``).

    A build's temporary tables (the names it folds, the terms before they are filed: large blocks of the C heap, not
    of Python's small-object arenas) are freed when it returns, but glibc keeps the pages between blocks still in use:
    at 100,000 events that was 80 MB of the process's resident memory, for nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _entity_groups(index: EventIndex, entity_events: Mapping[str, list[str]]) -> dict[str, str]:
    """Entity id -> the id standing for every entity listed under one of its names, in whichever story.

    Stories are curated apart, so one person or country has an id in each ("donald-trump", "trump", "cldr-ua").
    """
    by_name: dict[str, str] = {}
    group: dict[str, str] = {}
    for entity_id in sorted(entity_events):
        entity = index.entities.get(entity_id)
        # As written, in any case: curators of several stories write a name alike (folding every name here cost
        # two seconds of a build at 20,000 events).
        names = [as_written(name) for name in [entity.name, *entity.aliases]] if entity else []
        # The first entity seen under any of its names stands for the group.
        group[entity_id] = next((by_name[n] for n in names if n in by_name), entity_id)
        for name in names:
            by_name.setdefault(name, group[entity_id])
    return group


def _shared_names(index: EventIndex, group: dict[str, str]) -> dict[tuple[str, str], list[str]]:
    """(group, kind) -> every name and alias its listed entities of that kind are curated with.

    One person curated in two stories has two records, and the second story's is often the thinner: "Volodymyr
    Zelenskyy" with three Latin spellings beside the first story's twenty in every script. Each record then
    matches every spelling either was curated with, so a story curated in English in an hour reads the names the
    earlier stories taught. Only within a kind: a place and an organisation may share a name and not a meaning.
    """
    sizes: dict[str, int] = defaultdict(int)
    for head in group.values():
        sizes[head] += 1
    names: dict[tuple[str, str], dict[str, None]] = {}
    for entity_id, head in group.items():
        entity = index.entities.get(entity_id)
        if entity is not None and sizes[head] > 1:
            names.setdefault((head, entity.kind), {}).update(dict.fromkeys([entity.name, *entity.aliases]))
    return {key: list(found) for key, found in names.items()}


def _events_naming(entity_events: Mapping[str, list[str]], group: dict[str, str]) -> dict[str, int]:
    """Entity id -> how many events, of every story, list it or another entity of its group."""
    events: dict[str, set[str]] = defaultdict(set)
    for entity_id, event_ids in entity_events.items():
        events[group[entity_id]].update(event_ids)
    return {entity_id: len(events[group[entity_id]]) for entity_id in entity_events}


class _Pool:
    """One build's folded words and word tuples, each held once: the same keys and stems come back in many terms (a
    first name, a stock phrase in thousands of events, a stem that is its whole word), and each was a tuple and
    strings of its own. Local to a build rather than ``sys.intern``: the interpreter's table would keep an entry for
    every distinct word, shared or not."""

    __slots__ = ("_tuples", "_words")

    def __init__(self) -> None:
        self._words: dict[str, str] = {}
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    def word(self, word: str) -> str:
        return self._words.setdefault(word, word)

    def words(self, words: tuple[str, ...]) -> tuple[str, ...]:
        held = self._tuples.get(words)
        if held is None:
            # Filed under itself, not under ``words``: the tuple it was asked with may then go.
            held = tuple(map(self.word, words))
            self._tuples[held] = held
        return held

    def stems(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        """The stems of ``keys``: ``keys`` itself when no word loses a letter."""
        return self.words(tuple(map(stem, keys)))


# Names of this many letters or fewer, folded, are short: words of other scripts meet them by chance (Spanish sin,
# "without", is Hebrew סין, China).
SHORT_NAME = 4


# A court case curated by its English name, "Trump v. CASA", is written with the word for "against" of the article's
# language where the parties' names stay in Latin letters: Trump przeciwko CASA, Trump contre CASA.
_VERSUS = re.compile(r"\s+(?:v|vs)\.?\s+")
VERSUS_WORDS: dict[str, frozenset[str]] = {
    "przeciwko": frozenset(("pl",)), "gegen": frozenset(("de",)), "contre": frozenset(("fr",)),
    "contra": frozenset(("es", "pt", "ca", "ro")), "contro": frozenset(("it",)), "tegen": frozenset(("nl",)),
    "proti": frozenset(("cs", "sk", "sl")), "protiv": frozenset(("hr", "bs", "sr")), "împotriva": frozenset(("ro",)),
    "mot": frozenset(("sv", "no")), "mod": frozenset(("da",)), "melawan": frozenset(("id", "ms")),
}  # fmt: skip


def _case_names(event: Event, fold: Callable[[str], tuple[str, ...]], pool: _Pool) -> list[Term]:
    """An event's phrases that name a court case ("Trump v. CASA"), as the languages that keep the parties' Latin
    names write them (``VERSUS_WORDS``), each counting in those languages and labelled as curated."""
    found = []
    for phrase in event.phrases:
        parties = _VERSUS.split(phrase)
        if len(parties) != 2 or not all(parties):
            continue
        for word, langs in VERSUS_WORDS.items():
            for term in _terms("phrase", event.id, [f"{parties[0]} {word} {parties[1]}"], fold, pool):
                found.append(msgspec.structs.replace(term, label=phrase, langs=langs))
    return found


_OPENING_J = re.compile(r"\bJ(?=[aeiou])")


# The languages whose alphabets write a j as dzh and write their vowels: Arabic, Persian and Hebrew, which read a
# name of several words without them, met too many of their words so (Hebrew החדשים עשויים, "the new ones may", as
# Jeanne Shaheen).
_J_WRITTEN = SOUNDING | frozenset(("hi", "mr", "ne", "bn"))


def _opening_j_terms(terms: list[Term], fold: Callable[[str], tuple[str, ...]], pool: _Pool) -> list[Term]:
    """Names of several words with a word opening with j before a vowel, folded with that j as the dzh other
    alphabets write (``sounded.py``), labelled as curated, counting in those alphabets' languages (``_J_WRITTEN``)."""
    found = []
    for term in terms:
        if _OPENING_J.search(term.label):
            for respelled in _terms("name", term.target, [_OPENING_J.sub("Dzh", term.label)], fold, pool):
                found.append(msgspec.structs.replace(respelled, label=term.label, langs=_J_WRITTEN))
    return found


def _terms(
    kind: TermKind,
    target: str,
    texts: Iterable[str],
    fold: Callable[[str], tuple[str, ...]] = fold_phrase,
    pool: _Pool | None = None,
    known: set[tuple[tuple[str, ...], str]] | None = None,
) -> list[Term]:
    """The terms of ``texts``, one for each group of texts that fold alike (``_spelled_apart``). With ``known``, the
    groups an entity's earlier terms were made of: texts of those groups are left out, and the groups made here are
    added."""
    pool = pool or _Pool()
    seen: dict[tuple[tuple[str, ...], str], int] = {}
    terms: list[Term] = []
    for text in texts:
        keys = fold(text)
        if not keys:
            continue
        group = (keys, _spelled_apart(text, keys))
        if group in seen:
            # Names that fold alike are one term. Where the first was written in a script of India or South-East
            # Asia, a Latin one that folds alike labels it instead, so that Latin words may meet it inflected
            # (``evidence._foreign_label``): Istambul rather than Hindi इस्तांबुल. And one in Chinese characters,
            # kana or hangul labels it rather than another script's, as their words meet a term only in its own
            # (``evidence._script_fits``): 釜山 rather than Phu San (Busan).
            kept = terms[seen[group]]
            if (text[0] <= LAST_LATIN and BRAHMIC.match(kept.label)) or (
                written_by_sound(text) and not written_by_sound(kept.label)
            ):
                terms[seen[group]] = msgspec.structs.replace(kept, label=text)
            continue
        if known is not None:
            if group in known:
                continue
            known.add(group)
        seen[group] = len(terms)
        keys = pool.words(keys)
        # Tested last: joining a name's letters one by one was a tenth of a build at 100,000 events.
        caps = len(keys) == 1 and len(keys[0]) <= MIN_STEM and "".join(ch for ch in text if ch.isalnum()).isupper()
        terms.append(Term(kind=kind, keys=keys, stems=pool.stems(keys), target=target, label=text, caps=caps))
    return terms


def _sounded_terms(
    entity: Entity,
    names: list[str],
    fold: Callable[[str], tuple[str, ...]],
    pool: _Pool,
    known: set[tuple[tuple[str, ...], str]],
) -> list[Term]:
    """A person's one-word names spelled as they sound, counting in the languages whose press writes names so
    (``sounded.py``); none when the curator wrote the name in another alphabet, and so told how it sounds."""
    if not all(map(written_in_latin, entity.aliases)):
        return []
    forms = sounded_forms_of(name for name in names if " " not in name)
    return [
        msgspec.structs.replace(_whole_stems(term, pool), langs=SOUNDING)
        for term in _terms("name", entity.id, forms, fold, pool, known)
    ]


def _spelled_apart(text: str, keys: tuple[str, ...]) -> str:
    """What tells apart spellings that fold alike, as terms of their own: a short name's script (words of another
    script meet it only as a name transliterated, ``evidence._short_fits``: Hindi चीन is kept beside Turkish Çin,
    China, both cin) and an Arabic-script name's letters (words in that script meet it only as spelled,
    ``evidence._spells_arabic``: Persian استانبول beside Arabic إسطنبول, Istanbul)."""
    if len(keys) == 1 and len(keys[0]) <= SHORT_NAME:
        return text_script(text)
    return arabic_letters(text) if ARABIC_SCRIPT.match(text) else ""


# CLDR's place names come in some sixty languages; a short stem of one (Latvian Polija -> poli, Kazakh Ресей ->
# rese) is the start of many words of another (politische, решение). Those keep their last vowels.
MIN_CLDR_STEM = 5


def _whole_stems(term: Term, pool: _Pool) -> Term:
    """``term`` with each stem shorter than ``MIN_CLDR_STEM`` letters replaced by its whole word."""
    stems = tuple(k if len(s) < MIN_CLDR_STEM else s for k, s in zip(term.keys, term.stems, strict=True))
    return term if stems == term.stems else msgspec.structs.replace(term, stems=pool.words(stems))


def _number_terms(number: str, pool: _Pool) -> list[Term]:
    """A number's spellings in words, each counting only in the languages that write it so."""
    langs_by_keys: dict[tuple[str, ...], set[str]] = {}
    labels: dict[tuple[str, ...], str] = {}
    for spelling, langs in number_words(number).items():
        keys = fold_phrase(spelling)
        if keys:
            langs_by_keys.setdefault(keys, set()).update(langs)
            labels.setdefault(keys, spelling)
    return [
        Term("number", held, pool.stems(held), number, labels[keys], caps=False, langs=frozenset(langs))
        for keys, langs in langs_by_keys.items()
        for held in [pool.words(keys)]
    ]


def _consonant_names(
    terms: Iterable[Term],
    derived: frozenset[int] = frozenset(),
    stories: Mapping[str, Sequence[str]] | None = None,
) -> tuple[dict[str, list[Term]], dict[str, list[Term]], dict[str, list[Term]]]:
    """People's one-word names as curated in Latin letters by consonant key (``consonants.name_key``), without the
    keys two names of different stems share (Putin, Fidan), unless each is of stories the others are not in
    (``stories``: entity id -> its stories; ``_apart``); and the shorter ones by their strict key
    (``consonants.short_name_key``), all kept: their vowels tell them apart (Putin, Biden: b-t-n), and a word both
    would read is left unread (``evidence._consonant_hits``); and those short for runs of syllables
    (``consonants.syllabic_short_keys``). Only people's: a place has CLDR's names in these scripts, and topic words
    (visit, talks) have consonants that many words of Hebrew and Arabic share.

    Of the names ``derived`` for a person (the ``id`` of each term: the Russian forms of a name curated as Belarusian
    or Ukrainian spells it), only the long ones: the Arabic press writes Tsikhanouskaya as Russian does
    (تيخانوفسكايا), but a short one reads like other words (Shageen, Shaheen as Russian writes it, was Korean 사건,
    "incident")."""
    by_key: dict[str, list[Term]] = defaultdict(list)
    short: dict[str, list[Term]] = defaultdict(list)
    syllabic: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        latin = written_in_latin(term.label)
        if term.kind == "name" and term.size == 1 and latin and not term.caps and not term.keys[0].isdigit():
            key = name_key(term.keys[0])
            if key is not None:
                by_key[key].append(term)
            elif id(term) in derived:
                continue
            elif (key := short_name_key(term.keys[0])) is not None:
                short[key].append(term)
            # Most long names have four consonants or more even without a closing r: not worked out for them.
            if _few_consonants(term.keys[0]):
                for key in syllabic_short_keys(term.keys[0]):
                    syllabic[key].append(term)
    # One entity's spellings, or one name that two stories' entities share (Trump), are no ambiguity.
    unique = {
        key: found
        for key, found in by_key.items()
        if len({term.target for term in found}) == 1
        or len({term.stems[0] for term in found}) == 1
        or (stories is not None and _apart(found, stories))
    }
    return unique, dict(short), dict(syllabic)


# How many names of different stories one key may read as: a key that more share says too little (and at a hundred
# thousand events every key of few consonants would).
MAX_NAMES_APART = 3


def _apart(terms: Sequence[Term], stories: Mapping[str, Sequence[str]]) -> bool:
    """Whether names of different stems that share a key are each of stories the others are not in (Wilmore, of a
    story of spaceflight, and Palmer, of a football one): the article's other names then tell which it is."""
    if len({term.stems[0] for term in terms}) > MAX_NAMES_APART:
        return False
    seen: dict[str, str] = {}
    for term in terms:
        for story in stories.get(term.target, ()):
            if seen.setdefault(story, term.stems[0]) != term.stems[0]:
                return False
    return True


def _few_consonants(key: str) -> bool:
    """Whether a folded name has few enough consonant letters to be filed for runs of syllables."""
    return sum(letter not in "aeiou" for letter in key) <= MIN_CONSONANTS + 1


def _written_by_sound(names: Iterable[str]) -> bool:
    """Whether some of the names are written in hangul or in katakana."""
    found = " ".join(names)
    return bool(HANGUL.search(found)) or bool(KATAKANA.search(found))


def _syllabic_landmarks(terms: Iterable[Term]) -> dict[str, list[Term]]:
    """Organisations' and places' one-word Latin names, as curated, by the keys of their shapes for runs of
    katakana and hangul (``consonants.syllables_write`` then asks for their vowels too): Korean and Japanese write
    the Louvre, Belavia or Viasna as they sound (루브르, ルーヴル), and CLDR names only countries and cities. Not
    looked up by consonants alone, nor in Arabic, Persian or Hebrew letters, whose words meet a place's consonants
    as often as a person's (``_consonant_names``)."""
    by_key: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        # As for people, names of many consonants are left out (see ``_consonant_names``).
        if term.size == 1 and not term.caps and _few_consonants(term.keys[0]) and written_in_latin(term.label):
            for shape, _ in name_shapes(term.keys[0]):
                if len(shape[0]) >= MIN_SHORT_CONSONANTS:
                    by_key[shape[0]].append(term)
    return by_key


# A name of several words is read word by word by its consonants (``compound_keys``) when it has this many
# consonant classes in all (one more for two words), and, for a person, none of its words is long enough to be found
# alone (``_compound_names``): Yoon Suk Yeol is n, sk, r in Cyrillic, Georgian and Devanagari alike.
MIN_COMPOUND_CLASSES = 4


def compound_keys(keys: Sequence[str]) -> tuple[str, ...] | None:
    """The consonant keys (``consonants.consonant_key``) of a name's folded words, or None when one has none (a
    vowel alone, which no other script need write alike)."""
    found = tuple(consonant_key(key) for key in keys)
    return found if all(found) else None


def _compound_names(
    terms: Iterable[Term], people: frozenset[str], pool: _Pool
) -> dict[tuple[str, str], tuple[Term, ...]]:
    by_first: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for term in terms:
        if term.kind != "name" or term.size < 2 or term.caps or not written_in_latin(term.label):
            continue
        # A person whose surname is long enough is found by it alone (``foreign_names``); an organisation or a place
        # has no word looked up alone (Реал Мадрид's Мадрид is the city).
        if term.target in people and any(
            len(key) >= MIN_FOREIGN_NAME and len(vowelless(key)) >= MIN_FOREIGN_CONSONANTS for key in term.keys
        ):
            continue
        keys = compound_keys(term.keys)
        # Two words need one more: Georgian ბევრი დათმო ("conceded much") has the consonants of Polish Biały Dom.
        if keys is not None and sum(map(len, keys)) >= MIN_COMPOUND_CLASSES + (len(keys) == 2):
            by_first[(pool.word(keys[0]), pool.word(keys[1]))].append(term)
    # Tuples, not lists: 30,000 names at 100,000 invented events, a list's spare room each.
    return {pair: tuple(found) for pair, found in by_first.items()}


def _long_names(terms: Iterable[Term], min_letters: int, min_consonants: int) -> dict[str, list[Term]]:
    """One-word names of at least these lengths by their consonants, without the keys two share."""
    by_key: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        if term.kind == "name" and term.size == 1 and len(term.keys[0]) >= min_letters:
            key = vowelless(term.keys[0])
            if len(key) >= min_consonants:
                by_key[key].append(term)
    return {
        key: found
        for key, found in by_key.items()
        if len({term.target for term in found}) == 1 or len({term.stems[0] for term in found}) == 1
    }
