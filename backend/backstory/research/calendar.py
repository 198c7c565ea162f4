"""Writes ``matching/calendar.json``, CLDR's month names and look-back phrases of the languages the detector reports
by default, from the installed Babel: ``python -m backstory.research.calendar``. Run it after upgrading Babel, and
commit the file."""

from __future__ import annotations

from pathlib import Path

import msgspec

from backstory.articles.language import REPORTED_AS
from backstory.matching.calendar import CALENDAR_FILE, cldr_table
from backstory.settings import DEFAULT_LANGUAGES

TARGET = Path(__file__).resolve().parents[1] / "matching" / CALENDAR_FILE


def default_languages() -> list[str]:
    """The codes the detector reports with the default settings (Bokmål as Norwegian, as news labels it)."""
    return sorted({REPORTED_AS.get(code, code) for code in DEFAULT_LANGUAGES.split(",")})


def write(target: Path = TARGET) -> int:
    """Writes the table; returns how many languages it holds."""
    table = cldr_table(default_languages())
    # A language a line, so that a newer CLDR shows in a diff as the languages it changed.
    lines = [msgspec.json.encode(lang) + b": " + msgspec.json.encode(cal) for lang, cal in table.languages.items()]
    header = b'{"babel": ' + msgspec.json.encode(table.babel) + b', "languages": {\n'
    target.write_bytes(header + b",\n".join(lines) + b"\n}}\n")
    return len(table.languages)


if __name__ == "__main__":
    print(f"{write()} languages written to {TARGET}")
