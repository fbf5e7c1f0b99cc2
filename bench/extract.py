"""How much the quotes component costs on top of spaCy, and how well two processes share the work.

    python bench/extract.py [--texts DIR] [--repeat N] [--profile] [--dask local] [--build]
    python bench/extract.py --texts DIR --runs bare:1 build:1     # only the runs named

Runs over the same articles, each in a fresh Python process so its peak
memory is its own: bare ``nlp.pipe`` (the spaCy model ``load_nlp`` builds on,
as shipped, without the pipes we add: the baseline) and the full
``extract_articles``, each with one and with two processes; ``extract_batches``
in a pool of two processes (what ``quotes build --processes 2`` runs); with
``--dask local``, ``extract_batches`` on a Dask LocalCluster of one and of two
workers; with ``--build``, a whole fresh ``quotes build`` (``quotes.api.build``
into a new database and index) with one and with two processes. Times are the
best of N repeats (loading the model is not timed, except in the process pool
and the build, which load it on every pass). Printed as a table with the
ratios we hold ourselves to, for every run: extraction / bare <= 1.10, a
fresh build / bare <= 1.15, and one-process / two-process speedup >= 1.7.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import spacy
from spacy.language import Language

from quotes import api
from quotes.distribute import extract_batches, worker_pipeline
from quotes.extract import choose_model, extract_articles, load_nlp
from quotes.ingest import read_articles
from quotes.model import Article

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "texts" / "dev"
SEEDS = ROOT / "seeds"
SEED_COPIES = 17  # 5 seeds x 17 is about as many articles as PolNeAR dev (84)
BATCH_SIZE = 16  # documents per batch, for both runs (spaCy's default of 1000 swells memory)
MAX_EXTRACTION_RATIO = 1.10
MAX_BUILD_RATIO = 1.15  # a whole build: extraction, the store, speakers, clusters and the index
MIN_SPEEDUP = 1.7
RUNS = (("bare", 1), ("extract", 1), ("bare", 2), ("extract", 2), ("pool", 2))
DASK_RUNS = (("dask", 1), ("dask", 2))
BUILD_RUNS = (("build", 1), ("build", 2))
LABELS = {"bare": "bare nlp.pipe", "extract": "extract_articles", "pool": "process pool", "dask": "dask LocalCluster",
          "build": "quotes build"}


@dataclass
class Run:
    mode: str  # "bare", "extract", "pool", "dask" or "build"
    processes: int  # worker processes (Dask workers for "dask")
    seconds: float  # wall clock
    cpu_seconds: float  # main process and workers
    main_cpu_seconds: float
    peak_mb: float  # the main process
    worker_peak_mb: float  # the largest worker process (0 with one process)
    quotes: int
    startup_seconds: float = 0.0  # "dask": starting the cluster and loading the model on its workers (not timed)


def read_corpus(texts_dir: Path | None) -> list[Article]:
    """The articles under ``texts_dir``, or the seeds replicated, read as ``quotes build`` reads them."""
    if texts_dir is not None:
        return [a for a in read_articles([texts_dir]) if isinstance(a, Article)]
    seeds = [a for a in read_articles([SEEDS]) if isinstance(a, Article)]
    return [replace(a, doc=f"{copy:02d}-{a.doc}") for copy in range(SEED_COPIES) for a in seeds]


def default_texts_dir() -> Path | None:
    return POLNEAR_DEV if POLNEAR_DEV.is_dir() else None


@dataclass
class Pass:
    seconds: float
    cpu_seconds: float  # this process and its workers
    main_cpu_seconds: float  # this process alone
    quotes: int


def time_once(mode: str, processes: int, nlp: Language | None, articles: list[Article]) -> Pass:
    """Time one pass over ``articles``: wall clock, CPU (workers included), and the quotes found."""
    started, main_started, workers_started = time.perf_counter(), cpu_seconds(SELF), cpu_seconds(WORKERS)
    if mode == "bare":
        texts = (a.searchable_text for a in articles)
        for _ in nlp.pipe(texts, n_process=processes, batch_size=BATCH_SIZE):
            pass
        found = 0
    elif mode == "pool":
        runs = extract_batches(iter(articles), processes=processes, batch_size=BATCH_SIZE)
        found = sum(len(quotes) for _, quotes in runs)
    elif mode == "build":
        found = fresh_build(articles, processes)
    else:
        runs = extract_articles(nlp, articles, n_process=processes, batch_size=BATCH_SIZE)
        found = sum(len(quotes) for _, quotes in runs)
    main = cpu_seconds(SELF) - main_started
    workers = cpu_seconds(WORKERS) - workers_started
    return Pass(time.perf_counter() - started, main + workers, main, found)


def fresh_build(articles: list[Article], processes: int) -> int:
    """Build ``articles`` (written out as files) into a new database and index, as ``quotes build`` does;
    the quotes it stored. Writing the files is part of the pass (a small share)."""
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "articles"
        inputs.mkdir()
        for article in articles:
            (inputs / Path(article.doc).name).write_text(article.text, encoding="utf-8")
        report = api.build([inputs], Path(folder) / "quotes.db", Path(folder) / "index", processes=processes)
        return report.quotes


SELF, WORKERS = resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN


def cpu_seconds(who: int) -> float:
    """CPU time of this process (SELF) or of its finished workers (WORKERS).

    Unlike wall time, other users' load does not inflate it.
    """
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def load_pipeline(mode: str) -> Language | None:
    """The extraction pipeline; for the baseline, the spaCy model it is built on, as shipped;
    none for the process pool, whose workers load their own."""
    if mode in ("pool", "build"):
        return None
    return spacy.load(choose_model()) if mode == "bare" else load_nlp()


def measure(mode: str, processes: int, texts_dir: Path | None, repeat: int) -> Run:
    """One benchmark run, inside the current (fresh) process."""
    articles = read_corpus(texts_dir)
    if mode == "dask":
        return measure_on_dask(processes, articles, repeat)
    nlp = load_pipeline(mode)
    passes = [time_once(mode, processes, nlp, articles) for _ in range(repeat)]
    return Run(mode, processes, seconds=min(p.seconds for p in passes),
               cpu_seconds=min(p.cpu_seconds for p in passes),
               main_cpu_seconds=min(p.main_cpu_seconds for p in passes),
               peak_mb=_max_rss_mb(SELF),
               worker_peak_mb=_max_rss_mb(WORKERS) if processes > 1 else 0.0,
               quotes=passes[0].quotes)


def _max_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def measure_on_dask(workers: int, articles: list[Article], repeat: int) -> Run:
    """A run on a LocalCluster of ``workers`` processes, started (and the model loaded on
    each worker) before the clock starts, as a long-running cluster would be."""
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        client.run(load_model, choose_model())
        startup = time.perf_counter() - started
        passes = [time_on_dask(client, cluster.scheduler_address, articles) for _ in range(repeat)]
        worker_peak_mb = max(client.run(_max_rss_mb, SELF).values())
    return Run("dask", workers, seconds=min(p.seconds for p in passes),
               cpu_seconds=min(p.cpu_seconds for p in passes),
               main_cpu_seconds=min(p.main_cpu_seconds for p in passes),
               peak_mb=_max_rss_mb(SELF), worker_peak_mb=worker_peak_mb,
               quotes=passes[0].quotes, startup_seconds=startup)


def load_model(model: str) -> None:
    """Load the pipeline on a Dask worker, as its first batch would."""
    worker_pipeline(model)


def time_on_dask(client, address: str, articles: list[Article]) -> Pass:
    """Time one pass on the cluster at ``address``: CPU counts this process (the client, and
    the scheduler and nannies a LocalCluster runs here) and the worker processes."""
    started, main_started, workers_started = time.perf_counter(), cpu_seconds(SELF), workers_cpu_seconds(client)
    runs = extract_batches(iter(articles), dask=address, batch_size=BATCH_SIZE)
    found = sum(len(quotes) for _, quotes in runs)
    main = cpu_seconds(SELF) - main_started
    workers = workers_cpu_seconds(client) - workers_started
    return Pass(time.perf_counter() - started, main + workers, main, found)


def workers_cpu_seconds(client) -> float:
    """CPU time so far of every worker process of the cluster (alive, so not in RUSAGE_CHILDREN)."""
    return sum(client.run(cpu_seconds, SELF).values())


def measure_in_child(mode: str, processes: int, texts_dir: Path | None, repeat: int, code_dir: Path) -> Run:
    """Run :func:`measure` in a fresh interpreter (so memory peaks do not mix) on the code in ``code_dir``."""
    command = [sys.executable, __file__, "--child", mode, str(processes), "--repeat", str(repeat)]
    if texts_dir is not None:
        command += ["--texts", str(texts_dir)]
    path = os.pathsep.join(p for p in (str(code_dir), os.environ.get("PYTHONPATH")) if p)
    child = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": path})
    if child.returncode != 0:
        raise SystemExit(f"the {mode} run with {processes} process(es) failed:\n{child.stderr}")
    return Run(**json.loads(child.stdout.splitlines()[-1]))


def snapshot_code(into: Path) -> Path:
    """Copy the quotes package as it is now, so all four runs measure the same code
    while others keep editing the shared checkout."""
    shutil.copytree(ROOT / "quotes", into / "quotes", ignore=shutil.ignore_patterns("__pycache__"))
    return into


def code_version() -> str:
    """The commit measured, and whether quotes/ had uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    dirty = " + uncommitted changes" if git("status", "--porcelain", "--", "quotes") else ""
    return f"{git('rev-parse', '--short', 'HEAD') or 'unknown commit'}{dirty}"


