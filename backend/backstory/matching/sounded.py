"""English names respelled as they sound, for the presses that write a foreign name by its sound.

A curator writing in English spells a name the English way, and much of English spelling is not sound: Coale is
Коул in Russian, Smith Смит, Vance Венс, Macron Макрон, John Джон, Christopher Кристофер, Leavitt Левитт. Folded,
the two spellings part (coale, kul). Where English writes a sound with letters of its own, the name is also spelled
out as it sounds, and that spelling is looked up like any other:

- c is s before e, i and y, and k elsewhere (Vance, Macron); ch before a consonant is k (Christopher);
- th is t (Smith), j opening a syllable is dzh (John: Джон), and so is gi before a vowel (Mangione: Манджоне),
  w opening a word u (Witkoff: Уиткофф);
- oa, ee, oo and ea are the one vowel they sound (Coale: Koul; Leavitt: Levitt), ay the ei it sounds (Rayner:
  Рейнер), and a closing e after a consonant is silent (Vance, Karoline);
- an a before a consonant that closes its syllable is also read e, as those presses mostly hear it (Vance: Венс,
  Jackson: Джексон); both readings are kept, as neither is always right.

The forms count in the languages whose press writes names so (``SOUNDING``): those of other alphabets, and those
that respell foreign names in Latin letters (Latvian, Azerbaijani…). An English or French word "Smit" is no Smith.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

RESPELLING = frozenset(("az", "lv", "lt", "sq", "uz", "sr", "bs", "tk"))
"""Languages whose press respells a foreign name in Latin letters as it sounds (Latvian Tramps, Azerbaijani Tramp,
Albanian, Serbian Latin): in their articles a Latin word may be a shorter name spelled with other vowels too
(``evidence._long_name_hits``), which in English or French it may not (a tramp, trompe)."""

SOUNDING = RESPELLING | frozenset(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn", "el", "hy", "ka"))
"""The languages whose press writes a foreign name as it sounds, where the forms count: the respelling ones, and those
written in Cyrillic, Greek, Armenian or Georgian letters."""

_C = "[bcdfgklmnprstvz]"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"th"), "t"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"(?<!s)ch(?=[bcdfgklmnpqrstvwxz])"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"(?:^|(?<=[^a-z]))j(?=[aeiou])"), "dzh"),
    # w opening a word before a vowel is u (Witkoff: Уиткофф, Walker: Уокер).
    (re.compile(r"(?:^|(?<=[^a-z]))w(?=[aeiou])"), "u"),
    # ay is the diphthong ei (Rayner: Рейнер, Ρέινερ; Taylor: Тейлор), not before a vowel (Bayer, Mayo).
    (re.compile(r"ay(?![aeiou])"), "ei"),
    (re.compile(r"oa"), "ou"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"oo"), "u"),
    (re.compile(r"ea"), "e"),
    # An h closing a syllable after its vowel is silent (John, Jeddah).
    (re.compile(r"(?<=[aeiou])h(?![aeiouy])"), ""),
)
# A closing e after a vowel and one or two consonants (Vance, Coale; not Rubio's, nor in Pete's e of two).
_SILENT_E = re.compile(rf"(?:(?<=[aeiouy]{_C})|(?<=[aeiouy]{_C}{_C}))e\b")
# gi before another vowel is dzh, as the Italian names of English news spell it, and their closing e is sounded
# (Mangione: Манджоне, Giuliani: Джулиани, Giorgia: Джорджа).
_ITALIAN_GI = re.compile(r"gi(?=[aou])")
# An a before a consonant that closes its syllable: another consonant, or the end of the word (after a silent e).
_CLOSED_A = re.compile(r"a(?=(?:n[cdgkst]|ck|[dkpt][sz]|ks|nd|[cdkpst]\b|n\b|ms|mp|ps))")
# Shorter names would become other words.
MIN_LETTERS = 4


def sounded_forms(name: str) -> list[str]:
    """A Latin-letter name spelled as it sounds, and with a closed a read e (``_CLOSED_A``); none that are the name."""
    if not name.isascii() or sum(ch.isalpha() for ch in name) < MIN_LETTERS:
        return []
    sounded = name.lower()
    for pattern, sound in _RULES:
        sounded = pattern.sub(sound, sounded)
    italian = _ITALIAN_GI.sub("dzh", sounded)
    sounded = italian if italian != sounded else _SILENT_E.sub("", sounded)
    forms = dict.fromkeys((sounded, _CLOSED_A.sub("e", sounded)))
    forms.pop(name.lower(), None)
    return [_cased_as(form, name) for form in forms]


def _cased_as(form: str, name: str) -> str:
    """``form`` with a capital opening each word, as ``name`` writes its words."""
    return " ".join(word[:1].upper() + word[1:] for word in form.split(" ")) if name[:1].isupper() else form


def sounded_forms_of(names: Iterable[str]) -> list[str]:
    """``sounded_forms`` of each name, in order, each once."""
    return list(dict.fromkeys(form for name in names for form in sounded_forms(name)))
