"""Names of states, provinces and regions in other languages, from the iso-codes project's translations of ISO
3166-2: Texas is Техас, טקסס, टेक्सास, テキサス; Alaska Аляска, אלסקה, อะแลสกา.

CLDR (``aliases.py``) names countries and the cities time zones are named after, GeoNames (``cities.py``) cities;
neither names a country's subdivisions, which the news names as often (the Alaska summit, a measles outbreak in
West Texas). ``subdivisions.json`` keeps, for each subdivision's English name, its names in the languages of the
press this product reads (``python -m backstory.research.subdivisions`` writes it from the ``pycountry`` package,
which ships the iso-codes translations); a place curated under that English name is also looked up under them. A
name that is also a country's or a city's in CLDR is left to CLDR (Georgia the country is no Джорджия).

The table is iso-codes data (© the iso-codes contributors, LGPL 2.1 or later,
https://salsa.debian.org/iso-codes-team/iso-codes): it keeps that licence, and says so in its header.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import resources

import msgspec

from backstory.matching.aliases import names_a_place
from backstory.matching.normalise import fold_text

SUBDIVISIONS_FILE = "subdivisions.json"


class Subdivisions(msgspec.Struct, frozen=True):
    """``subdivisions.json``: ISO 3166-2 subdivisions' names in other languages, by English name."""

    source: str
    license: str
    names: dict[str, list[str]]
    """English name -> its names in other languages and scripts (each once)."""


def read_table() -> dict[str, tuple[str, ...]]:
    """The shipped table by English name in small letters (``str.casefold``). Read for each index build that has a
    place to look up, and let go after it."""
    data = resources.files("backstory.matching").joinpath(SUBDIVISIONS_FILE).read_bytes()
    table = msgspec.json.decode(data, type=Subdivisions).names
    return {english.casefold(): tuple(forms) for english, forms in table.items()}


def subdivision_aliases(names: Iterable[str], table: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The other languages' names of the subdivisions an entity's English names are, leaving out a name that CLDR
    gives a country or a city (``aliases.names_a_place``): those are CLDR's to name."""
    found: dict[str, None] = {}
    for name in names:
        forms = table.get(name.casefold())
        if forms and not names_a_place("".join(fold_text(name))):
            found.update(dict.fromkeys(forms))
    return list(found)