def format_table(runs: list[Run], articles: list[Article], source: str, repeat: int, code: str) -> str:
    by_key = {(r.mode, r.processes): r for r in runs}
    characters = sum(len(a.text) for a in articles)
    lines = [f"{len(articles)} articles, {characters:,} characters ({source}); best of {repeat}; code {code}",
             f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end "
             "(wall times and speedups need idle CPUs; CPU times do not)",
             f"{'run':<17} {'processes':>8} {'seconds':>8} {'CPU s':>7} {'main CPU s':>10} {'peak MB':>8} "
             f"{'worker MB':>9} {'quotes':>7}"]
    for r in runs:
        lines.append(f"{LABELS[r.mode]:<17} {r.processes:>8} {r.seconds:>8.2f} {r.cpu_seconds:>7.2f} "
                     f"{r.main_cpu_seconds:>10.2f} {r.peak_mb:>8.0f} {r.worker_peak_mb:>9.0f} "
                     f"{r.quotes if r.mode != 'bare' else '':>7}")
    lines += [ratio_to_bare(r, by_key["bare", r.processes]) for r in runs
              if r.mode != "bare" and ("bare", r.processes) in by_key]
    bare_speedup = by_key["bare", 1].seconds / by_key["bare", 2].seconds if ("bare", 2) in by_key else None
    # The process pool with one process is extract_articles: it parses in the calling process.
    one_process = {"bare": "bare", "extract": "extract", "pool": "extract", "dask": "dask", "build": "build"}
    for mode in ("bare", "extract", "pool", "dask", "build"):
        if (mode, 2) in by_key and (one_process[mode], 1) in by_key:
            speedup = by_key[one_process[mode], 1].seconds / by_key[mode, 2].seconds
            against = f"; bare spaCy {bare_speedup:.2f}" if mode != "bare" and bare_speedup else ""
            lines.append(f"speedup 1 -> 2 processes, {LABELS[mode]}: {speedup:.2f}  "
                         f"(target >= {MIN_SPEEDUP:.1f}{against})")
    for r in runs:
        if r.mode == "dask":
            lines.append(f"dask LocalCluster of {r.processes}: {r.startup_seconds:.2f} s to start and load the "
                         "model on its workers (not timed above)")
    return "\n".join(lines)


