from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from backstory.errors import Conflict, ImportRejected, NotFound, PreconditionFailed, StoreUnavailable
from backstory.events.feedback import FeedbackStore
from backstory.events.models import Catalog, Entity, Event, Record, Story
from backstory.events.ndjson import dump_records, parse_records, record_digest
from backstory.events.store import EventStore, Kind, load_bundled
from backstory.events.store_write import RecordCounts
from backstory.events.suggestions import SuggestionStore


async def delete(store: EventStore, kind: Kind, record_id: str, actor: str = "test") -> int:
    """Delete a record as a curator would: with the ETag of what they read."""
    return await store.delete(
        kind, record_id, actor=actor, if_match=record_digest(await store.get_record(kind, record_id))
    )


def catalog_of(records: list[Record]) -> Catalog:
    """What the store should hold after importing ``records``, in the store's own order."""
    return Catalog(
        stories=sorted((r for r in records if isinstance(r, Story)), key=lambda r: r.id),
        entities=sorted((r for r in records if isinstance(r, Entity)), key=lambda r: r.id),
        events=sorted((r for r in records if isinstance(r, Event)), key=lambda r: (r.date, r.id)),
    )


class TestReads:
    async def test_a_new_store_is_empty(self, store: EventStore) -> None:
        assert await store.is_empty()
        assert await store.count() == {"stories": 0, "entities": 0, "events": 0}

    async def test_it_loads_the_whole_catalog(self, filled: EventStore, records: list[Record]) -> None:
        assert await filled.load_catalog() == catalog_of(records)

    async def test_it_keeps_aliases_and_event_entities_in_their_order(self, filled: EventStore) -> None:
        catalog = await filled.load_catalog()

        entity = next(e for e in catalog.entities if e.id == "ottilie-varga")
        event = next(e for e in catalog.events if e.id == "accord-signed")
        assert entity.aliases == ["Оттилия Варга", "Otylia Warga"]
        assert event.entities == ["northwind-rail", "ottilie-varga"]

    async def test_it_lists_events_oldest_first(self, filled: EventStore) -> None:
        events = await filled.list_events()

        assert [e.id for e in events] == ["old-drought", "talks-open", "accord-signed"]

    async def test_it_lists_the_events_of_one_story(self, filled: EventStore) -> None:
        await filled.import_records([Story(id="other", title={"en": "Other"})], actor="test")

        assert len(await filled.list_events("sorrel-accord")) == 3
        assert await filled.list_events("other") == []

    async def test_it_gets_one_of_each(self, filled: EventStore, records: list[Record]) -> None:
        assert await filled.get_story("sorrel-accord") == records[0]
        assert await filled.get_entity("ottilie-varga") == records[1]
        assert await filled.get_event("talks-open") == records[4]
        assert await filled.list_stories() == [records[0]]

    @pytest.mark.parametrize("method", ["get_story", "get_entity", "get_event"])
    async def test_it_raises_not_found_for_an_unknown_id(self, filled: EventStore, method: str) -> None:
        with pytest.raises(NotFound, match="nowhere"):
            await getattr(filled, method)("nowhere")

    async def test_it_counts_records(self, filled: EventStore) -> None:
        assert not await filled.is_empty()
        assert await filled.count() == {"stories": 1, "entities": 3, "events": 3}

    @pytest.fixture
    async def filled(self, store: EventStore, records: list[Record]) -> EventStore:
        await store.import_records(records, actor="test")
        return store


