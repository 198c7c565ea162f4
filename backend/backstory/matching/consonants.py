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

from backstory.matching.normalise import WORDS_REMEMBERED, skeleton

ABJAD = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")
SYLLABIC = re.compile(r"[\u30a0-\u30ff\uac00-\ud7af]")
HANGUL = re.compile("[\uac00-\ud7af]")
KATAKANA = re.compile("[\u30a1-\u30fa]")
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


# Arabic writes the ch of Slavic names (ч) as تش, Hebrew as צ' (at the end ץ', whose mark the word loses when the
# article's punctuation takes it): also read as Persian چ, which reads as the Latin spelling's ch (Statkevich:
# ستاتكيفيتش, סטטקביץ').
_CHE_WRITTEN = re.compile("\u062a\u0634|\u05e6['\u05f3]|\u05e5$")
_CHE = "\u0686"


def _as_che(word: str) -> str:
    return _CHE_WRITTEN.sub(_CHE, word)


@lru_cache(maxsize=50_000)
def abjad_readings(word: str) -> tuple[tuple[str, str], ...]:
    """The keys an Arabic, Persian or Hebrew word may stand for, with or without a prefix written onto it: each as
    (consonant key, strict key), the first to look names up by, the second for them to meet.

    Hebrew ו mostly writes the vowels o and u, and is read so, except doubled (וו) or opening a word, where it writes
    v. Arabic و writes
    w and u, Persian و v and u: inside a word it is read both ways."""
    # Opening a word, ו is a consonant (ויטקוף, Witkoff) or the word "and" written onto the next: read both ways,
    # the second by the prefixes below.
    word = word.replace("\u05d5\u05d5", "v")
    word = word[:1] + _HEBREW_VAV.sub("", word[1:])
    readings = dict.fromkeys([word, word[:1] + word[1:].replace("\u0648", "")])
    readings.update((_as_che(reading), None) for reading in list(readings) if _CHE_WRITTEN.search(reading))
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


# A name opening with w is written with a vowel there: Korean 위 wi, Japanese ウィ u-i (Witkoff: 위트코프, ウィトコフ).
_OPENING_W = re.compile("^(?:w|u(?=[aeio]))")


def _romanised(syllables: Iterable[str]) -> str:
    """Katakana or hangul syllables in ASCII as the keys read them: Japanese chi/tsu and Korean ch stand for t before i
    and u, Korean j and Japanese j for z, and an opening w (or Japanese u before another vowel) for the Latin w that
    the skeleton writes v."""
    ascii_word = _LETTERS.sub("", "".join(anyascii(s) for s in syllables).lower())
    ascii_word = ascii_word.replace("ch", "t").replace("ts", "t").replace("j", "z")
    return _OPENING_W.sub("v", ascii_word)


def romanised_skeleton(syllables: Iterable[str]) -> str:
    """Katakana or hangul syllables (one per token) as the phonetic skeleton of their romanisation."""
    return skeleton(_romanised(syllables))


def syllables_key(syllables: Iterable[str]) -> str:
    """The key of a name written in katakana or hangul syllables (one per token)."""
    return consonant_key(romanised_skeleton(syllables))


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


@lru_cache(maxsize=WORDS_REMEMBERED)
def vowelless(folded: str) -> str:
    """A folded word without its vowels (its consonants as written, s for z and f for v, doubled ones once)."""
    letters = _VOWELS.sub("", folded).translate(_VOICING)
    return re.sub(r"(.)\1+", r"\1", letters)


