"""The ``backstory`` command: serve, context, import, export, eval, openapi."""

from __future__ import annotations

import asyncio
import json
import shlex
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import msgspec
from rich.console import Console

from backstory.logs import configure_logging
from backstory.matching.calibration import DEFAULT_FEATURES, FEATURES
from backstory.research.variants import VARIANTS
from backstory.settings import Settings

# The commands import what they use when they run: `backstory serve` starts its worker processes without first
# importing the research tools, the HTTP client and the rest (over a second of imports before the first worker).
if TYPE_CHECKING:
    from backstory.api.schemas import ContextResponse
    from backstory.context import ArticleInput, ContextResult
    from backstory.events.models import Catalog
    from backstory.events.store import EventStore, ImportSummary
    from backstory.matching.calibration import Calibration
    from backstory.research.fit import LabelledSet, NestedResult, Row
    from backstory.research.variants import Variant

T = TypeVar("T")
out = Console()
err = Console(stderr=True)


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


async def _with_store(settings: Settings, work: Callable[[EventStore], Awaitable[T]]) -> T:
    from backstory.events.store import open_store

    async with open_store(settings.database_url, bundled=settings.load_bundled) as store:
        return await work(store)


class _Matcher:
    """The context service over one snapshot of the stored event set: what the research commands match with."""

    def __init__(self, settings: Settings, distractors: int = 0, catalog: Catalog | None = None) -> None:
        """``catalog``: match against this event set, built in memory, instead of the stored one."""
        from backstory.catalog import Snapshot
        from backstory.context import ContextService
        from backstory.research.synthetic import merge_catalogs, synthetic_catalog

        if catalog is None:
            version, catalog = asyncio.run(_with_store(settings, lambda store: store.load_versioned_catalog()))
        else:
            version = 0
        if distractors:
            catalog = merge_catalogs(catalog, synthetic_catalog(distractors))
        try:
            self.service = ContextService.create(settings)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        if settings.semantic_model and self.service.semantic is None:
            raise click.ClickException("BACKSTORY_SEMANTIC_MODEL needs the extra: pip install 'backstory[semantic]'")
        self.snapshot = Snapshot.of(catalog, version)
        if self.service.semantic is not None:
            err.print(f"embedding {len(catalog.events)} events for the semantic re-ranker…")
            self.service.semantic.prepare(self.snapshot.index)

    def build(self, article: ArticleInput) -> ContextResult:
        return self.service.build(article, self.snapshot)


@click.group()
def main() -> None:
    """Backstory: the backstory of the news article in front of you."""


@main.command()
def serve() -> None:
    """Serve the API (BACKSTORY_HOST, BACKSTORY_PORT, BACKSTORY_DATABASE_URL)."""
    import uvicorn

    settings = _settings()
    configure_logging(settings.log_level)
    workers = settings.worker_count
    err.print(f"Backstory on http://{settings.host}:{settings.port}  (API docs: /docs, {workers} worker(s))")
    # log_config=None: uvicorn keeps its hands off logging, so its lines go through our JSON handler too.
    if workers == 1:
        from backstory.app import create_app

        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None)
        return
    # The matching work is CPU-bound Python: one process uses one core. The workers are forked from this process
    # once it has imported and warmed what they share (serving.py); each builds its own app and index from the
    # environment and follows the catalog version like any other instance (catalog.py).
    from backstory.serving import serve_workers

    serve_workers(settings.host, settings.port, workers)


