"""Russian spellings of people's names that an English curator writes as Belarusian or Ukrainian transliterate them.

A Belarusian or Ukrainian name reaches English through its own language (Ціханоўская: Tsikhanouskaya; Сибіга:
Sybiha) while Russian-language news writes it the Russian way (Тихановская, Сибига), and other languages often
follow Russian. Where the two languages' sounds correspond regularly, the Russian form is spelled out:

- г is h in Belarusian and Ukrainian, g in Russian (Sybiha: Sybiga; Hrodna: Grodna);
- Belarusian ў after a vowel, written u, is Russian в (Tsikhanouskaya: Tsikhanovskaya);
- Belarusian ц and дз before a soft vowel are Russian т and д (Tsimafei: Timafei; Dzmitry: Dmitry).

Vowels (Belarusian akanye, Ukrainian і) are left to the matching by consonants (``consonants.vowelless``). A form
that is no one's name costs nothing: it is looked up like any other spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

# Each rule: a pattern and what the Russian spelling writes for it, in the case of the letter it replaces.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # h alone before a vowel, r or l: not the second letter of kh, sh, ch, zh, th, ph, gh (other sounds), nor an
    # English silent h (John).
    (re.compile(r"(?<![cgkpstzCGKPSTZ])h(?=[aeiouyrl])", re.IGNORECASE), "g"),
    # u after a, o or e and before a consonant: ў (Maushuk, Tsikhanouski); not the ou of yo or jo, which writes
    # ю (Youras).
    (re.compile(r"(?<=[aoe])(?<![yj][aoe])u(?=[bcdfgklmnprstvz])", re.IGNORECASE), "v"),
    (re.compile(r"ts(?=[iey])", re.IGNORECASE), "t"),
    (re.compile(r"dz(?=[iey]|[mn])", re.IGNORECASE), "d"),
)
# Where any rule may apply: one search settles most names, which no rule touches (built into every index).
_ANY = re.compile("|".join(pattern.pattern for pattern, _ in _RULES), re.IGNORECASE)
# Short names would become common words (Hans: Gans) and gain little: a short name is matched by its consonants.
MIN_LETTERS = 5


def _swap(letter: str, match: re.Match[str]) -> str:
    """``letter`` in the case of the letter the match starts with."""
    return letter.upper() if match[0][0].isupper() else letter


def russian_forms(name: str) -> list[str]:
    """The Russian-style spellings of a Latin-letter name: each rule alone and all together; none if none apply."""
    if not name.isascii() or not _ANY.search(name) or sum(ch.isalpha() for ch in name) < MIN_LETTERS:
        return []
    forms: dict[str, None] = {}
    together = name
    for pattern, letter in _RULES:
        swap = partial(_swap, letter)
        alone = pattern.sub(swap, name)
        together = pattern.sub(swap, together)
        forms[alone] = None
    forms[together] = None
    forms.pop(name, None)
    return list(forms)


def russian_forms_of(names: Iterable[str]) -> list[str]:
    """``russian_forms`` of each name, in order, each once."""
    return list(dict.fromkeys(form for name in names for form in russian_forms(name)))
