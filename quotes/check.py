"""``quotes check``: verify the whole store, and repair what is derived from the articles.

What a quote cites must hold, so :func:`check` verifies:

- SQLite's own integrity (``PRAGMA integrity_check``) and every declared link
  (``PRAGMA foreign_key_check``): each quote's article, outlet, speaker and
  cluster, each cluster's speaker and first quote, each alias's article exist;
- each article's text against its SHA-256, and each alias's hash against its article's;
- each quote's offsets (the quote, the speaker mention, the cue) against its
  article's text, and its ID against its article, words and occurrence;
- that no ID is both live and retired, and every retired ID leads to a live quote or nowhere;
- the search index against the database: the same quote IDs with the same fingerprints.

With ``repair=True`` what is derived is made again, under the writer lock:
the quotes of an article whose text is intact are extracted again, speakers
and clusters are resolved again, and the index is synced (rebuilt when
damaged). A damaged article text is source data: ``quotes build`` on its file
stores it again.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index

from .aliases import Aliases, load_aliases
from .lock import DEFAULT_WAIT, writer_lock
from .model import Article, Quote, identify, sha256_text
from .index import index_documents, indexed_fingerprints
from .store import Store, first_few

# Kinds of problem ``--repair`` can make right, because they are derived from the articles.
REPAIRABLE = {"quote", "link", "index"}


@dataclass(frozen=True)
class Finding:
    """One problem: its kind, where it is (an article, a quote ID, a table, the index) and what is wrong."""

    kind: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class CheckReport:
    """What :func:`check` verified, what it found, and what a repair fixed."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    repaired: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem is left (none found, or every one repaired)."""
        return not self.problems


def check(
    db_path: str | Path,
    index_dir: str | Path,
    repair: bool = False,
    *,
    aliases_path: str | Path | None = None,
    model: str | None = None,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> CheckReport:
    """Verify the database at ``db_path`` and the index in ``index_dir``; with ``repair``, fix what is derived.

    ``aliases_path`` (the curation file) and ``model`` (the spaCy pipeline)
    are what a repair resolves speakers and extracts quotes with.
    """
    with Store(db_path, readonly=True) as store:
        checked, problems = _verify(store, index_dir)
    report = CheckReport(checked=checked, problems=problems)
    if repair and any(p.kind in REPAIRABLE for p in problems):
        aliases = load_aliases(aliases_path) if aliases_path else None
        with writer_lock(db_path, wait=wait, on_wait=on_wait), Store(db_path) as store:
            _repair(store, index_dir, problems, aliases, model)
        with Store(db_path, readonly=True) as store:
            report.checked, report.problems = _verify(store, index_dir)
        report.repaired = [p for p in problems if p not in report.problems]
    return report


def _verify(store: Store, index_dir: str | Path) -> tuple[dict[str, int], list[Finding]]:
    problems = list(_integrity(store))
    if problems:  # a damaged file answers anything else wrongly
        return {}, problems
    problems += _links(store)
    articles = {a.doc: a for a in store.articles()}
    quotes = store.quotes()
    problems += _texts(store, articles)
    problems += _quotes(articles, quotes)
    problems += _ids(store)
    checked_index = _index(store, index_dir)
    problems += checked_index[1]
    checked = {"articles": len(articles), "quotes": len(quotes), "index documents": checked_index[0]}
    return checked, problems


def _integrity(store: Store) -> Iterator[Finding]:
    for message in store.integrity_messages():
        if message != "ok":
            yield Finding("sqlite", str(store.path), f"SQLite integrity check: {message}")


def _links(store: Store) -> Iterator[Finding]:
    """Every declared link (foreign key) that points at no row."""
    for link in store.broken_links():
        yield Finding("link", f"{link.table} {link.key}", f"{link.column} {link.value!r} is in no row of {link.parent}")


def _texts(store: Store, articles: dict[str, Article]) -> Iterator[Finding]:
    """Each article's text against its stored hash, and each alias's hash against its article's."""
    for doc, article in articles.items():
        if sha256_text(article.text) != store.article_sha256(doc):
            yield Finding("text", doc, "the stored text does not match its SHA-256; "
                                       "`quotes build` on its file stores it again")
    for doc, article_id, sha, article_sha in store.alias_hashes():
        if sha != article_sha:
            yield Finding("text", doc, f"an alias of {article_id}, but their texts' SHA-256 differ")
    for doc in store.keys_both_article_and_alias():
        yield Finding("text", doc, "both an article and an alias")


def _quotes(articles: dict[str, Article], quotes: list[Quote]) -> Iterator[Finding]:
    """Each quote's three spans against its article's text, and its ID against its article, words and occurrence."""
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.doc, []).append(q)
    for doc, article_quotes in by_article.items():
        article = articles.get(doc)
        if article is None:
            continue  # a quote of no article is a broken link, found by _links
        expected_ids = {(q.start, q.end): q.quote_id for q in identify(article, article_quotes)}
        for q in article_quotes:
            for what, span in q.spans().items():
                found = span.found_in(article.text)
                if found != span.text:
                    yield Finding("quote", q.quote_id, f"{what} at {span.start}:{span.end} is {span.text!r} but the "
                                                       f"text of {doc} there is {found!r}")
            if expected_ids[(q.start, q.end)] != q.quote_id:
                yield Finding("quote", q.quote_id, f"the ID does not follow from {doc}, the quote's words and "
                                                   f"their occurrence (expected {expected_ids[(q.start, q.end)]})")