def ratio_to_bare(run: Run, bare: Run) -> str:
    """``run`` against bare spaCy with as many processes, wall and CPU."""
    processes = f"{run.processes} process{'es' if run.processes > 1 else ''}"
    target = MAX_BUILD_RATIO if run.mode == "build" else MAX_EXTRACTION_RATIO
    return (f"{LABELS[run.mode]} / bare, {processes}: {run.seconds / bare.seconds:.2f} wall, "
            f"{run.cpu_seconds / bare.cpu_seconds:.2f} CPU  (target <= {target:.2f})")


def profile_pipes(articles: list[Article]) -> str:
    """CPU seconds each pipe of the extraction pipeline spends, article by article (no batching).

    Unbatched, spaCy's own pipes run slower than in ``nlp.pipe``; the shares
    still show which of our pipes is worth making faster.
    """
    nlp = load_nlp()
    spent: Counter[str] = Counter()
    for article in articles:
        started = time.process_time()
        doc = nlp.make_doc(article.searchable_text)
        spent["make_doc"] += time.process_time() - started
        for name, pipe in nlp.pipeline:
            started = time.process_time()
            doc = pipe(doc)
            spent[name] += time.process_time() - started
    total = sum(spent.values())
    lines = [f"{'pipe':<20} {'CPU s':>7} {'share':>6}"]
    lines += [f"{name:<20} {seconds:>7.2f} {seconds / total:>6.1%}" for name, seconds in spent.items()]
    return "\n".join(lines)


