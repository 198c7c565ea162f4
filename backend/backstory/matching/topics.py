"""Topic words across languages: what an article is about beyond its names ("talks", "pardoned", "sanctions").

A story curated in English in an hour has English titles and summaries; an article about one of its events in
Russian or Hungarian names the same people and places (``aliases``, ``consonants`` reach those) but says what
happened in its own words: помиловал, Ovális Iroda, עסקת חילופי אסירים. No curator lists those per story, so
Backstory ships one lexicon of news concepts (``topics/<lang>.json``: 360 concepts, from talks and sanctions to
earthquakes, tariffs, robberies, charges, funerals, outages, tournaments and the institutions of the news (the IAEA,
the WHO, the Knesset), in English and as the press of 48
other languages writes them) and reads both sides through it:

- an event's concepts are those its English title and summary name (each language's, for an event without
  English), and its listed entities' names and its phrases read as English (``concepts_of``);
- an article's concepts are those its words name in its own language only (``find_topics``): a word of one
  language is often another word in another.

A concept the article shares with a shortlisted event adds evidence like a curated phrase, weighed by its rarity
among the story's events (a story about talks has "talks" in most of its events; "pardon" in one) and by where it
stands in the article; not for an event curated in the article's language, whose own title and phrases say it
better. Topics never shortlist an event: names and phrases do (``score.py``), so a lexicon word in
thousands of events costs nothing until an event is a candidate. An entity curated under a concept's English name
(Oval Office, ceasefire) is a name, though: where the article names the concept, it names the entity
(``named_entities``), and the concept adds nothing more to an event that lists it.

The lexicon is general news vocabulary, not any story's: it was written for the product as a whole, concept by
concept in English and then in each language, without reading the articles it is measured on, and checked against
each language's most frequent words for forms that fold onto unrelated ones (Persian قرارداد onto کرد, "did").
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from backstory.events.models import Entity, Event
from backstory.matching.automatic import NAME_PREFIX
from backstory.matching.index import MAX_GAP_LETTERS, EventIndex, idf, lookup_slots, match_words, word_slot
from backstory.matching.kept import Kept
from backstory.matching.normalise import WORDS_REMEMBERED, Tokens, fold_phrase, fold_text, stem

FOLDER = "topics"
LANGUAGE_CODE = re.compile("[a-z]{2,3}")
ENGLISH = "en"
# Between two words of a form, one short word may stand (``index.MAX_GAP_LETTERS``), as in curated phrases; not in
# languages read syllable by syllable, where any syllable is that short (Japanese 特使 met "…って大事").
SYLLABIC = frozenset({"zh", "ja", "ko", "vi"})
MIN_TOPIC_STEM = 5
# Article words remembered with the forms they start (all languages together); cleared when full.
MAX_REMEMBERED_WORDS = WORDS_REMEMBERED
# A one-word form of this many letters or fewer (folded) written in capitals is an acronym.
MAX_ACRONYM = 4
# Kept: the concepts of this many events (a shortlisted event is met again and again) and the rarity tables of
# this many stories (a concept count each).
EVENTS_KEPT = 4096
STORIES_KEPT = 64


@dataclass(frozen=True)
class TopicHit:
    """A concept named by the article's tokens ``start`` to ``end``."""

    concept: str
    start: int
    end: int


Form = tuple[str, tuple[str, ...], tuple[str, ...], bool]
"""A concept's form as the matcher reads it: (concept, keys of its words, their stems, whether it is a short acronym
the article must write in capitals too: Albanian BE, the EU, is also "be", an oath). Plain tuples of shared
strings: the lexicon's ~70,000 forms stay a few megabytes in every worker, where ``index.Term``s took 19 MB."""


_Looked = tuple[tuple[Form, ...], tuple[str, ...], tuple[str, ...]]
"""What an article word may be: the one-word forms it is, and the slots by which it may start or continue a longer
form."""
_NOTHING: _Looked = ((), (), ())


