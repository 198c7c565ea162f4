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


class TestFit:
    def _labelled(self, tmp_path: Path) -> Path:
        positive = {"lang": "en", "published": "2025-09-11", "event": "2025-09-11-coale-52-freed-belavia"}
        negative = {"lang": "en", "published": "2025-09-11", "kind": "hard_negative"}
        items = [
            {
                "id": f"p-{i}",
                "url": f"https://n.example/p{i}",
                "kind": "positive",
                "text": ARTICLE + " " * i,
                **positive,
            }
            for i in range(6)
        ] + [
            {"id": f"n-{i}", "url": f"https://n.example/n{i}", "text": text, **negative}
            for i, text in enumerate(
                [
                    "Lukashenko spoke about harvest plans in Minsk on Thursday.",
                    "Belarus and Lithuania argued about border queues again.",
                    "A quiet day in Minsk: the president met farmers.",
                    "Minsk hosted a chess tournament this week.",
                    "Lukashenko opened a new factory near Minsk.",
                    "Belarus raised bread prices, Minsk shoppers said.",
                ]
            )
        ]
        path = tmp_path / "labelled.jsonl"
        path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
        return path

    def test_it_writes_a_calibration_with_its_cross_validated_figures(self, runner: CliRunner, tmp_path: Path) -> None:
        pytest.importorskip("sklearn")
        output = tmp_path / "calibration.json"
        args = [
            "fit",
            str(self._labelled(tmp_path)),
            "--folds",
            "2",
            "--repeats",
            "1",
            "--nested",
            "1",
            "-o",
            str(output),
        ]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        calibration = json.loads(output.read_text(encoding="utf-8"))
        assert calibration["features"] == ["evidence", "second", "margin", "gap", "undated", "actors"]
        assert calibration["cross_validation"]["folds"] == 2 and "accuracy_at_1" in calibration["cross_validation"]
        assert "nested cross-validation (1 x 2 folds)" in result.output

    def test_it_fits_on_several_sets_and_records_the_command(self, runner: CliRunner, tmp_path: Path) -> None:
        pytest.importorskip("sklearn")
        labelled, output = self._labelled(tmp_path), tmp_path / "calibration.json"
        sets = ["--set", f"full={labelled}", "--set", f"thin={labelled}:thin"]
        result = runner.invoke(main, ["fit", *sets, "--folds", "2", "--repeats", "1", "-o", str(output)])
        assert result.exit_code == 0, result.output
        calibration = json.loads(output.read_text(encoding="utf-8"))
        assert {"full:accuracy_at_1", "thin:accuracy_at_1"} <= set(calibration["cross_validation"])
        assert f"`backstory fit --set full={labelled} --set thin={labelled}:thin --folds 2" in calibration["fitted_on"]
        assert "full (12 articles), thin (12 articles): 24 rows" in calibration["fitted_on"]
        assert "in-sample" in result.output

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ([], "give either PATH or one or more --set"),
            (["--set", "dev"], "expected NAME=PATH"),
            (["--set", "dev=missing.jsonl"], "is not a file"),
        ],
    )
    def test_sets_are_checked_before_anything_is_matched(
        self, runner: CliRunner, args: list[str], message: str
    ) -> None:
        result = runner.invoke(main, ["fit", *args])
        assert result.exit_code == 2 and message in result.output

    def test_too_few_articles_for_the_folds_is_a_clear_error(self, runner: CliRunner, tmp_path: Path) -> None:
        pytest.importorskip("sklearn")
        result = runner.invoke(main, ["fit", str(self._labelled(tmp_path)), "--folds", "20"])
        assert result.exit_code != 0 and "n_splits=20 greater than the number of samples" in result.output

    def test_an_unknown_feature_is_a_clear_error(self, runner: CliRunner, tmp_path: Path) -> None:
        result = runner.invoke(main, ["fit", str(self._labelled(tmp_path)), "--features", "evidence,luck"])
        assert result.exit_code != 0 and "unknown features: luck" in result.output


class TestAdminTokens:
    def test_create_token_prints_the_token_alone_on_its_last_line(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["admin", "create-token", "--name", "alice"])

        assert result.exit_code == 0, result.output
        token = result.stdout.strip().splitlines()[-1]
        assert token.startswith("bsk_") and len(token) > 40 and " " not in token

    def test_tokens_lists_names_and_access_never_values(self, runner: CliRunner) -> None:
        token = runner.invoke(main, ["admin", "create-token", "--name", "alice"]).stdout.strip()
        runner.invoke(main, ["admin", "create-token", "--name", "bob", "--read-only"])

        listed = runner.invoke(main, ["admin", "tokens"]).output

        assert "alice" in listed and "bob" in listed and "read-only" in listed and token not in listed

    def test_revoke_token_and_a_taken_name(self, runner: CliRunner) -> None:
        runner.invoke(main, ["admin", "create-token", "--name", "alice"])

        assert runner.invoke(main, ["admin", "revoke-token", "alice"]).exit_code == 0
        assert runner.invoke(main, ["admin", "revoke-token", "nobody"]).exit_code != 0
        assert runner.invoke(main, ["admin", "create-token", "--name", "alice"]).exit_code != 0


class TestImportDryRun:
    def test_a_dry_run_counts_and_changes_nothing(self, runner: CliRunner, tmp_path: Path) -> None:
        story = tmp_path / "story.ndjson"
        story.write_text('{"type": "story", "id": "new-story", "title": {"en": "A new story"}}\n')

        dry = runner.invoke(main, ["import", str(story), "--dry-run"])
        exported = runner.invoke(main, ["export"]).stdout

        assert dry.exit_code == 0, dry.output
        assert json.loads(dry.stdout)["created"]["stories"] == 1
        assert "new-story" not in exported


class TestBundled:
    def test_a_store_holding_this_release_has_nothing_to_apply(self, runner: CliRunner) -> None:
        runner.invoke(main, ["export"])  # opens the store, which loads the bundled story

        result = runner.invoke(main, ["bundled"])

        assert result.exit_code == 0, result.output
        assert "would apply" in result.output and "unchanged" in result.output
        assert "create" not in result.output and "conflict" not in result.output
