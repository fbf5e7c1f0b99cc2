"""How a build's memory grows with the number of input files: it should not (issue 8).

    .venv/bin/python bench/memory.py                      # 100 and 1,000 files (copies of the seeds)
    .venv/bin/python bench/memory.py --sizes 100 400 --processes 1

Each size is a folder of copies of the five seeds (each copy with a line of
its own, so no two texts are alike), built into a new database by
``quotes.api.build`` in a fresh Python process. Prints the peak resident
memory of that process (the build's main process: reading, planning, staging,
saving, resolving, indexing) and of its largest worker, against the number of
files and the characters they hold. Texts are dropped once hashed and read
again a batch at a time, so the main process should grow far slower than the
input; what it keeps per article is a small record, its quotes (for
resolution, which a first build does over everything) and their index rows.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def write_copies(folder: Path, files: int) -> int:
    """``files`` copies of the seeds in ``folder``; the characters written."""
    seeds = sorted(SEEDS.glob("*.txt"))
    written = 0
    for n in range(files):
        seed = seeds[n % len(seeds)]
        text = seed.read_text(encoding="utf-8") + f"\n\n(Copy {n}.)\n"
        (folder / f"{n:06d}-{seed.name}").write_text(text, encoding="utf-8")
        written += len(text)
    return written


def build_in_child(folder: Path, processes: int) -> dict:
    """Build ``folder`` in a fresh interpreter; its peak memory and its workers'."""
    code = (
        "import json, resource, sys\n"
        "from quotes import api\n"
        f"report = api.build([{str(folder / 'in')!r}], {str(folder / 'quotes.db')!r}, {str(folder / 'index')!r}, "
        f"processes={processes})\n"
        "print(json.dumps({'quotes': report.quotes, "
        "'main_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "
        "'worker_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if child.returncode != 0:
        raise SystemExit(f"the build failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="input files per build")
    parser.add_argument("--processes", type=int, default=2, help="processes for parsing")
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    print(f"{'files':>7} {'MB of text':>10} {'quotes':>7} {'main MB':>8} {'worker MB':>9}")
    for files in args.sizes:
        with tempfile.TemporaryDirectory(prefix="quotes-memory-") as work:
            folder = Path(work)
            (folder / "in").mkdir()
            characters = write_copies(folder / "in", files)
            peak = build_in_child(folder, args.processes)
        print(f"{files:>7} {characters / 1e6:>10.2f} {peak['quotes']:>7} {peak['main_mb']:>8.0f} "
              f"{peak['worker_mb']:>9.0f}", flush=True)
    print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
