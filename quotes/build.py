"""How a build brings the database and the search index up to date without ever showing half a build.

:func:`quotes.api.build` reads the inputs, takes the writer lock
(:mod:`quotes.lock`) and calls :func:`run_build`, which goes in stages:

1. **plan** (:mod:`quotes.identity`): which keys are new, changed, aliases of
   another key's text, or renamed. Nothing is written.
2. **extract**: spaCy reads the texts no stored article holds (the slow part).
   Every few articles the results are staged in the database
   (``staged_extractions``, which no reader looks at), so an interrupted
   build's work is kept and the next build goes on from there.
3. **commit**: one SQLite transaction saves the changed articles, resolves
   speakers and clusters again where the changed articles reach (see
   :mod:`quotes.resolution`; over the whole database with ``full``), and
   notes in ``index_journal`` the quotes whose search documents change. Readers
   (``quotes serve``, ``search``, ``show``) see the database before it or
   after it, never in between.
4. **index**: the Whoosh index is synced with the database, then the journal
   is cleared. Until then the journal says which quotes the index lags on; an
   interrupted sync is finished by the next build, whether anything changed
   or not. A missing or damaged index is rebuilt from the database, with a
   warning.

Ctrl-C stops a build with :class:`~quotes.errors.BuildInterrupted`, whose
message says what was saved.

Test hook: with ``QUOTES_TEST_STOP_AT`` set to one of :data:`STAGES`, the build
sends itself ``QUOTES_TEST_STOP_SIGNAL`` (``KILL``, the default, or ``INT``)
at that point, so tests can stop a real build exactly there:
``after-extract``, ``in-transaction`` (every write done, nothing committed),
``after-commit`` (database committed, index not synced) and
``after-index-sync`` (index synced, journal not yet cleared).
"""
from __future__ import annotations

import dataclasses
import gc
import itertools
import os
import signal
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .aliases import Aliases
from .errors import BuildInterrupted, QuotesError, SearchError, StoreError
from .distribute import extract_batches
from .extract import choose_model
from .identity import ArticlePlan, plan_articles
from .model import Article, Problem, Quote
from .index import IndexReport, sync_index
from .resolution import Resolution, resolving
from .store import Store, StoredKey

ProgressCallback = Callable[[int, int], None]

STOP_AT_ENV = "QUOTES_TEST_STOP_AT"
STOP_SIGNAL_ENV = "QUOTES_TEST_STOP_SIGNAL"
STAGES = ("after-extract", "in-transaction", "after-commit", "after-index-sync")
# Extracted articles staged per small commit while spaCy reads.
STAGE_EVERY = 8
# The files Whoosh makes in an index folder: tables of contents, segments, its write lock.
WHOOSH_FILES = ("_MAIN_*.toc", "MAIN_*")


