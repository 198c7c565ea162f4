"""Names an entity goes by without a curator writing them down: what a story curated in English needs to be
found in other languages.

- A person named by first name and surname is mostly called by the surname alone (Zaslavsky, Заславского).
- A country or a city named as the Unicode CLDR names it in English (Babel ships CLDR) gets its CLDR names in
  every language of the press: territory names per locale (Беларусь, بيلاروس, 벨라루스) and the exemplar cities
  of time zones (Минск, مينسك). Place names are the words that change most across scripts; CLDR's translations
  are kept by people for every language, so nothing here is a per-story list.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

from backstory.events.models import Entity
from backstory.matching.normalise import MIN_STEM, fold_phrase

# The languages of the press whose CLDR place names are added: the detector's languages and a few more
# (CLDR's zh_Hant is the traditional script of Taiwan and Hong Kong).
PLACE_LOCALES = (
    "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi",
    "fr", "ga", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "ka", "kk", "ko", "lt", "lv", "mk", "ms",
    "nb", "nl", "nn", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sr_Latn", "sv", "th", "tr", "uk", "ur",
    "uz", "vi", "zh", "zh_Hant",
)  # fmt: skip


def implicit_aliases(entity: Entity) -> list[str]:
    """Names of ``entity`` beyond its curated ones, in no particular order."""
    names = [entity.name, *entity.aliases]
    found: dict[str, None] = {}
    if entity.kind == "person":
        for name in names:
            words = name.split()
            if len(words) >= 2 and len("".join(fold_phrase(words[-1]))) >= MIN_STEM:
                found[words[-1]] = None
    places = place_names()
    for name in names:
        for other in places.get(fold_phrase(name), ()):
            found[other] = None
    return list(found)


@cache
def place_names() -> dict[tuple[str, ...], tuple[str, ...]]:
    """CLDR's English country and city names (folded) -> the same place's names in every ``PLACE_LOCALES``."""
    english = Locale.parse("en")
    locales = []
    for code in PLACE_LOCALES:
        try:
            locales.append(Locale.parse(code))
        except (UnknownLocaleError, ValueError):
            continue
    table: dict[tuple[str, ...], dict[str, None]] = {}

    def add(english_name: str, names: list[str | None]) -> None:
        key = fold_phrase(english_name)
        if key:
            entry = table.setdefault(key, {})
            entry.update((name, None) for name in names if name)

    for code, name in english.territories.items():
        # Numeric codes are regions of the world (001, 150): no place an event happens in.
        if code.isalpha():
            add(name, [locale.territories.get(code) for locale in locales])
    # English CLDR leaves out a city whose name is the one in the zone's id (Europe/Minsk).
    zones = sorted({str(zone) for locale in locales for zone in locale.time_zones if "/" in str(zone)})
    for zone in zones:
        city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        add(city, [locale.time_zones.get(zone, {}).get("city") for locale in locales])
    return {key: tuple(names) for key, names in table.items()}