@dataclass
class Table:
    """One language's forms, filed as the index files terms (``index.word_slot``): one-word forms by the slot of their
    word, longer ones by the slots of their first two words, so that an article's common words (the first word of
    "secretario del Tesoro", a Chinese syllable) meet only the forms their next word may continue."""

    # Tuples rather than lists: a slot holds one form or two, and a list keeps room to grow (0.5 MB in ten tables).
    singles: dict[str, tuple[Form, ...]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], tuple[Form, ...]] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)
    seconds: set[str] = field(default_factory=set)
    gaps: bool = True
    """Whether a short word may stand between two words of a form."""
    lang: str = ""
    looked: dict[tuple[str, str], _Looked] = field(default_factory=dict, repr=False)
    """Article words already looked up, by (language, key): articles share most of their words. One table for
    the whole lexicon, emptied when it holds ``MAX_REMEMBERED_WORDS``, so that a worker's memory does not grow with
    the number of languages it serves."""

    def add(self, concept: str, form: str, strings: dict[str, str]) -> None:
        keys = tuple(strings.setdefault(key, key) for key in fold_text(form))
        if not keys:
            return
        # A stem shorter than this is the start of too many other words (English plane -> plan: planned), so
        # such a word matches only whole or with its ending (as the index treats CLDR's place names).
        stems = tuple(strings.setdefault(s, s) for s in (k if len(stem(k)) < MIN_TOPIC_STEM else stem(k) for k in keys))
        caps = len(keys) == 1 and len(keys[0]) <= MAX_ACRONYM and _capitals(form)
        entry = (concept, keys, keys if stems == keys else stems, caps)
        first = strings.setdefault(slot := word_slot(keys[0], stems[0]), slot)
        # Forms that fold alike (French assassiné, assassinée) are one entry.
        if len(keys) == 1:
            if entry not in (filed := self.singles.get(first, ())):
                self.singles[first] = (*filed, entry)
            return
        second = strings.setdefault(slot := word_slot(keys[1], stems[1]), slot)
        if entry not in (filed := self.pairs.get((first, second), ())):
            self.pairs[(first, second)] = (*filed, entry)
        self.firsts.add(first)
        self.seconds.add(second)

    def _look_up(self, key: str) -> _Looked:
        slots = lookup_slots(key)
        looked = (
            tuple(form for slot in slots for form in self.singles.get(slot, ())),
            tuple(slot for slot in slots if slot in self.firsts),
            tuple(slot for slot in slots if slot in self.seconds),
        )
        return looked if any(looked) else _NOTHING

    def find(
        self, keys: Sequence[str], words: Sequence[str] | None = None, distinct: Iterable[str] | None = None
    ) -> list[TopicHit]:
        """Every form's occurrences in a sequence of word keys (``distinct``: the keys without repeats, if known);
        with the ``words`` as written, an acronym's only where it is written in capitals (an event's texts are
        taken as written right)."""
        known, lang = self.looked, self.lang
        looked: dict[str, _Looked] = {}
        for key in set(keys) if distinct is None else distinct:
            entry = known.get((lang, key))
            if entry is None:
                if len(known) >= MAX_REMEMBERED_WORDS:
                    known.clear()
                entry = known[(lang, key)] = self._look_up(key)
            looked[key] = entry
        starting = {key for key, (singles, firsts, _) in looked.items() if singles or firsts}
        hits: list[TopicHit] = []
        for i in [i for i, key in enumerate(keys) if key in starting]:
            singles, firsts, _ = looked[keys[i]]
            for concept, _keys, _stems, caps in singles:
                if not (caps and words is not None and not _capitals(words[i])):
                    hits.append(TopicHit(concept, i, i + 1))
            if not firsts:
                continue
            # The second word follows, or comes after one short word.
            for j in (i + 1, i + 2) if self.gaps else (i + 1,):
                if j >= len(keys) or (j == i + 2 and len(keys[i + 1]) > MAX_GAP_LETTERS):
                    break
                for first in firsts:
                    for second in looked[keys[j]][2]:
                        for concept, form_keys, form_stems, _caps in self.pairs.get((first, second), ()):
                            rest = match_words(keys, j + 1, form_keys[2:], form_stems[2:], gaps=self.gaps)
                            if rest is not None:
                                hits.append(TopicHit(concept, i, rest[0]))
        return hits


