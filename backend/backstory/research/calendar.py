"""Writes ``matching/calendar.json``, CLDR's month names and look-back phrases of the languages the detector reports
by default, from the installed Babel: ``python -m backstory.research.calendar``. Run it after upgrading Babel, and
commit the file."""

from __future__ import annotations

from pathlib import Path

from backstory.articles.language import REPORTED_AS
from backstory.matching.calendar import CALENDAR_FILE, cldr_table
from backstory.research.cldr_tables import write_table
from backstory.settings import DEFAULT_LANGUAGES

TARGET = Path(__file__).resolve().parents[1] / "matching" / CALENDAR_FILE


def default_languages() -> list[str]:
    """The codes the detector reports with the default settings (Bokmål as Norwegian, as news labels it)."""
    return sorted({REPORTED_AS.get(code, code) for code in DEFAULT_LANGUAGES.split(",")})


def write(target: Path = TARGET) -> int:
    """Writes the table; returns how many languages it holds."""
    table = cldr_table(default_languages())
    return write_table(target, table.babel, "languages", table.languages)


if __name__ == "__main__":
    print(f"{write()} languages written to {TARGET}")
