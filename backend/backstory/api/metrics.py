"""Prometheus metrics at ``/metrics``: requests and latencies (Litestar's plugin), matches and abstentions (ours).

The counters live in prometheus-client's default registry, which is process-wide: they are made once, on
first use, however many apps a process (a test run) creates.
"""

from __future__ import annotations

from functools import cache

from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from prometheus_client import Counter, Gauge

PREFIX = "backstory"


class MetricsController(PrometheusController):
    path = "/metrics"
    include_in_schema = False


def metrics_config() -> PrometheusConfig:
    # Route templates, not raw paths, as labels: /v1/stories/{story_id} is one series, whatever ids are asked for.
    return PrometheusConfig(app_name="backstory", prefix=PREFIX, group_path=True, exclude=["^/metrics$"])


@cache
def _outcomes() -> Counter:
    return Counter(f"{PREFIX}_context_outcomes_total", "Context answers, by outcome", labelnames=["outcome"])


@cache
def _catalog_version() -> Gauge:
    return Gauge(f"{PREFIX}_catalog_version", "Version of the event set this process's index was built from")


def record_catalog_version(version: int) -> None:
    """The version of the index now in use (set on every swap)."""
    _catalog_version().set(version)


def record_context_outcome(abstained: bool) -> None:
    """Count one context answer: an event claimed (``match``) or none (``abstention``)."""
    _outcomes().labels(outcome="abstention" if abstained else "match").inc()
