"""Latency of the search page against Datasette's own table page, on one database.

Requests go through Datasette's in-process client (the whole app, no network):
the search page (``/-/search``) and its JSON for a mix of queries (a word, a
phrase, a wildcard, a fuzzy term, a boolean query, a speaker filter, every
quote by date), against the quotes table page and its JSON, and Datasette's
own FTS search of the table. Prints p50 and p95 in milliseconds for each, and
each as a ratio to the table page's p50 measured in the same run.

    .venv/bin/python bench/web.py                               # the seeds, built into a temporary folder
    .venv/bin/python bench/web.py --db dev.db --index dev-index --rounds 50
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import urllib.parse
from pathlib import Path

from quotes.api import build
from quotes.web import make_datasette
from quotes.web.config import quotes_database

ROOT = Path(__file__).resolve().parent.parent
SEARCHES = [
    {"q": "war"},
    {"q": '"actions speak louder"'},
    {"q": "escalat*"},
    {"q": "Hizbolah~"},
    {"q": "respond AND NOT iran"},
    {"q": "", "speaker": "Kata'ib Hezbollah"},
    {"q": "", "sort": "date"},
    {"q": "suspension", "by_cluster": "1"},
]


def cases(database: str) -> dict[str, list[str]]:
    """Each measured page: its name and the URLs it is requested with, in turn."""
    searches = ["?" + urllib.parse.urlencode(params) for params in SEARCHES]
    return {
        "table page": [f"/{database}/quotes"],
        "table page .json": [f"/{database}/quotes.json"],
        "table FTS search": [f"/{database}/quotes?_search=" + urllib.parse.quote(word) for word in ("war", "respond")],
        "search page": [f"/-/search{query}" for query in searches],
        "search page .json": [f"/-/search.json{query}" for query in searches],
    }


async def measure(datasette, urls: list[str], rounds: int) -> list[float]:
    """Milliseconds per request, ``rounds`` times over ``urls`` (after one warm-up pass)."""
    for url in urls:
        await datasette.client.get(url)
    times = []
    for _ in range(rounds):
        for url in urls:
            start = time.perf_counter()
            response = await datasette.client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run(db: Path, index: Path, rounds: int) -> None:
    datasette = make_datasette(db, index_dir=index)
    database = quotes_database(datasette)
    results = {name: await measure(datasette, urls, rounds) for name, urls in cases(database).items()}
    baseline = statistics.median(results["table page"])
    print(f"{'page':<20}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p50 / table':>13}")
    for name, times in results.items():
        p50 = statistics.median(times)
        print(f"{name:<20}{len(times):>9}{p50:>9.1f}{percentile(times, 0.95):>9.1f}{p50 / baseline:>13.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a built database (default: build the seeds)")
    parser.add_argument("--index", type=Path, help="its search index")
    parser.add_argument("--rounds", type=int, default=30, help="passes over each page's URLs")
    args = parser.parse_args()
    if args.db:
        asyncio.run(run(args.db, args.index or Path("index"), args.rounds))
        return
    with tempfile.TemporaryDirectory() as folder:
        db, index = Path(folder) / "quotes.db", Path(folder) / "index"
        build([ROOT / "seeds"], db, index)
        asyncio.run(run(db, index, args.rounds))


if __name__ == "__main__":
    main()
