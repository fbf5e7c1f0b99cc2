"""How clustering time grows with the number of quotes.

Synthetic collections of 1k, 10k and 100k quotes are made from the seed
quotes: each statement is a seed quote with 70% of its words replaced
from the seeds' vocabulary (so statements differ), carried in one to four
versions (verbatim, trimmed, a word dropped, a word swapped), by speakers
whose sizes follow a Zipf law, so a few speakers have thousands of quotes in
one block. Prints, per size, the time (wall clock, and CPU time,
which a busy shared machine disturbs less), the pair precision and recall of
the clusters against the statements the versions were made from, and the share
of clustered versions flagged (none of these versions is a rewording, so it
should stay near 0), then the log-log slope of time against size (1 is linear,
2 quadratic).

    .venv/bin/python bench/clusters.py [--sizes 1000 10000 100000] [--seed 7]
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import time
from collections import Counter
from pathlib import Path

from quotes.clusters import cluster_quotes
from quotes.model import Article, Cluster, Quote

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[A-Za-z']+")


def seed_statements() -> list[list[str]]:
    """The words of every seed gold quote of four words or more."""
    statements = []
    with (ROOT / "tests" / "data" / "seeds_gold.jsonl").open(encoding="utf-8") as lines:
        for doc in map(json.loads, lines):
            statements += [q["text"].split() for q in doc["quotes"] if len(q["text"].split()) >= 4]
    return statements


def seed_vocabulary() -> list[str]:
    words = set()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        words |= set(WORD.findall(path.read_text(encoding="utf-8")))
    return sorted(words)


def new_statement(rng: random.Random, templates: list[list[str]], vocabulary: list[str]) -> list[str]:
    words = list(rng.choice(templates))
    for i in rng.sample(range(len(words)), len(words) * 7 // 10):
        words[i] = rng.choice(vocabulary)
    return words


def version_of(rng: random.Random, words: list[str], vocabulary: list[str]) -> list[str]:
    """One outlet's version: verbatim, trimmed, a word dropped or a word swapped."""
    change = rng.choice(("verbatim", "trim", "drop", "swap"))
    words = list(words)
    if change == "trim" and len(words) > 6:
        length = rng.randint(len(words) * 2 // 3, len(words) - 1)
        first = rng.randint(0, len(words) - length)
        words = words[first:first + length]
    elif change == "drop":
        del words[rng.randrange(len(words))]
    elif change == "swap":
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return words


def synthetic_collection(
    size: int, seed: int
) -> tuple[list[Quote], dict[str, Article], dict[str, str], dict[str, int]]:
    """``size`` quotes, their articles, each quote's speaker and the statement it is a version of (by quote ID)."""
    rng = random.Random(seed)
    templates, vocabulary = seed_statements(), seed_vocabulary()
    speakers, documents = max(1, size // 25), max(1, size // 20)
    zipf = list(itertools.accumulate(1 / rank for rank in range(1, speakers + 1)))
    quotes: list[Quote] = []
    speaker_of: dict[str, str] = {}
    statement_of: dict[str, int] = {}
    for statement_number in itertools.count():
        if len(quotes) >= size:
            break
        speaker = rng.choices(range(speakers), cum_weights=zipf)[0]
        statement = new_statement(rng, templates, vocabulary)
        for _ in range(min(rng.randint(1, 4), size - len(quotes))):
            n = len(quotes)
            text = " ".join(version_of(rng, statement, vocabulary))
            quotes.append(Quote(start=0, end=len(text), text=text, speaker=f"Speaker {speaker}",
                                speaker_type="person", doc=f"d{rng.randrange(documents)}", quote_id=f"q-{n:08x}"))
            speaker_of[quotes[-1].quote_id] = f"s-{speaker:06d}"
            statement_of[quotes[-1].quote_id] = statement_number
    articles = {
        doc: Article(doc=doc, text="", outlet=f"outlet {i % 7}", published=f"2024-01-{1 + i % 28:02d}")
        for i, doc in enumerate(sorted({q.doc for q in quotes}))
    }
    return quotes, articles, speaker_of, statement_of


def pair_precision_recall(clusters: list[Cluster], statement_of: dict[str, int]) -> tuple[float, float]:
    """Of the quote pairs put in one cluster, the share that are versions of one statement; and the reverse."""
    def pairs(count: int) -> int:
        return count * (count - 1) // 2

    true_pairs = sum(pairs(n) for n in Counter(statement_of.values()).values())
    found = right = 0
    for cluster in clusters:
        found += pairs(len(cluster.members))
        right += sum(pairs(n) for n in Counter(statement_of[m.quote_id] for m in cluster.members).values())
    return (right / found if found else 1.0, right / true_pairs if true_pairs else 1.0)


def flagged_share(clusters: list[Cluster]) -> float:
    """The share of clustered versions flagged as departing from their statement."""
    members = [m for cluster in clusters for m in cluster.members]
    return sum(m.flagged for m in members) / len(members) if members else 0.0


def log_log_slope(timings: list[tuple[int, float]]) -> float:
    xs = [math.log(size) for size, _ in timings]
    ys = [math.log(seconds) for _, seconds in timings]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    timings, cpu_timings = [], []
    print(f"{'quotes':>8} {'largest block':>14} {'clusters':>9} {'precision':>9} {'recall':>7} "
          f"{'flagged':>7} {'seconds':>8} {'CPU s':>8} {'CPU µs/q':>9}")
    for size in args.sizes:
        quotes, articles, speaker_of, statement_of = synthetic_collection(size, args.seed)
        largest = Counter(speaker_of.values()).most_common(1)[0][1]
        started, cpu_started = time.perf_counter(), time.process_time()
        clusters = cluster_quotes(quotes, articles, speaker_of)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        timings.append((size, seconds))
        cpu_timings.append((size, cpu))
        precision, recall = pair_precision_recall(clusters, statement_of)
        print(f"{size:>8} {largest:>14} {len(clusters):>9} {precision:>9.3f} {recall:>7.3f} "
              f"{flagged_share(clusters):>7.3f} {seconds:>8.2f} {cpu:>8.2f} {1e6 * cpu / size:>9.1f}")
    if len(timings) > 1:
        print(f"growth exponent (log-log slope of time against quotes): {log_log_slope(timings):.2f} wall, "
              f"{log_log_slope(cpu_timings):.2f} CPU")


if __name__ == "__main__":
    main()
