"""What the benchmarks measure on: the bundled story, the same plus 10,000 synthetic distractor events, the dev set.

Benchmarks print figures and never assert on timings (machines are noisy); compare the ratios one run prints.
A benchmark whose data is absent is skipped, saying which file it needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backstory.articles.language import LanguageDetectorService
from backstory.events.models import Catalog
from backstory.events.ndjson import parse_records
from backstory.research.evaluation import EvalItem, read_items
from backstory.research.synthetic import merge_catalogs, synthetic_catalog
from backstory.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "backend" / "backstory" / "data" / "us-belarus-2025.ndjson"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
N_SYNTHETIC = 10_000


@pytest.fixture(scope="session")
def catalogs() -> dict[str, Catalog]:
    """``bundled`` and ``bundled+10k``, in that order."""
    if not BUNDLED.is_file():
        pytest.skip(f"the bundled story is not there yet: {BUNDLED}")
    bundled = Catalog.of(parse_records(BUNDLED.read_text(encoding="utf-8")))
    return {
        "bundled": bundled,
        f"bundled+{N_SYNTHETIC // 1000}k": merge_catalogs(bundled, synthetic_catalog(N_SYNTHETIC)),
    }


@pytest.fixture(scope="session")
def dev_items() -> list[EvalItem]:
    if not DEV.is_file():
        pytest.skip(f"the dev set is not there: {DEV}")
    return read_items(DEV)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def detector(settings: Settings) -> LanguageDetectorService:
    return LanguageDetectorService(settings.language_codes)
