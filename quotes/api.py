"""The Python API the ``quotes`` command is a thin layer over.

Two jobs: :func:`extract_files` (articles in, attributed quotes out, no database)
and :func:`build` (articles in, SQLite database and Whoosh index out, incremental).
Both run the same stages: ingest, extract, resolve speakers across articles,
cluster versions of one statement.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterator, Mapping, Sequence

from spacy.language import Language

from .aliases import load_aliases
from .build import BuildReport, Inputs, ProgressCallback, run_build
from .clusters import cluster_quotes
from .errors import BuildInterrupted
from .extract import extract_articles, load_nlp
from .ingest import InputFile, find_inputs, read_articles, read_sidecar
from .lock import DEFAULT_WAIT, writer_lock
from .model import Article, Cluster, Problem, Quote, Speaker
from .names import headlines_by_doc
from .speakers import resolve_speakers
from .store import Store

__all__ = ["BuildReport", "ExtractResult", "build", "extract_files", "read_inputs"]


@dataclass
class ExtractResult:
    """What :func:`extract_files` found, and what it could not read."""

    articles: list[Article]
    quotes: list[Quote]
    speakers: list[Speaker]
    clusters: list[Cluster]
    problems: list[Problem]


def read_inputs(
    paths: Sequence[str | Path], metadata_path: str | Path | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read every article under ``paths`` (with a sidecar metadata table), keeping problems apart."""
    scan = _Scan.of(paths, metadata_path, keep_texts=True)
    return scan.articles, scan.problems


@dataclass
class _Scan:
    """The input files under some paths, their sidecar table, the articles read from them and what could not be."""

    files: list[InputFile]
    metadata: Mapping[str, dict] | None
    articles: list[Article]
    problems: list[Problem]

    @classmethod
    def of(cls, paths: Sequence[str | Path], metadata_path: str | Path | None, *, keep_texts: bool) -> _Scan:
        """Read them all; without ``keep_texts``, each article's text is dropped once hashed."""
        metadata, problems = read_sidecar(metadata_path) if metadata_path is not None else (None, [])
        files, file_problems = find_inputs(paths)
        scan = cls(files, metadata, [], problems + file_problems)
        for item in read_articles(files, metadata):
            if isinstance(item, Problem):
                scan.problems.append(item)
            else:
                scan.articles.append(item if keep_texts else item.without_text())
        return scan

    def read_again(self, wanted: Collection[Article]) -> Iterator[Article]:
        """The ``wanted`` articles read again from their files, texts and all (problems were told the first time)."""
        docs, shown = {a.doc for a in wanted}, {a.path for a in wanted}
        for item in read_articles([file for file in self.files if file.shown in shown], self.metadata):
            if isinstance(item, Article) and item.doc in docs:
                yield item


def extract_files(
    paths: Sequence[str | Path],
    *,
    metadata_path: str | Path | None = None,
    aliases_path: str | Path | None = None,
    nlp: Language | None = None,
    n_process: int = 1,
) -> ExtractResult:
    """Extract, attribute, resolve and cluster the quotes of the articles under ``paths``.

    Speakers and clusters are resolved across all the given files, as a build
    does; each quote comes back with the ``speaker_id`` and ``cluster_id``
    they assigned. The curation file is read first, so a broken one stops the
    run before any parse.
    """
    aliases = load_aliases(aliases_path) if aliases_path else None
    articles, problems = read_inputs(paths, metadata_path)
    nlp = nlp or load_nlp()
    found = [q for _, quotes in extract_articles(nlp, articles, n_process=n_process) for q in quotes]
    by_doc = {a.doc: a for a in articles}
    resolution = resolve_speakers(found, aliases, headlines_by_doc(articles))
    clusters = cluster_quotes(found, by_doc, resolution.speaker_of)
    cluster_of = {m.quote_id: c.id for c in clusters for m in c.members}
    quotes = [
        dataclasses.replace(
            q, speaker_id=resolution.speaker_of.get(q.quote_id), cluster_id=cluster_of.get(q.quote_id)
        )
        for q in found
    ]
    return ExtractResult(articles, quotes, resolution.speakers, clusters, problems)


def build(
    paths: Sequence[str | Path],
    db_path: str | Path = "quotes.db",
    index_dir: str | Path = "index",
    *,
    metadata_path: str | Path | None = None,
    aliases_path: str | Path | None = None,
    model: str | None = None,
    processes: int = 1,
    dask: str | None = None,
    full: bool = False,
    on_progress: ProgressCallback | None = None,
    on_wait: Callable[[str], None] | None = None,
    wait: float = DEFAULT_WAIT,
) -> BuildReport:
    """Bring the database and the index up to date with the articles under ``paths``.

    Incremental and idempotent: an unchanged article is skipped, a changed one
    replaces its old quotes, a renamed one moves, one with the text of another
    becomes its alias, and articles not named are left as they are. Speakers
    and clusters are then resolved again where the changed articles reach
    (over the whole database when ``full``; the result is the same, see
    :mod:`quotes.resolution`), and the index is synced to it. A reader sees the database before the build or after it
    (see :mod:`quotes.build`).

    Extraction runs in ``processes`` processes, or on the Dask cluster whose
    scheduler is at ``dask`` (``"local"`` starts one here); the quotes and
    their IDs are those of a one-process build.

    One build runs at a time on a database: another one waits for it (telling
    ``on_wait``) for up to ``wait`` seconds, then raises
    :class:`~quotes.errors.BuildLocked`. Ctrl-C raises
    :class:`~quotes.errors.BuildInterrupted`, saying what was saved.
    """
    aliases = load_aliases(aliases_path) if aliases_path else None
    scan = _Scan.of(paths, metadata_path, keep_texts=False)
    inputs, problems = Inputs(scan.articles, scan.read_again), scan.problems
    try:
        with writer_lock(db_path, wait=wait, on_wait=on_wait), Store(db_path) as store:
            report = run_build(store, inputs, index_dir, roots=paths, aliases=aliases, model=model,
                               processes=processes, dask=dask, full=full, on_progress=on_progress)
    except KeyboardInterrupt:
        raise BuildInterrupted(f"Interrupted before anything was changed in {db_path} or its index.") from None
    report.problems[:0] = problems
    return report