def _read_source(source: str, settings: Settings) -> tuple[str, str]:
    """(url, content) of a file, ``-`` (standard input) or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        import httpx

        from backstory.articles.fetch import FetchLimits, fetch_page

        limits = FetchLimits(
            timeout_s=settings.fetch_timeout_s, max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects, allow_private=settings.fetch_allow_private,
        )  # fmt: skip

        async def get() -> tuple[str, str]:
            async with httpx.AsyncClient() as client:
                page = await fetch_page(client, source, limits)
                return page.url, page.html

        return asyncio.run(get())
    if source == "-":
        return "stdin:", sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise click.ClickException(f"no such file: {source}")
    return path.resolve().as_uri(), path.read_text(encoding="utf-8", errors="replace")


def _looks_like_html(content: str) -> bool:
    head = content[:2000].lower()
    return any(tag in head for tag in ("<html", "<!doctype html", "<body", "<article", "<p>", "<div"))


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON answer.")
@click.option("--explain", is_flag=True, help="List every piece of evidence of each candidate.")
@click.option("--published", help="Publish date YYYY-MM-DD, when the page does not say.")
@click.option("--url", "page_url", help="The article's URL, for a file or standard input.")
def context(source: str, as_json: bool, explain: bool, published: str | None, page_url: str | None) -> None:
    """Match an article (FILE, URL or - for standard input; HTML or text) and print its backstory."""
    from backstory.api.presenters import context_response
    from backstory.api.schemas import ContextRequest
    from backstory.context import ArticleInput
    from backstory.errors import BackstoryError

    settings = _settings()
    url, content = _read_source(source, settings)
    fields: dict[str, Any] = {"url": page_url or url, "published": published}
    fields["html" if _looks_like_html(content) else "text"] = content
    try:
        request = msgspec.convert(fields, ContextRequest)
        article = ArticleInput(url=request.url, html=request.html, text=request.text, published=request.published)
        answer = context_response(_Matcher(settings).build(article))
    except (msgspec.ValidationError, BackstoryError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        out.print_json(msgspec.json.encode(answer).decode())
        return
    _print_context(answer, explain)


def _print_context(answer: ContextResponse, explain: bool) -> None:
    from rich.table import Table

    article = answer.article
    out.print(f"[bold]{article.title or article.url}[/bold]")
    out.print(
        f"language: {article.lang} ({article.lang_source})   published: {article.published or 'unknown'}"
        f"   {article.chars} characters"
    )
    if answer.abstained:
        out.print(f"[yellow]No event claimed[/yellow]: {answer.abstain_reason}")
        if answer.related_story:
            out.print(f"Related story: {answer.related_story.title}")
    else:
        top = answer.matches[0]
        out.print(f"[green]Reports[/green] {top.date}  {top.title}  (confidence {top.confidence:.2f})")
    shown = answer.matches if explain else answer.matches[:1]
    for match in shown:
        if explain:
            out.print(f"\n[bold]{match.event_id}[/bold]  score {match.score:.2f}  confidence {match.confidence:.2f}")
        for item in match.evidence if explain else match.evidence[:5]:
            where = f"{item.zone}, recalled" if item.recalled else item.zone
            out.print(f"  {item.kind:<7} {item.text!r} -> {item.matched}  +{item.weight:.2f} ({where})", markup=False)
    if answer.cards:
        out.print()
        table = Table(show_header=True, header_style="bold", expand=True)
        for column in ("date", "", "event", "why related"):
            table.add_column(column)
        for card in answer.cards:
            table.add_row(str(card.date), card.relation, f"{card.title}\n[dim]{card.summary}[/dim]", card.why)
        out.print(table)


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and count what would change, and change nothing.")
@click.option("--actor", default="cli", show_default=True, help="Who the audit log says made the change.")
def import_(file: Path, dry_run: bool, actor: str) -> None:
    """Import stories, entities and events from an NDJSON file (all or nothing), with a progress bar."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from backstory.curation import CurationService
    from backstory.errors import BackstoryError

    settings = msgspec.structs.replace(_settings(), load_bundled=False)
    total = file.stat().st_size
    columns = (TextColumn("importing"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn())

    async def run(store: EventStore) -> ImportSummary:
        curation = CurationService(store, catalog=None)
        with Progress(*columns, console=err, transient=True) as progress, file.open("rb") as handle:
            task = progress.add_task("import", total=total)

            async def lines() -> AsyncIterator[tuple[int, bytes]]:
                for number, line in enumerate(handle, start=1):
                    progress.advance(task, len(line))
                    yield number, line.rstrip(b"\r\n")

            return await curation.import_lines(lines(), actor=actor, dry_run=dry_run)

    try:
        summary = asyncio.run(_with_store(settings, run))
    except BackstoryError as exc:
        raise click.ClickException(exc.detail) from exc
    out.print_json(msgspec.json.encode(summary).decode())


@main.command()
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
def export(output: Path | None) -> None:
    """Export the whole event set as NDJSON."""
    from backstory.events.ndjson import dump_records

    records = asyncio.run(_with_store(_settings(), lambda store: store.export_records()))
    text = dump_records(records)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"{len(records)} records written to {output}")


