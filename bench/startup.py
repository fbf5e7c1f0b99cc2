"""How long ``quotes`` takes to start, as a multiple of a bare Python start.

    python bench/startup.py [--runs N]

Times three commands, each in a fresh process, run in turns so that the noise
of a shared machine falls on all of them alike:

- ``python -c pass``: the baseline, the interpreter alone;
- ``quotes --help``: the command's own start (click, quotes.cli and what it imports);
- ``python -c "import spacy"``: what every command paid to start when
  ``quotes.cli`` imported it, for comparison.

Prints the median wall time of each and their ratios to the baseline. We hold
``quotes --help`` to at most five times a bare start (MAX_HELP_RATIO).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

MAX_HELP_RATIO = 5.0
QUOTES = Path(sys.executable).with_name("quotes")  # the console script installed beside this Python
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "quotes --help": [str(QUOTES), "--help"],
    "import spacy": [sys.executable, "-c", "import spacy"],
}
BASELINE = "python -c pass"


def wall_time(command: list[str]) -> float:
    """Seconds from starting ``command`` to its exit."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command (default 9)")
    runs = parser.parse_args().runs
    if not QUOTES.exists():
        sys.exit(f"{QUOTES} not found: run this with the Python of the virtualenv quotes is installed in")
    for command in COMMANDS.values():
        wall_time(command)  # once untimed, so the first timed run does not pay for a cold disk cache
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(wall_time(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians[BASELINE]
    print(f"median wall time of {runs} runs each")
    print(f"{'command':<26} {'ms':>8} {'x baseline':>11}")
    for name, seconds in medians.items():
        print(f"{name:<26} {seconds * 1000:>8.0f} {seconds / baseline:>11.1f}")
    ratio = medians["quotes --help"] / baseline
    verdict = "ok" if ratio <= MAX_HELP_RATIO else "TOO SLOW"
    print(f"quotes --help / python -c pass = {ratio:.1f} (at most {MAX_HELP_RATIO:.0f}: {verdict})")


if __name__ == "__main__":
    main()
