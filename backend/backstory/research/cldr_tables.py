"""Writing the CLDR tables the matcher ships (``places.json``, ``calendar.json``) from the installed Babel."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import msgspec


def write_table(target: Path, babel_version: str, field: str, entries: Mapping[str, object]) -> int:
    """``{"babel": …, field: {…}}`` with an entry a line, so that a newer CLDR shows in a diff as the entries it
    changed; returns how many entries were written."""
    lines = [msgspec.json.encode(key) + b": " + msgspec.json.encode(value) for key, value in entries.items()]
    header = b'{"babel": ' + msgspec.json.encode(babel_version) + b', "' + field.encode() + b'": {\n'
    target.write_bytes(header + b",\n".join(lines) + b"\n}}\n")
    return len(lines)
