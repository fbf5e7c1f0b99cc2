"""bench/scale.py runs end to end on a tiny database copied from the seeds, and prints its report.

A smoke test: it checks that every section of the report is printed, never a
time (bench/README.md has the numbers). The seeds stand in for PolNeAR, whose
first extraction takes minutes, and the counts are cut to the least that
exercises each path.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = (
    "databases: copies saved with Store.save_article",
    "1-article incremental build",
    "search() in-process",
    "pages on quotes serve (loopback)",
    "errors and time-outs:",
    "targets at",
    "search page against the quotes table page (issue 7)",
    "load average before:",
    "load average after:",
)
ROWS = ("all queries", "quote page", "speaker page", "cluster page", "article page", "quotes table", "search .json")


def test_quick_run_prints_its_report(tmp_path):
    command = [
        sys.executable, str(ROOT / "bench" / "scale.py"), "--quick", "--texts", str(ROOT / "seeds"),
        "--sizes", "150", "--cache", str(tmp_path / "cache"), "--out", str(tmp_path / "out"),
        "--search-runs", "1", "--cli-runs", "0", "--requests", "1",
    ]
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    for expected in SECTIONS + ROWS:
        assert expected in run.stdout, f"{expected!r} missing from:\n{run.stdout}"
    assert (tmp_path / "out" / "scale-150" / "made.json").exists()
