"""Writes ``matching/places.json``, CLDR's country and city names in the languages of the press, from the
installed Babel: ``python -m backstory.research.places``. Run it after upgrading Babel, and commit the file."""

from __future__ import annotations

from pathlib import Path

from backstory.matching.aliases import PLACES_FILE, cldr_places
from backstory.research.cldr_tables import write_table

TARGET = Path(__file__).resolve().parents[1] / "matching" / PLACES_FILE


def write(target: Path = TARGET) -> int:
    """Writes the table; returns how many places it names."""
    table = cldr_places()
    return write_table(target, table.babel, "places", table.places)


if __name__ == "__main__":
    print(f"{write()} places written to {TARGET}")