@main.command(name="eval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--details", type=click.Path(dir_okay=False, path_type=Path), help="Write per-item outcomes (JSONL).")
@click.option(
    "--variant",
    type=click.Choice(VARIANTS),
    default="text",
    show_default=True,
    help="Send each article as text, as a full news page, as its first 600 characters, or without its headline.",
)
@click.option("--distractors", default=0, show_default=True, help="Synthetic events of other stories to add first.")
@click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Match against the bundled story plus this NDJSON event set, built in memory (the database is not "
    "read); repeatable.",
)
@click.option("--thin", is_flag=True, help="Reduce the bundled story as shared/eval/thin_story.py does (in memory).")
@click.option(
    "--headlines",
    is_flag=True,
    help="Reduce every event to its title and summary, as a feed of headlines and leads would import it "
    "(no entities, numbers or phrases; in memory).",
)
def evaluate(
    path: Path,
    as_json: bool,
    details: Path | None,
    variant: Variant,
    distractors: int,
    extra: tuple[Path, ...],
    thin: bool,
    headlines: bool,
) -> None:
    """Measure matching on a labelled JSONL file (shared/eval/README.md)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from backstory.errors import ImportRejected
    from backstory.research.evaluation import read_items, report
    from backstory.research.eventsets import event_set
    from backstory.research.variants import run_variant

    settings = _settings()
    try:
        items = read_items(path)
        catalog = event_set(extra, thin=thin, headlines=headlines) if extra or thin or headlines else None
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except ImportRejected as exc:
        raise click.ClickException(str(exc)) from exc
    matcher = _Matcher(settings, distractors, catalog)
    outcomes = []
    columns = (TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("eval", total=len(items))
        for outcome in run_variant(matcher.build, items, variant):
            outcomes.append(outcome)
            progress.advance(task)
    metrics = report(outcomes)
    if details is not None:
        details.write_text("".join(msgspec.json.encode(o).decode() + "\n" for o in outcomes), encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(msgspec.to_builtins(metrics), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Matching on {path.name}", show_header=True, header_style="bold")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in msgspec.structs.asdict(metrics).items():
        if name != "per_lang":
            table.add_row(name, f"{value}")
    for lang, value in metrics.per_lang.items():
        table.add_row(f"accuracy_at_1 ({lang})", f"{value}")
    out.print(table)


@main.command(name="eval-wikinews")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--numbers", is_flag=True, help="Add the numbers of each event's title and lead.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--details", type=click.Path(dir_okay=False, path_type=Path), help="Write per-query outcomes (JSONL).")
def eval_wikinews(folder: Path, numbers: bool, as_json: bool, details: Path | None) -> None:
    """Rank the WikiNews it/fr queries against its English events (title and lead only); accuracy@1 and MRR."""
    from rich.table import Table

    from backstory.context import ContextService
    from backstory.research.wikinews import measure, read_set

    settings = _settings()
    events, queries = read_set(folder)
    outcomes, figures = measure(ContextService.create(settings), events, queries, numbers=numbers)
    if details is not None:
        details.write_text("".join(msgspec.json.encode(o).decode() + "\n" for o in outcomes), encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(msgspec.to_builtins(figures), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"WikiNews linking ({len(events)} events, {len(queries)} queries)", header_style="bold")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in msgspec.structs.asdict(figures).items():
        if name != "per_lang":
            table.add_row(name, f"{value}")
    for lang, values in figures.per_lang.items():
        table.add_row(f"{lang} (n={values['n']:.0f})", f"acc@1 {values['accuracy_at_1']}, MRR {values['mrr']}")
    out.print(table)


@main.command()
@click.option("--quick", is_flag=True, help="Fewer repetitions and shorter HTTP runs (the 100,000-event set stays).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench(quick: bool, as_json: bool) -> None:
    """Measure what a context request costs over extracting the page, at 16 to 100,000 events (issue 12)."""
    from rich.table import Table

    from backstory.research.bench import run as run_bench

    figures = run_bench(quick, _settings(), lambda step: err.print(f"bench: {step}…"))
    if as_json:
        sys.stdout.write(json.dumps(figures) + "\n")
        return
    table = Table(title="backstory bench" + (" --quick" if quick else ""), show_header=True, header_style="bold")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in figures.items():
        if isinstance(value, dict):
            for key, inner in value.items():
                table.add_row(f"{name}[{key}]", json.dumps(inner))
        else:
            table.add_row(name, f"{value}")
    out.print(table)


def _labelled_sets(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> list[LabelledSet]:
    from backstory.research.fit import parse_labelled_sets

    try:
        sets = parse_labelled_sets(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    for labelled in sets:
        if not labelled.path.is_file():
            raise click.BadParameter(f"{labelled}: {labelled.path} is not a file")
    return sets


@main.command()
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--set",
    "sets",
    multiple=True,
    callback=_labelled_sets,
    metavar="NAME=PATH[:thin]",
    help="A labelled set, matched against the bundled story (thinned as shared/eval/thin_story.py does with "
    ":thin) plus the --with files, built in memory; repeatable, instead of PATH. Figures are reported per set, and "
    "an article's rows in several sets stay in one fold.",
)
@click.option(
    "--with",
    "extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An NDJSON event set added to the bundled story in memory (the database is not read); repeatable.",
)
@click.option("--folds", default=5, show_default=True, help="Folds of the cross-validation.")
@click.option(
    "--repeats", default=5, show_default=True, type=click.IntRange(min=1), help="Splits the figures are averaged over."
)
@click.option("--regularisation", default=0.3, show_default=True, help="Inverse L2 strength (scikit-learn's C).")
@click.option("--negative-weight", default=3.0, show_default=True, help="Weight of a wrong claim against a missed one.")
@click.option("--features", default=",".join(DEFAULT_FEATURES), show_default=True, help=f"Of: {', '.join(FEATURES)}.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Calibration file to write.")
@click.option(
    "--nested",
    type=click.IntRange(min=1),
    default=None,
    metavar="REPEATS",
    help="Also measure choosing the features (--features, one dropped or added) and the regularisation by nested "
    "cross-validation, repeated this often.",
)
def fit(
    path: Path | None,
    sets: list[LabelledSet],
    extra: tuple[Path, ...],
    folds: int,
    repeats: int,
    regularisation: float,
    negative_weight: float,
    features: str,
    output: Path | None,
    nested: int | None,
) -> None:
    """Fit the confidence model on labelled articles (PATH, or several --set) and print its figures."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from backstory.errors import ImportRejected
    from backstory.research.fit import (
        candidate_feature_sets,
        check_features,
        in_sample_figures,
        nested_cross_validation,
    )
    from backstory.research.fit import fit as fit_calibration

    if (path is None) == (not sets):
        raise click.UsageError("give either PATH or one or more --set NAME=PATH[:thin]")
    chosen_features = [name.strip() for name in features.split(",") if name.strip()]
    try:
        check_features(chosen_features)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    settings = _settings()
    try:
        rows = _fit_rows(settings, path, sets, extra)
    except (ValueError, ImportRejected) as exc:
        raise click.ClickException(str(exc)) from exc
    command = shlex.join(
        [
            "backstory",
            "fit",
            *([str(path)] if path is not None else []),
            *(arg for labelled in sets for arg in ("--set", str(labelled))),
            *(arg for file in extra for arg in ("--with", str(file))),
            *("--folds", str(folds), "--repeats", str(repeats), "--regularisation", str(regularisation)),
            *("--negative-weight", str(negative_weight), "--features", ",".join(chosen_features)),
            *(["-o", str(output)] if output is not None else []),
        ]
    )
    # scikit-learn's ValueErrors say what is wrong with the data (too few articles of a kind for the folds).
    try:
        if nested is not None:
            columns = (TextColumn("nested cross-validation"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, console=err, transient=True) as progress:
                task = progress.add_task("nested", total=nested * folds)
                result = nested_cross_validation(
                    rows,
                    folds=folds,
                    repeats=nested,
                    threshold=settings.confidence_threshold,
                    negative_weight=negative_weight,
                    feature_sets=candidate_feature_sets(chosen_features),
                    progress=lambda done, _total: progress.update(task, completed=done),
                )
            _print_nested(result, f"{nested} x {folds} folds")
        calibration = fit_calibration(
            rows,
            folds=folds,
            repeats=repeats,
            threshold=settings.confidence_threshold,
            regularisation=regularisation,
            negative_weight=negative_weight,
            features=chosen_features,
            source=path.name if path is not None else "",
            command=command,
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    _print_fit_figures(in_sample_figures(rows, calibration, settings.confidence_threshold), calibration)
    text = msgspec.json.format(msgspec.json.encode(calibration)).decode() + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"calibration written to {output}", markup=False, soft_wrap=True)


def _fit_rows(settings: Settings, path: Path | None, sets: list[LabelledSet], extra: tuple[Path, ...]) -> list[Row]:
    """Feature rows of PATH (against the stored event set, or the in-memory one when --with is given), or of each
    --set against its own event set, built once per kind (full or thinned bundled story)."""
    from backstory.research.evaluation import read_items
    from backstory.research.eventsets import event_set
    from backstory.research.fit import collect_rows

    if path is not None:
        matcher = _Matcher(settings, catalog=event_set(extra) if extra else None)
        service = matcher.service
        return collect_rows(read_items(path), matcher.snapshot.index, service.detector.detect, service.semantic)
    matchers: dict[bool, _Matcher] = {}
    rows: list[Row] = []
    for labelled in sets:
        if labelled.thin not in matchers:
            matchers[labelled.thin] = _Matcher(settings, catalog=event_set(extra, thin=labelled.thin))
        matcher = matchers[labelled.thin]
        service = matcher.service
        rows += collect_rows(
            read_items(labelled.path),
            matcher.snapshot.index,
            service.detector.detect,
            service.semantic,
            set_name=labelled.name,
        )
    return rows


def _print_fit_figures(in_sample: dict[str, float], calibration: Calibration) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="backstory fit", show_header=True, header_style="bold")
    table.add_column("figure")
    table.add_column("in-sample", justify="right")
    table.add_column("cross-validated", justify="right")
    for name, value in calibration.cross_validation.items():
        table.add_row(escape(name), f"{in_sample[name]}" if name in in_sample else "", f"{value}")
    err.print(table)
    err.print(f"coef {calibration.coef}, intercept {calibration.intercept}", markup=False, soft_wrap=True)


