"""The Python API the ``quotes`` command is a thin layer over.

Two jobs: :func:`extract_files` (articles in, attributed quotes out, no database)
and :func:`build` (articles in, SQLite database and Whoosh index out, incremental).
Both run the same stages: ingest, extract, resolve speakers across articles,
cluster versions of one statement.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from spacy.language import Language

from .aliases import Aliases, load_aliases
from .clusters import cluster_quotes
from .errors import DuplicateArticle, StoreError
from .extract import extract_articles, load_nlp
from .ingest import find_inputs, read_articles, read_sidecar
from .model import Article, Cluster, Problem, Quote, Speaker
from .search import IndexReport, sync_index
from .speakers import resolve_speakers
from .store import Store

ProgressCallback = Callable[[int, int], None]


@dataclass
class ExtractResult:
    """What :func:`extract_files` found, and what it could not read."""

    articles: list[Article]
    quotes: list[Quote]
    speakers: list[Speaker]
    clusters: list[Cluster]
    problems: list[Problem]


@dataclass
class BuildReport:
    """What :func:`build` changed, so the CLI can say it and set its exit status."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    quotes: int = 0
    speakers: int = 0
    clusters: int = 0
    index: IndexReport | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.fatal for p in self.problems)


def read_inputs(
    paths: Sequence[str | Path], metadata_path: str | Path | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read every article under ``paths`` (with a sidecar metadata table), keeping problems apart."""
    problems: list[Problem] = []
    metadata = None
    if metadata_path is not None:
        metadata, metadata_problems = read_sidecar(metadata_path)
        problems.extend(metadata_problems)
    files, path_problems = find_inputs(paths)
    problems.extend(path_problems)
    articles: list[Article] = []
    for item in read_articles(files, metadata):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            articles.append(item)
    return articles, problems


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
    resolution = resolve_speakers(found, aliases)
    clusters = cluster_quotes(found, {a.doc: a for a in articles}, resolution.speaker_of)
    cluster_of = {m.quote_id: c.id for c in clusters for m in c.members}
    quotes = [
        dataclasses.replace(
            q, speaker_id=resolution.speaker_of.get(q.quote_id), cluster_id=cluster_of.get(q.quote_id)
        )
        for q in found
    ]
    return ExtractResult(articles, quotes, resolution.speakers, clusters, problems)


def _is_unchanged(store: Store, article: Article) -> bool:
    """True when the stored article has the same text and the same source facts."""
    stored = store.article(article.doc)
    if stored is None or stored.sha256 != article.sha256:
        return False
    facts = ("title", "published", "author", "outlet", "url")
    return all(getattr(stored, name) == getattr(article, name) for name in facts)


def build(
    paths: Sequence[str | Path],
    db_path: str | Path = "quotes.db",
    index_dir: str | Path = "index",
    *,
    metadata_path: str | Path | None = None,
    aliases_path: str | Path | None = None,
    model: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> BuildReport:
    """Bring the database and the index up to date with the articles under ``paths``.

    Incremental and idempotent: an unchanged article is skipped, a changed one
    replaces its old quotes, and articles not named are left as they are.
    Speakers and clusters are then resolved over the whole database, and the
    index is synced to it, so the two always agree.
    """
    aliases = load_aliases(aliases_path) if aliases_path else None
    articles, problems = read_inputs(paths, metadata_path)
    report = BuildReport(problems=problems)
    store = Store(db_path)
    changed = []
    for article in articles:
        if _is_unchanged(store, article):
            report.unchanged += 1
        else:
            changed.append(article)
    if changed:
        nlp = load_nlp(model)
        for done, (article, found) in enumerate(extract_articles(nlp, changed), start=1):
            is_new = store.article_sha256(article.doc) is None
            try:
                store.save_article(article, found)
            except StoreError as error:
                fatal = not isinstance(error, DuplicateArticle)
                report.problems.append(Problem(article.path or article.doc, str(error), fatal=fatal))
            else:
                if is_new:
                    report.added += 1
                else:
                    report.replaced += 1
            if on_progress:
                on_progress(done, len(changed))
    resolve_collection(store, aliases)
    counts = store.counts()
    report.quotes, report.speakers, report.clusters = counts["quotes"], counts["speakers"], counts["clusters"]
    report.index = sync_index(store, index_dir)
    return report


def resolve_collection(store: Store, aliases: Aliases | None = None) -> None:
    """Resolve speakers and cluster statements over every quote in the database."""
    quotes = store.quotes()
    resolution = resolve_speakers(quotes, aliases)
    store.save_speakers(resolution.speakers, resolution.speaker_of)
    articles = {a.doc: a for a in store.articles()}
    store.save_clusters(cluster_quotes(quotes, articles, resolution.speaker_of))
