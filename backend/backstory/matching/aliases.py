"""Names an entity goes by without a curator writing them down: what a story curated in English needs to be
found in other languages.

- A person named by first name and surname is mostly called by the surname alone (Zaslavsky, Заславского).
- A country or a city named as the Unicode CLDR names it in English (Babel ships CLDR) gets its CLDR names in
  every language of the press: territory names per locale (Беларусь, بيلاروس, 벨라루스) and the exemplar cities
  of time zones (Минск, مينسك). Place names are the words that change most across scripts; CLDR's translations
  are kept by people for every language, so nothing here is a per-story list.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources

import babel
import msgspec
from babel import Locale, UnknownLocaleError

from backstory.events.models import Entity
from backstory.matching.normalise import MIN_STEM, fold_phrase, stem

# The languages of the press whose CLDR place names are added: the detector's languages and a few more
# (CLDR's zh_Hant is the traditional script of Taiwan and Hong Kong).
PLACE_LOCALES = (
    "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi",
    "fr", "ga", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kk", "ko", "lt", "lv", "mk", "ms",
    "nb", "nl", "nn", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sr_Latn", "sv", "th", "tr", "uk", "ur",
    "uz", "vi", "zh", "zh_Hant",
)  # fmt: skip


Fold = Callable[[str], tuple[str, ...]]


# What follows a surname to tell a father from his son: the press of other languages names the man by the surname
# (Кеннеди, कैनेडी for Robert F. Kennedy Jr.), and drops these or writes them in its own words.
GENERATIONAL = frozenset({"jr", "jr.", "sr", "sr.", "junior", "senior", "ii", "iii", "iv"})


def surnames(entity: Entity, fold: Fold = fold_phrase) -> list[str]:
    """The last word of each of a person's names of two or more words, before a generational suffix (Jr., III):
    none for other kinds, or short ones."""
    if entity.kind != "person":
        return []
    found: dict[str, None] = {}
    for name in [entity.name, *entity.aliases]:
        words = name.replace(",", " ").split()
        while words and words[-1].lower() in GENERATIONAL:
            words.pop()
        if len(words) >= 2 and len("".join(fold(words[-1]))) >= MIN_STEM:
            found[words[-1]] = None
    return list(found)


def place_aliases(entity: Entity, fold: Fold = fold_phrase) -> list[str]:
    """CLDR's names in every language of a country or city that ``entity`` is named as in English."""
    places = place_names()
    found: dict[str, None] = {}
    for name in [entity.name, *entity.aliases]:
        found.update((other, None) for other in places.get(fold(name), ()))
    return list(found)


def owned_surnames(
    entities: Iterable[Entity], events_of: Mapping[str, Sequence[str]], fold: Fold = fold_phrase
) -> dict[str, list[str]]:
    """Entity id -> the surnames it is called by, among ``entities`` that share a story.

    A surname two people of a story share (Donald and Melania Trump) belongs to the one its events name most
    often: that is whom the press means by it. A surname curated as another entity's alias is that one's.
    ``events_of`` maps entity ids to the story ids of the events that list them (once per event).
    """
    owner: dict[tuple[str, tuple[str, ...]], tuple[float, str]] = {}
    for entity in entities:
        counts = Counter(events_of.get(entity.id, ()))
        curated = {fold(alias) for alias in [entity.name, *entity.aliases] if len(alias.split()) == 1}
        for story_id, count in counts.items():
            for key in curated | {fold(name) for name in surnames(entity, fold)}:
                claim = (math.inf if key in curated else count, entity.id)
                if (story_id, key) not in owner or claim > owner[(story_id, key)]:
                    owner[(story_id, key)] = claim
    owned: dict[str, list[str]] = {}
    for entity in entities:
        stories = set(events_of.get(entity.id, ()))
        owned[entity.id] = [
            name
            for name in surnames(entity, fold)
            if all(owner[(story_id, fold(name))][1] == entity.id for story_id in stories)
        ]
    return owned


class PlaceTable(msgspec.Struct, frozen=True):
    """``places.json``: CLDR's place names as the Babel release it was written with gives them."""

    babel: str
    places: dict[str, list[str]]
    """English name -> the place's names in ``PLACE_LOCALES``, countries first, then cities."""


PLACES_FILE = "places.json"


def cldr_places() -> PlaceTable:
    """What ``places.json`` holds, from the installed Babel (``python -m backstory.research.places`` writes it)."""
    english = Locale.parse("en")
    locales = []
    for code in PLACE_LOCALES:
        try:
            locales.append(Locale.parse(code))
        except (UnknownLocaleError, ValueError):
            continue
    table: dict[str, dict[str, None]] = {}

    def add(english_name: str, names: list[str | None]) -> None:
        table.setdefault(english_name, {}).update((name, None) for name in names if name)

    for code, name in english.territories.items():
        # Numeric codes are regions of the world (001, 150): no place an event happens in.
        if code.isalpha():
            add(name, [locale.territories.get(code) for locale in locales])
    # English CLDR leaves out a city whose name is the one in the zone's id (Europe/Minsk).
    zones = sorted({str(zone) for locale in locales for zone in locale.time_zones if "/" in str(zone)})
    for zone in zones:
        city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        add(city, [locale.time_zones.get(zone, {}).get("city") for locale in locales])
    return PlaceTable(babel=babel.__version__, places={name: list(names) for name, names in table.items()})


@cache
def place_names() -> dict[tuple[str, ...], tuple[str, ...]]:
    """CLDR's English country and city names (folded) -> the same place's names in every ``PLACE_LOCALES``.

    Read from ``places.json`` rather than from Babel: loading sixty locales held 55 MB for good and took a second
    of the first index build."""
    data = resources.files("backstory.matching").joinpath(PLACES_FILE).read_bytes()
    table: dict[tuple[str, ...], dict[str, None]] = {}
    for english_name, names in msgspec.json.decode(data, type=PlaceTable).places.items():
        key = fold_phrase(english_name)
        if key:
            table.setdefault(key, {}).update(dict.fromkeys(names))
    return {key: tuple(names) for key, names in table.items()}


# Letters an inflected form may add to a place name's stem (Туреччина -> Туреччині).
MAX_PLACE_ENDING = 4
# Shorter stems start too many other words.
MIN_PLACE_STEM = 5
# A place name shorter than a stem is still one as written whole (Persian مسکو, Moscow: mskv).
MIN_PLACE_WORD = 3


@cache
def _place_words() -> frozenset[str]:
    """CLDR's country and city names in every language as folded whole, each name's words run together."""
    names = [*place_names(), *(fold_phrase(name) for names in place_names().values() for name in names)]
    return frozenset("".join(keys) for keys in names)


@cache
def _place_stems() -> frozenset[str]:
    """The stems of ``_place_words``."""
    return frozenset(s for s in map(stem, _place_words()) if len(s) >= MIN_PLACE_STEM)


@lru_cache(maxsize=50_000)
def names_a_place(key: str) -> bool:
    """Whether a folded word is a country or city as some language names it (inflected too): no person's name,
    however its consonants read (Moscow, مسکو, 모스크바 -> m-s-k, as in Matskevich)."""
    if len(key) >= MIN_PLACE_WORD and key in _place_words():
        return True
    stems = _place_stems()
    return any(key[:end] in stems for end in range(max(MIN_PLACE_STEM, len(key) - MAX_PLACE_ENDING), len(key) + 1))
