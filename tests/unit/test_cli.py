"""The command line, run in-process against a database in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from backstory.cli import main

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
ARTICLE = (
    "Belarus frees 52 prisoners as US lifts sanctions on Belavia\n"
    "Belarus released 52 prisoners on Thursday after the US envoy John Coale met Lukashenko in Minsk. "
    "Washington lifted its sanctions on the state airline Belavia, and most of the freed were driven to Lithuania."
)


@pytest.fixture
def runner(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"BACKSTORY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"})


class TestContext:
    def test_it_prints_the_answer_as_json(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["context", str(PAGES / "en_coale_52_freed.html"), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["matches"][0]["event_id"] == "2025-09-11-coale-52-freed-belavia"

    def test_explain_lists_the_evidence(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["context", "-", "--explain", "--published", "2025-09-11"], input=ARTICLE)
        assert result.exit_code == 0, result.output
        assert "Belavia" in result.output and "number" in result.output

    def test_a_missing_file_is_a_clear_error(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["context", "no-such-file.html"])
        assert result.exit_code != 0 and "no such file" in result.output


class TestImportExport:
    def test_an_export_imports_back_unchanged(self, runner: CliRunner, tmp_path: Path) -> None:
        exported = tmp_path / "events.ndjson"
        assert runner.invoke(main, ["export", "-o", str(exported)]).exit_code == 0
        result = runner.invoke(main, ["import", str(exported)])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["unchanged"]["events"] >= 16

    def test_a_bad_file_is_rejected_with_its_line(self, runner: CliRunner, tmp_path: Path) -> None:
        bad = tmp_path / "bad.ndjson"
        bad.write_text('{"type": "story", "id": "s", "title": {"en": "S"}}\n{"type": "event", "id": 5}\n')
        result = runner.invoke(main, ["import", str(bad)])
        assert result.exit_code != 0 and "line 2" in result.output


class TestEval:
    def test_it_prints_the_metrics(self, runner: CliRunner, tmp_path: Path) -> None:
        items = tmp_path / "items.jsonl"
        rows = [
            {"id": "p1", "url": "https://n.example/1", "lang": "en", "published": "2025-09-11",
             "event": "2025-09-11-coale-52-freed-belavia", "kind": "positive", "text": ARTICLE},
            {"id": "n1", "url": "https://n.example/2", "lang": "en", "published": None, "event": None,
             "kind": "easy_negative", "text": "The county fair opened with pony rides and a pie contest. " * 5},
        ]  # fmt: skip
        items.write_text("".join(json.dumps(row) + "\n" for row in rows))
        result = runner.invoke(main, ["eval", str(items), "--json"])
        assert result.exit_code == 0, result.output
        metrics = json.loads(result.output.strip().splitlines()[-1])
        assert metrics["accuracy_at_1"] == 1.0 and metrics["easy_negative_false_match_rate"] == 0.0


class TestOpenapi:
    def test_it_writes_the_schema(self, runner: CliRunner, tmp_path: Path) -> None:
        target = tmp_path / "api" / "openapi.json"
        assert runner.invoke(main, ["openapi", "-o", str(target)]).exit_code == 0
        assert "/v1/context" in json.loads(target.read_text())["paths"]
