"""Event sets built in memory for measuring: the bundled story (optionally thinned) plus other NDJSON files.

``backstory eval FILE --with ../shared/eval/story2/events.ndjson --thin`` measures against such a set without
touching the database. ``thin_record`` is the rule of ``shared/eval/thin_story.py``: what an English-speaking
curator writes in an hour (English titles and summaries, entities without aliases, events without phrases).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from backstory.events.models import Catalog, Entity, Record, Story
from backstory.events.ndjson import parse_records
from backstory.events.store import bundled_files


def thin_record(record: dict[str, Any]) -> dict[str, Any]:
    """One NDJSON record reduced as ``shared/eval/thin_story.py`` reduces it."""
    record = dict(record)
    for name in ("title", "summary"):
        if isinstance(record.get(name), dict):
            record[name] = {"en": record[name]["en"]} if "en" in record[name] else {}
    if record.get("type") == "entity":
        record["aliases"] = []
    if record.get("type") == "event":
        record["phrases"] = []
    return record


def thinned(text: str) -> str:
    """An NDJSON text with every record thinned."""
    return "".join(
        json.dumps(thin_record(json.loads(line)), ensure_ascii=False) + "\n"
        for line in text.split("\n")
        if line.strip()
    )


def headlines_only(catalog: Catalog) -> Catalog:
    """``catalog`` as a feed of headlines and leads would import it: every event's entities, numbers and phrases
    left out, so that matching has only the names it finds in their texts and their wording (``backstory eval
    --headlines``)."""
    events = [msgspec.structs.replace(e, entities=[], numbers=[], phrases=[]) for e in catalog.events]
    return msgspec.structs.replace(catalog, events=events)


def as_catalog(records: Iterable[Record]) -> Catalog:
    return Catalog.of(records)


def event_set(
    extra: Sequence[Path] = (), *, thin: bool = False, bundled: bool = True, headlines: bool = False
) -> Catalog:
    """The bundled story (thinned when ``thin``) and the records of ``extra``, as written, in that order; later
    files may refer to the stories and entities of earlier ones; with ``headlines``, every event reduced to its
    texts (``headlines_only``). Raises ``ImportRejected`` for a bad line."""
    texts = [file.read_text(encoding="utf-8") for file in bundled_files()] if bundled else []
    if thin:
        texts = [thinned(text) for text in texts]
    texts += [path.read_text(encoding="utf-8") for path in extra]
    records: list[Record] = []
    for text in texts:
        records += parse_records(
            text,
            known_story_ids={r.id for r in records if isinstance(r, Story)},
            known_entity_ids={r.id for r in records if isinstance(r, Entity)},
        )
    catalog = as_catalog(records)
    return headlines_only(catalog) if headlines else catalog
