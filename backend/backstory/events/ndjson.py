"""NDJSON, the event set's file format: one record a line, tagged by ``type`` (see ``models.py``).

``parse_records`` checks a whole file before anything is written and reports every problem with its line
number, so a curator can fix a file in one pass. ``check_records`` holds the checks that need more than one
record (duplicates, references, English titles); the store runs them again on records from elsewhere.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import msgspec

from backstory.errors import ImportRejected
from backstory.events.models import Entity, Event, Record, Source, Story

_decoder = msgspec.json.Decoder(Record)
_fields_decoder = msgspec.json.Decoder(dict[str, Any])
# Dict keys (the languages of a title) sorted, Struct fields in their declared order: the same records give
# the same bytes whichever database they were read from (PostgreSQL's JSONB reorders keys).
_encoder = msgspec.json.Encoder(order="deterministic")

_TAG = "type"


def parse_records(
    text: str, *, known_story_ids: Iterable[str] = (), known_entity_ids: Iterable[str] = ()
) -> list[Record]:
    """The records of an NDJSON text; raises ``ImportRejected`` listing every bad line.

    Events may refer to stories and entities defined anywhere in the text or named in ``known_*`` (those
    already in the store).
    """
    numbered: list[tuple[int, Record]] = []
    errors: list[tuple[int, str]] = []
    # Not splitlines(): it also splits at U+2028 and friends, which JSON strings may hold unescaped.
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            numbered.append((number, decode_record(line)))
        except ValueError as exc:
            errors.append((number, str(exc)))
    errors.extend(check_records(numbered, known_story_ids=known_story_ids, known_entity_ids=known_entity_ids))
    if errors:
        raise ImportRejected(sorted(errors))
    return [record for _, record in numbered]


def decode_record(line: str | bytes) -> Record:
    """One NDJSON line as a record; ``ValueError`` says what is wrong (msgspec names the field: "at `$.id`")."""
    try:
        record = _decoder.decode(line)
    except msgspec.DecodeError as exc:  # ValidationError is a DecodeError too
        raise ValueError(str(exc)) from None
    unknown = _unknown_fields(_fields_decoder.decode(line), record)
    if unknown:
        raise ValueError(f"Unknown field(s): {', '.join(unknown)}")
    if problems := record_problems(record):
        raise ValueError("; ".join(f"{message} - at `$.{field}`" for field, message in problems))
    return record


def record_problems(record: Record) -> list[tuple[str, str]]:
    """What is wrong with one record on its own, as (field, message): no English title, a repeated alias."""
    problems: list[tuple[str, str]] = []
    if isinstance(record, Story | Event) and not record.title.get("en", "").strip():
        problems.append(("title.en", f"{record_type(record)} {record.id!r} has no English title (title.en)"))
    if isinstance(record, Entity):
        seen = {_alias_key(record.name): "the name"}
        for position, alias in enumerate(record.aliases):
            key = _alias_key(alias)
            if key in seen:
                problems.append((f"aliases[{position}]", f"alias {alias!r} repeats {seen[key]}"))
            else:
                seen[key] = f"aliases[{position}]"
    if isinstance(record, Event):
        seen_ids: set[str] = set()
        for position, entity_id in enumerate(record.entities):
            if entity_id in seen_ids:
                problems.append((f"entities[{position}]", f"entity {entity_id!r} listed twice"))
            seen_ids.add(entity_id)
    return problems


def _alias_key(alias: str) -> str:
    # Aliases that differ only in case or Unicode composition fold to the same key: one is enough.
    return unicodedata.normalize("NFC", alias).strip().casefold()


def record_digest(record: Record) -> str:
    """A digest of the record's canonical bytes: its ETag in the admin API, and how bundled records are tracked."""
    return hashlib.sha256(_encoder.encode(record)).hexdigest()


def check_records(
    numbered: Sequence[tuple[int, Record]],
    *,
    known_story_ids: Iterable[str] = (),
    known_entity_ids: Iterable[str] = (),
) -> list[tuple[int, str]]:
    """Problems that span records, as (line, message): duplicate ids, unknown references, no English title."""
    errors: list[tuple[int, str]] = []
    first_line: dict[tuple[str, str], int] = {}
    for number, record in numbered:
        key = (record_type(record), record.id)
        if not record.id.strip():
            errors.append((number, f"{key[0]} id is empty"))
        elif key in first_line:
            errors.append((number, f"duplicate {key[0]} id {record.id!r} (first on line {first_line[key]})"))
        else:
            first_line[key] = number
    stories = {*known_story_ids, *(record_id for tag, record_id in first_line if tag == "story")}
    entities = {*known_entity_ids, *(record_id for tag, record_id in first_line if tag == "entity")}
    for number, record in numbered:
        if isinstance(record, Event):
            errors.extend((number, message) for message in event_reference_errors(record, stories, entities))
    return errors


def event_reference_errors(
    event: Event, stories: set[str] | frozenset[str], entities: set[str] | frozenset[str]
) -> list[str]:
    """The event's references to stories and entities that are not in ``stories`` / ``entities``."""
    errors = []
    if event.story_id not in stories:
        errors.append(f"event {event.id!r}: unknown story {event.story_id!r}")
    errors.extend(
        f"event {event.id!r}: unknown entity {entity_id!r}"
        for entity_id in dict.fromkeys(event.entities)
        if entity_id not in entities
    )
    return errors


def _unknown_fields(raw: dict[str, Any], record: Record) -> list[str]:
    # msgspec drops unknown fields silently (models.py does not forbid them); a misspelt "sumary" would be
    # lost without a word, so name it instead.
    unknown = [f"`{key}`" for key in raw if key != _TAG and key not in _field_names(type(record))]
    sources = raw.get("sources")
    if isinstance(sources, list):
        for index, source in enumerate(sources):
            if isinstance(source, dict):
                unknown += [f"`sources[{index}].{key}`" for key in source if key not in _field_names(Source)]
    return unknown


@cache
def _field_names(struct: type[msgspec.Struct]) -> frozenset[str]:
    return frozenset(field.encode_name for field in msgspec.structs.fields(struct))


def record_type(record: Record) -> str:
    """The record's ``type`` tag: "story", "entity" or "event"."""
    return str(type(record).__struct_config__.tag)


def dump_records(records: Iterable[Record]) -> str:
    """One line per record, in the order given, UTF-8 text unescaped, ending with a newline."""
    return "".join(_encoder.encode(record).decode() + "\n" for record in records)