def _capitals(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


class Lexicon:
    """The concepts, and each language's forms of them, read when an article or event of that language first needs
    them: a worker serving a few languages holds their tables only (about 0.5 MB a language)."""

    def __init__(self, english: Mapping[str, Sequence[str]], read: Callable[[str], bytes | None]) -> None:
        self.labels = {concept: forms[0] for concept, forms in english.items() if forms}
        """Concept -> its first English form, shown as what an article's word matched."""
        self.english = {concept: tuple(dict.fromkeys(forms)) for concept, forms in english.items()}
        """Concept -> its English forms."""
        self._concepts = {concept: concept for concept in english}
        self._read = read
        self._tables: dict[str, Table | None] = {}
        self._looked: dict[tuple[str, str], _Looked] = {}
        self._lock = threading.Lock()

    def table(self, lang: str) -> Table | None:
        """The language's forms, or None where the lexicon does not have the language."""
        if lang in self._tables:
            return self._tables[lang]
        with self._lock:
            if lang not in self._tables:
                data = self._read(lang) if LANGUAGE_CODE.fullmatch(lang) else None
                self._tables[lang] = None if data is None else self._table(lang, json.loads(data))
            return self._tables[lang]

    def _table(self, lang: str, concepts: Mapping[str, Sequence[str]]) -> Table:
        table = Table(gaps=lang not in SYLLABIC, lang=lang, looked=self._looked)
        strings = dict(self._concepts)
        for concept, forms in concepts.items():
            if concept in self._concepts:  # concepts English does not have are not read
                for form in dict.fromkeys(forms):
                    table.add(self._concepts[concept], form, strings)
        return table

    def find(
        self,
        keys: Sequence[str],
        lang: str | None,
        words: Sequence[str] | None = None,
        distinct: Iterable[str] | None = None,
    ) -> list[TopicHit]:
        table = self.table(lang) if lang else None
        return table.find(keys, words, distinct) if table else []


def read_lexicon(files: Mapping[str, bytes]) -> Lexicon:
    """A lexicon from ``{lang: JSON bytes}``, each ``{concept: [forms]}``."""
    return Lexicon(json.loads(files.get(ENGLISH, b"{}")), files.get)


def _shipped(lang: str) -> bytes | None:
    entry = resources.files("backstory.matching").joinpath(FOLDER).joinpath(f"{lang}.json")
    return entry.read_bytes() if entry.is_file() else None


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon (``topics/<lang>.json``); each language read when first needed."""
    return Lexicon(json.loads(_shipped(ENGLISH) or b"{}"), _shipped)


def find_topics(tokens: Tokens, lang: str | None) -> list[TopicHit]:
    """The concepts an article's words name, read in the article's language only."""
    return lexicon().find(tokens.keys, lang, tokens.words, tokens.distinct)


def topic_label(concept: str) -> str:
    return lexicon().labels.get(concept, concept)


def concepts_of(event: Event, entities: Mapping[str, Entity], words: Lexicon | None = None) -> frozenset[str]:
    """The concepts an event's texts name: its English title and summary (or, without English, those of each
    language it has), its entities' names and its phrases read as English. A curated event's other languages say
    the same things; reading them too held every language's table in memory for no new concept."""
    return read_event(event, entities, words)[0]