# Names of two or three consonants (Putin, Rubio, Vance) meet too many words by their consonants alone. In Arabic,
# Persian and Hebrew they are found only where the word also writes their vowels where the name has them (بوتين,
# פוטין: u after p, i after t; not بطن, "belly", nor بتون, "concrete", whose vowel stands where Putin has i).
MIN_SHORT_CONSONANTS = 2
MIN_SHORT_LETTERS = 4
# A short name is written with at least this many of its vowels, and with them at least this many letters (one vowel
# written made Persian سفید, "white", the name Shved).
MIN_SHORT_VOWELS = 2
MIN_SHORT_WRITTEN = 5
# The letters that write vowels, and what they write: a; i or e; o or u.
_ABJAD_VOWELS = {
    "\u0627": "a", "\u0622": "a", "\u0623": "a", "\u0625": "y", "\u0649": "y", "\u064a": "y", "\u06cc": "y",
    "\u0648": "w", "\u05d0": "a", "\u05d5": "w", "\u05d9": "y",
}  # fmt: skip
ABJAD_VOWEL_LETTERS = frozenset(_ABJAD_VOWELS)
# A vowel of a Latin name and the letters that may write it.
_WRITTEN_AS = {"a": "a", "e": "ya", "i": "y", "o": "wa", "u": "w"}


def writes_a_vowel(word: str) -> bool:
    """Whether an Arabic, Persian or Hebrew word writes a vowel letter after its first letter. These scripts write
    a foreign name with its long vowels (ترامب, زلنسکی, פוטין); a word with none is one of their own, whatever its
    consonants read (Persian بزرگ, "big", as Viacorka; Arabic بطرس, Peter, as Budrys)."""
    return any(letter in ABJAD_VOWEL_LETTERS for letter in word[1:])


# Letters that are consonants these keys do not read (ayin, hamza): inside a word they make it no foreign name.
_GLOTTAL = frozenset("\u0639\u0621\u0626\u0624\u05e2")
# What a foreign name opening with a vowel starts with: alef or ayin carrying it (אומרוב, عمروف: Umerov).
_CARRIERS = frozenset("\u0627\u0622\u0623\u0625\u05d0\u0639\u05e2")
# One-letter prefixes written onto a name: Arabic and Persian and, by, for (و ب ل); Hebrew and, the, in, to, from,
# that (ו ה ב ל מ ש).
_ONE_LETTER_PREFIXES = frozenset("\u0648\u0628\u0644\u05d5\u05d4\u05d1\u05dc\u05de\u05e9")
# Closing letters that write a final vowel or nothing (ة, Persian and Hebrew ه, ה).
SILENT_END = frozenset("\u0629\u0647\u05d4")


Shape = tuple[str, tuple[str, ...]]
"""A word as (strict consonant key, the vowel letters written before, between and after its consonants)."""


def _shape(parts: list[tuple[str, str]]) -> Shape | None:
    """Parts are ("c", a consonant class of ``_STRICT``) or ("v", the letters a vowel is or may be written with)."""
    key: list[str] = []
    gaps: list[str] = [""]
    for kind, value in parts:
        if kind == "v":
            gaps[-1] += value
        elif not (key and key[-1] == value and not gaps[-1]):
            key.append(value)
            gaps.append("")
    return ("".join(key), tuple(gaps)) if key else None


@lru_cache(maxsize=50_000)
def abjad_shapes(word: str) -> tuple[Shape, ...]:
    """The ways an Arabic, Persian or Hebrew word may be read as a foreign name: و and ו inside a word as a vowel or as
    v, with or without a one-letter prefix written onto it."""
    readings = [word, word[1:]] if len(word) > 3 and word[0] in _ONE_LETTER_PREFIXES else [word]
    return tuple(dict.fromkeys(shape for reading in readings for shape in _shapes_of(reading)))


def _shapes_of(word: str) -> list[Shape]:
    word = word.replace("\u05d5\u05d5", "v")
    while word and word[-1] in SILENT_END:
        word = word[:-1]
    # A word opening with the article al- is an Arabic noun, not a foreign name (البيت, "the house").
    if word.startswith("\u0627\u0644"):
        return []
    # After a carrier, a first و or ו writes the vowel it carries.
    carried = bool(word) and word[0] in _CARRIERS
    word = word[1:] if carried else word
    if not word or any(letter in _GLOTTAL for letter in word):
        return []
    shapes: list[Shape] = []
    for vav_vowel in (True, False):
        parts: list[tuple[str, str]] = []
        for i, letter in enumerate(word):
            vowel = _ABJAD_VOWELS.get(letter)
            if vowel is not None and not (vowel == "w" and ((i == 0 and not carried) or not vav_vowel)):
                parts.append(("v", vowel))
            elif vowel == "w":
                parts.append(("c", "b"))
            else:
                sounds = skeleton(_LETTERS.sub("", anyascii(letter).lower()))
                # An h after the consonant one letter writes is silent, as in a Latin name (``latin_shape``): غ, which
                # writes a foreign g, is gh (كيلوغ, Kellogg), خ kh, ث th.
                if len(sounds) == 2 and sounds[1] == "h":
                    sounds = sounds[:1]
                parts += [("c", _STRICT[sound]) for sound in sounds if sound in _STRICT]
        shape = _shape(parts)
        if shape is not None:
            shapes.append(shape)
    return shapes


