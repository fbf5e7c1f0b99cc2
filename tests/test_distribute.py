"""Extraction in several processes and on a real Dask LocalCluster gives the records of one process.

The clusters here are small (two worker processes, one thread each) and
always closed: the machine running the tests may be shared.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from quotes.distribute import extract_batches, extract_in_processes
from quotes.errors import ClusterError, ModelError
from quotes.extract import extract_articles
from quotes.ingest import read_articles
from quotes.model import Article

POLNEAR_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear" / "texts" / "dev"
POLNEAR_ARTICLES = 30  # a few dozen: enough for many batches, little enough for a shared machine


def read(folder: Path) -> list[Article]:
    return [a for a in read_articles([folder]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> list[Article]:
    return read(seeds_dir)


@pytest.fixture(scope="module")
def seeds_and_polnear(seeds) -> list[Article]:
    """The seeds, then the first PolNeAR dev articles, read in place from ../shared."""
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR dev texts not found at {POLNEAR_DEV} (they live in ../shared, outside the project)")
    return seeds + read(POLNEAR_DEV)[:POLNEAR_ARTICLES]


def records(extracted: Iterator[tuple[Article, list]]) -> list[tuple[str, list[dict]]]:
    """Each article's name with its quotes, every field of every quote."""
    return [(article.doc, [quote.to_dict() for quote in quotes]) for article, quotes in extracted]


def one_process(nlp, articles: list[Article]) -> list[tuple[str, list[dict]]]:
    return records(extract_articles(nlp, articles))


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes; a batch may kill workers twice before the run gives up on it."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        scheduler_kwargs={"allowed_failures": 1},
    ) as local:
        yield local


class ExitWorkerOnBatch(WorkerPlugin):
    """Ends the worker process, as a crash would, when it starts batch ``number``.

    With ``once`` (a marker file), only the first time any worker starts it.
    """

    name = "exit-worker-on-batch"

    def __init__(self, number: int, once: Path | None = None):
        self.key_prefix = f"extract-quotes-{number}-"
        self.once = once

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or not str(key).startswith(self.key_prefix):
            return
        if self.once is not None:
            if self.once.exists():
                return
            self.once.touch()
        os._exit(1)


@pytest.fixture
def crashing(cluster) -> Iterator[Client]:
    """A client to register :class:`ExitWorkerOnBatch` with; the plugin is removed afterwards
    and the cluster given its two workers back."""
    with Client(cluster, set_as_default=False) as client:
        yield client
        client.unregister_worker_plugin(ExitWorkerOnBatch.name)
        client.wait_for_workers(2, timeout=120)


def test_a_local_cluster_gives_the_records_of_one_process(nlp, seeds):
    extracted = extract_batches(iter(seeds), dask="local", processes=2, batch_size=2)
    assert records(extracted) == one_process(nlp, seeds)


def test_a_cluster_gives_the_records_of_one_process_quote_by_quote(nlp, cluster, seeds_and_polnear):
    extracted = records(extract_batches(iter(seeds_and_polnear), dask=cluster.scheduler_address, batch_size=4))
    expected = one_process(nlp, seeds_and_polnear)
    assert [doc for doc, _ in extracted] == [a.doc for a in seeds_and_polnear]
    assert sum(len(quotes) for _, quotes in expected) > 100
    assert extracted == expected


def test_spawned_processes_give_the_records_of_one_process(nlp, seeds_and_polnear):
    extracted = extract_in_processes(iter(seeds_and_polnear), processes=2, batch_size=8, start_method="spawn")
    assert records(extracted) == one_process(nlp, seeds_and_polnear)


