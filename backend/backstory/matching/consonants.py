"""Names in scripts that write vowels their own way, matched by their consonants.

Arabic, Persian and Hebrew mostly leave vowels out (ترامب -> trmb, זלנסקי -> zlnsky), and their letters for w/u/o
and y/i/e stand for vowels as often as for consonants; Korean and Japanese write a foreign name as syllables that
add vowels of their own (트럼프 -> teuleompeu, トランプ -> toranpu). What survives in every script is the sequence
of consonants, up to the sounds these scripts merge (p/b/f/v, t/d, k/g, s/z/c, l/r, m/n). A curated one-word name
is filed under that key; an article word of such a script is looked up by it.

The key is lossy, so it is used with care: only for one-word names of at least ``MIN_CONSONANTS`` consonants,
only for words of those scripts, and a key that two differently spelled names share is dropped as ambiguous. An
Arabic, Persian or Hebrew word must also have the name's strict key (``strict_key``: l, r, m, n and h apart).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

from backstory.matching.normalise import skeleton

ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")
SYLLABIC = re.compile(r"[\u30a0-\u30ff\uac00-\ud7af]")
"""Katakana and hangul: the scripts that spell foreign names as syllables."""

LONG_VOWEL = "\u30fc"
"""The katakana mark that lengthens the vowel before it (プーチン); no sound of its own."""

MIN_CONSONANTS = 4
# A name written in syllables takes at least and at most this many of them.
MIN_SYLLABLES = 3
MAX_SYLLABLES = 6

_CLASSES = {
    "b": "b", "p": "b", "f": "b", "v": "b", "c": "s", "s": "s", "z": "s", "d": "t", "t": "t", "g": "k", "k": "k",
    "l": "r", "r": "r", "m": "n", "n": "n",
}  # fmt: skip
# Prefixes written onto a word: Arabic and, by, for, the (و ب ل ال); Hebrew in, to, the, from, that (ב ל ה מ ש).
_ABJAD_PREFIXES = ("wal", "bal", "lal", "fal", "al", "w", "b", "l", "f", "k", "v", "h", "m", "s")
_LETTERS = re.compile(r"[^a-z]")
_HEBREW_VAV = re.compile("\u05d5")


def consonant_key(folded: str) -> str:
    """The consonant classes of a folded word (``normalise.skeleton``), each run of one class once."""
    key: list[str] = []
    for letter in folded:
        cls = _CLASSES.get(letter)
        if cls is not None and (not key or key[-1] != cls):
            key.append(cls)
    return "".join(key)


def name_key(folded: str) -> str | None:
    """The key a curated one-word name is filed under, or None when it has too few consonants."""
    key = consonant_key(folded)
    return key if len(key) >= MIN_CONSONANTS else None


# Arabic, Persian and Hebrew tell l from r and m from n, and write the h they hear: a name found by its merged key
# must also have the word's stricter key, or common words are read as names (Persian روبرو, "facing", as Lavrov;
# پیشنهادی, "proposed", as Bessent).
_STRICT = {**_CLASSES, "l": "l", "m": "m", "h": "h"}


def strict_key(folded: str, *, latin: bool) -> str:
    """The consonants of a folded word as Arabic, Persian and Hebrew write them (``_STRICT``), each run once.

    A closing h is left out (those scripts end words in a vowel with it: روسیه), and so, in a Latin spelling, is an
    h after a consonant, part of a digraph the scripts write as one letter (Thomas, Ghani)."""
    key: list[str] = []
    previous = ""
    last = len(folded) - 1
    for i, letter in enumerate(folded):
        silent = letter == "h" and (i == last or (latin and previous != "" and previous not in "aeiou"))
        previous = letter
        cls = None if silent else _STRICT.get(letter)
        if cls is not None and (not key or key[-1] != cls):
            key.append(cls)
    return "".join(key)


@lru_cache(maxsize=50_000)
def latin_strict_key(folded: str) -> str:
    return strict_key(folded, latin=True)


@lru_cache(maxsize=50_000)
def abjad_readings(word: str) -> tuple[tuple[str, str], ...]:
    """The keys an Arabic, Persian or Hebrew word may stand for, with or without a prefix written onto it: each as
    (consonant key, strict key), the first to look names up by, the second for them to meet.

    Hebrew ו mostly writes the vowels o and u, and is read so, except doubled (וו), which writes v. Arabic و writes
    w and u, Persian و v and u: inside a word it is read both ways."""
    word = _HEBREW_VAV.sub("", word.replace("\u05d5\u05d5", "v"))
    readings = dict.fromkeys([word, word[:1] + word[1:].replace("\u0648", "")])
    keys: list[tuple[str, str]] = []
    for reading in readings:
        ascii_word = _LETTERS.sub("", anyascii(reading).lower())
        folded = skeleton(ascii_word)
        whole = consonant_key(folded)
        if len(whole) >= MIN_CONSONANTS:
            keys.append((whole, strict_key(folded, latin=False)))
        # Read without its first letters, a word must keep more consonants: short keys met too many other words.
        for prefix in _ABJAD_PREFIXES:
            if ascii_word.startswith(prefix):
                folded = skeleton(ascii_word[len(prefix) :])
                key = consonant_key(folded)
                if len(key) > MIN_CONSONANTS:
                    keys.append((key, strict_key(folded, latin=False)))
    return tuple(dict.fromkeys(keys))


def abjad_keys(word: str) -> tuple[str, ...]:
    """The consonant keys of ``abjad_readings``."""
    return tuple(dict.fromkeys(key for key, _ in abjad_readings(word)))


def syllables_key(syllables: Iterable[str]) -> str:
    """The key of a name written in katakana or hangul syllables (one per token)."""
    ascii_word = _LETTERS.sub("", "".join(anyascii(s) for s in syllables).lower())
    # Japanese chi/tsu and Korean ch stand for t before i and u; Korean j and Japanese j for z.
    return consonant_key(skeleton(ascii_word.replace("ch", "t").replace("ts", "t").replace("j", "z")))


# A long surname may be spelled with other vowels (Zyankovich, Зенкович -> Zenkovich): its consonants, as
# written, then still meet. Only long names with many consonants: short ones would meet other words.
MIN_LONG_NAME = 7
MIN_LONG_CONSONANTS = 5
# Other alphabets render English vowels their own way (Trump: Трамп, Τραμπ, Թրամփ, ტრამპი); a word written in
# one of them is also looked up by the consonants of shorter names, whose Latin look-alikes (tramp) it cannot be.
MIN_FOREIGN_NAME = 5
MIN_FOREIGN_CONSONANTS = 4
_VOWELS = re.compile("[aeiou]+")
# Voiced and voiceless consonants that transliterations swap: German and Italian write Russian з as s (Зенкович:
# Senkovich, Ziankovich), and a final -в is v, w, f or ff (Romanov, Romanow, Romanoff).
_VOICING = str.maketrans({"z": "s", "v": "f"})


@lru_cache(maxsize=200_000)
def vowelless(folded: str) -> str:
    """A folded word without its vowels (its consonants as written, s for z and f for v, doubled ones once)."""
    letters = _VOWELS.sub("", folded).translate(_VOICING)
    return re.sub(r"(.)\1+", r"\1", letters)