@lru_cache(maxsize=50_000)
def latin_shape(folded: str) -> Shape | None:
    """A Latin name's shape (``Shape``), its vowels as the letters that may write them; an h closing it or after a
    consonant is silent, as in ``strict_key``."""
    parts: list[tuple[str, str]] = []
    for i, letter in enumerate(folded):
        if letter in _WRITTEN_AS:
            parts.append(("v", _WRITTEN_AS[letter]))
        elif letter == "h" and (i == len(folded) - 1 or (i > 0 and folded[i - 1] not in "aeiou")):
            continue
        elif letter in _STRICT:
            parts.append(("c", _STRICT[letter]))
    return _shape(parts)


def short_name_key(folded: str) -> str | None:
    """The strict key a one-word name too short for ``name_key`` is filed under, or None when it is shorter still."""
    shape = latin_shape(folded) if len(folded) >= MIN_SHORT_LETTERS else None
    return shape[0] if shape is not None and len(shape[0]) >= MIN_SHORT_CONSONANTS else None


def usual_vowel_letters(word: Shape, name: Shape) -> int:
    """How many of a word's vowel letters write the name's vowel as it is mostly written (the first letter
    ``_WRITTEN_AS`` gives it: alef for a, ya for e and i, waw for o and u): of two short names a word may write, it
    writes the one it writes so more (Persian پناهی is Panahi, not Binoche, whose o it would write with alef)."""
    return sum(
        1
        for letters, allowed in zip(word[1], name[1], strict=True)
        for letter in letters
        if allowed and letter == allowed[0]
    )


def writes_short_name(word: Shape, name: Shape, *, few: bool = False) -> bool:
    """Whether a word's shape writes a short name: the same consonants, each vowel letter where the name has a vowel it
    may write, and enough letters written (with ``few``, however few)."""
    if word[0] != name[0]:
        return False
    written = 0
    for letters, allowed in zip(word[1], name[1], strict=True):
        if any(letter not in allowed for letter in letters):
            return False
        written += len(letters)
    return few or (written >= MIN_SHORT_VOWELS and len(word[0]) + written >= MIN_SHORT_WRITTEN)


# Katakana and hangul write every vowel, and add some: u or o after a consonant Japanese cannot end a syllable with,
# eu or i in Korean (Vance: バンス ba-n-su, 밴스 baen-seu). A short name is found in a run of syllables that writes
# each of its vowels as the two scripts write it, where the name has it, and adds no more than those.
# Korean writes English u as eo (Trump 트럼프) and a as ae (Vance 밴스); both write the -er of a name as a or eo
# (Kushner クシュナー, 쿠슈너). Looser than this, common Korean words became names (걸렸지, "it took", Kallas).
_SYLLABIC_VOWELS = {"a": ("a", "ae"), "e": ("e", "ae", "eo", "a"), "i": ("i",), "o": ("o",), "u": ("u", "eo")}
# Japanese writes a foreign e as a in a closing -er (Sinner: シナー); Korean writes it eo there (시너), never a (its
# 지나, "past", is no Sinner), and e or ae elsewhere (에린, Erin; not 열린, "held", nor 어린이, "children").
_HANGUL_VOWELS = {**_SYLLABIC_VOWELS, "e": ("e", "ae")}
_HANGUL_LAST_E = ("e", "ae", "eo")
_ADDED_VOWELS = frozenset(("u", "o", "i", "eu"))
_VOWEL_UNITS = re.compile("ae|eo|eu|ui|oe|[aeiou]")
# Korean particles that follow a name as one word (푸틴은, Putin + topic marker): their first syllables.
KOREAN_PARTICLES = frozenset("은는이가을를의에과와도로만께")
_VOWEL_LETTERS = frozenset("aeiouy")
# A glide: Japanese shi + small yu is shu (シュ), Korean syu (슈) too.
_GLIDE = re.compile("i?y(?=[aeou])")


