"""What of the event set an article shows: curated names and phrases, numbers and dates, with where they stand.

This is gathered once per article; scoring then only looks up weights.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

import msgspec
from anyascii import anyascii

from backstory.matching.aliases import names_a_place
from backstory.matching.consonants import (
    ABJAD,
    ABJAD_VOWEL_LETTERS,
    HAN,
    HAN_SOUNDS,
    HANGUL,
    KATAKANA,
    KOREAN_PARTICLES,
    LONG_VOWEL,
    MAX_SYLLABLES,
    MIN_FOREIGN_NAME,
    MIN_HAN_RUN,
    MIN_LONG_NAME,
    MIN_SYLLABLES,
    SILENT_END,
    SYLLABIC,
    Shape,
    abjad_readings,
    abjad_shapes,
    closes_in_r,
    consonant_key,
    han_key,
    latin_shape,
    latin_strict_key,
    romanised_skeleton,
    syllabic_name_shapes,
    syllables_key,
    syllables_shape,
    syllables_write,
    usual_vowel_letters,
    vowelless,
    writes_a_vowel,
    writes_short_name,
)
from backstory.matching.document import Document
from backstory.matching.index import (
    MAX_GAP_LETTERS,
    SHORT_NAME,
    EventIndex,
    Term,
    compound_keys,
    key_matches,
    lookup_slots,
    match_words,
)
from backstory.matching.normalise import (
    ARABIC_SCRIPT,
    BRAHMIC,
    LAST_LATIN,
    MIN_STEM,
    WORDS_REMEMBERED,
    Tokens,
    arabic_letters,
    fold_word,
    script_of,
    stem,
    text_script,
    unspace,
    without_points,
    written_by_sound,
    written_in_latin,
)
from backstory.matching.recall import Lookbacks
from backstory.matching.sounded import RESPELLING, SOUNDING
from backstory.matching.topics import TopicHit, find_topics, named_entities

# Headline and lead count more: that is where the reported news is; background comes lower down.
ZONE_FACTOR = {"headline": 2.0, "lead": 1.5, "body": 1.0}
# Evidence in a sentence that looks back ("last week", "in 2021") recalls an event rather than reporting it.
RECALLED_FACTOR = 0.5

# Letters of either kind of script whose names are found by their consonants (``_consonant_hits``), in one set.
_NAME_SCRIPTS = re.compile(f"{ABJAD.pattern}|{SYLLABIC.pattern}")


@dataclass(slots=True)
class Sighting:
    """A piece of evidence as the article shows it: first where it weighs most, and how often."""

    zone: str
    text: str
    label: str
    recalled: bool = False
    """Seen only in sentences that look back (see ``matching/recall.py``)."""
    count: int = 1

    @property
    def factor(self) -> float:
        """How much where it stands multiplies its weight."""
        return place_factor(self.zone, self.recalled)

    def see(self, zone: str, text: str, label: str, recalled: bool) -> None:
        self.count += 1
        if place_factor(zone, recalled) > self.factor:
            self.zone, self.text, self.label, self.recalled = zone, text, label, recalled


def place_factor(zone: str, recalled: bool) -> float:
    """The weight multiplier of a piece of evidence by its zone and whether its sentence looks back."""
    return ZONE_FACTOR[zone] * (RECALLED_FACTOR if recalled else 1.0)


@dataclass(slots=True)
class ArticleEvidence:
    names: dict[str, Sighting] = field(default_factory=dict)
    """Entity id -> its sighting."""
    phrases: dict[str, dict[str, Sighting]] = field(default_factory=dict)
    """Event id -> phrase key -> its sighting."""
    numbers: dict[str, Sighting] = field(default_factory=dict)
    dates: dict[tuple[int, int], tuple[Sighting, int | None]] = field(default_factory=dict)
    """(month, day) -> its sighting and the year written with it, if any."""
    topics: dict[str, Sighting] = field(default_factory=dict)
    """Concept of the topic lexicon (``topics.py``) -> its sighting."""
    lang: str | None = None
    """The language the article was read in."""


class TermHit(msgspec.Struct, frozen=True, gc=False):
    """A term found at tokens ``start`` to ``end``. A Struct: an article has a couple of hundred before the overlapping
    ones are dropped, and a frozen dataclass took ten times as long to make."""

    term: Term
    start: int
    end: int
    quality: int


def _written_in_capitals(word: str) -> bool:
    # Mostly capitals rather than all: a transliterated acronym keeps a small letter (США -> SShA). More than half:
    # half of a two-letter word is any word opening a sentence (Spanish "Un día", a day, is no UN).
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) * 2 > len(letters) and word[0].isupper()


@lru_cache(maxsize=WORDS_REMEMBERED)
def _capital_letters(text: str) -> str:
    return "".join(ch for ch in anyascii(text).upper() if ch.isalpha())


def _spells_acronym(word: str, acronym: str) -> bool:
    """Whether a word writes an acronym's letters, transliterated, with an ending at most (НАТО, NATOnun: NATO).
    Folded alike is not enough: Russian ИИ (AI) and the numeral III fold as the singer JJ."""
    return _capital_letters(word).startswith(_capital_letters(acronym))


_LongNames = tuple[list[Term] | None, list[Term] | None, list[Term] | None]
"""The long names, the shorter foreign ones and the landmarks of Brahmic words a word's consonants are
(``_long_name_hits``)."""

_WordTerms = tuple[list[tuple[Term, int]], list[str], list[str], _LongNames | None]
"""What a word may be: the one-word terms it is, each with how well the word matches it (``key_matches``), the
slots by which it may start or continue a longer term, and the names its consonants may be, if any."""


MAX_REMEMBERED_WORDS = WORDS_REMEMBERED
"""Words whose look-ups are remembered per index (then forgotten all at once, and remembered anew)."""

_NOTHING: _WordTerms = ([], [], [], None)
"""The look-up of most words, shared (never changed: the lists are only read)."""

_remembered: dict[int, dict[tuple[str | None, str], _WordTerms]] = {}
"""By ``id`` of the index (an index is not hashable), each entry dropped when its index is."""


def _looked_up(index: EventIndex) -> dict[tuple[str | None, str], _WordTerms]:
    """The look-ups of words already met in articles (by article language and word) against this index: articles
    share most of their words (a real one has several hundred distinct ones), and an index never changes."""
    return _of_index(_remembered, index)


_Key = TypeVar("_Key")
_Remembered = TypeVar("_Remembered")


def _of_index(registry: dict[int, dict[_Key, _Remembered]], index: EventIndex) -> dict[_Key, _Remembered]:
    """``index``'s own dictionary in ``registry``, made when first asked and dropped with the index."""
    known = registry.get(id(index))
    if known is None:
        known = registry[id(index)] = {}
        weakref.finalize(index, registry.pop, id(index), None)
    return known