def _print_nested(result: NestedResult, splits: str) -> None:
    err.print(f"nested cross-validation ({splits}): {result.metrics}", markup=False, soft_wrap=True)
    for (chosen, c), count in Counter(result.choices).most_common():
        err.print(
            f"  chosen {count} of {len(result.choices)} times: --features {','.join(chosen)} --regularisation {c}",
            soft_wrap=True,
        )


@main.command()
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
def openapi(output: Path | None) -> None:
    """Export the API's OpenAPI schema (the contract in shared/api/openapi.json)."""
    from backstory.openapi import openapi_json

    text = openapi_json()
    if output is None:
        sys.stdout.write(text)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        err.print(f"OpenAPI schema written to {output}")


@main.command()
@click.option("--apply", "apply_", is_flag=True, help="Apply the creates and updates (default: only show them).")
def bundled(apply_: bool) -> None:
    """Compare this release's bundled story with the store, and apply it; records curators changed stay theirs."""
    from rich.table import Table

    from backstory.curation import CurationService
    from backstory.events.store import read_bundled

    settings = msgspec.structs.replace(_settings(), load_bundled=False)
    records = read_bundled()
    plan = asyncio.run(
        _with_store(
            settings, lambda store: CurationService(store, catalog=None).apply_bundled(records, dry_run=not apply_)
        )
    )
    steps = Counter(change.step for change in plan.changes)
    table = Table(show_header=True, header_style="bold", title="bundled story against the store")
    for column in ("step", "record"):
        table.add_column(column)
    for change in plan.changes:
        if change.step not in ("unchanged", "kept"):
            table.add_row(change.step, f"{change.kind}:{change.id}")
    out.print(table)
    summary = ", ".join(f"{count} {step}" for step, count in sorted(steps.items()))
    verb = "applied" if apply_ else "would apply (dry run; --apply to apply)"
    err.print(f"{verb}: {summary}")
    if plan.conflicts:
        err.print(
            f"{len(plan.conflicts)} conflict(s): a curator changed these records and the release changes them too; "
            "they were left as the curator made them. Compare with `backstory export` and edit them by hand."
        )