def parse_run(text: str) -> tuple[str, int]:
    """ "build:2" as ("build", 2), for --runs."""
    mode, _, processes = text.partition(":")
    if mode not in LABELS or not processes.isdigit() or int(processes) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected MODE:PROCESSES with MODE one of {', '.join(LABELS)}")
    return mode, int(processes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=None,
                        help=f"folder of articles (default: {POLNEAR_DEV}, else the seeds x{SEED_COPIES})")
    parser.add_argument("--repeat", type=int, default=3, help="passes per run; the fastest counts")
    parser.add_argument("--profile", action="store_true",
                        help="also show the CPU time of each pipe, article by article")
    parser.add_argument("--dask", choices=["local"],
                        help="also time extract_batches on a Dask LocalCluster of 1 and of 2 workers")
    parser.add_argument("--build", action="store_true",
                        help="also time a whole fresh quotes build with one and with two processes")
    parser.add_argument("--runs", nargs="+", metavar="MODE:PROCESSES", type=parse_run,
                        help="only these runs, in this order (modes: " + ", ".join(LABELS) + "), e.g. bare:1 build:1")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PROCESSES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    texts_dir = args.texts or default_texts_dir()
    if args.child:
        mode, processes = args.child
        print(json.dumps(measure(mode, int(processes), texts_dir, args.repeat).__dict__))
        return
    articles = read_corpus(texts_dir)
    if not articles:
        parser.error(f"no articles in {texts_dir}")
    code = code_version()
    with tempfile.TemporaryDirectory() as folder:
        code_dir = snapshot_code(Path(folder))
        plan = args.runs or RUNS + (DASK_RUNS if args.dask else ()) + (BUILD_RUNS if args.build else ())
        runs = [measure_in_child(mode, processes, texts_dir, args.repeat, code_dir) for mode, processes in plan]
    source = str(texts_dir) if texts_dir else f"seeds x{SEED_COPIES}"
    print(format_table(runs, articles, source, args.repeat, code))
    if args.profile:
        print(profile_pipes(articles))


if __name__ == "__main__":
    main()
