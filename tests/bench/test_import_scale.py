"""Importing 10,000 and 100,000 synthetic events through `backstory import`: time and peak memory of each.

The import streams: lines are checked and written a batch at a time, so memory holds a batch and the ids seen
(for duplicates and references), not the file. Each size runs in a process of its own so that peaks are its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backstory.events.ndjson import dump_records
from backstory.research.synthetic import synthetic_catalog

SIZES = (10_000, 100_000)
# Runs the CLI and reports its own peak resident memory: VmHWM of its own address space. (ru_maxrss would not do:
# Linux carries the forking parent's high-water mark across exec, and this test's process holds the generated
# event set when it starts the import.)
_WRAPPER = (
    "import re, sys\n"
    "from backstory.cli import main\n"
    "sys.argv = ['backstory', 'import', sys.argv[1]]\n"
    "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
    "status = open('/proc/self/status').read()\n"
    "print(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1), file=sys.stderr)\n"
)


@pytest.mark.bench
def test_import_memory_does_not_follow_the_file(tmp_path: Path) -> None:
    figures = {}
    for size in SIZES:
        path = tmp_path / f"{size}.ndjson"
        path.write_text(dump_records(synthetic_catalog(size).records()), encoding="utf-8")
        env = {"BACKSTORY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / f'{size}.db'}", "PATH": "/usr/bin:/bin"}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _WRAPPER, str(path)], env=env, capture_output=True, text=True, check=True
        )
        seconds = time.perf_counter() - started
        summary = json.loads(done.stdout)
        assert summary["created"]["events"] == size
        figures[size] = {
            "file_mb": round(path.stat().st_size / 1e6, 1),
            "seconds": round(seconds, 1),
            "peak_rss_mb": round(int(done.stderr.strip().splitlines()[-1]) / 1024, 1),
        }
    small, large = (figures[size] for size in SIZES)
    print(
        "\nimport scale:",
        json.dumps(figures),
        f"file x{large['file_mb'] / small['file_mb']:.1f}, peak memory x{large['peak_rss_mb'] / small['peak_rss_mb']:.2f}",
    )
    assert large["peak_rss_mb"] < 2 * small["peak_rss_mb"]
