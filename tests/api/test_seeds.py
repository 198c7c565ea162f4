"""The five articles the project started from, read from ../shared/seeds at test time (never copied)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"
EXPECTED = {
    "000": "2025-08-15-trump-lukashenko-call",
    "001": "2025-12-18-lukashenko-big-deal-summit",
    "002": "2025-10-14-lukashenko-big-deal",
    "003": "2025-08-15-trump-lukashenko-call",
    "004": "2025-02-12-smith-minsk-visit",
}


def _seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.mark.parametrize(("prefix", "event_id"), EXPECTED.items())
async def test_each_seed_is_matched_to_its_event(
    sqlite_client: AsyncTestClient[Any], prefix: str, event_id: str
) -> None:
    text = _seed(prefix).read_text(encoding="utf-8")
    response = await sqlite_client.post("/v1/context", json={"url": f"https://seed.example/{prefix}", "text": text})
    body = response.json()
    assert response.status_code == 200
    assert not body["abstained"], body["abstain_reason"]
    assert body["matches"][0]["event_id"] == event_id