def _merged_shape(letters: str) -> Shape | None:
    """A romanised word's shape with the consonant classes of ``consonant_key`` (l and r one; h unread)."""
    parts: list[tuple[str, str]] = []
    for letter in letters:
        if letter in _VOWEL_LETTERS:
            parts.append(("v", "i" if letter == "y" else letter))
        elif letter in _CLASSES:
            parts.append(("c", _CLASSES[letter]))
    return _shape(parts)


def syllables_shape(syllables: Iterable[str]) -> Shape | None:
    """The shape of a run of katakana or hangul syllables (one per token), read as ``syllables_key`` reads them."""
    return _merged_shape(_GLIDE.sub("", _romanised(syllables).replace("ng", "n")))


SyllabicName = tuple[Shape, bool]
"""A name's shape, and whether its closing e is silent (Vance) rather than a vowel (Kushne(r))."""


@lru_cache(maxsize=50_000)
def syllabic_name_shapes(folded: str) -> tuple[SyllabicName, ...]:
    """``name_shapes``, remembered for the names articles meet."""
    return name_shapes(folded)


def name_shapes(folded: str) -> tuple[SyllabicName, ...]:
    """A Latin name's shapes for ``syllables_shape`` to meet: as written and, for a name closing in a vowel and r,
    without the r, which Japanese and Korean leave unwritten (Kushner: クシュナー, 쿠슈너). (Not remembered: an index
    build files tens of thousands of names by them, which a cache would keep.)"""
    shapes = []
    whole = _merged_shape(folded)
    if whole is not None:
        shapes.append((whole, folded.endswith("e")))
    if closes_in_r(folded):
        rless = _merged_shape(folded[:-1])
        if rless is not None:
            shapes.append((rless, False))
    return tuple(shapes)


def closes_in_r(folded: str) -> bool:
    """Whether a folded name closes in a vowel and r, which Japanese, Korean and Chinese leave unwritten."""
    return len(folded) > 2 and folded[-1] == "r" and folded[-2] in _VOWEL_LETTERS


def syllabic_short_keys(folded: str) -> tuple[str, ...]:
    """The keys a name is filed under for runs of syllables, when they are too short for ``name_key``."""
    if len(folded) < MIN_SHORT_LETTERS:
        return ()
    keys = (shape[0] for shape, _ in syllabic_name_shapes(folded))
    return tuple(dict.fromkeys(key for key in keys if MIN_SHORT_CONSONANTS <= len(key) < MIN_CONSONANTS))


def syllables_write(word: Shape, name: SyllabicName, *, hangul: bool = False) -> bool:
    """Whether a run of syllables writes a name: the same consonants; each of the name's vowels written as the two
    scripts write it (``hangul``: as Korean does); where the name has none (or a silent closing e), one added vowel at
    most; enough letters."""
    (key, gaps), silent_e = name
    written_as = _HANGUL_VOWELS if hangul else _SYLLABIC_VOWELS
    if word[0] != key:
        return False
    written = 0
    last = len(gaps) - 1
    for i, (letters, vowels) in enumerate(zip(word[1], gaps, strict=True)):
        units = _VOWEL_UNITS.findall(letters)
        wanted = _VOWEL_UNITS.findall(vowels)
        if not wanted or (i == last and silent_e and vowels == "e"):
            # The scripts add a vowel after a consonant, never before a name's first one (Korean 이라고, a quote's
            # "that", is no Lago).
            if len(units) > 1 or (units and (i == 0 or units[0] not in _ADDED_VOWELS)):
                return False
            continue
        if len(units) != len(wanted):
            return False
        if not all(
            unit in (_HANGUL_LAST_E if hangul and i == last and vowel[0] == "e" else written_as[vowel[0]])
            for unit, vowel in zip(units, wanted, strict=True)
        ):
            return False
        written += len(units)
    # One letter fewer than in Arabic: these scripts write every vowel, so each one written says more.
    return written >= 1 and len(key) + written >= MIN_SHORT_WRITTEN - 1