def read_event(
    event: Event, entities: Mapping[str, Entity], words: Lexicon | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """An event's concepts (``concepts_of``) and those its title names (its English one, or each it has without
    English), read in one pass: the title and the summary are read apart."""
    words = words or lexicon()
    found: set[str] = set()
    titled: set[str] = set()
    langs = [ENGLISH] if ENGLISH in event.title else list(event.title)
    for lang in langs:
        titled.update(hit.concept for hit in words.find(fold_text(event.title[lang]), lang))
        found.update(hit.concept for hit in words.find(fold_text(event.summary.get(lang, "")), lang))
    found |= titled
    english = [entities[e].name for e in event.entities if e in entities] + list(event.phrases)
    for text in english:
        found.update(hit.concept for hit in words.find(fold_text(text), ENGLISH))
    return frozenset(found), frozenset(titled)


def named_entities(index: EventIndex, concept: str) -> tuple[str, ...]:
    """The entities whose name or an alias is one of the concept's English forms as a whole ("Oval Office",
    "ceasefire", "prisoner swap"): where an article names the concept in its own language, it names them. A name
    found in an event's capitalised words (``automatic.py``) only under a form of two words or more (Oval Office): a
    one-word one is as often a common noun of a title or of an act's name ("Prevention of Terrorism Act" gives
    "Terrorism"), which the concept would make a name of.

    A story curated in English lists such institutions and topics with their English names only; the lexicon is
    what carries them to every language. Looked up in the index's own tables, a concept at a time, and kept."""
    known = event_topics(index).named
    found = known.get(concept)
    if found is None:
        found = known[concept] = tuple(
            dict.fromkeys(
                term.target
                for keys in map(fold_phrase, lexicon().english.get(concept, ()))
                for term in index.terms_written(keys)
                if term.kind == "name" and (len(keys) > 1 or not term.target.startswith(NAME_PREFIX))
            )
        )
    return found


def _counted(concept_sets: Iterable[frozenset[str]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for concepts in concept_sets:
        for concept in concepts:
            counts[concept] += 1
    return dict(counts)


def rarity(concept_sets: Iterable[frozenset[str]], total: int) -> dict[str, float]:
    """Each concept's rarity among a story's events, as the index weighs names and phrases (``index.idf``)."""
    return {concept: idf(count, total) for concept, count in _counted(concept_sets).items()}


class EventTopics:
    """Events' concepts and each story's rarity of them, worked out when first asked and a bounded number kept."""

    def __init__(
        self, events: Mapping[str, Event], story_events: Mapping[str, Sequence[Event]], entities: Mapping[str, Entity]
    ) -> None:
        self._events = events
        self._entities = entities
        self.named: dict[str, tuple[str, ...]] = {}
        """Concept -> the entities it names (``named_entities``), as asked."""
        self._story_events = story_events
        self._read: Kept[str, tuple[frozenset[str], frozenset[str]]] = Kept(
            EVENTS_KEPT, lambda event_id: read_event(self._events[event_id], self._entities)
        )
        # Per story, read in one pass over its events: each concept's rarity, and how many titles name it.
        self._stories: Kept[str, tuple[dict[str, float], dict[str, int]]] = Kept(STORIES_KEPT, self._read_story)
        self._own_title: Kept[str, frozenset[str]] = Kept(EVENTS_KEPT, self._only_in_title)

    def _read_story(self, story_id: str) -> tuple[dict[str, float], dict[str, int]]:
        events = self._story_events.get(story_id, ())
        read = [read_event(event, self._entities) for event in events]
        return rarity((concepts for concepts, _ in read), len(events)), _counted(titled for _, titled in read)

    def concepts(self, event_id: str) -> frozenset[str]:
        return self._read[event_id][0]

    def headline_concepts(self, event_id: str) -> frozenset[str]:
        """The concepts of the event's title that no other title of its story names: what happened in it, as a
        headline reporting it says (sworn in, charged), rather than what the story's developments share (talks)."""
        return self._own_title[event_id]

    def _only_in_title(self, event_id: str) -> frozenset[str]:
        counts = self._stories[self._events[event_id].story_id][1]
        return frozenset(concept for concept in self._read[event_id][1] if counts.get(concept, 0) <= 1)

    def weights(self, event_id: str) -> dict[str, float]:
        """The event's concepts, each weighed by its rarity in the event's story."""
        table = self._stories[self._events[event_id].story_id][0]
        return {concept: table.get(concept, 0.0) for concept in self.concepts(event_id)}


_remembered: dict[int, EventTopics] = {}
"""By ``id`` of the index (an index is not hashable), each entry dropped when its index is."""


def event_topics(index: EventIndex) -> EventTopics:
    """The index's ``EventTopics``, made when first asked (a race makes two, one of which is kept)."""
    known = _remembered.get(id(index))
    if known is None:
        known = _remembered[id(index)] = EventTopics(index.events, index.story_events, index.entities)
        weakref.finalize(index, _remembered.pop, id(index), None)
    return known
