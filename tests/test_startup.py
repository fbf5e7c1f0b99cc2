"""The commands that need no extraction start without importing spaCy (seconds of imports).

Each check runs in a fresh Python process: this one has long since imported it.
How long starting takes is measured in bench/startup.py, not here.
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from quotes.cli import cli

HEAVY = ("spacy",)
# Runs the real command (its own exit status included) and, as the process exits,
# prints on stderr which of the heavy modules were imported.
PROBE = (
    "import atexit, sys\n"
    f"atexit.register(lambda: print('heavy:', *[m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr))\n"
    "from quotes.cli import cli\n"
    "cli(sys.argv[1:], prog_name='quotes')\n"
)


def run_command(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    """One seed built into a real database and index, and the ID of one of its quotes."""
    work = tmp_path_factory.mktemp("startup")
    db, index = work / "quotes.db", work / "index"
    result = CliRunner().invoke(cli, ["build", str(seeds_dir / "003_b1a854914bfb7f38.txt"),
                                      "--db", str(db), "--index", str(index)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        (quote_id,) = conn.execute("select id from quotes order by id limit 1").fetchone()
    return db, index, quote_id


def test_importing_the_command_does_not_import_spacy():
    code = f"import quotes.cli, sys; print(*[m for m in {HEAVY!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_quotes_help_runs_in_a_fresh_process():
    result = subprocess.run([sys.executable, "-m", "quotes", "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: quotes")
    for command in ("build", "extract", "search", "show", "speakers", "serve", "eval"):
        assert command in result.stdout


def test_help_search_show_and_speakers_do_not_import_spacy(built):
    db, index, quote_id = built
    for args in (["--help"], ["search", "suspension", "--index", index], ["show", quote_id, "--db", db],
                 ["speakers", "--db", db]):
        result = run_command(*args)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip(), args
        assert result.stderr.splitlines()[-1] == "heavy:", args


def test_serve_does_not_import_spacy(tmp_path):
    """Up to where it would start the server: the database is missing, so it stops there."""
    result = run_command("serve", "--db", tmp_path / "none.db")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'none.db'} does not exist: run `quotes build` first",
                                          "heavy:"]