def find_terms(doc: Document, index: EventIndex) -> list[TermHit]:
    """Curated names and phrases found in the article; of overlapping ones the longest wins."""
    tokens = doc.tokens
    lang = doc.langs[0] if doc.langs else None
    # An article repeats its words: each distinct word is looked up once, as the one-word terms it may be and
    # the slots by which it may start or continue a longer term.
    keys, words = tokens.keys, tokens.words
    known = _looked_up(index)
    looked_up: dict[str, _WordTerms] = {}
    for key in tokens.distinct:
        entry = known.get((lang, key))
        if entry is None:
            word_slots = lookup_slots(key)
            entry = (
                [
                    (term, key_matches(key, term.keys[0], term.stems[0]))
                    for slot in word_slots
                    for term in index.single_words.get(slot, ())
                    if not term.langs or lang in term.langs
                ],
                [slot for slot in word_slots if slot in index.pair_firsts],
                [slot for slot in word_slots if slot in index.pair_seconds],
                _long_names(key, index, lang in RESPELLING, lang),
            )
            if not any(entry):
                entry = _NOTHING
            if len(known) >= MAX_REMEMBERED_WORDS:
                known.clear()
            known[(lang, key)] = entry
        looked_up[key] = entry
    # Most words start no term: only those that do are visited, in order.
    starting = {key for key, (singles, firsts, _, _) in looked_up.items() if singles or firsts}
    # And most words continue none: a pair is looked at only when its second word may continue one.
    continuing = {key for key, (_, _, seconds, _) in looked_up.items() if seconds}
    # An article repeats its words as written, and its pairs of words: the one-word terms a spelling may be (which
    # depends on the word as written alone), and the longer terms a pair of words may start (by the keys of both),
    # are worked out once each.
    fitting: dict[str, list[tuple[Term, int]]] = {}
    pair_terms: dict[tuple[str, str], list[Term]] = {}
    found: list[TermHit] = []
    for i in tokens.positions(starting):
        key = keys[i]
        singles, firsts, _, _ = looked_up[key]
        latin = words[i][0] <= LAST_LATIN
        if singles:
            fits = fitting.get(words[i])
            if fits is None:
                fits = fitting[words[i]] = _fitting_singles(words[i], key, singles, index)
            found.extend(TermHit(term, i, i + 1, quality) for term, quality in fits)
        if not firsts:
            continue
        # The second word follows, or comes after one short word (see MAX_GAP_LETTERS); syllables of katakana and
        # hangul, a token each, follow one another.
        for j in (i + 1, i + 2):
            if j >= len(keys) or (
                j == i + 2 and (len(keys[i + 1]) > MAX_GAP_LETTERS or (not latin and SYLLABIC.match(words[i])))
            ):
                break
            if keys[j] not in continuing:
                continue
            pair = (key, keys[j])
            terms = pair_terms.get(pair)
            if terms is None:
                terms = pair_terms[pair] = [
                    term
                    for first in firsts
                    for second in looked_up[keys[j]][2]
                    for term in index.word_pairs.get((first, second), ())
                    if not term.langs or lang in term.langs
                ]
            for term in terms:
                rest = match_words(keys, j + 1, term.keys[2:], term.stems[2:])
                if rest is not None and (
                    latin
                    or (
                        _script_fits(words, i, rest[0], term)
                        and not (SYLLABIC.match(words[i]) and _inside_word(doc.text, tokens, i, rest[0]))
                    )
                ):
                    quality = (
                        key_matches(key, term.keys[0], term.stems[0])
                        + key_matches(keys[j], term.keys[1], term.stems[1])
                        + rest[1]
                    )
                    found.append(TermHit(term, i, rest[0], quality))
    if lang == "el":
        found.extend(_greek_foreign_hits(tokens, looked_up, index))
    elif lang in _DECLINING_CYRILLIC:
        found.extend(_declined_short_hits(tokens, looked_up, index))
    found.extend(_consonant_hits(doc.text, tokens, index))
    found.extend(_long_name_hits(tokens, looked_up, lang))
    found.extend(_misspelt_hits(tokens, looked_up, index))
    if index.compound_names:
        found.extend(_compound_hits(doc.text, tokens, index, lang))
        found.extend(_syllabic_compound_hits(doc.text, tokens, index))
    return _longest(found)


@lru_cache(maxsize=WORDS_REMEMBERED)
def _class_key(key: str) -> str:
    return consonant_key(key)


def _compound_hits(text: str, tokens: Tokens, index: EventIndex, lang: str | None) -> list[TermHit]:
    """Names of several short words written in another alphabet, word by word by their consonants
    (``index.compound_names``): Юн Сок Йоль, იუნ სოკ იოლი, यून सुक योल (Yoon Suk Yeol); निप्पॉन स्टील, نیپون استیل
    (Nippon Steel). In alphabets that write a name's vowels with letters of their own (``_SPELLING_ALPHABETS``), and
    in Arabic, Persian and Hebrew letters read without their vowel letters (``_abjad_reading``); not in Latin, whose
    spellings are the curated ones, nor in characters and syllables. Each word starts as the name's does, the words
    are written apart by a space or a hyphen only, and in an alphabet that writes names with a capital, the first
    has one. The last word may carry a Slavic case ending."""
    keys, words = tokens.keys, tokens.words
    # Most articles are in none of these alphabets: one scan of the text spares a test per word.
    if not _SPELLING_ALPHABETS.search(text) and not ABJAD.search(text):
        return []
    # The distinct words that may start a name, by their reading (consonant key, how it starts, whether it is an
    # abjad word; remembered across articles): only those are visited, and the words after them read as needed.
    compound, firsts = index.compound_names, index.compound_firsts
    starting = {
        word
        for word, key in dict(zip(words, keys, strict=True)).items()
        if (reading := _reading(word, key)) is not None and reading[0] in firsts and not _in_small_letters(word)
    }
    if not starting:
        return []
    hits: list[TermHit] = []
    for i in [i for i, word in enumerate(words[:-1]) if word in starting]:
        first, second = _reading(words[i], keys[i]), _reading(words[i + 1], keys[i + 1])
        if first is None or second is None:
            continue
        found = compound.get((first[0], second[0]))
        if not found or not _joined(text, tokens, i + 1):
            continue
        for term in found:
            name_keys = compound_keys(term.keys)
            if name_keys is None or (term.langs and lang not in term.langs):
                continue
            end = i + len(name_keys)
            if end > len(keys) or not all(_joined(text, tokens, j) for j in range(i + 2, end)):
                continue
            readings = [_reading(words[j], keys[j]) for j in range(i, end)]
            if all(_word_fits(readings[j - i], term.keys[j - i], name_keys[j - i]) for j in range(i, end - 1)) and (
                _word_fits(readings[-1], term.keys[-1], name_keys[-1])
                or _declined_fits(keys[end - 1], lang, term.keys[-1], name_keys[-1])
            ):
                hits.append(TermHit(term, i, end, 1))
    return hits


# What may stand between the words of a name written in katakana or hangul: a space, a hyphen or the middle dot
# Japanese writes between a foreign name's words (レアル・マドリード).
_SYLLABIC_NAME_GAPS = frozenset(("", "-", "\u30fb", "\u00b7", "\u2010"))


