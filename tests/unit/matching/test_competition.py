"""Stories compete: with an invented second story loaded beside the bundled one, an article reporting a development
of the second story, which the bundled story merely mentions, is matched to the second story.

The second story, its people and every sentence here are invented for this test; only the bundled story is real.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import MatchResult, ScoringParams, score
from backstory.research.evaluation import read_items
from backstory.research.eventsets import event_set
from backstory.research.synthetic import merge_catalogs

# Curated thinly, in English, as a newsroom adds a story in an hour. It shares Belavia with the bundled story,
# where Belavia is one event's rare name (its sanctions lifted); here it is in every event.
FLEET = Catalog(
    stories=[Story(id="belavia-fleet", title={"en": "Belavia's fleet and routes"})],
    entities=[
        Entity(id="miraslau-tsvirko", kind="person", name="Miraslau Tsvirko"),
        Entity(id="skylane-leasing", kind="org", name="Skylane Leasing"),
        Entity(id="ostravel", kind="place", name="Ostravel"),
    ],
    events=[
        Event(
            id="2025-06-10-belavia-leases-jets", story_id="belavia-fleet", date=dt.date(2025, 6, 10),
            title={"en": "Belavia leases two jets from Skylane Leasing"},
            summary={"en": "The airline's director Miraslau Tsvirko signs a lease for two regional jets."},
            entities=["belavia", "skylane-leasing", "miraslau-tsvirko"], numbers=["2"],
        ),
        Event(
            id="2025-12-02-belavia-flies-to-ostravel", story_id="belavia-fleet", date=dt.date(2025, 12, 2),
            title={"en": "Belavia opens a route to Ostravel with the leased jets"},
            summary={"en": "Four flights a week to Ostravel, director Miraslau Tsvirko says."},
            entities=["belavia", "ostravel", "miraslau-tsvirko", "skylane-leasing"], numbers=["4"],
        ),
    ],
)  # fmt: skip

REPORTS = {
    "en": (
        "Belavia opens Ostravel route with jets leased from Skylane\n"
        "The Belarusian airline Belavia will fly to Ostravel four times a week from Tuesday, its director Miraslau "
        "Tsvirko said, using the two jets it leased from Skylane Leasing in the summer. The airline, whose US "
        "sanctions were lifted in September after Minsk freed 52 prisoners, expects the route to fill quickly."
    ),
    "ru": (
        "«Белавиа» открывает рейсы в Остравель на самолётах Skylane\n"
        "Белорусская авиакомпания «Белавиа» со вторника будет летать в Остравель четыре раза в неделю, сообщил её "
        "директор Мирослав Цвирко. Рейсы выполнят два самолёта, взятые летом в лизинг у Skylane Leasing. С "
        "авиакомпании в сентябре сняли санкции США после того, как Минск освободил 52 заключённых."
    ),
}


class TestStoriesCompete:
    @pytest.mark.parametrize("lang", sorted(REPORTS))
    @pytest.mark.parametrize("thin", [False, True], ids=["rich", "thin"])
    def test_a_development_of_the_second_story_goes_to_it(self, lang: str, thin: bool) -> None:
        index = EventIndex.build(merge_catalogs(event_set(thin=thin), FLEET))
        doc = build_document(REPORTS[lang], langs=[lang])

        result = score(doc, index, published=dt.date(2025, 12, 2))

        ranked = [candidate.event_id for candidate in result.candidates]
        assert ranked[0] == "2025-12-02-belavia-flies-to-ostravel"
        assert {"2025-09-11-coale-52-freed-belavia", "2025-11-04-ofac-delists-belavia"} & set(ranked)  # competed
        assert result.claimed is None or result.claimed.event_id == "2025-12-02-belavia-flies-to-ostravel"


def _event(id_: str, story: str, day: dt.date, entities: list[str]) -> Event:
    """An invented event: only its story, date and entities matter to these tests."""
    return Event(
        id=id_,
        story_id=story,
        date=day,
        title={"en": f"Event {id_}"},
        summary={"en": f"Event {id_}"},
        entities=entities,
    )


class TestSharedEntitiesAcrossStories:
    """One person has an id in each story that lists them; how rare a name is counts across stories too."""

    @staticmethod
    def _catalog() -> Catalog:
        stories = [Story(id="harbour", title={"en": "Harbour"}), Story(id="mines", title={"en": "Mines"})]
        entities = [
            Entity(id="orla-fenwick", kind="person", name="Orla Fenwick"),
            Entity(id="fenwick", kind="person", name="Orla Fenwick", aliases=["Fenwick"]),
            Entity(id="tam-quill", kind="person", name="Tam Quill"),
        ]
        harbour = [
            _event("h1", "harbour", dt.date(2025, 1, 1), ["orla-fenwick"]),
            _event("h2", "harbour", dt.date(2025, 1, 2), ["tam-quill"]),
            _event("h3", "harbour", dt.date(2025, 1, 3), ["tam-quill"]),
        ]
        mines = [_event(f"m{n}", "mines", dt.date(2025, 2, n), ["fenwick"]) for n in range(1, 6)]
        return Catalog(stories=stories, entities=entities, events=[*harbour, *mines])

    def test_a_name_every_event_of_another_story_lists_weighs_less(self) -> None:
        index = EventIndex.build(self._catalog())
        alone = EventIndex.build(
            Catalog(
                stories=self._catalog().stories[:1],
                entities=self._catalog().entities,
                events=[e for e in self._catalog().events if e.story_id == "harbour"],
            )
        )

        # Rare in its own story, common beside the other one: it now tells the harbour story's events apart less.
        assert index.entity_weight[("harbour", "orla-fenwick")] < alone.entity_weight[("harbour", "orla-fenwick")]
        # A name no other story lists keeps its weight.
        assert index.entity_weight[("harbour", "tam-quill")] == alone.entity_weight[("harbour", "tam-quill")]

    def test_a_name_of_one_story_only_is_weighed_within_it(self) -> None:
        index = EventIndex.build(self._catalog())

        assert index.entity_weight[("mines", "fenwick")] < index.entity_weight[("harbour", "orla-fenwick")]


class TestStoryAnchors:
    """A story of a few events is anchored by what most of them list: an article naming none of that is not
    about it, however rare in it a name the article shares with another story is."""

    @staticmethod
    def _catalog() -> Catalog:
        def event(id_: str, story: str, day: int, entities: list[str]) -> Event:
            return _event(id_, story, dt.date(2025, 3, day), entities)

        return Catalog(
            stories=[Story(id="harbour", title={"en": "Harbour"}), Story(id="mines", title={"en": "Mines"})],
            entities=[
                Entity(id="port-varna", kind="org", name="Portvarna Authority"),
                Entity(id="ilse-brandt", kind="person", name="Ilse Brandt"),
                Entity(id="quill", kind="person", name="Tam Quill"),
                Entity(id="oskarsgrube", kind="org", name="Oskarsgrube Mining"),
                Entity(id="quill-2", kind="person", name="Tam Quill"),
            ],
            events=[
                event("h1", "harbour", 1, ["port-varna", "ilse-brandt"]),
                event("h2", "harbour", 2, ["port-varna", "ilse-brandt"]),
                event("h3", "harbour", 3, ["port-varna", "ilse-brandt", "quill"]),
                event("m1", "mines", 4, ["oskarsgrube", "quill-2"]),
                event("m2", "mines", 5, ["oskarsgrube", "quill-2"]),
                event("m3", "mines", 6, ["oskarsgrube", "quill-2"]),
            ],
        )

    def test_a_storys_anchors_are_what_most_of_its_events_list(self) -> None:
        index = EventIndex.build(self._catalog())

        assert {"port-varna", "ilse-brandt"} <= index.story_anchors["harbour"]
        assert "quill" not in index.story_anchors["harbour"]  # one event of three

    def test_an_article_naming_no_anchor_of_a_story_weighs_its_events_less(self) -> None:
        index = EventIndex.build(self._catalog())
        text = (
            "Tam Quill visits Oskarsgrube Mining\n"
            "Tam Quill toured the Oskarsgrube Mining pits on Thursday and spoke to the miners about the new shafts."
        )
        doc = build_document(text, langs=["en"])

        weighed = score(doc, index, published=dt.date(2025, 3, 6))
        unweighed = score(doc, index, published=dt.date(2025, 3, 6), params=ScoringParams(unanchored=1.0))

        scores = {c.event_id: c.score for c in weighed.candidates}
        before = {c.event_id: c.score for c in unweighed.candidates}
        assert scores["h3"] == pytest.approx(before["h3"] * ScoringParams().unanchored)  # names no harbour anchor
        assert scores["m3"] == pytest.approx(before["m3"])  # names the mines' anchors
        assert next(c for c in weighed.candidates if c.event_id == "h3").features["anchored"] == 0.0

    def test_a_story_without_a_core_has_no_anchors(self) -> None:
        # Six events, each naming its own people: nothing recurs, so no article can miss an anchor.
        catalog = self._catalog()
        spread = [
            msgspec.structs.replace(event, story_id="harbour", entities=[f"p{n}"])
            for n, event in enumerate(catalog.events)
        ]
        entities = [Entity(id=f"p{n}", kind="person", name=f"Person Number{n}") for n in range(len(spread))]
        index = EventIndex.build(msgspec.structs.replace(catalog, events=spread, entities=entities))

        assert "harbour" not in index.story_anchors


NEGATIVES = Path(__file__).resolve().parents[2] / "fixtures" / "negatives" / "articles.jsonl"
STORY2_EVENTS = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "story2" / "events.ndjson"


def _scored_negatives(kind: str, thin: bool) -> dict[str, MatchResult]:
    """The hard negatives of one kind (tests/fixtures/negatives), scored with the second story beside the bundled one."""
    kinds = {line["id"]: line["of"] for line in map(msgspec.json.decode, NEGATIVES.read_bytes().splitlines())}
    index = EventIndex.build(event_set([STORY2_EVENTS], thin=thin))
    return {
        item.id: score(build_document(item.text, langs=[item.lang]), index, published=item.published)
        for item in read_items(NEGATIVES)
        if kinds[item.id] == kind
    }


class TestAnotherStorysWorld:
    """A report of another story's world is not claimed by an event of a story it names no anchor of.

    The articles (tests/fixtures/negatives, written for the project) report an American freed by Russia and flown out
    by Steve Witkoff, an envoy of the second story, a day before a US diplomat's visit to Minsk freed three prisoners:
    they name a release and the White House, which that visit lists as curated, but not Belarus, Minsk or Lukashenko.
    """

    @pytest.mark.parametrize("thin", [False, True], ids=["rich", "thin"])
    def test_a_release_elsewhere_is_not_the_storys(self, thin: bool) -> None:
        results = _scored_negatives("release-elsewhere", thin)
        assert len(results) == 8
        assert {item_id: result.claimed for item_id, result in results.items()} == dict.fromkeys(results)
        # The Fogel reports rank the visit first on their names alone: their story is not the visit's.
        fogel = [results[item_id] for item_id in ("n1-en", "n1-ru", "n1-pl")]
        ranked_first = [r for r in fogel if r.candidates[0].event_id == "2025-02-12-smith-minsk-visit"]
        assert ranked_first
        assert all("none of its story's anchors" in str(r.abstain_reason) for r in ranked_first)


class TestUndatedStatements:
    """An undated article that names only a story's regulars and topic words (a later statement about sanctions and
    prisoners) is not claimed as the earlier event that lifted them: nothing in it is that event's own."""

    @pytest.mark.parametrize("thin", [False, True], ids=["rich", "thin"])
    def test_a_later_statement_is_not_an_earlier_event(self, thin: bool) -> None:
        results = _scored_negatives("later-statement", thin)
        assert len(results) == 9
        assert {item_id: result.claimed for item_id, result in results.items()} == dict.fromkeys(results)