@main.group()
def admin() -> None:
    """Admin API tokens (BACKSTORY_DATABASE_URL names the database)."""


@admin.command(name="create-token")
@click.option("--name", required=True, help="Who the token is for: the audit log names its writes so.")
@click.option("--read-only", is_flag=True, help="A token that may read the admin API but change nothing.")
def create_token(name: str, read_only: bool) -> None:
    """Create a token; it is printed once, alone on the last line, and stored only as a digest."""
    from backstory.errors import BackstoryError
    from backstory.events.tokens import TokenStore

    try:
        token = asyncio.run(
            _with_store(_settings(), lambda store: TokenStore(store.engine).create(name, read_only=read_only))
        )
    except BackstoryError as exc:
        raise click.ClickException(exc.detail) from exc
    kind = "read-only token" if read_only else "token"
    err.print(f"Created the {kind} {name!r}. Keep it now: it cannot be shown again.")
    sys.stdout.write(token + "\n")


@admin.command(name="tokens")
def list_tokens() -> None:
    """List tokens: name, access, created, revoked."""
    from rich.table import Table

    from backstory.events.tokens import TokenStore

    tokens = asyncio.run(_with_store(_settings(), lambda store: TokenStore(store.engine).list()))
    table = Table(show_header=True, header_style="bold")
    for column in ("name", "access", "created", "revoked"):
        table.add_column(column)
    for info in tokens:
        access = "read-only" if info.read_only else "read-write"
        table.add_row(
            info.name,
            access,
            f"{info.created_at:%Y-%m-%d %H:%M}",
            f"{info.revoked_at:%Y-%m-%d %H:%M}" if info.revoked_at else "",
        )
    out.print(table)


@admin.command(name="revoke-token")
@click.argument("name")
def revoke_token(name: str) -> None:
    """Revoke the token NAME at once, in every instance."""
    from backstory.errors import BackstoryError
    from backstory.events.tokens import TokenStore

    try:
        asyncio.run(_with_store(_settings(), lambda store: TokenStore(store.engine).revoke(name)))
    except BackstoryError as exc:
        raise click.ClickException(exc.detail) from exc
    err.print(f"Revoked {name!r}.")