class TestImport:
    async def test_it_round_trips_through_export(self, store: EventStore, records: list[Record]) -> None:
        await store.import_ndjson(dump_records(records), actor="test")

        exported = await store.export_records()

        assert exported == catalog_of(records).records()
        assert parse_records(dump_records(exported)) == exported

    async def test_it_counts_what_it_created(self, store: EventStore, records: list[Record]) -> None:
        summary = await store.import_records(records, actor="test")

        assert summary.created == RecordCounts(stories=1, entities=3, events=3)
        assert summary.updated == summary.unchanged == RecordCounts()

    async def test_importing_the_same_records_again_changes_nothing(
        self, store: EventStore, records: list[Record]
    ) -> None:
        await store.import_records(records, actor="test")

        summary = await store.import_records(records, actor="test")

        assert summary.unchanged == RecordCounts(stories=1, entities=3, events=3)
        assert summary.created == summary.updated == RecordCounts()

    async def test_it_replaces_the_aliases_of_an_entity(self, store: EventStore, records: list[Record]) -> None:
        await store.import_records(records, actor="test")
        varga = Entity(id="ottilie-varga", kind="person", name="Ottilie Varga", aliases=["Otylia Warga", "O. V."])

        summary = await store.import_records([varga], actor="test")

        assert summary.updated == RecordCounts(entities=1)
        assert await store.get_entity("ottilie-varga") == varga

    async def test_it_replaces_the_entities_of_an_event(self, store: EventStore, records: list[Record]) -> None:
        await store.import_records(records, actor="test")
        signed = msgspec.structs.replace(
            await store.get_event("accord-signed"),
            entities=["ottilie-varga", "lake-sorrel", "northwind-rail"],
            date=dt.date(2025, 6, 13),
        )

        await store.import_records([signed], actor="test")

        assert await store.get_event("accord-signed") == signed

    async def test_a_bad_line_rejects_the_whole_file(self, store: EventStore, records: list[Record]) -> None:
        await store.import_records(records, actor="test")
        before = await store.export_records()
        lines = dump_records(
            [
                Story(id="sorrel-accord", title={"en": "A new title"}),
                Entity(id="newcomer", kind="person", name="Nils Newcomer"),
                msgspec.structs.replace(records[4], entities=["newcomer", "nobody"]),
            ]
        )

        with pytest.raises(ImportRejected) as caught:
            await store.import_ndjson(lines, actor="test")

        assert [line for line, _ in caught.value.errors] == [3]
        assert "nobody" in caught.value.errors[0][1]
        assert await store.export_records() == before

    async def test_a_file_may_refer_to_stored_records(self, store: EventStore, records: list[Record]) -> None:
        await store.import_records(records[:4], actor="test")

        summary = await store.import_ndjson(dump_records(records[4:]), actor="test")

        assert summary.created == RecordCounts(events=3)

    async def test_a_bad_record_names_its_position(self, store: EventStore, records: list[Record]) -> None:
        bad = msgspec.structs.replace(records[5], story_id="missing")

        with pytest.raises(ImportRejected) as caught:
            await store.import_records([*records[:5], bad], actor="test")

        assert caught.value.errors[0][0] == 6
        assert await store.is_empty()


class TestDelete:
    async def test_it_deletes_an_event_and_its_entity_links(self, filled: EventStore) -> None:
        await delete(filled, "event", "old-drought")

        with pytest.raises(NotFound):
            await filled.get_event("old-drought")
        assert await filled.count() == {"stories": 1, "entities": 3, "events": 2}

    async def test_it_refuses_to_delete_an_entity_events_still_name(self, filled: EventStore) -> None:
        with pytest.raises(Conflict) as caught:
            await delete(filled, "entity", "lake-sorrel")

        assert caught.value.extra["events"] == ["old-drought", "talks-open"]

    async def test_it_deletes_an_entity_no_event_names(self, filled: EventStore) -> None:
        await delete(filled, "event", "old-drought")
        await delete(filled, "event", "talks-open")

        await delete(filled, "entity", "lake-sorrel")

        assert await filled.count() == {"stories": 1, "entities": 2, "events": 1}

    async def test_it_refuses_to_delete_a_story_with_events(self, filled: EventStore) -> None:
        with pytest.raises(Conflict, match="3 event"):
            await delete(filled, "story", "sorrel-accord")

    async def test_it_deletes_a_story_without_events(self, filled: EventStore) -> None:
        for event in await filled.list_events():
            await delete(filled, "event", event.id)

        await delete(filled, "story", "sorrel-accord")

        assert await filled.list_stories() == []

    async def test_it_refuses_a_stale_etag(self, filled: EventStore) -> None:
        with pytest.raises(PreconditionFailed):
            await filled.delete("event", "old-drought", actor="test", if_match="stale")

        assert await filled.get_event("old-drought")

    @pytest.mark.parametrize("kind", ["story", "entity", "event"])
    async def test_it_raises_not_found_for_an_unknown_id(self, filled: EventStore, kind: Kind) -> None:
        with pytest.raises(NotFound):
            await filled.delete(kind, "nowhere", actor="test", if_match="any")

    @pytest.fixture
    async def filled(self, store: EventStore, records: list[Record]) -> EventStore:
        await store.import_records(records, actor="test")
        return store


