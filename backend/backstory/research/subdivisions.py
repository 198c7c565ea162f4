"""Writes ``matching/subdivisions.json``, ISO 3166-2 subdivisions' names in other languages by English name, from
the iso-codes translations the ``pycountry`` package ships (the ``test`` extra): ``python -m
backstory.research.subdivisions``. Run it after upgrading the package, and commit the file."""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Mapping
from pathlib import Path

from backstory.matching.subdivisions import SUBDIVISIONS_FILE, Subdivisions
from backstory.research.cldr_tables import write_names

TARGET = Path(__file__).resolve().parents[1] / "matching" / SUBDIVISIONS_FILE
LICENSE = (
    "LGPL-2.1-or-later (iso-codes, © the iso-codes contributors, https://salsa.debian.org/iso-codes-team/iso-codes)"
)
DOMAIN = "iso3166-2"
# The iso-codes locales of the languages this product reads (``settings.DEFAULT_LANGUAGES``): the rest (Breton,
# Walloon, Ottoman Turkish...) would only grow the table.
LOCALES = (
    "az", "be", "bg", "bn_BD", "bs", "ca", "cs", "cy", "da", "de", "el", "eo", "es", "et", "eu", "fa", "fi", "fr",
    "ga", "he", "hi", "hr", "hu", "id", "is", "it", "ja", "ka", "ko", "lt", "lv", "nb_NO", "nl", "pl", "pt",
    "pt_BR", "ro", "ru", "sk", "sl", "sq", "sr", "sr@latin", "sv", "th", "tr", "uk", "vi", "zh_CN", "zh_TW",
)  # fmt: skip


def subdivisions(
    names: Iterable[str], english: gettext.NullTranslations, others: Mapping[str, gettext.NullTranslations], source: str
) -> Subdivisions:
    """Each subdivision under its English name (iso-codes' English translation, else its ISO name), with the names
    the other locales give it that differ from both."""
    table: dict[str, dict[str, None]] = {}
    for name in names:
        in_english = english.gettext(name)
        forms = [other.gettext(name) for other in others.values()]
        new = [form for form in forms if form not in (name, in_english)]
        if new:
            table.setdefault(in_english, {}).update(dict.fromkeys(new))
    return Subdivisions(source=source, license=LICENSE, names={k: list(v) for k, v in sorted(table.items())})


def from_package() -> Subdivisions:
    """The table from the installed ``pycountry``."""
    from importlib.metadata import version

    import pycountry

    folder = Path(pycountry.__file__).parent / "locales"

    def catalog(locale: str) -> gettext.NullTranslations:
        return gettext.translation(DOMAIN, folder, languages=[locale], fallback=True)

    others = {locale: catalog(locale) for locale in LOCALES if (folder / locale).is_dir()}
    names = sorted({subdivision.name for subdivision in pycountry.subdivisions})
    return subdivisions(names, catalog("en"), others, f"iso-codes as shipped in pycountry {version('pycountry')}")


def write(target: Path = TARGET) -> int:
    """Writes the table; returns how many subdivisions it holds."""
    return write_names(target, from_package())


if __name__ == "__main__":
    print(f"{write()} subdivisions written to {TARGET}")