# Forked workers are tested in a fresh interpreter: this one runs other tests' threads, and the pool
# forks only a process of one thread (see default_start_method).
IN_FRESH_INTERPRETER = """
import json, os, sys
from quotes import distribute
from quotes.errors import ClusterError
from quotes.ingest import read_articles
from quotes.model import Article

folder, dying = sys.argv[1], sys.argv[2]
articles = [a for a in read_articles([folder]) if isinstance(a, Article)]
parse = distribute.extract_articles

def parse_or_die(nlp, batch, **options):  # a forked worker runs this: it is in the memory it copied
    if any(article.doc == dying for article in batch):
        os._exit(1)
    return parse(nlp, batch, **options)

distribute.extract_articles = parse_or_die
print(json.dumps({"start method": distribute.default_start_method()}))
try:
    for article, quotes in distribute.extract_batches(iter(articles), processes=2, batch_size=1):
        print(json.dumps([article.doc, [quote.to_dict() for quote in quotes]]))
except ClusterError as error:
    print(json.dumps({"error": str(error)}))
"""


def run_forked(folder: Path, dying: str = "") -> list:
    """What IN_FRESH_INTERPRETER prints, line by line: the start method, each article, any error."""
    run = subprocess.run([sys.executable, "-c", IN_FRESH_INTERPRETER, str(folder), dying],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_forked_processes_give_the_records_of_one_process(nlp, seeds, seeds_dir):
    started, *extracted = run_forked(seeds_dir)
    assert started == {"start method": "fork"}
    assert extracted == json.loads(json.dumps(one_process(nlp, seeds)))


def test_a_worker_process_that_dies_ends_the_run_naming_the_articles_in_flight(seeds, seeds_dir):
    docs = [article.doc for article in seeds]
    *_, last = run_forked(seeds_dir, dying=docs[2])
    named = re.search(r"died \(out of memory\?\) while parsing one of the articles from (\S+) to (\S+);", last["error"])
    assert named, last
    assert docs.index(named[1]) <= 2 <= docs.index(named[2])


def test_articles_are_read_as_batches_are_sent(cluster, seeds):
    read_so_far = []

    def reading() -> Iterator[Article]:
        for article in seeds:
            read_so_far.append(article.doc)
            yield article

    extracted = extract_batches(reading(), dask=cluster.scheduler_address, batch_size=1, max_in_flight=2)
    first, _ = next(extracted)
    assert first.doc == seeds[0].doc
    assert len(read_so_far) == 2  # the batch handed back and the one still in flight
    assert [first.doc] + [article.doc for article, _ in extracted] == [a.doc for a in seeds]


def test_a_worker_that_dies_mid_run_has_its_batch_rerun(nlp, cluster, crashing, seeds, tmp_path):
    crashed = tmp_path / "crashed"
    crashing.register_plugin(ExitWorkerOnBatch(2, once=crashed))
    extracted = records(extract_batches(iter(seeds), dask=cluster.scheduler_address, batch_size=1))
    assert crashed.exists()
    assert [doc for doc, _ in extracted] == [a.doc for a in seeds]
    assert extracted == one_process(nlp, seeds)


def test_a_batch_that_kills_every_worker_ends_the_run_with_its_articles_named(cluster, crashing, seeds):
    crashing.register_plugin(ExitWorkerOnBatch(1))
    with pytest.raises(ClusterError, match=f"from {seeds[1].doc} to {seeds[1].doc} killed every Dask worker"):
        list(extract_batches(iter(seeds), dask=cluster.scheduler_address, batch_size=1))


def test_a_model_missing_on_the_workers_is_named(cluster, seeds):
    with pytest.raises(ModelError, match="'no_such_model' is not installed"):
        list(extract_batches(iter(seeds), dask=cluster.scheduler_address, model="no_such_model"))


def test_an_unreachable_scheduler_is_a_cluster_error(seeds):
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at '{address}'.*dask scheduler"):
        list(extract_batches(iter(seeds), dask=address, connect_timeout=1))


def test_a_malformed_address_is_a_cluster_error(seeds):
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at 'scheduler-host'"):
        list(extract_batches(iter(seeds), dask="scheduler-host"))
