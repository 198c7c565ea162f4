"""Entities found automatically: the countries an event's English title and summary name, and the names an event
that lists (almost) no entities capitalises.

A story curated in an hour lists its people and a few places, but rarely the countries every one of its events
is about ("Russia and Ukraine complete a prisoner exchange"): they go without saying in English. Matching needs
them: they are what articles in every language name first, and what tells a story's articles from another
story's that shares its people. So a country named in an event's English title or summary, as CLDR names it in
English (or inflected: Russian, Ukrainian), becomes an entity of the event, listed last (the least central), when
no entity of the story already stands for it. Its names in every language come from CLDR (``aliases.py``), and
its weight from its rarity among the story's events, as for any entity.

An event imported with fewer than ``MIN_LISTED`` entities (a feed of headlines and leads, a draft saved as it came)
would otherwise be matched on countries alone. Its names are then found as a reader finds them: runs of
capitalised words that do not open a sentence, in its titles, summaries and sources' titles, each run and each
longer word of a run filed as an entity of its own (an article may write "Spitzer" without "Eliot"), shared by
every event that names it so that its rarity is counted. Scripts without capitals (Arabic, Chinese…) give none.

A curated event lists its leading names, and its text names more of its story's: an entity another event of the
story lists, named in this one's English title or summary, is this one's too, listed last
(``with_story_entities_named``). Otherwise a name every report of the story carries (the city, the museum) would
weigh as if only the events that list it had it, and tell them apart where it should not.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from itertools import islice

import msgspec
from babel import Locale

from backstory.events.models import Catalog, Entity, Event
from backstory.matching.normalise import (
    MIN_STEM,
    WORD,
    as_written,
    fold_phrase,
    fold_word,
    prepare,
    stem,
)

# An inflected form may add this many letters to a country's stem (Russia -> Russian, Ukraine -> Ukrainian).
MAX_ENDING = 4
ID_PREFIX = "cldr-"
NAME_PREFIX = "auto-"
# An event listing fewer entities than this has its names found for it.
MIN_LISTED = 2
# Found names an event keeps (the first found count most, as curated lists do).
MAX_FOUND = 20
# A word of a longer name is an entity of its own when it has this many letters.
MIN_WORD_LETTERS = 4
# A text whose longer words are capitalised this often is written in title case: its capitals mark no names.
TITLE_CASE_SHARE = 0.8

SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+")
"""Where a sentence ends and the next starts (drafts read sentences so too)."""
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@cache
def _countries() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """Stem of the first folded word -> (folded name, territory code, English name) of CLDR's countries."""
    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
    for code, name in Locale.parse("en").territories.items():
        keys = fold_phrase(name)
        # Numeric codes are regions of the world (001, 150); two-letter names would be words (no such country).
        if code.isalpha() and keys and len(keys[0]) >= MIN_STEM:
            table[stem(keys[0])].append((keys, code, name))
    return dict(table)


@cache
def _country_starts() -> frozenset[str]:
    """The first MIN_STEM letters of the table's stems (an index build asks of every capitalised word)."""
    return frozenset(key[:MIN_STEM] for key in _countries())


# What English adds to a country's name: a demonym (Russian, Ukrainian, Chinese, Israeli, Turkish, Icelandic), its
# plural, or a possessive; no other ending (Palace is no Palau, Francis no France).
_ENGLISH_ENDINGS = frozenset(("", "s", "n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is", "ish", "ic"))


def _key_matches(article_key: str, key: str) -> bool:
    if article_key == key:
        return True
    key_stem = stem(key)
    return len(key) > MIN_STEM and article_key.startswith(key_stem) and article_key[len(key_stem) :] in _ENGLISH_ENDINGS


def countries_named(text: str) -> dict[str, str]:
    """Territory code -> English name of the countries a text names, written with a capital as names are."""
    # Only a capitalised word can start a country's name: the words are folded (a cached lookup) one by one, and
    # only from such a word on, rather than the whole text tokenised (half of an index build at 100,000 events).
    words = WORD.findall(prepare(text))
    table = _countries()
    starts = _country_starts()
    found: dict[str, str] = {}
    for i in [i for i, word in enumerate(words) if word[:1].isupper()]:
        for offset, key in enumerate(fold_word(words[i])):
            # Every stem in the table has MIN_STEM letters or more: a word whose first ones start none can match none.
            if key[:MIN_STEM] not in starts:
                continue
            for end in range(max(MIN_STEM, len(key) - MAX_ENDING), len(key) + 1):
                for keys, code, name in table.get(key[:end], ()):
                    following = list(islice(_keys_from(words, i, offset), len(keys)))
                    if len(following) == len(keys) and all(map(_key_matches, following, keys)):
                        found[code] = name
    return found


