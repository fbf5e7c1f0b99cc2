"""Extraction spread over workers: every core of this machine, or a Dask cluster.

    extract_batches(articles, processes=4)                  # four processes on this machine
    extract_batches(articles, dask="local")                 # a Dask LocalCluster on this machine
    extract_batches(articles, dask="tcp://10.0.0.5:8786")   # a running Dask cluster

Articles go out in batches and :class:`~quotes.model.Quote` records come back,
never spaCy Docs (many times larger). Each worker process loads the pipeline
once (:func:`worker_pipeline`) and makes records with the same code as a
one-process run (:func:`quotes.extract.extract_articles`), so quote IDs and
every field are the same. Results are handed back in article order; the input
is read lazily, with at most ``max_in_flight`` batches out at a time, so memory
stays bounded however many articles there are.

``distributed`` is imported only when a Dask cluster is asked for.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import sys
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING

from spacy.language import Language

from .errors import ClusterError, UsageError
from .extract import choose_model, extract_articles, load_nlp
from .model import Article, Quote

if TYPE_CHECKING:
    from distributed import Client

LOCAL = "local"  # the --dask value that starts a LocalCluster
BATCH_SIZE = 16  # articles per batch: small enough to spread 100 articles, large enough for nlp.pipe
CONNECT_TIMEOUT = 30.0  # seconds to reach a Dask scheduler (Dask's own default)

Extracted = Iterator[tuple[Article, list[Quote]]]


def extract_batches(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    processes: int | None = None,
    dask: str | None = None,
    batch_size: int = BATCH_SIZE,
    max_in_flight: int | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> Extracted:
    """``(article, quotes)`` for each article, in order, exactly as one-process extraction gives them.

    ``dask`` is a scheduler address (``tcp://host:8786``), or ``"local"`` for a
    LocalCluster of ``processes`` workers; without it, extraction runs in
    ``processes`` processes on this machine. ``processes`` defaults to the
    number of cores; ``max_in_flight`` (batches out at a time) to two per worker.
    """
    processes = processes or os.cpu_count() or 1
    for name, value in (("processes", processes), ("batch_size", batch_size), ("max_in_flight", max_in_flight)):
        if value is not None and value < 1:
            raise UsageError(f"{name} must be at least 1, not {value}")
    if dask is not None:
        return extract_on_dask(
            articles, dask, model=model, local_workers=processes, batch_size=batch_size,
            max_in_flight=max_in_flight, connect_timeout=connect_timeout,
        )
    return extract_in_processes(
        articles, model=model, processes=processes, batch_size=batch_size, max_in_flight=max_in_flight
    )


def extract_in_processes(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    processes: int = 1,
    batch_size: int = BATCH_SIZE,
    max_in_flight: int | None = None,
    start_method: str | None = None,
) -> Extracted:
    """:func:`extract_batches` in ``processes`` worker processes on this machine, started by
    ``start_method`` ("fork" or "spawn"; by default as :func:`default_start_method` chooses).

    One process, or input that fits in one batch, is parsed here: starting
    workers would cost more than it saves.
    """
    name = choose_model(model)
    batches = batched(articles, batch_size)
    opening = list(itertools.islice(batches, 2))
    batches = itertools.chain(opening, batches)
    if processes == 1 or len(opening) < 2:
        yield from extract_articles(load_nlp(name), itertools.chain.from_iterable(batches), batch_size=batch_size)
        return
    start_method = start_method or default_start_method()
    if start_method == "fork":
        worker_pipeline(name)  # loaded once, here: every worker starts with it
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(start_method))
    latest: list[Article] = []  # the last batch sent: the batches in flight run from the one awaited to it

    def submit(batch: list[Article]) -> Future:
        latest[:] = batch
        return pool.submit(extract_batch, name, batch)

    try:
        for batch, future in in_order(batches, submit, max_in_flight or 2 * processes):
            try:
                found = future.result()
            except BrokenProcessPool as error:
                # A dead worker fails every batch in flight, so which one it was parsing is not known.
                raise ClusterError(
                    f"a worker process died (out of memory?) while parsing one of the articles from "
                    f"{batch[0].doc} to {latest[-1].doc}; try fewer --processes"
                ) from error
            yield from zip(batch, found)
    finally:
        pool.shutdown(cancel_futures=True)


def default_start_method() -> str:
    """How the pool starts its workers: "fork" where that is safe, else "spawn".

    A forked worker starts at once with the pipeline this process loaded; a
    spawned one starts a fresh interpreter, imports spaCy and loads the model
    (two to three seconds of CPU each, a tenth of a dev build). Fork is used on
    Linux, and only while this process runs one thread: a fork copies the
    calling thread alone, and a lock another thread held stays held in the child.
    """
    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def extract_on_dask(
    articles: Iterable[Article],
    address: str,
    *,
    model: str | None = None,
    local_workers: int = 2,
    batch_size: int = BATCH_SIZE,
    max_in_flight: int | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> Extracted:
    """:func:`extract_batches` on the Dask cluster at ``address``, or on a LocalCluster
    of ``local_workers`` processes (started and closed here) when ``address`` is ``"local"``.

    The model is chosen here, so every worker loads the same one. When a worker
    dies mid-batch, the scheduler reruns its batch on another worker (up to
    ``distributed.scheduler.allowed-failures`` times); a batch that kills every
    worker it reaches ends the run with :class:`~quotes.errors.ClusterError`.
    """
    from distributed import CancelledError, KilledWorker

    name = choose_model(model)
    run = uuid.uuid4().hex[:8]
    numbers = itertools.count()
    with dask_client(address, local_workers, connect_timeout) as client:
        window = max_in_flight or 2 * max(1, sum(client.nthreads().values()))

        def submit(batch: list[Article]) -> Future:
            # The key names the batch, so the dashboard and the logs say which one a task is.
            return client.submit(extract_batch, name, batch, key=f"extract-quotes-{next(numbers)}-{run}")

        for batch, future in in_order(batched(articles, batch_size), submit, window):
            try:
                found = future.result()
            except KilledWorker as error:
                raise ClusterError(
                    f"{describe(batch)} killed every Dask worker that parsed it (out of memory?): {error}"
                ) from error
            except CancelledError as error:
                raise ClusterError(f"lost the Dask scheduler at {address} while parsing {describe(batch)}") from error
            yield from zip(batch, found)


@contextmanager
def dask_client(address: str, local_workers: int, connect_timeout: float) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a LocalCluster for ``"local"``; closed on exit."""
    from distributed import Client, LocalCluster

    if address == LOCAL:
        # Quiet: what goes wrong reaches the caller as an exception; Dask's log lines
        # (a worker's traceback, a restart) would only repeat it on the user's terminal.
        with LocalCluster(
            n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as cluster, Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        client = Client(address, timeout=connect_timeout, set_as_default=False)
    except (OSError, ValueError) as error:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address!r}: {error}. Start one with `dask scheduler` "
            f"and workers with `dask worker tcp://HOST:8786`, or use --dask local"
        ) from error
    with client:
        yield client


