"""The read side of ``scale.py`` alone: ``search()`` in-process and every page the app links to, on a database
made before, without building anything.

    .venv/bin/python bench/reads.py --db /tmp/scale/scale-250000/quotes.db --index /tmp/scale/scale-250000/index
    .venv/bin/python bench/reads.py --db quotes.db --index index --requests 20 --search-runs 10

``scale.py`` times these too, but first makes (or resolves again) its
databases and runs 1-article builds, an hour at 250k quotes; this times the
same queries and pages, with the same code (``search()`` in-process; the pages
on a ``quotes serve`` on loopback running a copy of the code taken at the
start), on the database given. The database is opened for writing once, as a
build would (the store brings an older database's schema up to date), and is
otherwise only read. Prints p50/p95 per query kind and per page, the issue-8
targets, and the load average before and after.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from extract import code_version, snapshot_code
from scale import (
    ALL_QUERIES, FULL, Landmarks, MIN_RUNS, TARGET_PAGE_P95_MS, TARGET_SEARCH_P95_MS, Effort, Published, Timings,
    find_landmarks, load_average, ms, progress, time_pages, time_searches, verdict,
)

from quotes.store import Store


def table(title: str, timings: dict[str, Timings], counts: bool = False) -> list[str]:
    lines = [f"{title:<30} {'p50':>7} {'p95':>7} {'CPU':>7}" + (f" {'runs':>5}" if counts else "")]
    for label, t in timings.items():
        lines.append(f"{label:<30} {ms(t.p50):>7} {ms(t.p95):>7} {ms(t.cpu_mean):>7}"
                     + (f" {len(t.samples):>5}" if counts else ""))
    return lines


def target_lines(quotes: int, searches: dict[str, Timings], pages: dict[str, Timings]) -> list[str]:
    search_p95 = searches[ALL_QUERIES].p95 * 1000
    slow = sorted(((t.p95 * 1000, label) for label, t in pages.items() if t.p95 * 1000 > TARGET_PAGE_P95_MS),
                  reverse=True)
    problems = [f"  {label}: {problem}" for label, t in {**searches, **pages}.items() if label != ALL_QUERIES
                for problem in dict.fromkeys(t.problems)]
    return [
        f"targets at {quotes:,} quotes:",
        f"  search() p95 <= {TARGET_SEARCH_P95_MS:g} ms: {search_p95:.0f} ms  {verdict(search_p95 <= TARGET_SEARCH_P95_MS)}",
        *([f"  every page p95 <= {TARGET_PAGE_P95_MS:g} ms: {len(slow)} of {len(pages)} over  {verdict(not slow)}"]
          if pages else []),
        *[f"    {label}: {p95:.0f} ms" for p95, label in slow],
        f"  no query or page failing or cut short: {len(problems)} problems  {verdict(not problems)}",
        *problems,
    ]


def time_every_page(db: Path, index: Path, marks: Landmarks, effort: Effort) -> dict[str, Timings]:
    """Every page, on a ``quotes serve`` running a copy of the code taken now (others may edit the checkout)."""
    with tempfile.TemporaryDirectory(prefix="quotes-reads-") as folder:
        code_dir = snapshot_code(Path(folder) / "code")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code_dir), os.environ.get("PYTHONPATH")]))}
        progress("pages")
        return time_pages(db, index, marks, effort, env, Published.read(code_dir))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a built database")
    parser.add_argument("--index", type=Path, required=True, help="its search index")
    parser.add_argument("--search-runs", type=int, default=FULL.search_runs, help="runs of each query")
    parser.add_argument("--requests", type=int, default=FULL.requests, help="requests per page (0: no pages)")
    parser.add_argument("--budget", type=float, default=FULL.budget,
                        help=f"seconds of runs per query or page, past which it stops after {MIN_RUNS}")
    args = parser.parse_args(argv)
    effort = Effort(builds=0, search_runs=args.search_runs, cli_runs=0, requests=args.requests, budget=args.budget)
    before = load_average()
    code = code_version()
    with Store(args.db) as store:
        quotes = store.counts()["quotes"]
    progress(f"{quotes:,} quotes: finding the landmarks")
    marks = find_landmarks(args.db)
    progress("searching")
    searches = time_searches(args.index, marks, effort)
    pages = time_every_page(args.db, args.index, marks, effort) if args.requests else {}
    print("\n".join([
        f"reads benchmark, code {code}, {quotes:,} quotes ({args.db})",
        f"load average before: {before} (1, 5, 15 min) on {os.cpu_count()} CPUs",
        f"ms: wall p50 / p95 / mean CPU (at most {effort.search_runs} runs a query, {effort.requests} requests "
        f"a page, fewer past {effort.budget:g} s)",
        *table("search() in-process", searches),
        *(table("page on quotes serve (loopback)", pages, counts=True) if pages else []),
        *target_lines(quotes, searches, pages),
        f"load average after: {load_average()} (1, 5, 15 min)",
    ]))


if __name__ == "__main__":
    sys.exit(main())