def _keys_from(words: list[str], i: int, offset: int) -> Iterator[str]:
    """The keys ``tokens_of`` makes of the words, from the ``offset``-th key of word ``i`` on."""
    for position in range(i, len(words)):
        keys = fold_word(words[position])
        yield from keys[offset if position == i else 0 :]


def with_found_countries(catalog: Catalog) -> Catalog:
    """``catalog`` with each event's countries (``countries_named``) added where its story names none of them."""
    entities = {entity.id: entity for entity in catalog.entities}
    story_entities: dict[str, set[str]] = defaultdict(set)
    for event in catalog.events:
        story_entities[event.story_id].update(event.entities)
    # A story's names are folded when one of its events names a country, and once: folding every entity's names
    # up front was most of an index build at 100,000 events.
    story_names: dict[str, set[tuple[str, ...]]] = {}

    def names_of(story_id: str) -> set[tuple[str, ...]]:
        if story_id not in story_names:
            listed = (entities[e] for e in story_entities[story_id] if e in entities)
            story_names[story_id] = {fold_phrase(name) for entity in listed for name in [entity.name, *entity.aliases]}
        return story_names[story_id]

    added: dict[str, Entity] = {}
    events: list[Event] = []
    for event in catalog.events:
        text = " ".join(filter(None, [event.title.get("en"), event.summary.get("en")]))
        new = []
        found = countries_named(text)
        if found:
            people = [entities[e] for e in event.entities if e in entities and entities[e].kind == "person"]
            found = _not_in_names(text, found, [name for person in people for name in [person.name, *person.aliases]])
        for code, name in found.items():
            if fold_phrase(name) not in names_of(event.story_id):
                entity_id = ID_PREFIX + code.lower()
                added.setdefault(entity_id, Entity(id=entity_id, kind="place", name=name))
                if entity_id not in event.entities:
                    new.append(entity_id)
        events.append(msgspec.structs.replace(event, entities=[*event.entities, *new]) if new else event)
    if not added:
        return catalog
    fresh = [entity for entity_id, entity in added.items() if entity_id not in entities]
    return msgspec.structs.replace(catalog, entities=[*catalog.entities, *fresh], events=events)


