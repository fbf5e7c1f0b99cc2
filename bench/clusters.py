"""How clustering time grows with the number of quotes.

Synthetic collections of 1k, 10k and 100k quotes are made from the seed
quotes: each statement is a seed quote with 70% of its words replaced
from the seeds' vocabulary (so statements differ), carried in one to four
versions (verbatim, trimmed, a word dropped, a word swapped), by speakers
whose sizes follow a Zipf law, so a few speakers have thousands of quotes and
go through the LSH path. Prints the time per size and the log-log slope of
time against size (1 is linear, 2 quadratic).

    .venv/bin/python bench/clusters.py [--sizes 1000 10000 100000] [--seed 7]
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import time
from collections import Counter
from pathlib import Path

from quotes.clusters import cluster_quotes
from quotes.model import Article, Quote

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


def synthetic_collection(size: int, seed: int) -> tuple[list[Quote], dict[str, Article]]:
    rng = random.Random(seed)
    templates, vocabulary = seed_statements(), seed_vocabulary()
    speakers = max(1, size // 25)
    weights = [1 / rank for rank in range(1, speakers + 1)]
    quotes: list[Quote] = []
    while len(quotes) < size:
        speaker = rng.choices(range(speakers), weights)[0]
        statement = new_statement(rng, templates, vocabulary)
        for _ in range(rng.randint(1, 4)):
            n = len(quotes)
            text = " ".join(version_of(rng, statement, vocabulary))
            quotes.append(Quote(start=0, end=len(text), text=text, speaker=f"Speaker {speaker}",
                                speaker_type="person", doc=f"d{n // 20}", quote_id=f"q-{n:08x}",
                                speaker_id=f"s-{speaker:06d}"))
    quotes = quotes[:size]
    articles = {
        doc: Article(doc=doc, text="", outlet=f"outlet {i % 7}", published=f"2024-01-{1 + i % 28:02d}")
        for i, doc in enumerate(sorted({q.doc for q in quotes}))
    }
    return quotes, articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    timings = []
    print(f"{'quotes':>8} {'largest block':>14} {'clusters':>9} {'seconds':>9} {'µs/quote':>9}")
    for size in args.sizes:
        quotes, articles = synthetic_collection(size, args.seed)
        largest = Counter(q.speaker_id for q in quotes).most_common(1)[0][1]
        started = time.perf_counter()
        clusters = cluster_quotes(quotes, articles)
        seconds = time.perf_counter() - started
        timings.append((size, seconds))
        print(f"{size:>8} {largest:>14} {len(clusters):>9} {seconds:>9.2f} {1e6 * seconds / size:>9.1f}")
    if len(timings) > 1:
        xs = [math.log(size) for size, _ in timings]
        ys = [math.log(seconds) for _, seconds in timings]
        mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
        print(f"growth exponent (log-log slope of time against quotes): {slope:.2f}")


if __name__ == "__main__":
    main()
