"""A newer bundled release over a store curators have changed: applied where nobody changed a record, reported as
a conflict where a curator did."""

from __future__ import annotations

import msgspec

from backstory.events.models import Entity, Record, Story
from backstory.events.ndjson import record_digest
from backstory.events.store import EventStore


def step_of(plan: object, record_id: str) -> str:
    return next(change.step for change in plan.changes if change.id == record_id)  # type: ignore[attr-defined]


class TestApplyBundled:
    async def test_the_first_release_creates_everything(self, store: EventStore, records: list[Record]) -> None:
        plan = await store.apply_bundled(records, dry_run=False)

        assert {change.step for change in plan.changes} == {"create"}
        assert plan.applied is not None and plan.applied.created.events == 3

    async def test_the_same_release_again_changes_nothing(self, store: EventStore, records: list[Record]) -> None:
        await store.apply_bundled(records, dry_run=False)
        version = await store.catalog_version()

        plan = await store.apply_bundled(records, dry_run=False)

        assert {change.step for change in plan.changes} == {"unchanged"}
        assert await store.catalog_version() == version

    async def test_a_record_nobody_touched_is_updated(self, store: EventStore, records: list[Record]) -> None:
        await store.apply_bundled(records, dry_run=False)
        release = [renamed(records[0], "A better title"), *records[1:]]

        plan = await store.apply_bundled(release, dry_run=False)

        assert step_of(plan, "sorrel-accord") == "update"
        assert (await store.get_story("sorrel-accord")).title["en"] == "A better title"

    async def test_a_record_a_curator_changed_is_a_conflict_and_stays_theirs(
        self, store: EventStore, records: list[Record]
    ) -> None:
        await store.apply_bundled(records, dry_run=False)
        await curate(store, renamed(records[0], "The curator's title"))
        release = [renamed(records[0], "The release's title"), *records[1:]]

        plan = await store.apply_bundled(release, dry_run=False)

        assert step_of(plan, "sorrel-accord") == "conflict" and plan.conflicts
        assert (await store.get_story("sorrel-accord")).title["en"] == "The curator's title"

    async def test_a_curators_change_the_release_did_not_touch_is_kept(
        self, store: EventStore, records: list[Record]
    ) -> None:
        await store.apply_bundled(records, dry_run=False)
        await curate(store, renamed(records[0], "The curator's title"))

        plan = await store.apply_bundled(records, dry_run=False)

        assert step_of(plan, "sorrel-accord") == "kept" and not plan.conflicts
        assert (await store.get_story("sorrel-accord")).title["en"] == "The curator's title"

    async def test_a_new_record_is_created_and_a_dry_run_writes_nothing(
        self, store: EventStore, records: list[Record]
    ) -> None:
        await store.apply_bundled(records, dry_run=False)
        newcomer = Entity(id="nils-newcomer", kind="person", name="Nils Newcomer")

        dry = await store.apply_bundled([*records, newcomer], dry_run=True)

        assert step_of(dry, "nils-newcomer") == "create" and dry.applied is None
        assert await store.count() == {"stories": 1, "entities": 3, "events": 3}


def renamed(story: Record, title: str) -> Story:
    assert isinstance(story, Story)
    return msgspec.structs.replace(story, title={**story.title, "en": title})


async def curate(store: EventStore, record: Record) -> None:
    current = await store.get_record("story", record.id)
    await store.replace(record, actor="curator", if_match=record_digest(current))
