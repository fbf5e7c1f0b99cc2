"""How extraction time grows with the number of quotation marks in one paragraph (issue 11).

    .venv/bin/python bench/quadratic.py [--sizes 2000 4000 8000 16000] [--repeat 1]

Each text is one paragraph made of a unit repeated ``size`` times:

* ``marks``: the unit ``“a” `` of issue 11, nothing but quotation marks;
* ``quotes``: ``“Yes,” said Jane Smith. “No,” she added. ``, attributed
  quotes with a name and a pronoun to resolve;
* ``prose``: ``She said they would win. ``, no marks at all (the baseline).

For each text the spaCy parse (``nlp`` without the ``quotes`` pipe) and the
``quotes`` pipe on the parsed doc are timed apart, in CPU seconds (a busy
shared machine disturbs them less than the wall clock). The last lines give
the growth exponent of each: the log-log slope of time against size (1 is
linear, 2 quadratic).
"""
from __future__ import annotations

import argparse
import math
import time

from quotes.extract import load_nlp

UNITS = {
    "marks": "\u201ca\u201d ",
    "quotes": "\u201cYes,\u201d said Jane Smith. \u201cNo,\u201d she added. ",
    "prose": "She said they would win. ",
}


def log_log_slope(timings: list[tuple[int, float]]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(size) for size, _ in timings]
    ys = [math.log(max(seconds, 1e-6)) for _, seconds in timings]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread


def cpu_seconds(work, repeat: int) -> tuple[float, object]:
    """The least CPU time of ``repeat`` calls of ``work()``, and its last result."""
    best, result = math.inf, None
    for _ in range(repeat):
        started = time.process_time()
        result = work()
        best = min(best, time.process_time() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    parser.add_argument("--repeat", type=int, default=1, help="passes per measure; the fastest counts")
    args = parser.parse_args()
    nlp = load_nlp()
    nlp.max_length = max(nlp.max_length, max(args.sizes) * max(map(len, UNITS.values())) + 1)
    component = nlp.get_pipe("quotes")
    print(f"{'text':<7} {'units':>6} {'chars':>7} {'tokens':>7} {'quotes':>7} {'parse CPU s':>12} {'quotes CPU s':>13}")
    slopes = {}
    for name, unit in UNITS.items():
        parse_times, quote_times = [], []
        for size in args.sizes:
            text = unit * size
            parse_s, doc = cpu_seconds(lambda: nlp(text, disable=["quotes"]), args.repeat)
            quotes_s, doc = cpu_seconds(lambda: component(doc), args.repeat)
            parse_times.append((size, parse_s))
            quote_times.append((size, quotes_s))
            print(f"{name:<7} {size:>6} {len(text):>7} {len(doc):>7} {len(doc._.quotes):>7} "
                  f"{parse_s:>12.2f} {quotes_s:>13.2f}", flush=True)
        slopes[name] = (log_log_slope(parse_times), log_log_slope(quote_times))
    print("growth exponent (log-log slope of CPU time against units; 1 is linear, 2 quadratic):")
    for name, (parse_slope, quotes_slope) in slopes.items():
        print(f"  {name:<7} parse {parse_slope:.2f}   quotes {quotes_slope:.2f}")


if __name__ == "__main__":
    main()
