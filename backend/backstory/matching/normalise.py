"""Text normalisation shared by the index and the article side: one fold, applied to both.

A word is folded in three steps so that the spellings of a name across scripts and languages meet:

1. transliteration to ASCII with anyascii (Лукашэнка -> Lukashenka, Łukaszenka -> Lukaszenka),
2. lower case,
3. a phonetic skeleton that merges the usual Latin renderings of the same sound
   (sch/sz/sh/š -> s, ch/kh/h -> h, ts/cz/tz -> c, w -> v, y/j -> i, doubled letters once, English "ye" before
   e as Cyrillic е: Yermak and Ермак -> ermak): Lukaschenko, Lukaszenka, Lukašenka and Лукашенко all become
   ``lukasenk*``. (Arabic ج is written dz first, so that it stays a consonant.)

Inflection is handled by the matcher on top of this (a token may carry a short ending beyond an alias' stem).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple, cast, overload

from anyascii import anyascii

# Scripts written without spaces between words: every character becomes a token of its own, so a name
# written in them is matched as a sequence of syllables.
_UNSPACED = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
# Apostrophes inside Cyrillic words (Ukrainian п'ять, Belarusian) carry no sound of their own, and in Hebrew one
# (or the geresh) marks a foreign sound (ז'נבה, Geneva, as GeoNames also writes it זנבה): both belong to the word.
# In Latin script they mark elision (l'ambassade) and separate words instead.
_APOSTROPHE_MARKS = "'\u2019\u02bc\u02b9`´\u05f3"
# (The mark first and the look-behind after it: re then scans for the marks rather than trying a look-behind at every
# character, three times faster.)
_APOSTROPHES = re.compile(
    rf"[{_APOSTROPHE_MARKS}](?:(?<=[\u0400-\u04ff].)(?=[\u0400-\u04ff])|(?<=[\u05d0-\u05ea].)(?=[\u05d0-\u05ea]))"
)
_SPACED = re.compile(r" ?([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]) ?")


def _marks() -> str:
    """Every combining mark of the Basic Multilingual Plane, as ranges of a regular-expression class."""
    marks = [c for c in range(0x10000) if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    ranges: list[tuple[int, int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# Letters, digits and the marks that combine with them: \w alone ends a word at each vowel sign of Devanagari, Thai
# or Bengali (पुतिन, Putin, read as प त न) and at Arabic and Hebrew vowel points.
_WORD_CHARS = rf"[\w{_marks()}]+"
WORD = re.compile(_WORD_CHARS)
"""A word of a prepared text (``prepare``)."""
# The same, captured, so that splitting a text around its words keeps the text between them too.
_WORD_SPLIT = re.compile(f"({_WORD_CHARS})")
ASCII_WORD = re.compile(r"[a-z0-9]+")
"""A word of a transliterated, lower-cased text."""
# Scripts of India and South-East Asia: anyascii leaves out the vowel their consonants carry (ट्रंप trmp), so what
# a name in them folds to is not its Latin spelling.
BRAHMIC = re.compile("[\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f\u1780-\u17ff]")
# Letters up to here are Latin (with its extensions); the rest are other alphabets and scripts.
LAST_LATIN = "\u024f"

_SKELETON_RULES = {
    "tsch": "c", "sch": "s", "sh": "s", "sz": "s", "zh": "z", "kh": "h", "ch": "h", "ts": "c", "tz": "c",
    "cz": "c", "oy": "u", "ou": "u", "ph": "f", "ck": "k", "w": "v", "y": "i", "j": "i", "x": "ks", "q": "k",
}  # fmt: skip
_SKELETON = re.compile("|".join(sorted(_SKELETON_RULES, key=len, reverse=True)))
_DOUBLED = re.compile(r"([a-z])\1+")
_VOWELS = "aeiou"
# The i of "ie" at the start of a word or after another vowel: an English y before e (see ``skeleton``).
_GLIDE = re.compile(r"(?:^|(?<=[aeou]))i(?=e)")

# The shortest stem that may carry an inflectional ending; shorter words must match exactly.
MIN_STEM = 4

WORDS_REMEMBERED = 20_000
"""Distinct words whose folding and look-ups each cache remembers (least recently used first out, or all at once).
The caches are what a worker's memory grows by: at 200,000 words apiece, text of random words in four languages
(what a long day of news in many languages, or a hostile client, sends) added 285 MB to a worker; at this size 35 MB,
and the dev articles match as fast (a day's news in one language repeats far fewer words than this)."""


class Token(NamedTuple):
    """A word of a text. A named tuple: articles have hundreds, and it is built the fastest."""

    raw: str
    """The word as written in the text."""
    key: str
    """The folded skeleton."""
    start: int
    """Character offset of the word in the text."""


_FEW_KEYS = 8
"""Up to this many keys, ``Tokens.positions`` looks for each in turn rather than testing every token."""


class Tokens(Sequence[Token]):
    """The tokens of a text, held as three lists side by side: what matching reads is a list of keys, or the word or
    offset at a position. An article has a thousand tokens or more, and a tuple for each was a fifth of the time
    tokenising took, and read back a field at a time; a ``Token`` is now made only when one is asked for."""

    __slots__ = ("_distinct", "keys", "starts", "words")

    def __init__(self, words: list[str], keys: list[str], starts: list[int]) -> None:
        self.words = words
        """``Token.raw`` of each token."""
        self.keys = keys
        """``Token.key`` of each token."""
        self.starts = starts
        """``Token.start`` of each token, in increasing order."""
        self._distinct: frozenset[str] | None = None

    @property
    def distinct(self) -> frozenset[str]:
        """The keys without their repeats: matching looks up each distinct word once (an article repeats its
        words), and several steps do, so the set is made once."""
        if self._distinct is None:
            self._distinct = frozenset(self.keys)
        return self._distinct

    def positions(self, wanted: Collection[str]) -> list[int]:
        """Positions of the tokens whose key is one of ``wanted``, in order."""
        keys = self.keys
        if len(wanted) > _FEW_KEYS:
            return [position for position, key in enumerate(keys) if key in wanted]
        # A few keys (month names, a name, look-back words) are found by list.index, which scans in C: a tenth of
        # the time of a test of every token in Python.
        found: list[int] = []
        for key in wanted:
            position = -1
            try:
                while True:
                    position = keys.index(key, position + 1)
                    found.append(position)
            except ValueError:
                pass
        if len(wanted) > 1:
            found.sort()
        return found

    @overload
    def __getitem__(self, position: int) -> Token: ...
    @overload
    def __getitem__(self, position: slice) -> list[Token]: ...
    def __getitem__(self, position: int | slice) -> Token | list[Token]:
        if isinstance(position, slice):
            return list(self._made(self.words[position], self.keys[position], self.starts[position]))
        return Token(self.words[position], self.keys[position], self.starts[position])

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[Token]:
        return self._made(self.words, self.keys, self.starts)

    def __eq__(self, other: object) -> bool:
        # Equal as the list of tokens it stands for was (and, like it, unhashable): documents compare by value.
        if isinstance(other, Tokens):
            return self.words == other.words and self.keys == other.keys and self.starts == other.starts
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"

    @staticmethod
    def _made(words: list[str], keys: list[str], starts: list[int]) -> Iterator[Token]:
        # tuple.__new__ rather than Token(...): a named tuple's own __new__ is a Python function.
        return map(tuple.__new__, repeat(Token), zip(words, keys, starts, strict=True))


def skeleton(ascii_word: str) -> str:
    """The phonetic skeleton of a lower-case ASCII word."""
    if ascii_word.isdigit():
        return ascii_word
    # Callbacks rather than an r"\1" template, which re expands anew on every call: several times slower here.
    folded = _SKELETON.sub(_rule_for, ascii_word)
    # Cyrillic е is "ye" at the start of a word and after a vowel in English spelling (Yermak, Alekseyev) and "e"
    # in transliteration (Ермак -> ermak, Алексеев -> alekseev): the glide is left out on both sides. Not from short
    # words, which would become other words (Yen -> en).
    if len(folded) > MIN_STEM + 1 and "ie" in folded:
        folded = _GLIDE.sub("", folded)
    return _DOUBLED.sub(_first_letter, folded) if _DOUBLED.search(folded) else folded


def _rule_for(match: re.Match[str]) -> str:
    return _SKELETON_RULES[match[0]]


def _first_letter(match: re.Match[str]) -> str:
    return match[1]


# Before transliteration: Arabic and Hebrew vowel points, which news mostly leaves out, go, so that a pointed word
# folds as its unpointed spelling; Devanagari's nasal marks are n (वेंस, Vance; anyascii writes m; m before a
# labial, below) and its dotted
# letters the sounds they stand for in foreign names (ज़ z, फ़ f; NFKC keeps them apart as letter and dot).
_SCRIPT_LETTERS = str.maketrans(
    {
        **dict.fromkeys([*range(0x0591, 0x05BE), 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7], None),
        **dict.fromkeys([*range(0x064B, 0x0660), 0x0670], None),
        "\u0901": "n",
        "\u0902": "n",
        # Devanagari's ai writes the e and a of foreign names (कैनेडी, Kennedy; मैनचेस्टर, Manchester), as Hindi says
        # it: read as e, which vowel-tolerant keys take for either.
        "\u0948": "\u0947",
        "\u0910": "\u090f",
        # Thai writes a foreign t, k and p with its aspirated letters (ทรัมป์, Trump; วิทคอฟ, Witkoff), which anyascii
        # writes th, kh and ph: read as the plain ones.
        **dict.fromkeys(map(ord, "ทธถฐฑฒ"), "\u0e15"),
        **dict.fromkeys(map(ord, "คขฆฅฃ"), "\u0e01"),
        **dict.fromkeys(map(ord, "พผภ"), "\u0e1b"),
    }
)
# The nasal mark is m before p, ph, b, bh and m (ट्रंप, Trump), n elsewhere.
_LABIAL_NASAL = re.compile("[\u0901\u0902](?=[\u092a-\u092e])")
# A consonant of Devanagari or Bengali written before ha carries the vowel it does not write (पहलगाम, Pahalgam), which
# anyascii leaves out: p, k, s and c then make a digraph with the h (ph, read f; kh, read h). Written out after
# those only; other pairs read as two consonants already, and a vowel there made Hindi and Bengali महिला, "woman",
# the city Mahiliou.
_BEFORE_HA = re.compile("[\u0915\u091a\u092a\u0938\u0958\u095e](?=\u0939)|[\u0995\u099a\u09aa\u09b8](?=\u09b9)")
# Scripts whose letter anyascii writes j is the consonant dzh (ज, ჯ, Ջ; pinyin j of 吉), not the vowel a Latin j may be.
_J_CONSONANT = re.compile("[\u0530-\u058f\u0900-\u0dff\u10a0-\u10ff\u3400-\u4dbf\u4e00-\u9fff]")
_NUKTA = "\u093c"
_DOTTED = (("\u091c\u093c", "z"), ("\u092b\u093c", "f"))
# Armenian ու is the vowel u (Պուտին, Putin), which anyascii writes ow; before a vowel at the start of a word it is
# a foreign w (Ուիտկոֆ, Witkoff).
_ARMENIAN_W = re.compile("^[\u0548\u0578]\u0582(?=[\u0561\u0565\u0567\u056b\u0578\u0585])")
_ARMENIAN_U = re.compile("[\u0548\u0578]\u0582")
# Greek writes a foreign b, d, g, w at the start of a name as μπ, ντ, γκ, γου (Μπάιντεν, Ντόναλντ, Γουίτκοφ);
# inside a word they are also mb, nd, ng of Greek's own words, so only the first letters are read so.
_GREEK_START = re.compile("^(?:[Μμ][Ππ]|[Νν][Ττ]|[Γγ][Κκ]|[Γγ][Οο][Υυύ](?=[αάεέηήιίοόωώ]))")
_GREEK_SOUNDS = {"μπ": "b", "ντ": "d", "γκ": "g"}
# Georgian writes a foreign f with ფ (p' of its own words: ფრანგეთი, France, reads f as well on both sides) and a
# foreign w opening a name as უ before a vowel (უიტკოფი, Witkoff).
_GEORGIAN = re.compile("^\u10e3(?=[\u10d0\u10d4\u10d8\u10dd])|\u10e4")
# Thai and Lao write some vowels before the consonant they follow (เฟนวิก, Fenwick: e written before f).
_PREPOSED_VOWEL = re.compile("([\u0e40-\u0e44\u0ec0-\u0ec4])([\u0e01-\u0e2e\u0e81-\u0eae])")


def _with_a(match: re.Match[str]) -> str:
    return match[0] + ("\u0905" if match[0] <= "\u097f" else "\u0985")


def _greek_sound(match: re.Match[str]) -> str:
    return _GREEK_SOUNDS.get(match[0].lower(), "w")


def _georgian_sound(match: re.Match[str]) -> str:
    return "f" if match[0] == "\u10e4" else "w"


@lru_cache(maxsize=WORDS_REMEMBERED)
def fold_word(word: str) -> tuple[str, ...]:
    """The skeleton keys of one written word; usually one, more when transliteration splits it."""
    # Arabic and Persian ج is a consonant, dj, which anyascii writes "j" and the skeleton then reads as the vowel i
    # (a Latin j mostly is one): with the other vowels unwritten, سجناء (prisoners) became الصين (China). Written as
    # Cyrillic Дж folds, it stays a consonant.
    if "\u062c" in word:
        word = word.replace("\u062c", "dz")
    if not word.isascii():
        if "\u0902" in word or "\u0901" in word:
            word = _LABIAL_NASAL.sub("m", word)
        word = word.translate(_SCRIPT_LETTERS)
        if "\u0939" in word or "\u09b9" in word:
            word = _BEFORE_HA.sub(_with_a, word)
        if _NUKTA in word:
            for dotted, sound in _DOTTED:
                word = word.replace(dotted, sound)
        if "\u0582" in word:
            word = _ARMENIAN_U.sub("u", _ARMENIAN_W.sub("w", word))
        if not word:  # vowel points alone
            return ()
        if "\u0370" <= word[0] <= "\u03ff":
            word = _GREEK_START.sub(_greek_sound, word)
        elif "\u10d0" <= word[0] <= "\u10ff":
            word = _GEORGIAN.sub(_georgian_sound, word)
        elif _PREPOSED_VOWEL.search(word):
            word = _PREPOSED_VOWEL.sub(r"\2\1", word)
    # anyascii writes soft signs as apostrophes (Вельн -> Vel'n): they belong to the word.
    ascii_text = anyascii(word).lower().replace("'", "")
    # The j of the scripts of India, Georgian, Armenian and pinyin is a consonant, as Arabic ج is (above).
    if "j" in ascii_text and _J_CONSONANT.search(word):
        ascii_text = ascii_text.replace("j", "dz")
    return tuple(skeleton(part) for part in ASCII_WORD.findall(ascii_text))


def as_written(name: str) -> str:
    """A name as written, in any case and spacing: how names curated apart are told to be the same one (folding
    every name of a large catalog to compare them cost seconds of an index build)."""
    return " ".join(name.casefold().split())


# Japanese writes a foreign v both as ヴ and as ブ (ジュネーヴ and ジュネーブ, Geneva; ヴァ and バ): read as the second.
_KATAKANA_V = re.compile("\u30f4[\u30a1\u30a3\u30a7\u30a9]?")
_KATAKANA_B = {
    "\u30f4": "\u30d6",
    "\u30f4\u30a1": "\u30d0",
    "\u30f4\u30a3": "\u30d3",
    "\u30f4\u30a7": "\u30d9",
    "\u30f4\u30a9": "\u30dc",
}


def _katakana_b(match: re.Match[str]) -> str:
    return _KATAKANA_B[match[0]]


def prepare(text: str) -> str:
    """Unicode-normalise a text and separate characters of unspaced scripts."""
    # Nothing below changes ASCII, and CPython knows a string is ASCII without reading it: most names of a large
    # event set are, and an index build prepares each of them.
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    if "\u30f4" in text:
        text = _KATAKANA_V.sub(_katakana_b, text)
    # Most texts hold no apostrophe: looking for the marks first (in C) spares the pattern's scan.
    if any(mark in text for mark in _APOSTROPHE_MARKS):
        text = _APOSTROPHES.sub("", text)
    # Split around each such character and joined with spaces: each gets one either side, as a substitution would give
    # (which re did through a call for every character of a Chinese text, twice as slow).
    return " ".join(_UNSPACED.split(text))


ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Vowel points, the dagger alif and tatweel (Arabic), and Hebrew points: not letters of a spelling.
_POINTS = re.compile("[\u064b-\u065f\u0670\u0640\u05b0-\u05c7]")
# Persian and Urdu write some Arabic letters in forms of their own, and alif and ya come in several: one each.
_ARABIC_FORMS = str.maketrans(
    {
        "\u06cc": "\u064a", "\u0649": "\u064a", "\u06d2": "\u064a", "\u06a9": "\u0643", "\u0623": "\u0627",
        "\u0625": "\u0627", "\u0622": "\u0627", "\u0629": "\u0647", "\u06c0": "\u0647", "\u06c1": "\u0647",
        # Persian letters for sounds Arabic lacks, which Arabic writes with the nearest (ترامپ, ترامب: Trump).
        "\u067e": "\u0628", "\u0686": "\u062c", "\u0698": "\u0632", "\u06af": "\u0643",
    }
)  # fmt: skip


def arabic_letters(word: str) -> str:
    """A word in Arabic script as its letters spell it, without points and with one form of each letter: what two
    spellings of the Arabic, Persian and Urdu press share when they are the same word."""
    return _POINTS.sub("", word).translate(_ARABIC_FORMS)


def without_points(word: str) -> str:
    """A word in Arabic or Hebrew letters without vowel points (or tatweel)."""
    return _POINTS.sub("", word)


def written_in_latin(text: str) -> bool:
    """Whether every character of a text is Latin (or a digit, space or mark of the ASCII range)."""
    return all(ch <= LAST_LATIN for ch in text)


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """A letter's script, as the first word of its Unicode name says it (LATIN, CYRILLIC, CJK, HANGUL...)."""
    return unicodedata.name(char, "").split(" ", 1)[0]


def text_script(text: str) -> str:
    """The script of a text's first letter ("" for none)."""
    return next((script_of(char) for char in text if char.isalpha()), "")


def written_by_sound(word: str) -> bool:
    """Whether a word opens with a Chinese character, kana or hangul: what ``prepare`` splits a token a character
    (or syllable), folded by its sound."""
    return _UNSPACED.match(word) is not None


def unspace(prepared: str) -> str:
    """A piece of prepared text as it was written: without the spaces ``prepare`` put around unspaced scripts."""
    # Most pieces hold no such script: a scan for one spares re's substitution (its template is read in Python).
    return _SPACED.sub(r"\1", prepared) if _UNSPACED.search(prepared) else prepared


def tokenise(text: str) -> Tokens:
    """Tokens of a raw text, each with its folded key."""
    return tokens_of(prepare(text))


def tokens_of(prepared: str) -> Tokens:
    """Tokens of a text already passed through ``prepare``; offsets refer to it."""
    # Every article goes through here, so it is written for speed, in C-level passes where it can be: the text split
    # around its words (no match object per word), each word's key from a cache, the offsets added up from the
    # pieces' lengths. About twice as fast as a loop over finditer making Token(...) per word.
    pieces = _WORD_SPLIT.split(prepared)
    words = pieces[1::2]
    keys = list(map(_single_key, words))
    starts = list(accumulate(map(len, pieces)))[0:-1:2]
    if None in keys:
        return _expanded(words, keys, starts)
    return Tokens(words, cast(list[str], keys), starts)


def _expanded(words: list[str], keys: list[str | None], starts: list[int]) -> Tokens:
    """``tokens_of`` for a text with a word that folds to no key or to several (None in ``keys``): a token for each
    key it folds to, none for a word without one. Such words are few (Arabic ة is one), so the lists are copied a run
    at a time between them."""
    out_words: list[str] = []
    out_keys: list[str] = []
    out_starts: list[int] = []
    done = 0
    for position in [position for position, key in enumerate(keys) if key is None]:
        out_words += words[done:position]
        out_keys += cast(list[str], keys[done:position])
        out_starts += starts[done:position]
        folded = fold_word(words[position])
        out_words += [words[position]] * len(folded)
        out_keys += folded
        out_starts += [starts[position]] * len(folded)
        done = position + 1
    out_words += words[done:]
    out_keys += cast(list[str], keys[done:])
    out_starts += starts[done:]
    return Tokens(out_words, out_keys, out_starts)


@lru_cache(maxsize=WORDS_REMEMBERED)
def _single_key(word: str) -> str | None:
    """The one key of a word, or None when it folds to none or to several."""
    keys = fold_word(word)
    return keys[0] if len(keys) == 1 else None


# Building the index folds the same names and phrases many times over (once per event, story or alias list
# that holds them): at 10,000 events 80% of calls are repeats, and remembering them made the build 4.1 s from 5.1.
@lru_cache(maxsize=100_000)
def fold_phrase(phrase: str) -> tuple[str, ...]:
    """The skeleton keys of a name or phrase, in order."""
    return fold_text(phrase)


def fold_text(phrase: str) -> tuple[str, ...]:
    """``fold_phrase`` without its cache: the keys of ``tokenise(phrase)`` without making the tokens."""
    return tuple(key for word in WORD.findall(prepare(phrase)) for key in fold_word(word))


class Folds(dict[str, tuple[str, ...]]):
    """``fold_text`` remembered for one piece of work: an index build folds each name several times, and more
    distinct names than ``fold_phrase``'s cache holds (300,000 at 100,000 events), which it would then keep."""

    def __missing__(self, phrase: str) -> tuple[str, ...]:
        keys = self[phrase] = fold_text(phrase)
        return keys


def stem(key: str) -> str:
    """A key without its trailing vowels, so that inflected forms share it (lukasenko, lukasenka -> lukasenk)."""
    if key.isdigit() or len(key) <= MIN_STEM:
        return key
    end = len(key)
    while end > MIN_STEM and key[end - 1] in _VOWELS:
        end -= 1
    return key[:end]
