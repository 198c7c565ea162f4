"""NDJSON, the event set's file format: one record a line, tagged by ``type`` (see ``models.py``).

``parse_records`` checks a whole file before anything is written and reports every problem with its line
number, so a curator can fix a file in one pass. ``check_records`` holds the checks that need more than one
record (duplicates, references, English titles); the store runs them again on records from elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

from backstory.errors import ImportRejected
from backstory.events.models import Event, Record, Source, Story

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
            record = _decoder.decode(line)
        except msgspec.DecodeError as exc:  # ValidationError is a DecodeError too
            errors.append((number, str(exc)))
            continue
        unknown = _unknown_fields(_fields_decoder.decode(line), record)
        if unknown:
            errors.append((number, f"Unknown field(s): {', '.join(unknown)}"))
        numbered.append((number, record))
    errors.extend(check_records(numbered, known_story_ids=known_story_ids, known_entity_ids=known_entity_ids))
    if errors:
        raise ImportRejected(sorted(errors))
    return [record for _, record in numbered]


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
        if isinstance(record, Story | Event) and not record.title.get("en", "").strip():
            errors.append((number, f"{record_type(record)} {record.id!r} has no English title (title.en)"))
        if isinstance(record, Event):
            errors.extend((number, message) for message in _event_reference_errors(record, stories, entities))
    return errors


def _event_reference_errors(event: Event, stories: set[str], entities: set[str]) -> list[str]:
    errors = []
    if event.story_id not in stories:
        errors.append(f"event {event.id!r}: unknown story {event.story_id!r}")
    seen: set[str] = set()
    for entity_id in event.entities:
        if entity_id not in entities:
            errors.append(f"event {event.id!r}: unknown entity {entity_id!r}")
        elif entity_id in seen:
            errors.append(f"event {event.id!r}: entity {entity_id!r} listed twice")
        seen.add(entity_id)
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


def _field_names(struct: type[msgspec.Struct]) -> set[str]:
    return {field.encode_name for field in msgspec.structs.fields(struct)}


def record_type(record: Record) -> str:
    """The record's ``type`` tag: "story", "entity" or "event"."""
    return str(type(record).__struct_config__.tag)


def dump_records(records: Iterable[Record]) -> str:
    """One line per record, in the order given, UTF-8 text unescaped, ending with a newline."""
    return "".join(_encoder.encode(record).decode() + "\n" for record in records)