def _syllabic_runs(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """The runs of katakana or hangul syllables written as one word, as token ranges."""
    runs: list[tuple[int, int]] = []
    for i, word in enumerate(tokens.words):
        if not SYLLABIC.match(word):
            continue
        if runs and runs[-1][1] == i and _continues_word(text, tokens, i):
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _run_keys(words: list[str], start: int, end: int, last: bool) -> list[tuple[str, str, int]]:
    """How a run of syllables may read as a word of a name: its consonant key, how it starts, and where it ends; for
    the last word of a name, also without a Korean particle written onto it (마드리드가: Madrid + subject marker)."""
    ends = [end]
    if last and end - start > 2 and words[end - 1] in KOREAN_PARTICLES:
        ends.append(end - 1)
    opening = _opening(romanised_skeleton(words[start : start + 1]))
    return [(syllables_key(words[start:stop]), opening, stop) for stop in ends]


def _syllabic_compound_hits(text: str, tokens: Tokens, index: EventIndex) -> list[TermHit]:
    """Names of several words written in katakana or hangul word by word (レアル・マドリード, 레알 마드리드: Real
    Madrid), by the consonants of each run of syllables as ``_compound_hits`` reads alphabets: each word starts as
    the name's does, and the runs are apart by a space, a hyphen or a middle dot only. A word of the name closing in
    a vowel and r may be written without the r, as both scripts write it (인터, Inter)."""
    if not SYLLABIC.search(text):
        return []
    words = tokens.words
    runs = _syllabic_runs(text, tokens)
    compound, firsts = index.compound_names, index.compound_firsts
    hits: list[TermHit] = []
    for n, (start, end) in enumerate(runs[:-1]):
        first = syllables_key(words[start:end])
        if not firsts.intersection(_rless(first)):
            continue
        # The runs written after this one with only a name's gaps between.
        m = n + 1
        while m < len(runs) and _syllabic_gap(text, tokens, runs[m - 1][1], runs[m][0]):
            m += 1
        if m < n + 2:
            continue
        # A Korean particle may close a name of two words (마드리드가): the second run is also read without it.
        seconds = {key for key, _, _ in _run_keys(words, *runs[n + 1], last=True)}
        # In order, each once: hits come out the same for the same article.
        candidates = dict.fromkeys(
            term for a in _rless(first) for b in seconds for b_key in _rless(b) for term in compound.get((a, b_key), ())
        )
        for term in candidates:
            name_keys = compound_keys(term.keys)
            if name_keys is None or n + len(name_keys) > m:
                continue
            stop = _syllabic_name_end(words, runs[n : n + len(name_keys)], term.keys, name_keys)
            if stop is not None:
                hits.append(TermHit(term, start, stop, 1))
    return hits


def _rless(key: str) -> tuple[str, ...]:
    return (key, key + "r") if not key.endswith("r") else (key,)


def _syllabic_gap(text: str, tokens: Tokens, previous_end: int, start: int) -> bool:
    words, starts = tokens.words, tokens.starts
    between = text[starts[previous_end - 1] + len(words[previous_end - 1]) : starts[start]]
    # A long-vowel mark closing the first word (デンバー) belongs to it.
    return previous_end == start and between.replace(LONG_VOWEL, "").strip() in _SYLLABIC_NAME_GAPS


def _syllabic_name_end(
    words: list[str], parts: list[tuple[int, int]], name_words: tuple[str, ...], classes: tuple[str, ...]
) -> int | None:
    """Where a name ends if each run writes its word's consonants (``_run_keys``) and one run at least its vowels too
    (``consonants.syllables_write``), or None. Korean and Japanese words meet a name's consonants run by run
    (Korean 탈퇴 사실, "the fact of leaving", has Truth Social's), not its vowels as well."""
    stop = None
    vowels_written = False
    for j, ((start, end), name_word, wanted) in enumerate(zip(parts, name_words, classes, strict=True)):
        readings = _run_keys(words, start, end, j == len(parts) - 1)
        fitting = [
            run_end
            for key, opening, run_end in readings
            if opening == _opening(name_word) and (key == wanted or (closes_in_r(name_word) and key + "r" == wanted))
        ]
        if not fitting:
            return None
        stop = fitting[-1]
        if not vowels_written:
            shape = syllables_shape(words[start:stop])
            hangul = HANGUL.match(words[start]) is not None
            vowels_written = shape is not None and any(
                syllables_write(shape, name, hangul=hangul) for name in syllabic_name_shapes(name_word)
            )
    return stop if vowels_written else None


_Reading = tuple[str, str, bool]
"""An article word as ``_compound_hits`` reads it: its consonant key, how it starts (a vowel, "a", or the class of its
first consonant), and whether it is an Arabic, Persian or Hebrew word."""

# Alphabets whose letters write a name's vowels as well as its consonants: their spellings of a foreign name differ
# from the curated one in vowels mostly (Cyrillic, Greek, Armenian, Georgian, Devanagari, Bengali, Thai).
_SPELLING_ALPHABETS = re.compile(
    "[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f\u0530-\u058f\u10a0-\u10ff\u0900-\u09ff\u0e00-\u0e7f]"
)
# The letters Arabic, Persian and Hebrew write long vowels with (``consonants.ABJAD_VOWEL_LETTERS``: also an alef
# opening a word, the vowel Persian writes before s and another consonant: استیل, steel), and the hamza seats.
_UNREAD_LETTERS = ABJAD_VOWEL_LETTERS | frozenset("\u0626\u0624")


@lru_cache(maxsize=WORDS_REMEMBERED)
def _reading(word: str, key: str) -> _Reading | None:
    if word[0] <= LAST_LATIN:
        return None
    if _SPELLING_ALPHABETS.match(word):
        return (_class_key(key), _opening(key), False)
    if ABJAD.match(word):
        return _abjad_reading(word)
    return None


def _abjad_reading(word: str) -> _Reading | None:
    """An Arabic, Persian or Hebrew word read by its consonants alone: its letters for vowels left out, which a
    name's consonants would otherwise meet as v, w or y (نیپون, ניפון: Nippon)."""
    letters = [ch for ch in word if ch not in _UNREAD_LETTERS]
    if letters and letters[-1] in SILENT_END:
        letters.pop()
    keys = fold_word("".join(letters)) if letters else ()
    if len(keys) != 1 or not (classes := _class_key(keys[0])):
        return None
    return (classes, classes[0], True)


def _word_fits(reading: _Reading | None, name_key: str, classes: str) -> bool:
    """Whether an article word writes a name's word: the same consonants, and starting alike, with a vowel or a
    consonant of the same class (Hindi में, "in", has the n of Yoon, but not its opening vowel). An abjad word,
    read without vowels, starts as the name's first consonant does."""
    if reading is None or reading[0] != classes:
        return False
    return reading[1] == (classes[0] if reading[2] else _opening(name_key))


def _declined_fits(key: str, lang: str | None, name_key: str, classes: str) -> bool:
    """Whether the last word of a name writes it with a Slavic case ending (Юн Сок Йолем)."""
    bare = _without_case_ending(key, lang)
    return bare is not None and _word_fits((_class_key(bare), _opening(bare), False), name_key, classes)


def _opening(key: str) -> str:
    return "a" if key[:1] in "aeiou" else consonant_key(key[:1]) or key[:1]


def _joined(text: str, tokens: Tokens, j: int) -> bool:
    """Whether word ``j`` follows the previous one with only a space or a hyphen between (a name does not run on
    past a full stop or a comma)."""
    starts, words = tokens.starts, tokens.words
    between = text[starts[j - 1] + len(words[j - 1]) : starts[j]]
    return len(between) <= 2 and between.strip(" -\u2010\u2011") == ""


def _fitting_singles(word: str, key: str, singles: list[tuple[Term, int]], index: EventIndex) -> list[tuple[Term, int]]:
    """Of the one-word terms a word's ``key`` meets, those the word as written may be."""
    latin = word[0] <= LAST_LATIN
    capitals: bool | None = None
    fits = []
    for term, quality in singles:
        if quality == 1 and latin and _foreign_label(term):
            continue
        if not _short_fits(word, term, index) or (latin and not _capital_fits(word, key, term, quality, index)):
            continue
        if not latin and not (
            _script_fits([word], 0, 1, term)
            and _spells_number(word, term)
            and _spells_arabic(word, term)
            and _sounded_fits(word, term)
            and _short_vowels_fit(word, term)
        ):
            continue
        if term.caps:
            if capitals is None:
                # A letter alone is no acronym: Greek's article Η folds as JJ.
                capitals = _written_in_capitals(word) and sum(ch.isalpha() for ch in word) > 1
            if not capitals or not _spells_acronym(word, term.label):
                continue
        elif len(word) <= MAX_ACRONYM and word.isupper() and not _written_in_capitals(term.label):
            # A short word in capitals is an acronym, and meets acronyms only (США the transliterated SShA):
            # French QSI (Qatar Sports Investments) folds as Xi.
            continue
        fits.append((term, quality))
    return fits


# A Latin word written with a capital, of this many letters or more (folded), that meets no name may be one misspelt
# with a letter too many: a WikiNews headline's Kashemir is Kashmir.
MIN_MISSPELT = 7
_misspellings: dict[int, dict[str, list[Term]]] = {}
"""By ``id`` of the index, the names each such word is (as ``_remembered``)."""


def _misspelt_hits(tokens: Tokens, looked_up: dict[str, _WordTerms], index: EventIndex) -> list[TermHit]:
    """Names a capitalised Latin word that meets none is, with one letter of its inside left out."""
    unknown = {
        key
        for key, (singles, _, _, long) in looked_up.items()
        # (Brahmic landmarks, the third of ``long``, are not read in Latin words.)
        if len(key) >= MIN_MISSPELT and not singles and (long is None or not (long[0] or long[1]))
    }
    if not unknown:
        return []
    known = _of_index(_misspellings, index)
    keys, words = tokens.keys, tokens.words
    hits: list[TermHit] = []
    for i in tokens.positions(unknown):
        word = words[i]
        if not (word[0] <= LAST_LATIN and word[0].isupper()) or word.isupper():
            continue
        names = known.get(keys[i])
        if names is None:
            if len(known) >= MAX_REMEMBERED_WORDS:
                known.clear()
            names = known[keys[i]] = _names_a_letter_shorter(keys[i], index)
        hits.extend(TermHit(term, i, i + 1, 1) for term in names)
    return hits


def _names_a_letter_shorter(key: str, index: EventIndex) -> list[Term]:
    """The Latin one-word names a folded word is without one letter of its inside (a first or last letter left out
    makes another word, or an ending), if they are one name. Only names as the event set writes them, not the other
    languages' names derived for them: Turkish Patriği ("patriarch") is Italian Parigi, Paris, with a letter more."""
    found: dict[int, Term] = {}
    for j in range(1, len(key) - 1):
        shorter = key[:j] + key[j + 1 :]
        for term in index.single_words.get("~" + stem(shorter), ()):
            if term.kind == "name" and term.keys[0] == shorter and _as_listed(term, index):
                found[id(term)] = term
    return _one_name(found.values())


def _as_listed(term: Term, index: EventIndex) -> bool:
    """Whether a name is written as its entity is named or aliased in the event set, in Latin letters."""
    entity = index.entities.get(term.target)
    return (
        entity is not None
        and written_in_latin(term.label)
        and (term.label == entity.name or term.label in entity.aliases)
    )


# Arabic and Hebrew fold without the letters that tell many words apart (ayin, the gutturals): عشرة, ten, folds as
# سراح, release, and Hebrew עשר, ten, as שר, minister. A number written in those letters is read only as spelled,
# bare or under a one-letter word written onto it (و, ו: and).
def _spells_number(word: str, term: Term) -> bool:
    """Whether ``word`` writes ``term`` if it is a number's one-word spelling: always, outside Arabic and Hebrew
    letters."""
    spelling = term.label
    if term.kind != "number" or not ABJAD.match(spelling):
        return True
    word = without_points(word)
    return word == spelling or (word[:1] in _CLITICS and word[1:] == spelling)


# Endings an Arabic, Persian or Urdu word may add to a name (بيلاروسيا, بيلاروسية; اوکراینیها).
MAX_ARABIC_ENDING = 3


def _short_vowels_fit(word: str, term: Term) -> bool:
    """Whether an Arabic, Persian or Hebrew word that folds as a short Latin name writes its vowel letters where the
    name has vowels they may write (``consonants.writes_short_name``, however few): folded, Persian سیاسی
    ("political") was Sisi, whose ی has an alif beside it the name has no vowel for. Nor does a shin write an s
    (Hebrew שישי, "Friday", is no Sisi; a first letter may be a prefix written onto the word, ש "that"). Other words
    are not asked."""
    if len(term.keys[0]) > SHORT_NAME or not ABJAD.match(word) or not written_in_latin(term.label):
        return True
    if "sh" not in term.label.lower() and any(letter in _SHIN for letter in word[1:]):
        return False
    name = latin_shape(term.keys[0])
    return name is None or any(writes_short_name(shape, name, few=True) for shape in abjad_shapes(word))


_SHIN = frozenset("\u05e9\u0634")


def _spells_arabic(word: str, term: Term) -> bool:
    """Whether a word in Arabic script writes a one-word term spelled in that script, as its letters do, not only
    as it folds: folded without their short vowels and with ح as h, Persian کند ("does") was Arabic كندا (Canada) and
    Arabic حين ("when") Persian چین (China). The word may carry the words written onto a noun (و, ف; ب, ل, ك; ال)
    and a short ending. Other terms, and words in other letters, are not asked."""
    if term.size != 1 or not ARABIC_SCRIPT.match(word) or not ARABIC_SCRIPT.match(term.label):
        return True
    spelled = arabic_letters(term.label)
    readings = [arabic_letters(word)]
    readings += [r[1:] for r in readings if r[:1] in "\u0648\u0641"]
    readings += [r[1:] for r in readings if r[:1] in "\u0628\u0644\u0643"]
    # ل before ال drops its alif: للبيت is ل + البيت.
    readings += ["\u0627" + r[1:] for r in readings if r.startswith("\u0644\u0644")]
    readings += [r[2:] for r in readings if r.startswith("\u0627\u0644")]
    return any(r.startswith(spelled) and len(r) - len(spelled) <= MAX_ARABIC_ENDING for r in readings)


# Words of up to this many letters, written in capitals, are acronyms.
MAX_ACRONYM = 3


def _script_fits(words: list[str], start: int, end: int, term: Term) -> bool:
    """Whether words not in Latin letters, ``words[start:end]``, may write ``term`` as folded alike.

    Chinese characters, kana and hangul fold by their sound, a token each, and their syllables meet other scripts'
    words: they write a term only in its own script or, but for Chinese characters, as a Latin name transliterated.
    Folded, a Korean syllable 신 (sin) was Hebrew סין (China), Japanese リダ (Lida) was 日大, and every 希, 西 or 係 (xi)
    was Xi Jinping. Chinese characters must also be written together, and one of them as the term writes it: 极大
    ("greatly") sounds as 吉达 (Jeddah) does, while 美國 and 美国 (the United States, in either form) share 美. (Terms
    that fold alike are kept once, under one of their spellings: Ukrainian Росія is found under Greek Ρωσία, so
    other scripts are not asked to match their term's.)"""
    if not written_by_sound(words[start]):
        return True
    script = script_of(words[start][0])
    scripts = _scripts(term.label)
    if script not in scripts:
        # A Latin name transliterated takes more than one syllable: Korean 열 ("heat") was Yoon Suk Yeol's Yeol, 설
        # ("new year") Seoul.
        return scripts == _LATIN and script != "CJK" and end - start > 1
    if script != "CJK":
        return True
    return end - start == term.size and any(char in term.label for word in words[start:end] for char in word)


_LATIN = frozenset(("LATIN",))
# What a place's adjective adds to its folded name first (see ``_capital_fits``).
_ADJECTIVE_STARTS = frozenset("aeiouskcz")
_VOWEL_SET = frozenset("aeiou")
# Alphabets that write names with a capital, and whose letters stand for sounds as Latin ones do.
_CASED_ALPHABETS = frozenset(("LATIN", "CYRILLIC", "GREEK", "ARMENIAN"))


def _capital_fits(word: str, key: str, term: Term, quality: int, index: EventIndex) -> bool:
    """Whether a Latin word in small letters may be a name written with a capital: a place's adjective, which most
    languages write so (russischen, białoruskie, francés), as an inflected form; a person or organisation never, nor
    a place as written whole. Folded, English routes was Rutte, Polish trudniej ("harder") Trudeau, Turkish barış
    ("peace") and yapan ("doing") Paris and Japan as Somali and English spell them. (Not in other alphabets: the
    Ukrainian press writes путін so on purpose.)

    An adjective adds a vowel or the s, k, c or z of its suffix to the place's name (-ski, -ck-, -isch, -ian, -ese,
    -ai); a word that goes on with another consonant is another word that starts alike: attention is no Athens
    (Italian Atene), indicted no India, ruszyli ("they set off") no Russia."""
    if term.kind != "name" or not word[0].islower() or not term.label[:1].isupper():
        return True
    entity = index.entities.get(term.target)
    if entity is None:
        return True
    if entity.kind != "place" or quality != 1:
        return False
    base = term.stems[0] if key.startswith(term.stems[0]) else term.keys[0]
    added = key[len(base) :]
    # A c of a suffix is a consonant before a vowel (американцы, литовцам), as in no other word (indicted).
    return not added or (added[0] in _ADJECTIVE_STARTS and not (added[0] == "c" and added[1:2] not in _VOWEL_SET))


def _sounded_fits(word: str, term: Term) -> bool:
    """Whether a word may be a name spelled as it sounds (``sounded.py``): in an alphabet that writes names with a
    capital, only so (Greek κάλεσε, "called", folds as Kallas heard with an e). Georgian has no capitals for names,
    though Unicode calls its letters small."""
    return term.langs != SOUNDING or not _in_small_letters(word)


def _in_small_letters(word: str) -> bool:
    """Whether a word is written in small letters in an alphabet that writes names with a capital (Latin, Cyrillic,
    Greek, Armenian): no name, as those alphabets write them."""
    return word[0].islower() and script_of(word[0]) in _CASED_ALPHABETS


def _short_fits(word: str, term: Term, index: EventIndex) -> bool:
    """Whether a word may be a short name (``index.SHORT_NAME`` letters, folded) of another script than its own.

    Only as a name transliterated: into a Latin one, written with a capital in an alphabet that has them (Дати,
    Κίνα: Dati, China) or, in scripts without capitals, a person's (मोदी, Modi; places have CLDR's names in every
    such script). Short words of any script fold like other scripts' names: Spanish sin ("without") as Hebrew סין
    (China), French pris ("taken") as Persian پاریس (Paris), Ukrainian році ("in the year") as Estonian Rootsi
    (Sweden), Georgian რომ ("that") as German Rom, Hindi कहीं ("somewhere") as Persian چین."""
    if term.kind != "name" or term.size != 1 or len(term.keys[0]) > SHORT_NAME:
        return True
    script, spelled = script_of(word[0]), text_script(term.label)
    if script == spelled or written_by_sound(word):
        return True
    if spelled != "LATIN" or script == "LATIN":
        return False
    if script in _CASED_ALPHABETS:
        return word[0].isupper()
    entity = index.entities.get(term.target)
    return entity is not None and entity.kind == "person"


@lru_cache(maxsize=WORDS_REMEMBERED)
def _scripts(label: str) -> frozenset[str]:
    return frozenset(script_of(char) for char in label if char.isalpha())


def _foreign_label(term: Term) -> bool:
    """Whether a term is written in a script of India or South-East Asia. A Latin word meets such a term only as
    written, not inflected: inflected, CLDR's Bengali হাঙ্গেরি (Hungary, hangeri) was French "changerait". (Greek or
    Cyrillic names fold to their Latin spelling, and their inflected forms are worth meeting: Ουκρανία meets
    Hungarian ukrán.)"""
    return BRAHMIC.match(term.label) is not None


def _longest(found: list[TermHit]) -> list[TermHit]:
    """Of overlapping hits of one kind, the longest (then the best matched, then the first); equal ones together."""
    by_kind: dict[str, list[TermHit]] = {"name": [], "phrase": [], "number": []}
    for hit in found:
        by_kind[hit.term.kind].append(hit)
    kept: list[TermHit] = []
    for hits in by_kind.values():
        taken: dict[int, tuple[int, int, int]] = {}
        for hit in sorted(hits, key=lambda h: (-(h.end - h.start), -h.quality, h.start)):
            span = (hit.start, hit.end, hit.quality)
            if hit.end - hit.start == 1:
                # Most hits are one word: one claim to look at.
                claim = taken.get(hit.start)
                if claim is None or claim == span:
                    kept.append(hit)
                    taken[hit.start] = span
                continue
            claims = [taken.get(pos) for pos in range(hit.start, hit.end)]
            # Equal spans of equal quality are kept together: a surname two entities share stays ambiguous.
            if all(c is None for c in claims) or all(c == span for c in claims):
                kept.append(hit)
                for pos in range(hit.start, hit.end):
                    taken[pos] = span
    return kept


def _consonant_hits(text: str, tokens: Tokens, index: EventIndex) -> list[TermHit]:
    """Names written in Arabic, Persian or Hebrew letters, or in katakana or hangul syllables, found by their
    consonants (``consonants.py``), and Arabic and Hebrew names under a one-letter word written onto them; as
    inflected forms, so that a curated spelling of the script wins."""
    keys, words = tokens.keys, tokens.words
    # Most articles are in none of these scripts: one scan of their distinct words spares a test per word (and
    # scanning the text for each kind took three times as long).
    distinct = set(words)
    joined = " ".join(distinct)
    hits = _han_hits(text, tokens, index, distinct) if index.consonant_names and HAN.search(joined) else []
    if not _NAME_SCRIPTS.search(joined):
        return hits
    # Each distinct word with the key of its first token (the later ones of a word that folds to several keys
    # share what the first found): reversed, so that the first one is written last.
    first_keys = dict(zip(reversed(words), reversed(keys), strict=True))
    # The names each distinct word in those letters may be, worked out once; None for a syllable.
    found: dict[str, list[Term] | None] = {}
    for raw, key in first_keys.items():
        if ABJAD.search(raw):
            # A word that names a place in some language is no person, whatever its consonants read.
            place = names_a_place(key)
            names = [
                term
                for consonants, strict in (() if place or not writes_a_vowel(raw) else abjad_readings(raw))
                for term in index.consonant_names.get(consonants, ())
                if latin_strict_key(term.keys[0]) == strict
            ]
            if not names and not place and index.short_names:
                names = _one_name(_best_written(raw, index))
            names += _unprefixed_names(raw, index)
            if names:
                found[raw] = names
        elif SYLLABIC.match(raw):
            found[raw] = None
    for i in [i for i, raw in enumerate(words) if raw in found] if found else []:
        terms = found[words[i]]
        if terms is not None:
            hits.extend(TermHit(term, i, i + 1, 1) for term in terms)
        elif not _continues_word(text, tokens, i) and not _quoting(text, tokens.starts[i]):
            # A name starts a run of syllables; particles may follow it (푸틴은: Putin + topic marker).
            end = i + 1
            while end < len(keys) and end - i < MAX_SYLLABLES and _continues_word(text, tokens, end):
                end += 1
                if names_a_place("".join(keys[i:end])):  # a place is no person
                    continue
                if index.syllabic_names:
                    hits.extend(_short_syllabic_hits(text, tokens, i, end, index))
                # Two syllables are a common word as often as a name (성과, "results").
                if end - i < MIN_SYLLABLES:
                    continue
                key = syllables_key(words[i:end])
                terms = [*index.consonant_names.get(key, ()), *index.syllabic_landmarks.get(key, ())]
                if HANGUL.match(words[i]):
                    terms = [term for term in terms if _writes_vowels(words[i:end], term)]
                else:
                    # Katakana is not asked for the name's vowels: a run that names of several stories share the
                    # consonants of (Palmer, Wilmore) is none of them (パルメイラ, Palmeiras).
                    terms = terms if len({term.target for term in terms}) <= 1 else _one_name(terms)
                hits.extend(TermHit(term, i, end, 1) for term in terms)
    return hits


def _best_written(raw: str, index: EventIndex) -> list[Term]:
    """The short names an Arabic, Persian or Hebrew word writes (``consonants.writes_short_name``), those whose vowels
    it writes as they are mostly written first (``consonants.usual_vowel_letters``)."""
    fitting = [
        (usual_vowel_letters(shape, name), term)
        for shape in abjad_shapes(raw)
        for term in index.short_names.get(shape[0], ())
        if writes_short_name(shape, name := latin_shape(term.keys[0]) or ("", ()))
    ]
    best = max((usual for usual, _ in fitting), default=0)
    return [term for usual, term in fitting if usual == best]


# Korean writes all its own words in the syllables it writes foreign names with, and their consonants meet a name's
# often (신속하게, "quickly", reads as Tsikhanouski; 폐렴으로, "of pneumonia", as Parnell): a run of hangul must also
# write the name's vowels (``consonants.syllables_write``). Katakana is kept for foreign words, and Japanese writes
# their vowels more freely (Trump: トランプ, to-ra-n-pu).


def _writes_vowels(syllables: list[str], term: Term) -> bool:
    shape = syllables_shape(syllables)
    return shape is not None and _shape_writes(shape, term, hangul=HANGUL.match(syllables[0]) is not None)


def _shape_writes(shape: Shape, term: Term, *, hangul: bool = False) -> bool:
    """Whether a run of syllables of this shape writes a name's consonants and vowels (``consonants.syllables_write``)."""
    return any(syllables_write(shape, name, hangul=hangul) for name in syllabic_name_shapes(term.keys[0]))


def _one_name(terms: Iterable[Term]) -> list[Term]:
    """The terms a word read by a lossy key may be, if they are spellings of one name: a word two names of different
    stems may both be is neither."""
    found = list(terms)
    return found if len({term.stems[0] for term in found}) <= 1 else []


def _han_hits(text: str, tokens: Tokens, index: EventIndex, distinct: set[str]) -> list[TermHit]:
    """Names written in Chinese characters chosen for their sound (``consonants.han_key``): each run of at least
    ``MIN_HAN_RUN`` such characters written together, read whole, as the name of one of a story's actors. Pinyin
    merges more sounds than any other script read here, so other transliterated names meet its keys (a town,
    维尔莫拉 Vilmora, reads b-r-n-r as Parnell does): only the people stories recur with are tried."""
    words, starts = tokens.words, tokens.starts
    sounds = HAN_SOUNDS.intersection(distinct)
    if not sounds:
        return []
    hits: list[TermHit] = []
    run: list[int] = []
    # The positions of such characters, in order, closed into runs where one is not written right after the last
    # (``prepare`` put one space either side of each character: two between characters written together).
    for i in [*[i for i, word in enumerate(words) if word in sounds], -1]:
        if run and i == run[-1] + 1 and text[starts[i - 1] + 1 : starts[i]] == "  ":
            run.append(i)
            continue
        if len(run) >= MIN_HAN_RUN:
            start, end = run[0], run[-1] + 1
            if not names_a_place("".join(tokens.keys[start:end])):
                key = han_key("".join(words[start:end]))
                terms = _one_name(term for term in index.consonant_names.get(key, ()) if term.target in index.actors)
                hits.extend(TermHit(term, start, end, 1) for term in terms)
        run = [i]
    return hits


# One-letter words written onto the next one: Arabic and, by, for, so, as (و ب ل ف ك); Hebrew and, the, in, to,
# from, that, as (ו ה ב ל מ ש כ). "وترامب" is "and Trump", "לטראמפ" "to Trump".
_CLITICS = frozenset("\u0648\u0628\u0644\u0641\u0643\u05d5\u05d4\u05d1\u05dc\u05de\u05e9\u05db")
# Letters a word must keep without its first: shorter remainders are as often other words.
MIN_UNPREFIXED = 4


def _unprefixed_names(raw: str, index: EventIndex) -> list[Term]:
    """The names (one word, as curated or derived) an Arabic or Hebrew word is with a one-letter word written onto
    it."""
    if len(raw) <= MIN_UNPREFIXED or raw[0] not in _CLITICS:
        return []
    keys = fold_word(raw[1:])
    if len(keys) != 1:
        return []
    key = keys[0]
    return [
        term
        for slot in lookup_slots(key)
        for term in index.single_words.get(slot, ())
        # Not an acronym: these scripts have no capitals to write one with.
        if term.kind == "name"
        and not term.caps
        and key_matches(key, term.keys[0], term.stems[0])
        and _short_fits(raw[1:], term, index)
    ]


# Korean closes a quotation with a particle written right after the quote mark (“…”라고 말했다: "…", he said).
_CLOSING_QUOTES = frozenset("\u201d\u2019\u300d\u300f\u00bb")
_STRAIGHT_QUOTES = frozenset("\"'")


def _quoting(text: str, start: int) -> bool:
    """Whether a syllable is written right after a closing quote mark (``prepare`` put one space before it). A
    straight quote closes when it is the second of a pair in its line ('디디' 숀 콤스 opens one: Diddy)."""
    if start < 2 or text[start - 1] != " ":
        return False
    mark = text[start - 2]
    if mark in _CLOSING_QUOTES:
        return True
    if mark not in _STRAIGHT_QUOTES:
        return False
    line = text.rfind("\n", 0, start - 2) + 1
    return text.count(mark, line, start - 1) % 2 == 0


def _short_syllabic_hits(text: str, tokens: Tokens, start: int, end: int, index: EventIndex) -> list[TermHit]:
    """Short names (``consonants.syllables_write``) a whole run of syllables writes: one that ends a word, or that
    a Korean particle follows."""
    words = tokens.words
    if end < len(words) and _continues_word(text, tokens, end) and words[end] not in KOREAN_PARTICLES:
        return []
    shape = syllables_shape(words[start:end])
    if shape is None:
        return []
    hangul = HANGUL.match(words[start]) is not None
    terms = _one_name(
        term for term in index.syllabic_names.get(shape[0], ()) if _shape_writes(shape, term, hangul=hangul)
    )
    return [TermHit(term, start, end, 1) for term in terms]


# Greek writes a foreign b and d as μπ and ντ inside a name too (Ρούμπιο, Μεντίνσκι: Medinsky), where its own words
# have mb and nd: a Greek article's words are also looked up read so.
_GREEK_DIGRAPHS = (("mp", "b"), ("nt", "d"))
_GREEK_SOUND = dict(_GREEK_DIGRAPHS)


# μπ and ντ before a vowel, inside a Greek word (folded): a foreign name's b and d (Ρούμπιο, Νεπιντό: Rubio, Naypyidaw).
_GREEK_INNER = re.compile("(?<=.)(mp|nt)(?=[aeiou])")
# A Russian name's closing -ov and -ev, which Greek writes -οφ and -εφ (Ουμέροφ, Umerov); no Greek word ends in φ.
_GREEK_OV = re.compile("(?<=[oe])f$")


def _greek_foreign(key: str) -> str:
    """A folded Greek word read as a foreign name Greek writes with μπ and ντ for b and d before a vowel (at a word's
    end they are m-p and n-t: Τραμπ, Trump), and with a closing φ for a Russian name's v."""
    return _GREEK_OV.sub("v", _GREEK_INNER.sub(lambda match: _GREEK_SOUND[match.group()], key))


def _greek_foreign_hits(tokens: Tokens, looked_up: dict[str, _WordTerms], index: EventIndex) -> list[TermHit]:
    """Names curated in Latin letters that a Greek word written with a capital is, read as ``_greek_foreign`` reads
    it, where the word as folded meets none (Ρούμπιο, Rubio; not αφήνοντας, "leaving", as a name of Athens)."""
    names: dict[str, list[tuple[Term, int]]] = {}
    for key, entry in looked_up.items():
        if entry[0] or (foreign := _greek_foreign(key)) == key:
            continue
        found = [
            (term, quality)
            for slot in lookup_slots(foreign)
            for term in index.single_words.get(slot, ())
            if term.kind == "name" and not term.langs and written_in_latin(term.label)
            and (quality := key_matches(foreign, term.keys[0], term.stems[0]))
        ]  # fmt: skip
        if found:
            names[key] = found
    return _capitalised_hits(tokens, names)


def _capitalised_hits(
    tokens: Tokens, names: dict[str, list[tuple[Term, int]]], script: str | None = None
) -> list[TermHit]:
    """The ``names`` each word of these keys is, where it is written with a capital (and in ``script``, if given)."""
    words = tokens.words
    return [
        TermHit(term, i, i + 1, quality)
        for i in (tokens.positions(names) if names else [])
        if words[i][:1].isupper() and (script is None or script_of(words[i][0]) == script)
        for term, quality in names[tokens.keys[i]]
    ]


# The case endings with a consonant that the Slavic languages written in Cyrillic put on a foreign name (folded):
# the instrumental (Трампом, Трампам, Трампами) and the locative plural. Other endings are vowels, which the
# consonants of ``_long_names`` leave out already.
_SLAVIC_ENDINGS = ("ami", "om", "em", "am", "ah")
_SLAVIC_CYRILLIC = frozenset(("ru", "uk", "be", "bg", "mk", "sr"))


# The Slavic languages written in Cyrillic that decline a foreign surname (Bulgarian and Macedonian do not), and the
# case endings they give a short one (folded): Коула, Коулу, Коулом, Коуле (Coale), Кима (Kim).
_DECLINING_CYRILLIC = frozenset(("ru", "uk", "be", "sr"))
_SHORT_CASE_ENDINGS = ("om", "a", "u", "e", "i")


def _declined_short_hits(tokens: Tokens, looked_up: dict[str, _WordTerms], index: EventIndex) -> list[TermHit]:
    """People's names of fewer than ``MIN_STEM`` letters (folded), which take no ending otherwise (``key_matches``),
    found declined in a Cyrillic word written with a capital where the word as folded meets no name: Джона Коула,
    John Coale's."""
    names: dict[str, list[tuple[Term, int]]] = {}
    for key, entry in looked_up.items():
        if entry[0] or len(key) > MIN_STEM + 1:
            continue
        for ending in _SHORT_CASE_ENDINGS:
            bare = key.removesuffix(ending)
            if bare != key and len(bare) < MIN_STEM:
                found = [
                    (term, 1)
                    for term in index.single_words.get("=" + bare, ())
                    # An acronym takes no case ending: Russian Я ("I") is no JJ declined.
                    if term.kind == "name"
                    and not term.caps
                    and (person := index.entities.get(term.target)) is not None
                    and person.kind == "person"
                ]
                if found:
                    names[key] = found
                    break
    return _capitalised_hits(tokens, names, "CYRILLIC")


def _without_case_ending(key: str, lang: str | None) -> str | None:
    """A folded word without a case ending that adds a consonant (``_SLAVIC_ENDINGS``), if its language writes one."""
    if lang not in _SLAVIC_CYRILLIC:
        return None
    ending = next((ending for ending in _SLAVIC_ENDINGS if key.endswith(ending)), None)
    return key[: -len(ending)] if ending else None


def _long_names(key: str, index: EventIndex, respells: bool, lang: str | None = None) -> _LongNames | None:
    """The long names and the shorter foreign ones the consonants of a word are (``consonants.vowelless``), if any:
    looked up with the rest of what a word may be, and so remembered with it."""
    if len(key) < MIN_FOREIGN_NAME - 1:
        return None
    if lang == "el" and ("mp" in key or "nt" in key):
        found = _long_names(key, index, respells)
        for digraph, sound in _GREEK_DIGRAPHS:
            key = key.replace(digraph, sound)
        return found or _long_names(key, index, respells)
    consonants = vowelless(key)
    long = index.long_names.get(consonants) if len(key) >= MIN_LONG_NAME - 1 else None
    foreign = index.foreign_names.get(consonants)
    if foreign is None and respells and consonants.endswith("s"):
        # A nominative ending in s (Latvian Tramps, Lithuanian Trampas) on a name that has none.
        foreign = index.foreign_names.get(consonants[:-1])
    if foreign is None and (bare := _without_case_ending(key, lang)) is not None:
        # A case ending with a consonant of its own (Russian с Трампом, Уиткоффом: with Trump, Witkoff).
        foreign = index.foreign_names.get(vowelless(bare))
    landmark = index.brahmic_landmarks.get(consonants)
    return (long, foreign, landmark) if (long or foreign or landmark) and not names_a_place(key) else None


def _long_name_hits(tokens: Tokens, looked_up: dict[str, _WordTerms], lang: str | None) -> list[TermHit]:
    """Names spelled with other vowels (``consonants.vowelless``), as inflected forms: long ones in any script,
    shorter ones in words of other alphabets than the Latin one, or of a language that respells them
    (``RESPELLING``), and places' and organisations' in the scripts of India and South-East Asia
    (``EventIndex.brahmic_landmarks``)."""
    respells = lang in RESPELLING
    # Each distinct word looked up once (an article repeats its words, and the look-ups are remembered); then only
    # the words that are one of them are visited, in order.
    names = {key: entry[3] for key, entry in looked_up.items() if entry[3] is not None}
    hits: list[TermHit] = []
    keys, words = tokens.keys, tokens.words
    for i in tokens.positions(names):
        # Latin, Greek, Cyrillic and Armenian write names with a capital: a word in small letters is none
        # (Greek ανακοίνωσε, "announced", is no Nakanishi, Russian введённых, "introduced", no Fiadynich).
        if _in_small_letters(words[i]):
            continue
        # Arabic, Persian and Hebrew words write no vowels to tell them apart: their consonants are looked up with the
        # stricter keys of ``_consonant_hits`` (by these, Hebrew זמנית, "temporary", was Eismont).
        if ABJAD.match(words[i]):
            continue
        long, foreign, landmark = names[keys[i]]
        # (A Latin word is read so only written with a capital, as names are: Serbian prenela, "conveyed", is no
        # Parnell.)
        latin = words[i][0] <= LAST_LATIN
        found = long if long or (latin and not (respells and words[i][0].isupper())) else foreign
        if not found and landmark and BRAHMIC.match(words[i]):
            # A place or an organisation in a script whose letters carry an unwritten vowel (``brahmic_landmarks``).
            found = landmark
        if found:
            hits.extend(TermHit(term, i, i + 1, 1) for term in found)
    return hits


def _inside_word(text: str, tokens: Tokens, start: int, end: int) -> bool:
    """Whether syllables ``start:end`` are part of a longer word: written right after another syllable, or, in
    katakana, before one (フランシスコ, Francisco, is no フランス, France). Korean writes nouns together (러시아군, the
    Russian army), and particles after them."""
    if _continues_word(text, tokens, start):
        return True
    return end < len(tokens) and KATAKANA.match(tokens.words[end]) is not None and _continues_word(text, tokens, end)


def _continues_word(text: str, tokens: Tokens, i: int) -> bool:
    """Whether token ``i`` is a syllable written right after the previous one: ``prepare`` put one space either
    side of each, and only a long-vowel mark (プーチン) may stand between two syllables of a word."""
    words, starts = tokens.words, tokens.starts
    if i == 0 or not SYLLABIC.match(words[i]):
        return False
    between = text[starts[i - 1] + len(words[i - 1]) : starts[i]]
    marks = between.count(LONG_VOWEL)
    return bool(SYLLABIC.match(words[i - 1])) and between.replace(LONG_VOWEL, "") == "  " * (marks + 1)


def _span_text(doc: Document, hit: TermHit | TopicHit) -> str:
    starts = doc.tokens.starts
    return unspace(doc.text[starts[hit.start] : starts[hit.end - 1] + len(doc.tokens.words[hit.end - 1])])


def gather(doc: Document, index: EventIndex, published: dt.date | None = None) -> ArticleEvidence:
    """Everything of the event set the article shows; ``published`` lets month names and years mark the past."""
    evidence = ArticleEvidence()
    lookbacks = Lookbacks(doc.text, doc.tokens, doc.dates, doc.langs, published, index.latest_year)
    for hit in find_terms(doc, index):
        offset = doc.tokens.starts[hit.start]
        zone = doc.zone(offset)
        recalled = offset in lookbacks
        text = _span_text(doc, hit)
        if hit.term.kind == "name":
            table = evidence.names
            key = hit.term.target
        elif hit.term.kind == "number":
            table = evidence.numbers
            key = hit.term.target
        else:
            table = evidence.phrases.setdefault(hit.term.target, {})
            key = " ".join(hit.term.keys)
        if key in table:
            table[key].see(zone, text, hit.term.label, recalled)
        else:
            table[key] = Sighting(zone, text, hit.term.label, recalled)
    evidence.lang = doc.langs[0] if doc.langs else None
    for topic in find_topics(doc.tokens, evidence.lang):
        offset = doc.tokens.starts[topic.start]
        zone = doc.zone(offset)
        seen = evidence.topics.get(topic.concept)
        # An article repeats its topic words: where one cannot weigh more than the first seen, it is only counted,
        # and the text of one is cut out only where it is shown.
        if seen is not None and place_factor(zone, False) <= seen.factor:
            seen.count += 1
            continue
        recalled = offset in lookbacks
        if seen is None:
            evidence.topics[topic.concept] = Sighting(zone, _span_text(doc, topic), topic.concept, recalled)
        elif place_factor(zone, recalled) > seen.factor:
            seen.see(zone, _span_text(doc, topic), topic.concept, recalled)
        else:
            seen.count += 1
    # An entity curated under a concept's English name (Oval Office, ceasefire) is named where the concept is: one
    # entity of a story a concept (the first it names), or one Greek word for cardinals would name both a story's
    # conclave and its College of Cardinals.
    for concept, seen in evidence.topics.items():
        credited: set[str] = set()
        for entity_id in named_entities(index, concept):
            stories = index.entity_stories.get(entity_id, ())
            if credited.intersection(stories):
                continue
            credited.update(stories)
            if entity_id not in evidence.names:
                label = index.entities[entity_id].name
                evidence.names[entity_id] = Sighting(seen.zone, seen.text, label, seen.recalled, seen.count)
    for mention in doc.numbers:
        if mention.value in index.number_events:
            zone, recalled = doc.zone(mention.start), mention.start in lookbacks
            if mention.value in evidence.numbers:
                evidence.numbers[mention.value].see(zone, mention.raw, mention.value, recalled)
            else:
                evidence.numbers[mention.value] = Sighting(zone, mention.raw, mention.value, recalled)
    for date in doc.dates:
        day = (date.month, date.day)
        if day in index.date_events and day not in evidence.dates:
            # A date names the day of an event whether it is news or recalled ("in 2021", a past month, are not held
            # against it), unless it stands in a passage that a formula sets off as background ("Напомним, ...").
            sighting = Sighting(
                doc.zone(date.start), date.raw, f"{date.day}.{date.month}.", lookbacks.in_background(date.start)
            )
            evidence.dates[day] = (sighting, date.year)
    return evidence
