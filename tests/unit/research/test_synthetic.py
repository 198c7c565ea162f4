from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter

import msgspec
import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.events.ndjson import dump_records, parse_records
from backstory.matching.index import EventIndex
from backstory.research.synthetic import FIRST_DAY, LAST_DAY, PREFIX, merge_catalogs, synthetic_catalog

CURATED = Catalog(
    stories=[Story(id="harbour", title={"en": "The Harbour dispute"})],
    entities=[Entity(id="port-veln", kind="place", name="Port Veln", aliases=["Вельн"])],
    events=[
        Event(
            id="cargo-fine", story_id="harbour", date=dt.date(2025, 7, 9), title={"en": "Cargo fine"},
            summary={"en": "The harbour fines an airline."}, entities=["port-veln"], numbers=["1300"],
        )
    ],
)  # fmt: skip


class TestSyntheticCatalog:
    def test_it_is_the_same_for_a_seed_and_differs_across_seeds(self) -> None:
        assert synthetic_catalog(300, seed=3) == synthetic_catalog(300, seed=3)
        assert synthetic_catalog(300, seed=3) != synthetic_catalog(300, seed=4)

    @pytest.mark.parametrize("n_events", [0, 1, 2, 3, 21, 1000])
    def test_it_has_the_requested_number_of_events(self, n_events: int) -> None:
        assert len(synthetic_catalog(n_events).events) == n_events

    def test_stories_hold_two_to_twenty_events_and_number_about_one_in_eight(self, catalog: Catalog) -> None:
        sizes = Counter(event.story_id for event in catalog.events)
        assert set(sizes) == {story.id for story in catalog.stories}
        assert all(2 <= size <= 20 for size in sizes.values())
        assert len(catalog.events) / 11 < len(catalog.stories) < len(catalog.events) / 6

    def test_ids_are_unique_and_prefixed(self, catalog: Catalog) -> None:
        for records in (catalog.stories, catalog.events, catalog.entities):
            ids = [record.id for record in records]
            assert len(ids) == len(set(ids)) and all(record_id.startswith(PREFIX) for record_id in ids)

    def test_it_validates_as_ndjson(self, catalog: Catalog) -> None:
        assert len(parse_records(dump_records(catalog.records()))) == len(catalog.records())

    def test_events_are_dated_2023_to_2026_with_counts_from_2_to_5000(self, catalog: Catalog) -> None:
        assert all(FIRST_DAY <= event.date <= LAST_DAY for event in catalog.events)
        assert {event.date.year for event in catalog.events} == {2023, 2024, 2025, 2026}
        assert all(2 <= int(number) <= 5000 for event in catalog.events for number in event.numbers)

    def test_names_come_in_several_scripts(self, catalog: Catalog) -> None:
        aliases = " ".join(alias for entity in catalog.entities for alias in entity.aliases)
        for script in ("[а-я]", "[α-ω]", "[ა-ჰ]", "[łżśćńęąšžč]"):
            assert re.search(script, aliases), script

    def test_it_is_fast(self) -> None:
        # The requirement is "well under 10 s" for 10,000 events; it takes a fraction of a second.
        started = time.perf_counter()
        synthetic_catalog(10_000)
        assert time.perf_counter() - started < 10

    @pytest.fixture
    def catalog(self) -> Catalog:
        return synthetic_catalog(2000, seed=7)


class TestMergeCatalogs:
    def test_it_joins_a_curated_and_a_synthetic_set_that_import_together(self) -> None:
        merged = merge_catalogs(CURATED, synthetic_catalog(200))
        assert len(merged.events) == 201 and len(parse_records(dump_records(merged.records()))) == len(merged.records())
        assert "cargo-fine" in EventIndex.build(merged).events

    def test_a_record_held_by_both_must_be_the_same(self) -> None:
        assert merge_catalogs(CURATED, CURATED) == CURATED
        changed = msgspec.structs.replace(CURATED.events[0], numbers=["41"])
        with pytest.raises(ValueError, match="cargo-fine"):
            merge_catalogs(CURATED, msgspec.structs.replace(CURATED, events=[changed]))
