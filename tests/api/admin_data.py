"""An invented story for the admin API tests: names, numbers and sentences made up here."""

from __future__ import annotations

from typing import Any

STORY: dict[str, Any] = {
    "id": "velmora-ferries",
    "title": {"en": "The Velmora ferry dispute", "de": "Der Fährstreit von Velmora"},
    "summary": {"en": "A harbour town and its ferry operator quarrel over fares and fines."},
}
ENTITIES: list[dict[str, Any]] = [
    {"id": "quillon-marine", "kind": "org", "name": "Quillon Marine", "aliases": ["Квиллон Марин"]},
    {"id": "tessaly-brandt", "kind": "person", "name": "Tessaly Brandt", "aliases": []},
    {"id": "velmora", "kind": "place", "name": "Velmora", "aliases": ["Вельмора"]},
]
EVENT: dict[str, Any] = {
    "id": "2025-10-02-quillon-fined",
    "story_id": "velmora-ferries",
    "date": "2025-10-02",
    "title": {"en": "Velmora fines Quillon Marine 7,400 euros"},
    "summary": {"en": "The harbour master Tessaly Brandt fines the ferry operator for cancelled crossings."},
    "entities": ["quillon-marine", "tessaly-brandt", "velmora"],
    "numbers": ["7400"],
    "phrases": ["cancelled crossings"],
    "sources": [{"url": "https://news.example/velmora-fine", "publisher": "Harbour Gazette", "lang": "en"}],
    "background": False,
}
# An article reporting the event, written for these tests.
ARTICLE = {
    "url": "https://paper.example/2025/10/03/velmora",
    "published": "2025-10-03",
    "text": (
        "Velmora fines Quillon Marine 7,400 euros over cancelled crossings\n"
        "The harbour of Velmora fined the ferry operator Quillon Marine 7,400 euros on Thursday after a week of "
        "cancelled crossings left islanders stranded on the quay. Harbour master Tessaly Brandt said Quillon Marine "
        "had ignored three warnings. The company said it would appeal the fine and blamed the weather for the "
        "cancelled crossings."
    ),
}
