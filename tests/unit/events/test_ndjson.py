from __future__ import annotations

import json

import pytest

from backstory.errors import ImportRejected
from backstory.events.models import Entity, Record, Story
from backstory.events.ndjson import dump_records, parse_records

STORY = '{"type": "story", "id": "s", "title": {"en": "A story"}}'
PERSON = '{"type": "entity", "id": "p", "kind": "person", "name": "Ada Quill"}'
EVENT = '{"type": "event", "id": "e", "story_id": "s", "date": "2025-01-02", "title": {"en": "E"}, "summary": {}}'


def event_line(**fields: object) -> str:
    return json.dumps({**json.loads(EVENT), **fields}, ensure_ascii=False)


def errors_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(ImportRejected) as caught:
        parse_records(text)
    return caught.value.errors


class TestParseRecords:
    def test_it_reads_one_record_a_line_and_skips_blank_lines(self) -> None:
        records = parse_records(f"{STORY}\n\n{PERSON}\r\n   \n{EVENT}\n")

        assert [type(record).__name__ for record in records] == ["Story", "Entity", "Event"]

    def test_it_accepts_a_byte_order_mark_and_line_separators_inside_strings(self) -> None:
        records = parse_records("\ufeff" + STORY.replace("A story", "A\u2028story"))

        assert records == [Story(id="s", title={"en": "A\u2028story"})]

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            ("{not json", "malformed"),
            ("[1, 2]", "Expected `object`, got `array`"),
            ('{"type": "planet", "id": "x"}', "`$.type`"),
            ('{"id": "x"}', "missing required field `type`"),
            ('{"type": "entity", "id": "x", "kind": "animal", "name": "X"}', "`$.kind`"),
            (
                '{"type": "entity", "id": 7, "kind": "org", "name": "X"}',
                "Expected `str`, got `int` - at `$.id`",
            ),
            (event_line(date="2025-13-40"), "`$.date`"),
            (event_line(sumary="typo"), "Unknown field(s): `sumary`"),
            (event_line(sources=[{"url": "https://u.example/", "publsher": "x"}]), "`sources[0].publsher`"),
            (event_line(sources=[{"url": "u"}]), "`$.sources[0].url`"),
            (event_line(id="Not A Slug"), "`$.id`"),
            (event_line(title={"en": "ok", "EN": "x"}), "in `$.title`"),
            (event_line(title={"de": "Nur Deutsch"}), "no English title"),
            (event_line(story_id="elsewhere"), "unknown story 'elsewhere'"),
            (event_line(entities=["nobody"]), "unknown entity 'nobody'"),
            (event_line(entities=["p", "p"]), "entity 'p' listed twice"),
            (PERSON, "duplicate entity id 'p' (first on line 2)"),
        ],
    )
    def test_it_names_the_line_of_each_error(self, line: str, message: str) -> None:
        errors = errors_of(f"{STORY}\n{PERSON}\n{line}\n")

        assert len(errors) == 1
        assert errors[0][0] == 3
        assert message in errors[0][1]

    def test_it_collects_every_error_in_line_order(self) -> None:
        text = "\n".join([STORY, "oops", PERSON, event_line(story_id="x"), "", "[]", STORY])

        assert [line for line, _ in errors_of(text)] == [2, 4, 6, 7]

    def test_it_finds_references_defined_further_down(self) -> None:
        records = parse_records(f"{event_line(entities=['p'])}\n{PERSON}\n{STORY}")

        assert len(records) == 3

    def test_it_accepts_references_to_known_ids(self) -> None:
        records = parse_records(event_line(entities=["p"]), known_story_ids=["s"], known_entity_ids={"p"})

        assert len(records) == 1

    def test_it_allows_a_story_and_an_entity_to_share_an_id(self) -> None:
        records = parse_records(f"{STORY}\n" + PERSON.replace('"p"', '"s"'))

        assert len(records) == 2


class TestDumpRecords:
    def test_it_round_trips_without_loss(self, records: list[Record]) -> None:
        assert parse_records(dump_records(records)) == records

    def test_it_writes_one_line_per_record_ending_with_a_newline(self, records: list[Record]) -> None:
        text = dump_records(records)

        assert text.endswith("}\n")
        assert len(text.splitlines()) == len(records)

    def test_it_writes_unescaped_utf8(self, records: list[Record]) -> None:
        assert "Оттилия Варга" in dump_records(records)

    def test_it_writes_the_same_text_whatever_the_key_order_of_a_title(self) -> None:
        one = Story(id="s", title={"en": "A", "de": "B"})
        other = Story(id="s", title={"de": "B", "en": "A"})

        assert dump_records([one]) == dump_records([other])

    def test_it_starts_each_line_with_the_type_and_id(self) -> None:
        line = dump_records([Entity(id="p", kind="person", name="Ada Quill")])

        assert line.startswith('{"type":"entity","id":"p",')

    def test_it_writes_nothing_for_no_records(self) -> None:
        assert dump_records([]) == ""