def _ids(store: Store) -> Iterator[Finding]:
    """No ID both live and retired; a retired ID leads to a live quote or nowhere."""
    live_and_retired, dangling = store.retired_id_conflicts()
    for quote_id in live_and_retired:
        yield Finding("id", quote_id, "both a stored quote and a retired one")
    for quote_id, replaced_by in dangling:
        yield Finding("id", quote_id, f"retired, leading to {replaced_by}, which is no stored quote")


def _index(store: Store, index_dir: str | Path) -> tuple[int, list[Finding]]:
    """How many documents the index holds, and how it differs from the database."""
    where = str(index_dir)
    if not index.exists_in(Path(index_dir)):
        return 0, [Finding("index", where, "no search index here")]
    try:
        present = indexed_fingerprints(index.open_dir(Path(index_dir)))
    except Exception as error:  # Whoosh has no common error type for a truncated or missing segment
        return 0, [Finding("index", where, f"the search index is damaged ({type(error).__name__}: {error})")]
    wanted = {doc["quote_id"]: doc["fingerprint"] for doc in index_documents(store)}
    missing = sorted(wanted.keys() - present.keys())
    extra = sorted(present.keys() - wanted.keys())
    stale = sorted(qid for qid in wanted.keys() & present.keys() if wanted[qid] != present[qid])
    findings = []
    for ids, what in ((missing, "not indexed"), (extra, "indexed but not stored"),
                      (stale, "indexed with outdated values")):
        if ids:
            findings.append(Finding("index", where, f"{len(ids)} quotes {what}: {first_few(ids)}"))
    pending = store.pending_index_updates()
    if findings and pending:
        findings.append(Finding("index", where, f"a build was interrupted while updating the index "
                                                f"({len(pending)} quotes pending); the next `quotes build` finishes it"))
    return len(present), findings


def _repair(
    store: Store, index_dir: str | Path, problems: list[Finding], aliases: Aliases | None, model: str | None
) -> None:
    """Extract again the articles whose quotes are wrong (their text being intact), resolve again, sync the index."""
    # Imported here: a check that repairs nothing needs neither spaCy nor the resolvers.
    from .build import commit, finish_index
    from .extract import extract_articles, load_nlp

    damaged_texts = {p.where for p in problems if p.kind == "text"}
    broken_quotes = {p.where for p in problems if p.kind == "quote"}
    docs = sorted({q.doc for q in store.quotes() if q.quote_id in broken_quotes} - damaged_texts)
    found = list(extract_articles(load_nlp(model), [store.article(doc) for doc in docs])) if docs else []

    def save_extracted() -> None:
        for article, quotes in found:
            store.save_article(article, quotes)

    if found or any(p.kind == "link" for p in problems):
        commit(store, aliases, save_extracted)
    finish_index(store, index_dir)
