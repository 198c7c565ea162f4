"""Prometheus metrics at /metrics: requests and latencies by route, matches and abstentions."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.asyncio(loop_scope="module")

ARTICLE = (
    "Belarus frees 52 prisoners as US lifts sanctions on Belavia\nBelarus released 52 prisoners on Thursday after a "
    "visit to Minsk by the US envoy John Coale, who said Washington would lift its sanctions on the state airline "
    "Belavia. Most of the freed were driven to Lithuania."
)
OFF_TOPIC = (
    "Spain swelters as the heatwave reaches its peak\nTemperatures passed 44 degrees in Seville on Sunday, and the "
    "national weather service kept red warnings for Andalusia and Extremadura, where farmers brought the harvest "
    "forward by a week."
)


async def _samples(client: AsyncTestClient[Any]) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return sum(value for (n, ls), value in samples.items() if n == name and labels.items() <= dict(ls).items())


async def test_matches_abstentions_requests_and_latencies_are_counted(sqlite_client: AsyncTestClient[Any]) -> None:
    before = await _samples(sqlite_client)
    matched = await sqlite_client.post(
        "/v1/context", json={"url": "https://news.example/a", "text": ARTICLE, "published": "2025-09-11"}
    )
    abstained = await sqlite_client.post("/v1/context", json={"url": "https://news.example/b", "text": OFF_TOPIC})
    assert matched.json()["abstained"] is False and abstained.json()["abstained"] is True
    after = await _samples(sqlite_client)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert grew("backstory_context_outcomes_total", outcome="match") == 1
    assert grew("backstory_context_outcomes_total", outcome="abstention") == 1
    assert grew("backstory_requests_total", path="/v1/context", method="POST", status_code="200") == 2
    assert grew("backstory_request_duration_seconds_count", path="/v1/context", method="POST") == 2


async def test_paths_are_labelled_by_route_not_by_what_was_asked(sqlite_client: AsyncTestClient[Any]) -> None:
    for story in ["a", "b", "c"]:
        await sqlite_client.get(f"/v1/stories/{story}")
    paths = {dict(labels).get("path") for (name, labels) in (await _samples(sqlite_client)) if "requests_total" in name}
    assert "/v1/stories/{story_id}" in paths and "/v1/stories/a" not in paths


async def test_metrics_stay_out_of_the_api_schema(sqlite_client: AsyncTestClient[Any]) -> None:
    schema = (await sqlite_client.get("/docs/openapi.json")).json()
    assert "/metrics" not in schema["paths"]


async def test_the_index_version_in_use_is_exported(sqlite_client: AsyncTestClient[Any]) -> None:
    ready = (await sqlite_client.get("/readyz")).json()

    version = _value(await _samples(sqlite_client), "backstory_catalog_version")

    assert version == ready["catalog_version"] >= 1
