"""Stories compete: with an invented second story loaded beside the bundled one, an article reporting a development
of the second story, which the bundled story merely mentions, is matched to the second story.

The second story, its people and every sentence here are invented for this test; only the bundled story is real.
"""

from __future__ import annotations

import datetime as dt

import pytest

from backstory.events.models import Catalog, Entity, Event, Story
from backstory.matching.document import build_document
from backstory.matching.index import EventIndex
from backstory.matching.score import score
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