@dataclass
class BuildReport:
    """What a build changed, so the CLI can say it and set its exit status."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    moved: int = 0
    quotes: int = 0
    speakers: int = 0
    clusters: int = 0
    index: IndexReport | None = None
    resolution: Resolution | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.fatal for p in self.problems)


@dataclass
class Inputs:
    """What a build reads: every input article without its text (its key, text hash and source facts:
    what the plan needs), and ``read``, which reads the texts of some of them again, one at a time.

    So a build of 100k files holds 100k small records, not 100k texts: texts
    are read for extraction, a batch at a time, and again when saved.
    """

    articles: list[Article]
    read: Callable[[Collection[Article]], Iterator[Article]]


def run_build(
    store: Store,
    inputs: Inputs,
    index_dir: str | Path,
    *,
    roots: Sequence[str | Path] = (),
    aliases: Aliases | None = None,
    model: str | None = None,
    processes: int = 1,
    dask: str | None = None,
    full: bool = False,
    on_progress: ProgressCallback | None = None,
) -> BuildReport:
    """Bring ``store`` and the index in ``index_dir`` up to date with ``inputs`` (read from ``roots``).

    Extraction runs in ``processes`` processes, or on the Dask cluster at
    ``dask`` (see :mod:`quotes.distribute`). Speakers and clusters are
    resolved again where the changes reach, or everywhere when ``full``
    (see :mod:`quotes.resolution`). The caller holds the writer lock.
    Raises :class:`BuildInterrupted` on Ctrl-C.
    """
    stored = store.stored_keys(inputs.articles)
    plan = plan_articles(inputs.articles, stored, gone_keys(stored, inputs.articles, roots))
    report = BuildReport(added=plan.added, replaced=plan.replaced, unchanged=plan.unchanged, moved=plan.moved)
    report.problems = [
        Problem(alias.article.path or alias.doc, f"same text as the stored article {alias.of}; not stored twice "
                                                 "(kept as an alias of it, with its own source)", fatal=False)
        for alias in plan.aliases if alias.article is not None
    ]
    model_name = choose_model(model)
    extracted = _extract(store, inputs, plan.to_extract, model_name, processes, dask, on_progress, report.problems)

    def save() -> None:
        ready = [article for article in plan.to_extract if store.has_staged_extraction(article.sha256, model_name)]
        texts = _as_planned(inputs.read(ready), ready, report.problems)
        staged = ((article, store.staged_extraction(article.sha256, model_name)) for article in texts)
        report.problems.extend(apply_plan(store, plan, staged))

    try:
        checkpoint("after-extract")
        report.resolution = commit(store, aliases, save, plan.touched_docs, full=full)
    except KeyboardInterrupt:
        kept = f"; the quotes of the {extracted} articles extracted are kept" if extracted else ""
        raise BuildInterrupted(
            f"Interrupted before saving: nothing was changed in {store.path} or its index{kept}. "
            "Run `quotes build` again to finish the job."
        ) from None
    saved = plan.added + plan.replaced + plan.moved
    try:
        checkpoint("after-commit")
        counts = store.counts()
        report.quotes, report.speakers, report.clusters = counts["quotes"], counts["speakers"], counts["clusters"]
        report.index, warning = finish_index(store, index_dir)
        if warning:
            report.problems.append(warning)
    except KeyboardInterrupt:
        raise BuildInterrupted(
            f"Interrupted while updating the search index: {saved} changed articles were saved in {store.path}, "
            f"and {len(store.pending_index_updates())} quotes are pending in the index {index_dir} "
            "(a search may not find them yet). The next `quotes build` brings the index up to date.",
            saved=saved,
        ) from None
    return report


def commit(
    store: Store, aliases: Aliases | None, changes: Callable[[], object], docs: Iterable[str] | None = None,
    *, full: bool = False,
) -> Resolution:
    """One transaction: ``changes`` to the articles ``docs``, speakers and clusters resolved again where they
    reach (everywhere when ``full`` or ``docs`` is None), and the quotes whose index documents change noted
    in the journal."""
    with _collector_paused(), store.transaction():
        with resolving(store, aliases, docs or (), full=full or docs is None) as resolution:
            changes()
        checkpoint("in-transaction")
    return resolution


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block: saving and resolving make hundreds of thousands of
    objects and free them by reference counting, while each full collection walks every object of the process,
    the loaded spaCy model's too (1.3 s of CPU in a 7 s commit of a 1-article build at 250,000 quotes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def finish_index(store: Store, index_dir: str | Path) -> tuple[IndexReport, Problem | None]:
    """Bring the index in line with the committed database (see :func:`sync_search_index`), then clear the journal."""
    report, warning = sync_search_index(store, index_dir)
    checkpoint("after-index-sync")
    store.clear_index_updates()
    return report, warning


def gone_keys(stored: Mapping[str, StoredKey], articles: Sequence[Article], roots: Sequence[str | Path]) -> set[str]:
    """Stored keys whose file was renamed or deleted.

    A key is gone when this run did not read it although its file lies under
    one of ``roots`` (the paths given to the build), and that file no longer
    exists or was read without yielding it (a JSON record renamed). Keys from
    elsewhere are not this run's business.
    """
    root_paths = [Path(root).resolve() for root in roots]
    read_docs = {article.doc for article in articles}
    read_files = {Path(article.path).resolve() for article in articles if article.path}
    gone = set()
    for doc, key in stored.items():
        if doc in read_docs or not key.path:
            continue
        path = Path(key.path).resolve()
        if any(path.is_relative_to(root) for root in root_paths) and (path in read_files or not path.exists()):
            gone.add(doc)
    return gone


def sync_search_index(store: Store, index_dir: str | Path) -> tuple[IndexReport, Problem | None]:
    """Sync the index with ``store`` by the journal (see :func:`~quotes.index.sync_index`); a damaged one is
    deleted and rebuilt from the database.

    Returns the sync's report and, when the index had to be rebuilt, a
    warning saying why.
    """
    try:
        return sync_index(store, index_dir, store.pending_index_updates()), None
    except (QuotesError, sqlite3.Error):
        raise
    except Exception as error:  # Whoosh has no common error type for a truncated or missing segment
        damage = f"{type(error).__name__}: {error}"
    remove_index_files(index_dir)
    try:
        report = sync_index(store, index_dir)
    except OSError as error:
        raise SearchError(f"cannot write the search index in {index_dir}: {error}") from None
    return report, Problem(str(index_dir), f"the search index was damaged ({damage}); rebuilt from the database",
                           fatal=False)


def remove_index_files(index_dir: str | Path) -> None:
    """Delete the files Whoosh made in ``index_dir``, and nothing else that may live there."""
    folder = Path(index_dir)
    for pattern in WHOOSH_FILES:
        for path in folder.glob(pattern):
            if path.is_file():
                path.unlink()


def checkpoint(stage: str) -> None:
    """The test hook: stop with a signal here when ``QUOTES_TEST_STOP_AT`` names ``stage``.

    ``raise_signal`` sends it to this thread, so Python handles it here; a
    signal sent to the process may reach another thread (a pool's, Whoosh's)
    and be handled only later, past the stage under test.
    """
    if os.environ.get(STOP_AT_ENV) == stage:
        signal.raise_signal(getattr(signal, "SIG" + os.environ.get(STOP_SIGNAL_ENV, "KILL")))


def _extract(
    store: Store,
    inputs: Inputs,
    articles: list[Article],
    model: str,
    processes: int,
    dask: str | None,
    on_progress: ProgressCallback | None,
    problems: list[Problem],
) -> int:
    """Extract and stage the quotes of ``articles`` (without texts) that no earlier build staged: their
    texts are read again as extraction takes them, so only a few batches are in memory. Returns how many
    articles have staged quotes."""
    to_read = [article for article in articles if not store.has_staged_extraction(article.sha256, model)]
    done = len(articles) - len(to_read)
    if not to_read:
        return done
    batch: list[tuple[Article, list[Quote]]] = []
    texts = _as_planned(inputs.read(to_read), to_read, problems)
    try:
        for article, quotes in extract_batches(texts, model=model, processes=processes, dask=dask):
            done += 1
            batch.append((article, quotes))
            if len(batch) == STAGE_EVERY:
                store.stage_extractions(model, batch)
                batch = []
            if on_progress:
                on_progress(done, len(articles))
        store.stage_extractions(model, batch)
    except KeyboardInterrupt:
        store.stage_extractions(model, batch)
        raise BuildInterrupted(
            f"Interrupted while extracting: nothing was changed in {store.path} or its index. "
            f"The quotes of the {done} of {len(articles)} articles extracted so far are kept, "
            "and the next `quotes build` goes on from there."
        ) from None
    return done


def _as_planned(read: Iterable[Article], planned: Collection[Article], problems: list[Problem]) -> Iterator[Article]:
    """The articles read again whose text is still the one planned with; the others are named in ``problems``."""
    hashes = {article.doc: article.sha256 for article in planned}
    seen = set()
    for article in read:
        seen.add(article.doc)
        if article.sha256 == hashes.get(article.doc):
            yield article
        else:
            problems.append(Problem(article.path or article.doc, "changed while the build was reading it; "
                                                                 "left as it was: build again"))
    problems.extend(Problem(article.path or article.doc, "could not be read again; left as it was: build again")
                    for article in planned if article.doc not in seen)


def apply_plan(
    store: Store, plan: ArticlePlan, extracted: Iterable[tuple[Article, list[Quote]]]
) -> list[Problem]:
    """Write the plan: every holder's text first, then the aliases pointing at them, then renamed keys;
    the staged extractions are saved with it. ``extracted`` gives the text and
    quotes of each of :attr:`~quotes.identity.ArticlePlan.to_extract`, in any
    order, one at a time (so their texts need not be in memory together).

    Everything the plan takes from the store (a source's text and quotes, a
    kept alias's facts) is read before the first write, since a source may
    itself be rewritten by the plan. An article the store refuses (a date
    that is no date) is left as it was, and so are its aliases and renames;
    the refusals come back as problems.
    """
    from_store = [
        (_with_text(save.article, store.article(save.source)) if save.article else store.alias(save.doc),
         _unstamped(store.quotes(save.source)))
        for save in plan.saves if save.source is not None
    ]
    aliases = [(alias.article or store.alias(alias.doc) or store.article(alias.doc), alias.of)
               for alias in plan.aliases]
    problems, refused = [], set()
    wanted = {article.doc for article in plan.to_extract}
    for article, quotes in itertools.chain(from_store, extracted):
        wanted.discard(article.doc)
        try:
            store.save_article(article, quotes)
        except StoreError as error:  # refused before any write: the rest of the plan goes on
            problems.append(Problem(article.path or article.doc, str(error)))
            refused.add(article.doc)
    refused |= wanted  # not read again: see _as_planned
    for article, of in aliases:
        if of not in refused:
            store.save_alias(article, of)
    for forget in plan.forgotten:
        if forget.moved_to not in refused:
            store.forget(forget.doc, forget.moved_to)
    store.clear_staged_extractions()
    return problems


def _with_text(article: Article, stored: Article) -> Article:
    """``article`` (read without its text) with the text of the stored article that holds the same one."""
    return dataclasses.replace(article, text=stored.text, excluded=stored.excluded, text_sha256=None)


def _unstamped(quotes: list[Quote]) -> list[Quote]:
    """Stored quotes as extraction gives them: no key, no ID, no speaker or cluster yet."""
    return [dataclasses.replace(q, doc=None, quote_id=None, speaker_id=None, cluster_id=None) for q in quotes]
