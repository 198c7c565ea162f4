"""Writing the tables the matcher ships (``places.json``, ``calendar.json`` from the installed Babel;
``chinese_names.json`` from CC-CEDICT, ``subdivisions.json`` from iso-codes) an entry a line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

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


class NamesTable(Protocol):
    """A table of names with its source and licence (``chinese_names.json``, ``subdivisions.json``)."""

    @property
    def source(self) -> str: ...
    @property
    def license(self) -> str: ...
    @property
    def names(self) -> Mapping[str, list[str]]: ...


def write_names(target: Path, table: NamesTable) -> int:
    """The table's names an entry a line, under its source and licence; returns how many were written."""
    return write_entries(target, {"source": table.source, "license": table.license}, "names", table.names)