def _not_in_names(text: str, found: dict[str, str], names: list[str]) -> dict[str, str]:
    """The countries ``found`` in a text that it still names once the ``names`` of the people it lists are taken out:
    Pope Francis reads as an inflected France, Michael Jordan as Jordan. Read again only when a name reads as one."""
    if not names or not found.keys() & countries_named(" ".join(names)).keys():
        return found
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return countries_named(re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", " ", text))


def capitalised_runs(text: str) -> list[str]:
    """Runs of capitalised words that do not open a sentence (one word or more), in order of appearance.

    A sentence's first word is left out, capitalised whatever it is: taking it when a capitalised word follows
    ("New York Governor …") found more false names than true ones on the WikiNews set (0.82 -> 0.79).
    """
    runs: list[str] = []
    for sentence in SENTENCE_END.split(" ".join(text.split())):
        words = list(_NAME_WORD.finditer(sentence))
        run: list[str] = []
        for position, word in enumerate(words):
            capital = position > 0 and word.group()[0].isupper()
            joined = bool(run) and sentence[words[position - 1].end() : word.start()] == " "
            if capital and (joined or not run):
                run.append(word.group())
                continue
            if run:
                runs.append(" ".join(run))
            run = [word.group()] if capital else []
        if run:
            runs.append(" ".join(run))
    return runs


def title_cased(text: str) -> bool:
    """Whether most of the text's longer words start with a capital ("Leaders Meet at the White House")."""
    longer = [word for word in _NAME_WORD.findall(text) if len(word) >= MIN_WORD_LETTERS]
    return len(longer) >= 4 and sum(word[0].isupper() for word in longer) >= TITLE_CASE_SHARE * len(longer)


def names_in(texts: list[str]) -> list[str]:
    """The names ``texts`` capitalise: each run, and each longer word of a run of several, first found first.

    A title-cased text is skipped: every word of it would pass for a name.
    """
    found: dict[str, None] = {}
    for text in texts:
        if title_cased(text):
            continue
        for run in capitalised_runs(text):
            words = run.split()
            found[run] = None
            if len(words) > 1:
                found.update((word, None) for word in words if len(word) >= MIN_WORD_LETTERS)
    return list(found)


def found_name_id(keys: tuple[str, ...]) -> str:
    """The entity id of a found name: its folded words when they make a slug, else a digest of them."""
    slug = "-".join(keys)
    if len(slug) <= 150 and _SLUG.fullmatch(slug):
        return NAME_PREFIX + slug
    return NAME_PREFIX + hashlib.sha1(" ".join(keys).encode()).hexdigest()[:16]


def with_found_names(catalog: Catalog) -> Catalog:
    """``catalog`` with the names each event listing fewer than ``MIN_LISTED`` entities capitalises (``names_in``):
    the catalog's entity of that name where there is one, else an entity of its own (``found_name_id``)."""
    entities = {entity.id: entity for entity in catalog.entities}
    # A found name that is an entity's name or alias is that entity; the table is made once an event needs it.
    named: dict[str, str] | None = None
    added: dict[str, Entity] = {}
    events: list[Event] = []
    changed = False
    for event in catalog.events:
        if len(event.entities) >= MIN_LISTED:
            events.append(event)
            continue
        texts = [*event.title.values(), *event.summary.values(), *(s.title for s in event.sources if s.title)]
        # Words of the names it lists are those entities already ("Maskevo" of "Ilse Maskevo").
        listed = [entities[e] for e in event.entities if e in entities]
        listed_words = {
            key for entity in listed for name in [entity.name, *entity.aliases] for key in fold_phrase(name)
        }
        new: dict[str, None] = {}
        # A country is kept here, where it is found, rather than left to ``with_found_countries``, which lists it
        # last: named in the title it is central (WikiNews: 0.79 -> 0.82). Its names in every language come from
        # CLDR all the same (``place_aliases``).
        for name in names_in(texts):
            keys = fold_phrase(name)
            if set(keys) <= listed_words:
                continue
            if named is None:
                # As written (as ``index._entity_groups`` groups records): folding every name of a large catalog
                # here was a third of an index build at 100,000 events.
                named = {as_written(n): e.id for e in reversed(catalog.entities) for n in [e.name, *e.aliases]}
            entity_id = named.get(as_written(name)) or found_name_id(keys)
            if entity_id not in entities:
                added.setdefault(entity_id, Entity(id=entity_id, kind="org", name=name))
            if entity_id not in event.entities:
                new[entity_id] = None
        extra = list(new)[: MAX_FOUND - len(event.entities)]
        changed = changed or bool(extra)
        events.append(msgspec.structs.replace(event, entities=[*event.entities, *extra]) if extra else event)
    if not changed:
        return catalog
    return msgspec.structs.replace(catalog, entities=[*catalog.entities, *added.values()], events=events)


# The kinds of entity a story's events share as its setting (the city, the museum, the ministry), which an event's
# text names in passing; a person it names is mostly one of its own, and listed.
_SETTINGS = ("place", "org")


def with_story_entities_named(catalog: Catalog) -> Catalog:
    """``catalog`` with each curated event's English title and summary read for the places and organisations other
    events of its story list: one it names but does not list is added, last (the least central). A curator lists an
    event's leading names, and its text names more of the story's (the Paris of "from the Paris region"); unlisted, a
    name every report of the story carries weighs as if only some of its events had it. Events listing (almost) none
    have theirs found (``with_found_names``)."""
    kinds = {entity.id: entity for entity in catalog.entities if entity.kind in _SETTINGS}
    # In the order first listed (a set's order would change with the process's hash seed, and the added entities' order
    # with it).
    settings: dict[str, dict[str, None]] = defaultdict(dict)
    for event in catalog.events:
        settings[event.story_id].update((entity_id, None) for entity_id in event.entities if entity_id in kinds)
    names: dict[str, list[tuple[str, str]]] = {}
    events: list[Event] = []
    changed = False
    for event in catalog.events:
        missing = settings[event.story_id].keys() - event.entities
        if missing and len(event.entities) >= MIN_LISTED:
            if event.story_id not in names:
                # (The name in small letters, its entity) of every English name the story's settings go by.
                names[event.story_id] = [
                    (name.lower(), entity_id)
                    for entity_id in settings[event.story_id]
                    for name in dict.fromkeys([kinds[entity_id].name, *kinds[entity_id].aliases])
                    if name.isascii() and len(name) >= MIN_STEM
                ]
            # Searched for as written, in small letters (folding every event's text was a tenth of a build at 100,000
            # events): the press of English writes a name as its curator does.
            text = " ".join(filter(None, [event.title.get("en"), event.summary.get("en")])).lower()
            new = [
                entity_id
                for name, entity_id in names[event.story_id]
                if entity_id in missing and name in text and _written_whole(text, name)
            ]
            if new:
                changed = True
                event = msgspec.structs.replace(event, entities=[*event.entities, *dict.fromkeys(new)])
        events.append(event)
    return msgspec.structs.replace(catalog, events=events) if changed else catalog


def _written_whole(text: str, name: str) -> bool:
    """Whether ``name`` stands in ``text`` as words of its own (not Paris in comparison), a possessive allowed."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        start = text.find(name, start + 1)
    return False
