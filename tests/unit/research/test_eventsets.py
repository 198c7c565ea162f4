from __future__ import annotations

import json
from pathlib import Path

import pytest

from backstory.errors import ImportRejected
from backstory.events.store import read_bundled
from backstory.research.eventsets import event_set, thin_record

# An invented second story: one event naming an entity of its own and one of the bundled story's.
SECOND_STORY = [
    {"type": "story", "id": "velmora-ferries", "title": {"en": "The Velmora ferry dispute"}},
    {"type": "entity", "id": "quillon-marine", "kind": "org", "name": "Quillon Marine", "aliases": ["Квиллон"]},
    {
        "type": "event",
        "id": "2025-10-02-quillon-fined",
        "story_id": "velmora-ferries",
        "date": "2025-10-02",
        "title": {"en": "Velmora fines Quillon Marine", "de": "Velmora bestraft Quillon Marine"},
        "summary": {"en": "The harbour fines the ferry operator."},
        "entities": ["quillon-marine"],
        "phrases": ["cancelled crossings"],
    },
]


class TestThinRecord:
    def test_it_keeps_english_names_and_drops_aliases_phrases_and_other_languages(self) -> None:
        entity, event = thin_record(SECOND_STORY[1]), thin_record(SECOND_STORY[2])

        assert entity["aliases"] == [] and entity["name"] == "Quillon Marine"
        assert event["title"] == {"en": "Velmora fines Quillon Marine"} and event["phrases"] == []
        assert event["entities"] == ["quillon-marine"] and event["date"] == "2025-10-02"

    def test_it_is_the_rule_of_the_shared_script(self) -> None:
        script = Path(__file__).parents[4] / "shared" / "eval" / "thin_story.py"
        if not script.exists():
            pytest.skip("../shared/eval is not beside the project")
        namespace: dict[str, object] = {}
        exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), namespace)

        assert [thin_record(r) for r in SECOND_STORY] == [namespace["thin"](r) for r in SECOND_STORY]  # type: ignore[operator]


class TestEventSet:
    def test_it_is_the_bundled_story_plus_the_files_given(self, second_story: Path) -> None:
        catalog = event_set([second_story])

        bundled_events = [r for r in read_bundled() if r.__class__.__name__ == "Event"]
        assert len(catalog.events) == len(bundled_events) + 1
        assert {story.id for story in catalog.stories} >= {"us-belarus-2025", "velmora-ferries"}

    def test_thin_reduces_the_bundled_story_only(self, second_story: Path) -> None:
        catalog = event_set([second_story], thin=True)

        bundled = [e for e in catalog.entities if e.id != "quillon-marine"]
        assert all(entity.aliases == [] for entity in bundled)
        assert next(e for e in catalog.entities if e.id == "quillon-marine").aliases == ["Квиллон"]
        assert all(not event.phrases for event in catalog.events if event.story_id != "velmora-ferries")

    def test_headlines_keep_every_events_texts_and_nothing_else(self, second_story: Path) -> None:
        full, headlines = event_set([second_story]), event_set([second_story], headlines=True)

        assert [(e.id, e.date, e.title, e.summary) for e in headlines.events] == [
            (e.id, e.date, e.title, e.summary) for e in full.events
        ]
        assert all(not (e.entities or e.numbers or e.phrases) for e in headlines.events)
        assert any(e.entities for e in full.events) and headlines.entities == full.entities

    def test_a_bad_file_is_rejected_with_its_line(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.ndjson"
        bad.write_text(json.dumps({**SECOND_STORY[2], "story_id": "nowhere"}) + "\n", encoding="utf-8")

        with pytest.raises(ImportRejected):
            event_set([bad])

    @pytest.fixture
    def second_story(self, tmp_path: Path) -> Path:
        path = tmp_path / "second.ndjson"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SECOND_STORY), encoding="utf-8")
        return path