def in_order(
    batches: Iterable[list[Article]],
    submit: Callable[[list[Article]], Future],
    max_in_flight: int,
) -> Iterator[tuple[list[Article], Future]]:
    """Submit each batch and hand back ``(batch, future)`` oldest first, with at most
    ``max_in_flight`` batches submitted and not yet handed back."""
    pending: deque[tuple[list[Article], Future]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= max_in_flight:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``articles`` in lists of ``size`` (the last may be shorter), read as they are needed."""
    remaining = iter(articles)
    while batch := list(itertools.islice(remaining, size)):
        yield batch


def describe(batch: list[Article]) -> str:
    docs = [article.doc for article in batch]
    return f"the batch of {len(docs)} articles from {docs[0]} to {docs[-1]}"


_pipelines: dict[str, Language] = {}
_loading = threading.Lock()  # a Dask worker may run batches in several threads


def worker_pipeline(model: str) -> Language:
    """The pipeline ``model``, loaded by the first batch a worker process runs and kept for the rest."""
    with _loading:
        if model not in _pipelines:
            _pipelines[model] = load_nlp(model)
        return _pipelines[model]


def extract_batch(model: str, articles: list[Article]) -> list[list[Quote]]:
    """Worker side: the quotes of each article of one batch, in order (records only: no Doc travels)."""
    nlp = worker_pipeline(model)
    return [found for _, found in extract_articles(nlp, articles, batch_size=len(articles))]