# Chinese writes a foreign name with characters chosen for their sound, from a table of a few hundred (Xinhua's; the
# common ones are listed here, in both scripts): 特朗普 te-lang-pu is Trump, 泽连斯基 ze-lian-si-ji Zelensky.
# A run of three or more such characters, and no other, is read by the consonants of its pinyin and looked up as
# katakana is. Native words are mostly made of other characters, or are one or two characters long.
HAN_SOUNDS = frozenset(
    "阿埃艾爱愛安昂奥奧澳巴拜班邦保鲍鮑贝貝本比彼毕畢宾賓波伯博布查察达達戴丹道德登迪蒂丁东東杜厄恩尔爾法凡范菲"
    "费費芬丰豐冯馮佛夫弗伏福富盖蓋甘冈岡高戈格根贡貢古瓜圭哈海汉漢豪赫亨洪胡华華怀懷霍基吉加贾賈杰傑捷金津卡凯"
    "凱坎康考柯科克肯库庫夸奎昆拉莱萊赖賴兰蘭朗劳勞勒雷蕾里利莉列林琳隆娄婁卢盧鲁魯路伦倫罗羅洛吕呂马馬玛瑪迈邁"
    "麦麥曼芒毛梅门門蒙米明缪繆莫默姆穆纳納娜奈南内內尼妮宁寧纽紐努诺諾欧歐帕潘庞龐佩彭皮珀普奇齐齊恰钱錢乔喬"
    "切钦欽琴琼瓊丘萨薩塞赛賽桑瑟森沙莎尚绍紹舍申施什史舒斯松苏蘇索塔泰坦汤湯唐特滕提廷图圖托瓦万萬旺威韦韋维"
    "維温溫沃乌烏伍西希锡錫席夏肖谢謝辛休许許雅亚亞扬揚耶伊因尤约約扎泽澤詹朱兹茲佐京连連秦叶葉娃"
)
MIN_HAN_RUN = 3
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Pinyin initials and the consonant class each stands for in the names it writes (j and q mostly write k or g:
# 斯基 -sky, 吉 gi).
_PINYIN_INITIALS = (
    ("zh", "s"), ("ch", "s"), ("sh", "s"), ("b", "b"), ("p", "b"), ("m", "n"), ("f", "b"), ("d", "t"), ("t", "t"),
    ("n", "n"), ("l", "r"), ("g", "k"), ("k", "k"), ("h", ""), ("j", "k"), ("q", "k"), ("x", "s"), ("r", "r"),
    ("z", "s"), ("c", "s"), ("s", "s"), ("y", ""), ("w", "b"),
)  # fmt: skip


def _pinyin_consonants(syllable: str) -> str:
    """A pinyin syllable's consonant classes, its final n or ng as n; 乌 wu as the vowel u and 尔 er as r."""
    if syllable == "er":
        return "r"
    cls, rest = "", syllable
    for letters, sound in _PINYIN_INITIALS:
        if syllable.startswith(letters):
            cls, rest = sound, syllable[len(letters) :]
            break
    if syllable == "wu":
        cls = ""
    return cls + ("n" if rest.endswith(("n", "ng")) else "")


@lru_cache(maxsize=20_000)
def han_key(run: str) -> str:
    """The consonant key (as ``consonant_key`` makes one) of a run of ``HAN_SOUNDS`` characters."""
    key: list[str] = []
    for char in run:
        for cls in _pinyin_consonants(_LETTERS.sub("", anyascii(char).lower())):
            if not key or key[-1] != cls:
                key.append(cls)
    return "".join(key)