class TestAudit:
    async def test_it_records_each_change_newest_first_with_before_and_after(
        self, store: EventStore, records: list[Record]
    ) -> None:
        await store.import_records(records, actor="curator")
        await delete(store, "event", "old-drought", actor="admin")

        page = await store.list_audit()
        deletion, *imports = page.entries

        assert (deletion.actor, deletion.action, deletion.target) == ("admin", "delete", "event:old-drought")
        assert msgspec.convert(deletion.before, Record) == records[6]
        assert deletion.after is None
        assert len(imports) == len(records)
        assert {entry.actor for entry in imports} == {"curator"}
        assert {entry.target for entry in imports} >= {"event:talks-open", "story:sorrel-accord"}
        assert deletion.at.tzinfo is not None
        assert deletion.version is not None and imports[0].version is not None
        assert deletion.version > imports[0].version

    async def test_it_pages_with_a_cursor(self, store: EventStore, records: list[Record]) -> None:
        await store.import_records(records, actor="curator")

        first = await store.list_audit(limit=4)
        second = await store.list_audit(cursor=first.next_cursor, limit=4)

        assert len(first.entries) == 4 and len(second.entries) == len(records) - 4
        assert second.next_cursor is None
        assert first.entries[-1].id > second.entries[0].id

    async def test_a_rejected_import_leaves_no_trace(self, store: EventStore) -> None:
        with pytest.raises(ImportRejected):
            await store.import_ndjson("not json\n", actor="test")

        assert (await store.list_audit()).entries == []
        assert await store.catalog_version() == 0

    async def test_a_refused_deletion_leaves_no_trace(self, store: EventStore, records: list[Record]) -> None:
        await store.import_records(records, actor="test")
        version = await store.catalog_version()

        with pytest.raises(Conflict):
            await delete(store, "entity", "lake-sorrel")

        assert {entry.action for entry in (await store.list_audit()).entries} == {"import:create"}
        assert await store.catalog_version() == version

    async def test_every_write_bumps_the_version_once(self, store: EventStore, records: list[Record]) -> None:
        await store.import_records(records, actor="test")
        await delete(store, "event", "old-drought")

        assert await store.catalog_version() == 2


class TestLoadBundled:
    async def test_it_imports_every_file_into_an_empty_store(
        self, store: EventStore, records: list[Record], data_dir: Path
    ) -> None:
        summary = await load_bundled(store, data_dir)

        assert summary is not None
        assert summary.created == RecordCounts(stories=1, entities=3, events=3)
        assert await store.load_catalog() == catalog_of(records)
        assert (await store.list_audit()).entries[0].actor == "bundled"

    async def test_it_does_nothing_when_the_store_holds_records(
        self, store: EventStore, records: list[Record], data_dir: Path
    ) -> None:
        await store.import_records([records[3]], actor="test")

        assert await load_bundled(store, data_dir) is None
        assert await store.count() == {"stories": 0, "entities": 1, "events": 0}

    async def test_it_does_nothing_without_data(self, store: EventStore, tmp_path: Path) -> None:
        assert await load_bundled(store, tmp_path) is None
        assert (await store.list_audit()).entries == []

    async def test_it_does_nothing_the_second_time(self, store: EventStore, data_dir: Path) -> None:
        await load_bundled(store, data_dir)

        assert await load_bundled(store, data_dir) is None

    async def test_it_names_the_file_of_a_bad_line(self, store: EventStore, data_dir: Path) -> None:
        (data_dir / "c-broken.ndjson").write_text('{"type": "story"}\n', encoding="utf-8")

        with pytest.raises(ImportRejected, match=r"c-broken\.ndjson"):
            await load_bundled(store, data_dir)
        assert await store.is_empty()

    async def test_the_packaged_data_imports_cleanly(self, store: EventStore) -> None:
        summary = await load_bundled(store)

        imported = 0 if summary is None else sum(msgspec.structs.astuple(summary.created))
        assert imported == sum((await store.count()).values())

    @pytest.fixture
    def data_dir(self, tmp_path: Path, records: list[Record]) -> Path:
        """Two files: the events in the second refer to the story and entities of the first."""
        folder = tmp_path / "data"
        folder.mkdir()
        (folder / "a-story.ndjson").write_text(dump_records(records[:4]), encoding="utf-8")
        (folder / "b-events.ndjson").write_text(dump_records(records[4:]), encoding="utf-8")
        (folder / "notes.txt").write_text("not data", encoding="utf-8")
        return folder


class TestDatabaseLost:
    """A database that goes away answers ``StoreUnavailable`` (503 with Retry-After) on reads too, never a 500."""

    @pytest.fixture
    async def engine(self) -> AsyncIterator[AsyncEngine]:
        # Nothing listens on the discard port: connecting is refused, as with a PostgreSQL that is down.
        engine = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
        yield engine
        await engine.dispose()

    async def test_reading_the_event_store(self, engine: AsyncEngine) -> None:
        store = EventStore(engine)
        with pytest.raises(StoreUnavailable, match="cannot be reached"):
            await store.list_records("event")
        with pytest.raises(StoreUnavailable):
            await store.list_audit()

    async def test_reading_feedback_and_suggestions(self, engine: AsyncEngine) -> None:
        with pytest.raises(StoreUnavailable):
            await FeedbackStore(engine).list()
        with pytest.raises(StoreUnavailable):
            await SuggestionStore(engine).get("1")
