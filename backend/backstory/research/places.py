"""Writes ``matching/places.json``, CLDR's country and city names in the languages of the press, from the
installed Babel: ``python -m backstory.research.places``. Run it after upgrading Babel, and commit the file."""

from __future__ import annotations

from pathlib import Path

import msgspec

from backstory.matching.aliases import PLACES_FILE, cldr_places

TARGET = Path(__file__).resolve().parents[1] / "matching" / PLACES_FILE


def write(target: Path = TARGET) -> int:
    """Writes the table; returns how many places it names."""
    table = cldr_places()
    # A place a line, so that a newer CLDR shows in a diff as the places it changed.
    lines = [msgspec.json.encode(name) + b": " + msgspec.json.encode(names) for name, names in table.places.items()]
    header = b'{"babel": ' + msgspec.json.encode(table.babel) + b', "places": {\n'
    target.write_bytes(header + b",\n".join(lines) + b"\n}}\n")
    return len(table.places)


if __name__ == "__main__":
    print(f"{write()} places written to {TARGET}")
