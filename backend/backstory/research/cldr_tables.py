"""Writing the tables the matcher ships (``places.json``, ``calendar.json`` from the installed Babel;
``chinese_names.json`` from CC-CEDICT) an entry a line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import msgspec


def write_table(target: Path, babel_version: str, field: str, entries: Mapping[str, object]) -> int:
    """``{"babel": …, field: {…}}`` with an entry a line, so that a newer CLDR shows in a diff as the entries it
    changed; returns how many entries were written."""
    return write_entries(target, {"babel": babel_version}, field, entries)


def write_entries(target: Path, header: Mapping[str, str], field: str, entries: Mapping[str, object]) -> int:
    """``{…header, field: {…}}`` with an entry a line (see ``write_table``); returns how many were written."""
    lines = [msgspec.json.encode(key) + b": " + msgspec.json.encode(value) for key, value in entries.items()]
    start = b"".join(msgspec.json.encode(k) + b": " + msgspec.json.encode(v) + b", " for k, v in header.items())
    target.write_bytes(b"{" + start + msgspec.json.encode(field) + b": {\n" + b",\n".join(lines) + b"\n}}\n")
    return len(lines)
